// The servers a browser scenario talks to: the page origin, and one API origin per adapter
// (corsica/node on node:http, corsica/express on Express, corsica/fetch's withCors behind a small
// node:http -> Fetch bridge; the framework adapters in framework-servers.mjs). Every API server
// logs what reached it and whether the handler ran.
import http from 'node:http'
import http2 from 'node:http2'
import { Readable } from 'node:stream'
import { honoListener, koaListener, startFastify } from './framework-servers.mjs'

/** The adapters every browser scenario runs through, in the results' column order (each has its branch in startApi). */
export const ADAPTERS = /** @type {const} */ (['node', 'express', 'fetch', 'fastify', 'koa', 'hono'])

/**
 * Adapters that have no HTTP/2 server, and why: their HTTP/2 rows show n/a.
 * @type {Partial<Record<AdapterName, string>>}
 */
export const NO_HTTP2 = { express: 'Express does not run on node:http2' }

/**
 * @typedef {http.IncomingMessage | http2.Http2ServerRequest} NodeRequest node:http's, or the http2 compatibility API's
 * @typedef {http.ServerResponse | http2.Http2ServerResponse} NodeResponse
 * @typedef {(req: NodeRequest, res: NodeResponse) => void} Listener
 * @typedef {import('corsica').CorsOptions} CorsOptions
 * @typedef {import('../support/dist.mjs').Adapters} Adapters
 * What reached an API server: the request's CORS headers, and whether the application ran.
 * @typedef {object} LogEntry
 * @property {string | undefined} method
 * @property {string | undefined} url
 * @property {string} httpVersion
 * @property {string | undefined} origin
 * @property {string | undefined} requestMethod
 * @property {string | string[] | undefined} requestHeaders
 * @property {string | string[] | undefined} requestPrivateNetwork
 * @property {string | undefined} cookie
 * @property {boolean} preflight
 * @property {boolean} handled
 * @property {number} [bodyBytes]
 * @typedef {{ origin: string, log: LogEntry[], close: () => Promise<void> }} Api
 * @typedef {typeof ADAPTERS[number]} AdapterName
 */

/** The page origin: a blank page, or one holding a sandboxed iframe (whose origin is opaque: `Origin: null`). */
export async function startPageServer() {
  const server = http.createServer((req, res) => {
    const sandbox = req.url?.startsWith('/sandbox')
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end(
      sandbox
        ? '<!doctype html><title>page</title><iframe sandbox="allow-scripts" srcdoc="<!doctype html><title>sandboxed</title>"></iframe>'
        : '<!doctype html><title>page</title>',
    )
  })
  return listen(server)
}

/**
 * The application behind CORS, the same for every adapter. `?status=` picks the status,
 * `?redirect=` answers 302 to that URL. Responses carry `X-Total` (exposed only when configured)
 * and a fixed body, so `Content-Length` is known.
 * @param {string | undefined} method
 * @param {string} url
 * @returns {{ status: number, headers: Record<string, string>, body: string }}
 */
export function reply(method, url) {
  const query = new URL(url, 'http://x').searchParams
  const redirect = query.get('redirect')
  if (redirect !== null) return { status: 302, headers: { location: redirect, 'content-length': '0' }, body: '' }
  const body = 'ok'
  return {
    status: Number(query.get('status') ?? 200),
    headers: { 'content-type': 'text/plain', 'x-total': '42', 'content-length': String(body.length) },
    body: method === 'HEAD' ? '' : body,
  }
}

/**
 * Logs a request as it arrives; the application marks the entry when it runs.
 * @param {LogEntry[]} log
 * @param {NodeRequest} req
 */
export function record(log, req) {
  const h = req.headers
  /** @type {LogEntry} */
  const entry = {
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    origin: h.origin,
    requestMethod: h['access-control-request-method'],
    requestHeaders: h['access-control-request-headers'],
    requestPrivateNetwork: h['access-control-request-private-network'],
    cookie: h.cookie,
    preflight: req.method === 'OPTIONS' && h['access-control-request-method'] !== undefined,
    handled: false,
  }
  log.push(entry)
  return entry
}

/**
 * Node-style application: drains the body, then answers.
 * @param {LogEntry} entry
 * @param {NodeRequest} req
 * @param {NodeResponse} res
 */
function nodeApp(entry, req, res) {
  entry.handled = true
  /** @type {Buffer[]} */
  const chunks = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => {
    entry.bodyBytes = Buffer.concat(chunks).length
    const { status, headers, body } = reply(req.method, req.url ?? '/')
    res.statusCode = status
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    res.end(body)
  })
}

/**
 * Fetch-style application.
 * @param {LogEntry} entry
 * @param {Request} request
 */
export async function fetchApp(entry, request) {
  entry.handled = true
  entry.bodyBytes = request.body === null ? 0 : (await request.arrayBuffer()).byteLength
  const url = new URL(request.url)
  const { status, headers, body } = reply(request.method, url.pathname + url.search)
  return new Response(status === 302 || request.method === 'HEAD' ? null : body, { status, headers })
}

/**
 * node:http (or the http2 compatibility API) -> Request -> handler -> Response -> res.
 * @param {(request: Request) => Response | Promise<Response>} handler
 * @returns {(req: NodeRequest, res: NodeResponse) => Promise<void>}
 */
export function fetchBridge(handler) {
  return async (req, res) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith(':')) continue // http2 pseudo-headers
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, String(item))
    }
    const host = req.headers.host ?? req.headers[':authority']
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    // node:stream/web's ReadableStream is the global one, and `duplex` is not in TypeScript's DOM RequestInit yet.
    const body = hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined
    /** @type {RequestInit & { duplex: 'half' }} */
    const init = { method: req.method, headers, body, duplex: 'half' }
    const request = new Request(`http://${host}${req.url}`, init)
    const response = await handler(request)
    res.statusCode = response.status
    for (const [name, value] of response.headers) res.setHeader(name, value)
    if (response.body === null) return void res.end()
    Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (response.body)).pipe(res)
  }
}

/**
 * Starts one API origin for `adapter` with corsica `options`. `tls` serves HTTP/2 over TLS (what
 * Chromium requires for streaming uploads); Express does not run on node:http2, so it has no TLS form.
 * `outer`, when given, stacks a second policy outside `options`, each adapter its own way: node
 * calls the outer handler then the inner one on the same req/res; Express has `app.use(cors(outer))`
 * and `cors(options)` on the `/api` route; fetch is `withCors(withCors(app, options), outer)`; the
 * framework adapters are in framework-servers.mjs.
 * With `outer`, an undefined `options` means no route-level policy (the outer alone).
 * Returns { origin, log, close }.
 * @param {Adapters} adapters
 * @param {AdapterName} adapter
 * @param {CorsOptions | undefined} options
 * @param {{ key?: Buffer, cert?: Buffer } | undefined} tls
 * @param {CorsOptions} [outer]
 * @returns {Promise<Api>}
 */
export async function startApi(adapters, adapter, options, tls, outer) {
  /** @type {LogEntry[]} */
  const log = []
  const stacked = outer !== undefined
  /** @type {Listener} */
  let listener
  if (adapter === 'node') {
    const layers = (stacked ? [outer, ...(options === undefined ? [] : [options])] : [options]).map((o) =>
      o === undefined ? adapters.node.cors() : adapters.node.cors(o),
    )
    listener = async (req, res) => {
      const entry = record(log, req)
      for (const handleCors of layers) if (await handleCors(req, res)) return
      nodeApp(entry, req, res)
    }
  } else if (adapter === 'express') {
    if (tls) throw new Error('express has no HTTP/2 server')
    const app = adapters.createExpressApp()
    app.use((req, res, next) => {
      res.locals.entry = record(log, req)
      next()
    })
    /** @type {import('express').RequestHandler} */
    const handler = (req, res) => nodeApp(res.locals.entry, req, res)
    if (stacked) {
      app.use(adapters.express.cors(outer))
      app.all('/api', ...(options === undefined ? [] : [adapters.express.cors(options)]), handler)
    } else {
      app.use(adapters.express.cors(options))
      app.use(handler)
    }
    // Express takes node:http's objects only: it is never served over HTTP/2 (see above).
    listener = /** @type {Listener} */ (/** @type {http.RequestListener} */ (app))
  } else if (adapter === 'fastify') {
    const server = await startFastify(adapters.fastify, log, { options, outer }, tls)
    const { port, close } = await listen(server)
    return { origin: `${tls ? 'https' : 'http'}://localhost:${port}`, log, close }
  } else if (adapter === 'koa') {
    listener = await koaListener(adapters.koa, log, { options, outer })
  } else if (adapter === 'hono') {
    listener = await honoListener(adapters.hono, log, { options, outer })
  } else {
    /** @type {LogEntry | undefined} */
    let current
    // `current` is set by the listener below before the bridge calls the handler.
    /** @type {(request: Request) => Response | Promise<Response>} */
    let handler = (request) => fetchApp(/** @type {LogEntry} */ (current), request)
    if (!stacked || options !== undefined) handler = adapters.fetch.withCors(handler, options)
    if (stacked) handler = adapters.fetch.withCors(handler, outer)
    const bridge = fetchBridge(handler)
    listener = (req, res) => {
      current = record(log, req) // requests are issued one at a time by the page
      bridge(req, res).catch((error) => {
        res.statusCode = 500
        res.end(String(error))
      })
    }
  }
  const server = tls
    ? http2.createSecureServer({ key: tls.key, cert: tls.cert, allowHTTP1: true }, listener)
    : http.createServer(listener)
  const { port, close } = await listen(server)
  return { origin: `${tls ? 'https' : 'http'}://localhost:${port}`, log, close }
}

/**
 * Listens on a free loopback port; `close` also ends open HTTP/2 sessions and keep-alive connections.
 * @param {http.Server | http2.Http2SecureServer} server
 * @returns {Promise<{ port: number, close: () => Promise<void> }>}
 */
function listen(server) {
  /** @type {Set<http2.ServerHttp2Session>} */
  const sessions = new Set()
  server.on('session', (session) => {
    sessions.add(session)
    session.on('close', () => sessions.delete(session))
  })
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      const close = () =>
        /** @type {Promise<void>} */ (
          new Promise((closed) => {
            for (const session of sessions) session.destroy()
            if ('closeAllConnections' in server) server.closeAllConnections() // node:http only
            server.close(() => closed())
          })
        )
      done({ port, close })
    })
  })
}
