#!/usr/bin/env node
// corsica behind real shared caches: Debian's nginx with proxy_cache (nginx.mjs) and Varnish
// (varnish.mjs), each started by this run with its own temporary config, in front of upstreams that
// use corsica through each adapter (node, express, fetch, and fastify, koa and hono in their
// frameworks: framework-upstreams.mjs). Neither cache key holds the Origin, so the upstream's
// `Vary: Origin` is the only thing that keeps one origin's Access-Control-Allow-Origin from being
// served to another.
//
// Every order of {A, B, C (allowed), evil origin, no Origin} is sent twice to a fresh URL (a fresh
// cache entry): the first pass fills the cache, the second must be served from it (HIT), and every
// response must carry exactly the right Access-Control-Allow-Origin, or none.
//
// Modes:  vary      corsica as shipped                        → no poisoning, HITs happen
//         stripped  same, with Vary removed after corsica     → poisoning MUST be detected (a test of the test)
//         star      origin '*': no Vary, same headers for all → cache-safe without Vary
//
//   npm run test:cache            NGINX=/path/to/nginx (default /usr/sbin/nginx), VARNISHD=/path/to/varnishd
//   CORSICA_CACHES=nginx,varnish  the caches to run (default both)
//   CORSICA_REQUIRE_PROXY=1       a missing cache fails instead of skipping (CI)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { loadAdapters } from '../support/dist.mjs'
import { skipOrFail } from '../support/system.mjs'
import { nginx } from './nginx.mjs'
import { request } from './process.mjs'
import { varnish } from './varnish.mjs'
import { fastifyListener, honoFetch, koaListener } from './framework-upstreams.mjs'

/**
 * @typedef {'node' | 'express' | 'fetch' | 'fastify' | 'koa' | 'hono'} Adapter
 * @typedef {'vary' | 'stripped' | 'star'} Mode
 * @typedef {import('../support/dist.mjs').Adapters} Corsica
 * @typedef {{ adapter: Adapter, stats: { requests: number }, port: number, close: () => Promise<void> }} Upstream
 * @typedef {{ cache: string, adapter: Adapter, mode: Mode, requests: number, hits: number, misses: number,
 *   upstream: number, verdict: string, ok: boolean }} Row
 * @typedef {import('./process.mjs').Address} Address
 * A shared cache this suite can start in a temporary folder, in front of the upstreams.
 * @typedef {object} SharedCache
 * @property {string} name
 * @property {string} title
 * @property {() => string | undefined} missing why it cannot run here, or undefined
 * @property {() => Promise<string>} version
 * @property {(dir: string, upstreams: Upstream[]) => Promise<{ address: Address, stop: () => Promise<void> }>} start
 */

/** @type {SharedCache[]} */
const CACHES = [nginx, varnish]
const ALLOWED = ['https://a.example.com', 'https://b.example.com', 'http://localhost:3000']
const EVIL = 'https://evil.example.net'
/** The five kinds of request; undefined = no Origin header. */
const CLIENTS = [...ALLOWED, EVIL, undefined]
/** @type {Adapter[]} */
const ADAPTERS = ['node', 'express', 'fetch', 'fastify', 'koa', 'hono']
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

const optionsFor = (/** @type {Mode} */ mode) => (mode === 'star' ? { origin: '*' } : { origin: ALLOWED })
/** The mode a request's path starts with: nginx forwards only /<adapter>/<mode>/… to an upstream. */
const modeOf = (/** @type {string} */ url) => /** @type {Mode} */ (MODES.find((mode) => url.startsWith(`/${mode}/`)))
const BODY = 'cacheable'
const CACHEABLE = {
  'content-type': 'text/plain',
  'cache-control': 'public, max-age=60',
  'content-length': String(BODY.length),
}
/** What the framework upstreams (framework-upstreams.mjs) serve. */
const SETUP = { modes: MODES, optionsFor, body: BODY, headers: CACHEABLE }

/**
 * node:http -> Request -> `handler` -> Response -> res.
 * @param {(request: Request) => Response | Promise<Response>} handler
 * @returns {http.RequestListener}
 */
function fetchBridge(handler) {
  return async (req, res) => {
    // nginx sends each header on one line here: every value is a string.
    const headers = /** @type {Record<string, string>} */ (req.headers)
    const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers }))
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (response.body === null) res.end()
    else Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (response.body)).pipe(res)
  }
}

/**
 * The application behind each adapter's upstream: /<mode>/… picks the corsica instance.
 * @type {Record<Adapter, (corsica: Corsica) => http.RequestListener | Promise<http.RequestListener>>}
 */
const LISTENERS = {
  node(corsica) {
    const handlers = /** @type {Record<Mode, import('corsica/node').NodeCorsHandler>} */ (
      Object.fromEntries(MODES.map((mode) => [mode, corsica.node.cors(optionsFor(mode))]))
    )
    return (req, res) => {
      const mode = modeOf(req.url ?? '')
      if (handlers[mode](req, res)) return
      if (mode === 'stripped') res.removeHeader('vary')
      res.writeHead(200, CACHEABLE).end(BODY)
    }
  },
  express(corsica) {
    const app = corsica.createExpressApp()
    for (const mode of MODES) {
      app.use(`/${mode}`, corsica.express.cors(optionsFor(mode)), (_req, res) => {
        if (mode === 'stripped') res.removeHeader('vary')
        res.set(CACHEABLE).send(BODY)
      })
    }
    return app
  },
  fetch(corsica) {
    const handlers = /** @type {Record<Mode, (request: Request) => Response | Promise<Response>>} */ (
      Object.fromEntries(
        MODES.map((mode) => [
          mode,
          corsica.fetch.withCors(() => new Response(BODY, { headers: CACHEABLE }), optionsFor(mode)),
        ]),
      )
    )
    return fetchBridge(async (request) => {
      const mode = modeOf(new URL(request.url).pathname)
      const response = await handlers[mode](request)
      if (mode === 'stripped') response.headers.delete('vary')
      return response
    })
  },
  fastify: (corsica) => fastifyListener(corsica.fastify, SETUP),
  koa: (corsica) => koaListener(corsica.koa, SETUP),
  hono: (corsica) => fetchBridge(honoFetch(corsica.hono, SETUP)),
}

/**
 * An upstream for one adapter. Counts the requests it serves.
 * @param {Corsica} corsica
 * @param {Adapter} adapter
 * @returns {Promise<Upstream>}
 */
async function upstream(corsica, adapter) {
  const stats = { requests: 0 }
  const app = await LISTENERS[adapter](corsica)
  /** @type {http.RequestListener} */
  const listener = (req, res) => {
    stats.requests++
    app(req, res)
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
 * Sends every order twice to fresh URLs; returns the wrong answers and the cache statuses seen.
 * @param {Address} address the cache's
 * @param {Adapter} adapter
 * @param {Mode} mode
 * @param {(string | undefined)[][]} orders
 */
async function runMode(address, adapter, mode, orders) {
  /** @type {string[]} */
  const wrong = []
  const cache = { HIT: 0, MISS: 0, other: 0 }
  let poisonedOrders = 0
  for (const [index, order] of orders.entries()) {
    const path = `/${adapter}/${mode}/resource-${index}`
    let poisoned = false
    for (const pass of [1, 2]) {
      for (const origin of order) {
        const res = await request(address, path, origin)
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

/**
 * Every adapter and mode behind one cache, on fresh URLs.
 * @param {SharedCache} cache
 * @param {Upstream[]} upstreams
 * @param {(string | undefined)[][]} orders
 * @param {string} dir
 * @returns {Promise<Row[]>}
 */
async function runCache(cache, upstreams, orders, dir) {
  const started = await cache.start(dir, upstreams)
  /** @type {Row[]} */
  const rows = []
  try {
    for (const u of upstreams) {
      for (const mode of MODES) {
        const before = u.stats.requests
        const result = await runMode(started.address, u.adapter, mode, orders)
        const upstreamRequests = u.stats.requests - before
        const { ok, verdict } = judge(mode, result, orders.length, upstreamRequests)
        const requests = orders.length * CLIENTS.length * 2
        const counts = { requests, hits: result.cache.HIT, misses: result.cache.MISS, upstream: upstreamRequests }
        rows.push({ cache: cache.name, adapter: u.adapter, mode, ...counts, verdict, ok })
        if (!ok) console.error(`FAILED ${cache.name} ${u.adapter}/${mode}:\n  ${result.wrong.join('\n  ')}`)
        else if (mode === 'stripped') console.log(`${cache.name} ${u.adapter}/stripped, e.g.: ${result.wrong[0]}`)
      }
    }
  } finally {
    await started.stop()
  }
  return rows
}

/**
 * A mode's verdict. `stripped` is the test of the test: without Vary the cache must be caught
 * serving a wrong ACAO in every order. The others must be right everywhere, and their second
 * passes served from the cache (the variants are stored, not just passed through).
 * @param {Mode} mode
 * @param {Awaited<ReturnType<typeof runMode>>} result
 * @param {number} orders
 * @param {number} upstream requests the adapter's upstream served
 */
function judge(mode, result, orders, upstream) {
  // An answer that never came from this adapter's upstream tests the cache, not the adapter.
  if (upstream === 0) return { ok: false, verdict: 'the upstream served nothing: every answer came from elsewhere' }
  if (mode === 'stripped') {
    const ok = result.poisonedOrders === orders && result.cache.HIT > 0
    const verdict = ok
      ? `poisoning detected in ${result.poisonedOrders}/${orders} orders (expected)`
      : `poisoning detected in only ${result.poisonedOrders}/${orders} orders: the suite cannot see it`
    return { ok, verdict }
  }
  const hitsExpected = orders * CLIENTS.length
  const ok = result.wrong.length === 0 && result.cache.HIT >= hitsExpected
  const verdict = ok
    ? `every ACAO right in ${orders}/${orders} orders`
    : `wrong ACAO in ${result.poisonedOrders}/${orders} orders; ${result.wrong[0] ?? `only ${result.cache.HIT} HITs, expected at least ${hitsExpected}`}`
  return { ok, verdict }
}

/** @param {Row[]} rows */
function printRows(rows) {
  /** @type {(keyof Row)[]} */
  const columns = ['cache', 'adapter', 'mode', 'requests', 'hits', 'misses', 'upstream', 'verdict']
  const cells = rows.map((r) => columns.map((c) => String(r[c])))
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)))
  console.log(`\n${columns.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')}`)
  for (const row of cells) console.log(row.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | '))
}

/** The caches CORSICA_CACHES names (default: all), split into those that can run here and the rest. */
function chooseCaches() {
  const wanted = process.env.CORSICA_CACHES?.split(',').map((name) => name.trim())
  const chosen = wanted ? CACHES.filter((c) => wanted.includes(c.name)) : CACHES
  const unknown = (wanted ?? []).filter((name) => !CACHES.some((c) => c.name === name))
  if (unknown.length > 0) throw new Error(`CORSICA_CACHES: unknown cache ${unknown.join(', ')} (known: nginx, varnish)`)
  const missing = chosen.flatMap((c) => {
    const reason = c.missing()
    return reason === undefined ? [] : [`${c.title}: ${reason}`]
  })
  return { usable: chosen.filter((c) => c.missing() === undefined), missing }
}

async function main() {
  const { usable, missing } = chooseCaches()
  if (missing.length > 0 && process.env.CORSICA_REQUIRE_PROXY === '1') skip(missing.join('; '))
  for (const reason of missing) console.log(`test:cache: skipping ${reason}`)
  if (usable.length === 0) skip('no shared cache can run here')
  const corsica = await loadAdapters()
  const orders = permutations(CLIENTS)
  const dir = mkdtempSync(join(tmpdir(), 'corsica-cache-'))
  /** @type {Upstream[]} */
  const upstreams = []
  /** @type {Row[]} */
  const rows = []
  try {
    for (const adapter of ADAPTERS) upstreams.push(await upstream(corsica, adapter))
    for (const cache of usable) {
      const cacheDir = join(dir, cache.name)
      mkdirSync(cacheDir)
      rows.push(...(await runCache(cache, upstreams, orders, cacheDir)))
    }
    printRows(rows)
    const versions = await Promise.all(usable.map((c) => c.version()))
    console.log(
      `\n${orders.length} orders × ${CLIENTS.length} clients × 2 passes per cache, adapter and mode; ${versions.join('; ')}; corsica from ${corsica.dist}`,
    )
  } finally {
    await Promise.all(upstreams.map((u) => u.close()))
    rmSync(dir, { recursive: true, force: true })
  }
  const failed = rows.filter((r) => !r.ok).length
  const passed = rows.length - failed
  console.log(failed > 0 ? 'test:cache FAILED' : 'test:cache passed')
  console.log(`${passed} passed, ${failed} failed`)
  process.exitCode = failed > 0 ? 1 : 0
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
