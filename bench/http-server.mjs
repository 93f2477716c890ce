// One server for bench/http.mjs, in its own process: `node bench/http-server.mjs <kind>`.
// Prints {"port": n} once listening on 127.0.0.1; answers an IPC message with its CPU time used
// (µs). Every kind answers GET / with "ok". Fastify and Koa kinds are `<framework>-<variant>`, the
// apps of the framework groups (bench/frameworks/).
import http from 'node:http'
import corsPackage from 'cors'
import express from 'express'
import { fastifyApp } from './frameworks/fastify.mjs'
import { koaApp } from './frameworks/koa.mjs'
import { nodeFloor } from './frameworks/node.mjs'
import { ALLOWED, OPTIONS } from './lib/fixtures.mjs'
import { loadCorsica } from './lib/load.mjs'

const kind = process.argv[2]
const corsica = await loadCorsica()

/**
 * @param {http.IncomingMessage} _req
 * @param {http.ServerResponse} res
 */
function reply(_req, res) {
  res.setHeader('content-type', 'text/plain')
  res.end('ok')
}

function nodeServer() {
  // The control: a second bare server, to see what the method reads for two equal servers.
  if (kind === 'node-bare' || kind === 'node-bare-again') return http.createServer(reply)
  if (kind === 'node-corsica') {
    const handleCors = corsica.node.cors(OPTIONS)
    return http.createServer((req, res) => {
      if (handleCors(req, res)) return
      reply(req, res)
    })
  }
  if (kind === 'node-floor') {
    // The headers corsica sends for this request, written by hand: what any CORS code must pay.
    return http.createServer((req, res) => {
      res.setHeader('access-control-allow-origin', ALLOWED)
      res.setHeader('access-control-allow-credentials', 'true')
      res.setHeader('vary', 'Origin')
      reply(req, res)
    })
  }
  if (kind === 'node-cors') {
    const middleware = corsPackage(OPTIONS)
    return http.createServer((req, res) => middleware(req, res, () => reply(req, res)))
  }
  return undefined
}

function expressServer() {
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  if (kind === 'express-corsica') app.use(corsica.express.cors(OPTIONS))
  else if (kind === 'express-cors') app.use(corsPackage(OPTIONS))
  else if (kind === 'express-noop')
    app.use((_req, _res, next) => next()) // what one more layer costs
  else if (kind === 'express-floor')
    app.use((req, res, next) => {
      if (!nodeFloor(req, res)) next()
    })
  else if (kind !== 'express-bare') throw new Error(`unknown server kind ${kind}`)
  app.get('/', (_req, res) => res.type('text/plain').send('ok'))
  return http.createServer(app)
}

/** @returns {Promise<http.Server | undefined>} */
async function frameworkServer() {
  const [framework, variant] = /** @type {[string, import('./lib/framework-group.mjs').Variant]} */ (
    kind?.split('-') ?? []
  )
  if (framework === 'koa') return http.createServer(koaApp(variant, corsica))
  if (framework === 'fastify') return (await fastifyApp(variant, corsica)).server // ready, not listening yet
  return undefined
}

const server = nodeServer() ?? (await frameworkServer()) ?? expressServer()
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  process.stdout.write(`${JSON.stringify({ port })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
process.on('disconnect', () => process.exit(0)) // the client is gone: never outlive it
// The client asks for the CPU time this process has used, to work out CPU time per request.
process.on('message', () => {
  const { user, system } = process.cpuUsage()
  process.send?.({ cpu: user + system }) // started by bench/http.mjs, with an IPC channel
})
