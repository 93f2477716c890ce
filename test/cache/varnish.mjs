// Varnish (Debian's varnish), started in the foreground on a loopback port the kernel picks, with
// its own working directory and a VCL that routes /<adapter>/… to that adapter's upstream. The hash
// is Varnish's default (URL and Host): the Origin is not in it, so, as behind nginx, only the
// upstream's `Vary: Origin` keeps the variants apart. Varnish stores one object per Vary variant.
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { output, stopper, waitUntilAnswering } from './process.mjs'

const VARNISHD = process.env.VARNISHD ?? '/usr/sbin/varnishd'
const VARNISHADM = process.env.VARNISHADM ?? '/usr/bin/varnishadm'

/**
 * @typedef {import('./run.mjs').Upstream} Upstream
 * @typedef {import('./run.mjs').SharedCache} SharedCache
 */

/** @param {Upstream[]} upstreams */
function vcl(upstreams) {
  const backends = upstreams.map((u) => `backend ${u.adapter} { .host = "127.0.0.1"; .port = "${u.port}"; }`)
  const routes = upstreams.map(
    (u) => `  if (req.url ~ "^/${u.adapter}/") {
    set req.backend_hint = ${u.adapter};
    return (hash);
  }`,
  )
  return `vcl 4.1;
${backends.join('\n')}

sub vcl_recv {
${routes.join('\n')}
  return (synth(404));
}

# No Origin in the hash on purpose (vcl_hash is the built-in one: URL and Host). The URL keeps its
# /<adapter>/ prefix there, so each adapter has its own objects; only the backend sees it stripped.
sub vcl_backend_fetch {
  set bereq.url = regsub(bereq.url, "^/[a-z]+/", "/");
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache-Status = "HIT";
  } else {
    set resp.http.X-Cache-Status = "MISS";
  }
}
`
}

/** @type {SharedCache} */
export const varnish = {
  name: 'varnish',
  title: 'Varnish',
  missing: () =>
    existsSync(VARNISHD) ? undefined : `no varnishd at ${VARNISHD} (apt-get install varnish, or set VARNISHD)`,
  version: () => output(VARNISHD, ['-V']).then((text) => text.split('\n')[0] ?? ''),
  async start(dir, upstreams) {
    const file = join(dir, 'corsica.vcl')
    writeFileSync(file, vcl(upstreams))
    const work = join(dir, 'varnish')
    // -j none: no privilege separation, so the temporary folder needs no varnish user; port 0: a free port.
    const args = ['-F', '-j', 'none', '-n', work, '-a', '127.0.0.1:0', '-f', file, '-s', 'malloc,32m']
    const child = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    child.stdout.on('data', (chunk) => (log += chunk))
    child.stderr.on('data', (chunk) => (log += chunk))
    const stop = stopper(child, 'SIGTERM')
    const address = await listenAddress(child, work)
    if (address === undefined || !(await waitUntilAnswering(child, () => address))) {
      await stop()
      throw new Error(`varnishd did not start: ${log}`)
    }
    return { address, stop }
  },
}

/**
 * The port varnishd picked, from its management CLI (retried while the child starts).
 * @param {import('node:child_process').ChildProcess} child
 * @param {string} work
 * @returns {Promise<{ host: string, port: number } | undefined>}
 */
async function listenAddress(child, work) {
  for (let attempt = 0; attempt < 50 && child.exitCode === null; attempt++) {
    const text = await output(VARNISHADM, ['-n', work, 'debug.listen_address'])
    const match = /127\.0\.0\.1 (\d+)/.exec(text)
    if (match) return { host: '127.0.0.1', port: Number(match[1]) }
    await new Promise((done) => setTimeout(done, 100))
  }
  return undefined
}
