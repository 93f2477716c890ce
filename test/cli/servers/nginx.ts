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
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nginxConfig, nginxFailure, spawnNginx } from '../../support/nginx.mjs'
import { freePort, type Running } from './listen.js'

export { nginxMissing } from '../../support/nginx.mjs'

const CORS = `add_header Access-Control-Allow-Origin $http_origin;
      add_header Access-Control-Allow-Credentials true;
      add_header Vary Origin;`

const CORS_ALWAYS = `add_header Access-Control-Allow-Origin $http_origin always;
      add_header Access-Control-Allow-Credentials true always;
      add_header Vary Origin always;`

function config(dir: string, port: number): string {
  return nginxConfig(
    dir,
    `  default_type text/plain;
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
  }`,
  )
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
  const { child, stderr } = spawnNginx(dir, config(dir, port))
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
  await close()
  throw nginxFailure(dir, stderr())
}
