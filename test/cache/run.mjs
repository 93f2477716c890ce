#!/usr/bin/env node
// corsica behind a real shared cache: Debian's nginx with proxy_cache, started on a Unix socket
// with its own temporary prefix and config, in front of upstreams that use corsica (node, express
// and fetch adapters). The cache key deliberately leaves the Origin out
// (`$scheme$proxy_host$request_uri`), so the upstream's `Vary: Origin` is the only thing that keeps
// one origin's Access-Control-Allow-Origin from being served to another.
//
// Every order of {A, B, C (allowed), evil origin, no Origin} is sent twice to a fresh URL (a fresh
// cache entry): the first pass fills the cache, the second must be served from it (HIT), and every
// response must carry exactly the right Access-Control-Allow-Origin, or none.
//
// Modes:  vary      corsica as shipped                        → no poisoning, HITs happen
//         stripped  same, with Vary removed after corsica     → poisoning MUST be detected (a test of the test)
//         star      origin '*': no Vary, same headers for all → cache-safe without Vary
//
//   npm run test:cache            NGINX=/path/to/nginx (default /usr/sbin/nginx)
//   CORSICA_REQUIRE_PROXY=1       a missing nginx fails instead of skipping (CI)
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { skipOrFail } from '../support/system.mjs'

/**
 * @typedef {'node' | 'express' | 'fetch'} Adapter
 * @typedef {'vary' | 'stripped' | 'star'} Mode
 * @typedef {Awaited<ReturnType<typeof loadCorsica>>} Corsica
 * @typedef {{ adapter: Adapter, stats: { requests: number }, port: number, close: () => Promise<void> }} Upstream
 * @typedef {{ adapter: Adapter, mode: Mode, requests: number, hits: number, misses: number, upstream: number,
 *   verdict: string, ok: boolean }} Row
 */

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx'
const ALLOWED = ['https://a.example.com', 'https://b.example.com', 'http://localhost:3000']
const EVIL = 'https://evil.example.net'
/** The five kinds of request; undefined = no Origin header. */
const CLIENTS = [...ALLOWED, EVIL, undefined]
/** @type {Adapter[]} */
const ADAPTERS = ['node', 'express', 'fetch']
/** @type {Mode[]} */
const MODES = ['vary', 'stripped', 'star']
const label = (/** @type {string | undefined} */ origin) => origin ?? '(no Origin)'

/** @type {(reason: string) => never} */
const skip = (reason) => skipOrFail('test:cache', 'CORSICA_REQUIRE_PROXY', reason)

/**
 * @template T
 * @param {T[]} items
 * @returns {T[][]}
 */
function permutations(items) {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  )
}

async function loadCorsica() {
  const dist = resolve(import.meta.dirname, '../..', process.env.CORSICA_DIST ?? 'dist')
  const load = (/** @type {string} */ name) => import(pathToFileURL(resolve(dist, `${name}.js`)).href)
  /**
   * @type {[typeof import('corsica/node'), typeof import('corsica/express'), typeof import('corsica/fetch'),
   *   { default: typeof import('express') }]}
   */
  const [node, express, fetchAdapter, expressApp] = await Promise.all([
    load('node'),
    load('express'),
    load('fetch'),
    import('express'),
  ])
  return { node, express, fetch: fetchAdapter, createExpressApp: expressApp.default, dist }
}

const optionsFor = (/** @type {Mode} */ mode) => (mode === 'star' ? { origin: '*' } : { origin: ALLOWED })
/** The mode a request's path starts with: nginx forwards only /<adapter>/<mode>/… to an upstream. */
const modeOf = (/** @type {string} */ url) => /** @type {Mode} */ (MODES.find((mode) => url.startsWith(`/${mode}/`)))
const BODY = 'cacheable'
const CACHEABLE = {
  'content-type': 'text/plain',
  'cache-control': 'public, max-age=60',
  'content-length': String(BODY.length),
}

/**
 * An upstream for one adapter; /<mode>/… picks the corsica instance. Counts the requests it serves.
 * @param {Corsica} corsica
 * @param {Adapter} adapter
 * @returns {Promise<Upstream>}
 */
function upstream(corsica, adapter) {
  const stats = { requests: 0 }
  /** @type {http.RequestListener} */
  let listener
  if (adapter === 'node') {
    const handlers = /** @type {Record<Mode, import('corsica/node').NodeCorsHandler>} */ (
      Object.fromEntries(MODES.map((mode) => [mode, corsica.node.cors(optionsFor(mode))]))
    )
    listener = (req, res) => {
      stats.requests++
      const mode = modeOf(req.url ?? '')
      if (handlers[mode](req, res)) return
      if (mode === 'stripped') res.removeHeader('vary')
      res.writeHead(200, CACHEABLE).end(BODY)
    }
  } else if (adapter === 'express') {
    const app = corsica.createExpressApp()
    app.use((_req, _res, next) => {
      stats.requests++
      next()
    })
    for (const mode of MODES) {
      app.use(`/${mode}`, corsica.express.cors(optionsFor(mode)), (_req, res) => {
        if (mode === 'stripped') res.removeHeader('vary')
        res.set(CACHEABLE).send(BODY)
      })
    }
    listener = app
  } else {
    const handlers = /** @type {Record<Mode, (request: Request) => Response | Promise<Response>>} */ (
      Object.fromEntries(
        MODES.map((mode) => [
          mode,
          corsica.fetch.withCors(() => new Response(BODY, { headers: CACHEABLE }), optionsFor(mode)),
        ]),
      )
    )
    listener = async (req, res) => {
      stats.requests++
      const mode = modeOf(req.url ?? '')
      // nginx sends each header on one line here: every value is a string.
      const headers = /** @type {Record<string, string>} */ (req.headers)
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers })
      const response = await handlers[mode](request)
      if (mode === 'stripped') response.headers.delete('vary')
      res.writeHead(response.status, Object.fromEntries(response.headers))
      if (response.body === null) res.end()
      else Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (response.body)).pipe(res)
    }
  }
  const server = http.createServer(listener)
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () =>
      done({
        adapter,
        stats,
        port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
        close: () =>
          /** @type {Promise<void>} */ (
            new Promise((closed) => {
              server.closeAllConnections()
              server.close(() => closed())
            })
          ),
      }),
    )
  })
}

/**
 * @param {string} dir the temporary prefix
 * @param {Upstream[]} upstreams
 */
function nginxConfig(dir, upstreams) {
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

/**
 * @param {string} socketPath nginx's
 * @param {string} path
 * @param {string | undefined} origin
 * @returns {Promise<{ status: number | undefined, acao: string | undefined, vary: string | undefined,
 *   cache: string | string[] | undefined }>}
 */
function request(socketPath, path, origin) {
  return new Promise((done, fail) => {
    const headers = origin === undefined ? {} : { origin }
    const req = http.request({ socketPath, path, headers }, (res) => {
      res.resume()
      res.on('end', () =>
        done({
          status: res.statusCode,
          acao: res.headers['access-control-allow-origin'],
          vary: res.headers.vary,
          cache: res.headers['x-cache-status'],
        }),
      )
    })
    req.on('error', fail)
    req.end()
  })
}

/**
 * @param {string} dir
 * @param {Upstream[]} upstreams
 */
async function startNginx(dir, upstreams) {
  mkdirSync(join(dir, 'cache'))
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, nginxConfig(dir, upstreams))
  const child = spawn(NGINX, ['-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })))
  const socketPath = join(dir, 'nginx.sock')
  // Bounded wait for the socket to answer.
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break
    if (existsSync(socketPath)) {
      try {
        await request(socketPath, '/', undefined)
        break
      } catch {}
    }
    await new Promise((done) => setTimeout(done, 50))
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGQUIT')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  if (child.exitCode !== null || !existsSync(socketPath)) {
    await stop()
    const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''
    throw new Error(`nginx did not start: ${stderr}${log}`)
  }
  return { socketPath, stop }
}

/**
 * Sends every order twice to fresh URLs; returns the wrong answers and the cache statuses seen.
 * @param {string} socketPath
 * @param {Adapter} adapter
 * @param {Mode} mode
 * @param {(string | undefined)[][]} orders
 */
async function runMode(socketPath, adapter, mode, orders) {
  /** @type {string[]} */
  const wrong = []
  const cache = { HIT: 0, MISS: 0, other: 0 }
  let poisonedOrders = 0
  for (const [index, order] of orders.entries()) {
    const path = `/${adapter}/${mode}/resource-${index}`
    let poisoned = false
    for (const pass of [1, 2]) {
      for (const origin of order) {
        const res = await request(socketPath, path, origin)
        if (res.cache === 'HIT' || res.cache === 'MISS') cache[res.cache]++
        else cache.other++
        let expected = origin !== undefined && ALLOWED.includes(origin) ? origin : undefined
        if (mode === 'star') expected = '*'
        if (res.status !== 200 || res.acao !== expected) {
          poisoned = true
          if (wrong.length < 5)
            wrong.push(
              `order ${order.map(label).join(' → ')}, pass ${pass}: ${label(origin)} got ACAO ${res.acao ?? '(none)'} (${res.cache}), expected ${expected ?? '(none)'}`,
            )
        }
        if (mode === 'star' && res.vary !== undefined) wrong.push(`star: unexpected Vary ${res.vary}`)
        if (mode === 'vary' && !/\borigin\b/i.test(res.vary ?? ''))
          wrong.push(`vary: response without Vary: Origin for ${label(origin)}`)
      }
    }
    if (poisoned) poisonedOrders++
  }
  return { wrong, cache, poisonedOrders }
}

async function main() {
  if (!existsSync(NGINX)) skip(`no nginx at ${NGINX} (apt-get install nginx-light, or set NGINX)`)
  const corsica = await loadCorsica()
  const orders = permutations(CLIENTS)
  const dir = mkdtempSync(join(tmpdir(), 'corsica-cache-'))
  /** @type {Upstream[]} */
  const upstreams = []
  /** @type {Awaited<ReturnType<typeof startNginx>> | undefined} */
  let nginx
  let failed = false
  try {
    for (const adapter of ADAPTERS) upstreams.push(await upstream(corsica, adapter))
    nginx = await startNginx(dir, upstreams)
    /** @type {Row[]} */
    const rows = []
    for (const u of upstreams) {
      for (const mode of MODES) {
        const before = u.stats.requests
        const result = await runMode(nginx.socketPath, u.adapter, mode, orders)
        const requests = orders.length * CLIENTS.length * 2
        const upstreamRequests = u.stats.requests - before
        let ok
        let verdict
        if (mode === 'stripped') {
          // The test of the test: without Vary the cache must be caught serving a wrong ACAO in every order.
          ok = result.poisonedOrders === orders.length && result.cache.HIT > 0
          verdict = ok
            ? `poisoning detected in ${result.poisonedOrders}/${orders.length} orders (expected)`
            : `poisoning detected in only ${result.poisonedOrders}/${orders.length} orders: the suite cannot see it`
        } else {
          // Second passes must be served from the cache: the variants are stored, not just passed through.
          const hitsExpected = orders.length * CLIENTS.length
          ok = result.wrong.length === 0 && result.cache.HIT >= hitsExpected
          verdict = ok
            ? `every ACAO right in ${orders.length}/${orders.length} orders`
            : (result.wrong[0] ?? `only ${result.cache.HIT} HITs, expected at least ${hitsExpected}`)
        }
        rows.push({
          adapter: u.adapter,
          mode,
          requests,
          hits: result.cache.HIT,
          misses: result.cache.MISS,
          upstream: upstreamRequests,
          verdict,
          ok,
        })
        if (!ok) {
          failed = true
          console.error(`FAILED ${u.adapter}/${mode}:\n  ${result.wrong.join('\n  ')}`)
        } else if (mode === 'stripped') {
          console.log(`${u.adapter}/stripped, e.g.: ${result.wrong[0]}`)
        }
      }
    }
    /** @type {(keyof Row)[]} */
    const columns = ['adapter', 'mode', 'requests', 'hits', 'misses', 'upstream', 'verdict']
    const cells = rows.map((r) => columns.map((c) => String(r[c])))
    const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)))
    console.log(`\n${columns.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')}`)
    for (const row of cells) console.log(row.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | '))
    /** @type {string} */
    const version = await new Promise((done) => {
      const child = spawn(NGINX, ['-v'], { stdio: ['ignore', 'ignore', 'pipe'] })
      let text = ''
      child.stderr.on('data', (chunk) => (text += chunk))
      child.on('exit', () => done(text.trim()))
    })
    console.log(
      `\n${orders.length} orders × ${CLIENTS.length} clients × 2 passes per adapter and mode; ${version}; corsica from ${corsica.dist}`,
    )
    console.log(failed ? 'test:cache FAILED' : 'test:cache passed')
  } finally {
    await nginx?.stop()
    await Promise.all(upstreams.map((u) => u.close()))
    rmSync(dir, { recursive: true, force: true })
  }
  process.exitCode = failed ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
