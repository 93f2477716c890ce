// nginx with proxy_cache (Debian's nginx-light), on a Unix socket with its own temporary prefix
// and config. The cache key leaves the Origin out on purpose (`$scheme$proxy_host$request_uri`),
// so the upstream's `Vary: Origin` is the only thing that separates one origin's copy from another's.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { output, stopper, waitUntilAnswering } from './process.mjs'

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx'

/**
 * @typedef {import('./run.mjs').Upstream} Upstream
 * @typedef {import('./run.mjs').SharedCache} SharedCache
 */

/**
 * @param {string} dir the temporary prefix
 * @param {Upstream[]} upstreams
 */
function config(dir, upstreams) {
  // Debian's nginx runs its workers as `nobody` when started by root; keep them as the caller so
  // they can write the temporary prefix.
  const user = process.getuid?.() === 0 ? 'user root;\n' : ''
  const locations = upstreams
    .map(
      (u) => `
    location /${u.adapter}/ {
      proxy_pass http://127.0.0.1:${u.port}/;
      proxy_cache corsica;
      # No $http_origin here on purpose: only the upstream's Vary separates the variants.
      proxy_cache_key $scheme$proxy_host$request_uri;
      proxy_cache_valid 200 1m;
      add_header X-Cache-Status $upstream_cache_status always;
    }`,
    )
    .join('\n')
  return `${user}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=corsica:1m max_size=16m inactive=10m use_temp_path=off;
  server {
    listen unix:${dir}/nginx.sock;
    ${locations}
  }
}
`
}

/** @type {SharedCache} */
export const nginx = {
  name: 'nginx',
  title: 'nginx proxy_cache',
  missing: () => (existsSync(NGINX) ? undefined : `no nginx at ${NGINX} (apt-get install nginx-light, or set NGINX)`),
  version: () => output(NGINX, ['-v']),
  async start(dir, upstreams) {
    mkdirSync(join(dir, 'cache'))
    const conf = join(dir, 'nginx.conf')
    writeFileSync(conf, config(dir, upstreams))
    const child = spawn(NGINX, ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const address = { socketPath: join(dir, 'nginx.sock') }
    const stop = stopper(child, 'SIGQUIT')
    if (!(await waitUntilAnswering(child, () => (existsSync(address.socketPath) ? address : undefined)))) {
      await stop()
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''
      throw new Error(`nginx did not start: ${stderr}${log}`)
    }
    return { address, stop }
  },
}
