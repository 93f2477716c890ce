// The API servers of the framework adapters: corsica/fastify, corsica/koa and corsica/hono, each in
// its real framework in front of the suite's application (servers.mjs). Stacked, the outer policy
// is global and the inner one (`options`) applies to /api only: Fastify's route `config.cors`
// (which also answers that route's preflights), a Koa middleware on the path, Hono's
// `app.use('/api', …)`.
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
import { fetchApp, fetchBridge, record, reply } from './servers.mjs'

/**
 * @typedef {import('./servers.mjs').LogEntry} LogEntry
 * @typedef {import('./servers.mjs').Listener} Listener
 * @typedef {import('corsica').CorsOptions} CorsOptions
 * What startApi knows of the policies: `options` alone, or `outer` with an optional route-level `options`.
 * @typedef {{ options: CorsOptions | undefined, outer: CorsOptions | undefined }} Policies
 * @typedef {{ key?: Buffer, cert?: Buffer } | undefined} Tls
 */

/**
 * Fastify with corsica/fastify; served over HTTP/2 with TLS when `tls` is given.
 * @param {typeof import('corsica/fastify')} corsica
 * @param {LogEntry[]} log
 * @param {Policies} policies
 * @param {Tls} tls
 */
export async function startFastify(corsica, log, { options, outer }, tls) {
  // One instance type for both servers: the routes and hooks below are the same.
  const app = /** @type {import('fastify').FastifyInstance} */ (
    /** @type {unknown} */ (
      tls ? Fastify({ http2: true, https: { allowHTTP1: true, key: tls.key, cert: tls.cert } }) : Fastify()
    )
  )
  // The scenarios' custom methods; Fastify routes only the methods it knows.
  for (const method of CUSTOM_METHODS)
    if (!app.supportedMethods.includes(method)) app.addHttpMethod(method, { hasBody: true })
  app.addHook('onRequest', (request, _reply, done) => {
    requestEntries.set(request.raw, record(log, request.raw))
    done()
  })
  await app.register(corsica.default, outer ?? options ?? {})
  // The suite counts body bytes itself: every body arrives as a Buffer.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  const config = outer !== undefined && options !== undefined ? { cors: options } : {}
  /** @type {import('fastify').RouteHandlerMethod} */
  const handler = (request, answer) => {
    const entry = /** @type {LogEntry} */ (requestEntries.get(request.raw))
    entry.handled = true
    entry.bodyBytes = Buffer.isBuffer(request.body) ? request.body.length : 0
    const { status, headers, body } = reply(request.method, request.url)
    return answer.code(status).headers(headers).send(body)
  }
  app.all('/api', { config }, handler)
  app.all('/*', handler)
  await app.ready()
  return app.server
}

const CUSTOM_METHODS = ['PURGE', 'PROPFIND']

/** Log entries of the requests Fastify is serving, by their raw request. */
const requestEntries = new WeakMap()

/**
 * Koa with corsica/koa, as a request listener (node:http or the http2 compatibility API).
 * @param {typeof import('corsica/koa')} corsica
 * @param {LogEntry[]} log
 * @param {Policies} policies
 * @returns {Promise<Listener>}
 */
export async function koaListener(corsica, log, { options, outer }) {
  const app = new Koa()
  app.silent = true
  app.use((ctx, next) => {
    ctx.state.entry = record(log, ctx.req)
    return next()
  })
  app.use(corsica.cors(outer ?? options))
  if (outer !== undefined && options !== undefined) {
    const inner = corsica.cors(options)
    app.use((ctx, next) => (ctx.path === '/api' ? inner(ctx, next) : next()))
  }
  app.use(async (ctx) => {
    const entry = /** @type {LogEntry} */ (ctx.state.entry)
    entry.handled = true
    entry.bodyBytes = await byteCount(ctx.req)
    const { status, headers, body } = reply(ctx.method, ctx.url)
    ctx.status = status
    ctx.set(headers)
    ctx.body = body
  })
  return /** @type {Listener} */ (/** @type {unknown} */ (app.callback()))
}

/**
 * Hono with corsica/hono, served through the suite's node -> Fetch bridge.
 * @param {typeof import('corsica/hono')} corsica
 * @param {LogEntry[]} log
 * @param {Policies} policies
 * @returns {Promise<Listener>}
 */
export async function honoListener(corsica, log, { options, outer }) {
  /** @type {LogEntry | undefined} */
  let current
  const app = new Hono()
  app.use('*', corsica.cors(outer ?? options))
  if (outer !== undefined && options !== undefined) app.use('/api', corsica.cors(options))
  app.all('*', (c) => fetchApp(/** @type {LogEntry} */ (current), c.req.raw))
  const bridge = fetchBridge(app.fetch)
  return (req, res) => {
    current = record(log, req) // requests are issued one at a time by the page
    bridge(req, res).catch((/** @type {unknown} */ error) => {
      res.statusCode = 500
      res.end(String(error))
    })
  }
}

/**
 * Reads a request body to its end; its length in bytes.
 * @param {import('node:stream').Readable} stream
 */
async function byteCount(stream) {
  let bytes = 0
  for await (const chunk of stream) bytes += /** @type {Buffer} */ (chunk).length
  return bytes
}
