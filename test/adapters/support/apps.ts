// The same small application written for every framework: CORS first, then an auth
// middleware on /private, then routes. Each builder starts it on 127.0.0.1:0 with the given options.
//   /items     any method: 200 "items", sets x-request-id
//   /private   401 without Authorization (auth runs before routing)
//   /boom      throws: the framework's error path answers 500
//   /redirect  302 to /items
//   /vary      the application adds Vary: Accept-Encoding its framework's way
//   anything else: the framework's 404 (no route, no OPTIONS route either)
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2'
import https from 'node:https'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
import type { CorsOptions } from '../../../src/index.js'
import { cors as nodeCors } from '../../../src/node.js'
import { cors as expressCors, type ExpressCorsOptions, type OptionsDelegate } from '../../../src/express.js'
import { withCors } from '../../../src/fetch.js'
import fastifyCors from '../../../src/fastify.js'
import { cors as honoCors } from '../../../src/hono.js'
import { cors as koaCors } from '../../../src/koa.js'
import { serveFetch } from '../../../examples/serve-fetch.mjs'
import { listen, type Hits, type TestServer } from './server.js'

export const REQUEST_ID = '42'

function pathOf(url: string | undefined): string {
  return new URL(url ?? '/', 'http://x').pathname
}

async function started(
  server: Parameters<typeof listen>[0],
  hits: Hits,
  extra: { scheme?: 'https'; ca?: string; http2?: boolean } = {},
): Promise<TestServer> {
  const { url, close } = await listen(server, extra.scheme)
  return { url, close, hits, ca: extra.ca, http2: extra.http2 }
}

// ---- node:http, https and http2 compat: one request listener serves all three.

type NodeReq = IncomingMessage | Http2ServerRequest
type NodeRes = ServerResponse | Http2ServerResponse

export function nodeListener(options: CorsOptions, hits: Hits): (req: NodeReq, res: NodeRes) => void {
  const handleCors = nodeCors(options)
  return async (req, res) => {
    if (await handleCors(req, res)) return
    try {
      routeNode(req, res, hits)
    } catch {
      res.statusCode = 500
      res.end('error')
    }
  }
}

function routeNode(req: NodeReq, res: NodeRes, hits: Hits): void {
  const path = pathOf(req.url)
  const end = (status: number, body = ''): void => {
    res.statusCode = status
    res.end(body)
  }
  if (path === '/private' && req.headers.authorization === undefined) {
    hits.count++
    end(401, 'unauthorized')
    return
  }
  switch (path) {
    case '/items':
    case '/private':
      hits.count++
      res.setHeader('x-request-id', REQUEST_ID)
      end(200, 'items')
      return
    case '/boom':
      hits.count++
      throw new Error('boom')
    case '/redirect':
      hits.count++
      res.setHeader('location', '/items')
      end(302)
      return
    case '/vary':
      hits.count++
      res.appendHeader('vary', 'Accept-Encoding')
      end(200, 'vary')
      return
    default:
      end(404, 'not found')
  }
}

export function startNodeHttp(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  return started(http.createServer(nodeListener(options, hits)), hits)
}

export function startNodeHttps(
  options: CorsOptions,
  tls: { key: string; cert: string },
  hits: Hits = { count: 0 },
): Promise<TestServer> {
  return started(https.createServer(tls, nodeListener(options, hits)), hits, { scheme: 'https', ca: tls.cert })
}

export function startNodeHttp2(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  return started(http2.createServer(nodeListener(options, hits)), hits, { http2: true })
}

// ---- Express 5 with corsica/express.

export function expressApp(options: ExpressCorsOptions | OptionsDelegate | undefined, hits: Hits): express.Express {
  const app = express()
  app.use(expressCors(options))
  app.use('/private', (req, res, next) => {
    if (req.headers.authorization !== undefined) return next()
    hits.count++
    res.status(401).send('unauthorized')
  })
  app.all(['/items', '/private'], (_req, res) => {
    hits.count++
    res.set('x-request-id', REQUEST_ID).send('items')
  })
  app.get('/boom', () => {
    hits.count++
    throw new Error('boom')
  })
  app.get('/redirect', (_req, res) => {
    hits.count++
    res.redirect(302, '/items')
  })
  app.get('/vary', (_req, res) => {
    hits.count++
    res.vary('Accept-Encoding').send('vary')
  })
  return app
}

export function startExpress(
  options: ExpressCorsOptions | OptionsDelegate | undefined,
  hits: Hits = { count: 0 },
): Promise<TestServer> {
  const app = expressApp(options, hits)
  return started(http.createServer(app), hits)
}

// ---- Fastify 5: the corsica/fastify plugin, then an authentication hook that answers 401.

export async function startFastify(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  const app = Fastify()
  await app.register(fastifyCors, options)
  app.addHook('onRequest', async (request, reply) => {
    if (pathOf(request.url) !== '/private' || request.headers.authorization !== undefined) return
    hits.count++
    return reply.code(401).send('unauthorized')
  })
  app.all('/items', async (_request, reply) => {
    hits.count++
    return reply.header('x-request-id', REQUEST_ID).send('items')
  })
  app.get('/boom', async () => {
    hits.count++
    throw new Error('boom')
  })
  app.get('/redirect', async (_request, reply) => {
    hits.count++
    return reply.redirect('/items', 302)
  })
  app.get('/vary', async (_request, reply) => {
    hits.count++
    return reply.header('vary', `${reply.getHeader('vary') ?? ''}, Accept-Encoding`).send('vary')
  })
  await app.ready()
  return started(app.server, hits)
}

// ---- Koa 3: the corsica/koa middleware first; Koa's own error handler answers thrown errors.

export function koaApp(options: CorsOptions, hits: Hits): Koa {
  const app = new Koa()
  app.silent = true
  app.use(koaCors(options))
  app.use(async (ctx, next) => {
    if (ctx.path !== '/private' || ctx.get('authorization') !== '') return next()
    hits.count++
    ctx.status = 401
    ctx.body = 'unauthorized'
  })
  app.use((ctx) => {
    switch (ctx.path) {
      case '/items':
      case '/private':
        hits.count++
        ctx.set('x-request-id', REQUEST_ID)
        ctx.body = 'items'
        return
      case '/boom':
        hits.count++
        throw new Error('boom')
      case '/redirect':
        hits.count++
        return ctx.redirect('/items')
      case '/vary':
        hits.count++
        ctx.vary('Accept-Encoding')
        ctx.body = 'vary'
    }
  })
  return app
}

export function startKoa(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  return started(http.createServer(koaApp(options, hits).callback()), hits)
}

// ---- Hono 4: the corsica/hono middleware on '*', so notFound and onError answers carry CORS too.

export function honoApp(options: CorsOptions, hits: Hits): Hono {
  const app = new Hono()
  app.onError((_error, c) => c.text('error', 500)) // Hono's default handler logs the error too
  app.use('*', honoCors(options))
  app.use('/private', async (c, next) => {
    if (c.req.header('authorization') !== undefined) return next()
    hits.count++
    return c.text('unauthorized', 401)
  })
  app.all('/items', (c) => {
    hits.count++
    return c.text('items', 200, { 'x-request-id': REQUEST_ID })
  })
  app.all('/private', (c) => {
    hits.count++
    return c.text('items', 200, { 'x-request-id': REQUEST_ID })
  })
  app.get('/boom', () => {
    hits.count++
    throw new Error('boom')
  })
  app.get('/redirect', (c) => {
    hits.count++
    return c.redirect('/items', 302)
  })
  app.get('/vary', (c) => {
    hits.count++
    c.header('Vary', 'Accept-Encoding')
    return c.text('vary')
  })
  return app
}

export async function startHono(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  const app = honoApp(options, hits)
  return started(await serveFetch(app.fetch), hits)
}

// ---- A bare Fetch handler served by Node.

/** The application as a plain Fetch handler; it turns its own errors into a 500 response. */
export function fetchApp(hits: Hits): (request: Request) => Response {
  return (request) => {
    try {
      return routeFetch(request, hits)
    } catch {
      return new Response('error', { status: 500 })
    }
  }
}

function routeFetch(request: Request, hits: Hits): Response {
  const path = pathOf(request.url)
  if (path === '/private' && !request.headers.has('authorization')) {
    hits.count++
    return new Response('unauthorized', { status: 401 })
  }
  switch (path) {
    case '/items':
    case '/private':
      hits.count++
      return new Response('items', { headers: { 'x-request-id': REQUEST_ID } })
    case '/boom':
      hits.count++
      throw new Error('boom')
    case '/redirect':
      hits.count++
      return Response.redirect(new URL('/items', request.url), 302) // immutable headers
    case '/vary':
      hits.count++
      return new Response('vary', { headers: { vary: 'Accept-Encoding' } })
    default:
      return new Response('not found', { status: 404 })
  }
}

export async function startFetch(options: CorsOptions, hits: Hits = { count: 0 }): Promise<TestServer> {
  return started(await serveFetch(withCors(fetchApp(hits), options)), hits)
}

/** Every adapter-in-a-framework, by name, for tables that run on all of them. */
export const FRAMEWORKS = {
  'node:http': startNodeHttp,
  'node:http2': startNodeHttp2,
  express: startExpress,
  fastify: startFastify,
  koa: startKoa,
  hono: startHono,
  fetch: startFetch,
} satisfies Record<string, (options: CorsOptions) => Promise<TestServer>>
