// nginx with proxy_cache (Debian's nginx-light), on a Unix socket with its own temporary prefix
// and config. The cache key leaves the Origin out on purpose (`$scheme$proxy_host$request_uri`),
// so the upstream's `Vary: Origin` is the only thing that separates one origin's copy from another's.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { NGINX, nginxConfig, nginxFailure, nginxMissing, spawnNginx } from '../support/nginx.mjs'
import { output, stopper, waitUntilAnswering } from './process.mjs'

/**
 * @typedef {import('./run.mjs').Upstream} Upstream
 * @typedef {import('./run.mjs').SharedCache} SharedCache
 */

/**
 * @param {string} dir the temporary prefix
 * @param {Upstream[]} upstreams
 */
function config(dir, upstreams) {
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
  return nginxConfig(
    dir,
    `  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=corsica:1m max_size=16m inactive=10m use_temp_path=off;
  server {
    listen unix:${dir}/nginx.sock;
    ${locations}
  }`,
  )
}

/** @type {SharedCache} */
export const nginx = {
  name: 'nginx',
  title: 'nginx proxy_cache',
  missing: nginxMissing,
  version: () => output(NGINX, ['-v']),
  async start(dir, upstreams) {
    mkdirSync(join(dir, 'cache'))
    const { child, stderr } = spawnNginx(dir, config(dir, upstreams))
    const address = { socketPath: join(dir, 'nginx.sock') }
    const stop = stopper(child, 'SIGQUIT')
    if (!(await waitUntilAnswering(child, () => (existsSync(address.socketPath) ? address : undefined)))) {
      await stop()
      throw nginxFailure(dir, stderr())
    }
    return { address, stop }
  },
}
