// What the nginx suites share (test/cache: proxy_cache; test/cli: hand-written add_header rules):
// where nginx is, the config every run needs around a suite's own server, and starting nginx in a
// temporary prefix of its own.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Debian's nginx (nginx-light) unless NGINX names another binary. */
export const NGINX = process.env.NGINX ?? '/usr/sbin/nginx'

/**
 * Why nginx cannot run here, or undefined.
 * @returns {string | undefined}
 */
export function nginxMissing() {
  return existsSync(NGINX) ? undefined : `no nginx at ${NGINX} (apt-get install nginx-light, or set NGINX)`
}

/**
 * A whole nginx.conf for the prefix `dir`: in the foreground, one worker, the pid, the error log
 * and every temporary path in `dir`, no access log; `http` is the rest of the http block.
 * @param {string} dir
 * @param {string} http
 */
export function nginxConfig(dir, http) {
  // Debian's nginx runs its workers as `nobody` when started by root; keep them as the caller so
  // they can write the temporary prefix.
  const user = process.getuid?.() === 0 ? 'user root;\n' : ''
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
${http}
}
`
}

/**
 * Writes `config` to `dir`/nginx.conf and starts nginx on it, in the prefix `dir`; `stderr()` is
 * what it has printed so far.
 * @param {string} dir
 * @param {string} config
 */
export function spawnNginx(dir, config) {
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, config)
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return { child, stderr: () => stderr }
}

/**
 * The error for an nginx that did not start: what it printed, and its error log in `dir`.
 * @param {string} dir
 * @param {string} stderr
 */
export function nginxFailure(dir, stderr) {
  const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''
  return new Error(`nginx did not start: ${stderr}${log}`)
}
