// nginx (Debian's nginx-light) on a loopback port with hand-written add_header rules, in a
// temporary prefix, including the classic mistakes:
//   /ok              add_header (no `always`), 200: the headers are there
//   /missing         add_header without `always`, 404: nginx drops them on the error response
//   /error           add_header without `always`, 500: dropped too
//   /always-missing  add_header … always, 404: kept (the page can read the 404)
//   /preflight       OPTIONS answered in an `if` with every header it needs, and `always`
//   /if-drop         the OPTIONS `if` has its own add_header, which replaces the location's: the
//                    preflight goes out without Access-Control-Allow-Origin
//   /inherit         the server level has the CORS headers, the location one add_header of its
//                    own: nothing is inherited, the CORS headers are gone
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, type Running } from './listen.js'

export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx'

/** Why nginx cannot run here, or undefined. */
export function nginxMissing(): string | undefined {
  return existsSync(NGINX) ? undefined : `no nginx at ${NGINX} (apt-get install nginx-light, or set NGINX)`
}
const CORS = `add_header Access-Control-Allow-Origin $http_origin;
      add_header Access-Control-Allow-Credentials true;
      add_header Vary Origin;`

const CORS_ALWAYS = `add_header Access-Control-Allow-Origin $http_origin always;
      add_header Access-Control-Allow-Credentials true always;
      add_header Vary Origin always;`

function config(dir: string, port: number): string {
  const user = process.getuid?.() === 0 ? 'user root;\n' : ''
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  default_type text/plain;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
  server {
    listen 127.0.0.1:${port};
    add_header Access-Control-Allow-Origin $http_origin;
    location = / { return 200 "nginx"; }
    location /ok {
      ${CORS}
      return 200 "ok";
    }
    location /missing {
      ${CORS}
      return 404;
    }
    location /error {
      ${CORS}
      return 500;
    }
    location /always-missing {
      ${CORS_ALWAYS}
      return 404;
    }
    location /preflight {
      if ($request_method = OPTIONS) {
        ${CORS_ALWAYS}
        add_header Access-Control-Allow-Methods "GET, POST, PUT, DELETE" always;
        add_header Access-Control-Allow-Headers $http_access_control_request_headers always;
        return 204;
      }
      ${CORS}
      return 200 "preflight";
    }
    location /if-drop {
      ${CORS}
      if ($request_method = OPTIONS) {
        add_header Access-Control-Allow-Methods "GET, POST, PUT, DELETE";
        add_header Access-Control-Allow-Headers $http_access_control_request_headers;
        return 204;
      }
      return 200 "if-drop";
    }
    location /inherit {
      add_header X-Frame-Options DENY;
      return 200 "inherit";
    }
  }
}
`
}

function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      res.resume()
      done(true)
    })
    req.on('error', () => done(false))
  })
}

/** Starts nginx in a temporary prefix; resolves once it answers (within 5 s). */
export async function startNginx(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'corsica-cli-nginx-'))
  const port = await freePort()
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, config(dir, port))
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  for (let attempt = 0; attempt < 100 && child.exitCode === null; attempt++) {
    if (await answers(port)) return { url: `http://127.0.0.1:${port}`, close }
    await new Promise((done) => setTimeout(done, 50))
  }
  const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''
  await close()
  throw new Error(`nginx did not start: ${stderr}${log}`)
}
