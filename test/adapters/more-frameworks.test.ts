// corsica/node inside polka and connect, corsica/fetch around itty-router and h3 (v2), each the way
// its example in examples/ wires it (docs/readme-parts/more-frameworks.md): the shared conformance
// table (preflights before routing and auth, 404s, errors, redirects, Vary), then what each framework
// does in its own way: its 404 and error paths, and the native request an origin predicate receives.
import { once } from 'node:events'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import connect from 'connect'
import { H3, HTTPError, redirect } from 'h3'
import { AutoRouter, type IRequest, error } from 'itty-router'
import polka from 'polka'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../src/index.js'
import { withCors } from '../../src/fetch.js'
import { cors } from '../../src/node.js'
import { serveFetch } from '../../examples/serve-fetch.mjs'
import { defined } from '../support/defined.js'
import { REQUEST_ID } from './support/apps.js'
import { send, type TestRequest } from './support/client.js'
import { APP_ORIGIN, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen, type Hits, type TestServer } from './support/server.js'

const ACAO = 'access-control-allow-origin'
const ACAC = 'access-control-allow-credentials'

type Next = (error?: unknown) => void

/** The examples' middleware, for options that may hold an async predicate: a rejection goes to next(err). */
function corsMiddleware(options: CorsOptions<IncomingMessage>) {
  const handleCors = cors<IncomingMessage>(options)
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    void Promise.resolve(handleCors(req, res)).then((handled) => {
      if (!handled) next()
    }, next)
  }
}

function end(res: ServerResponse, status: number, body = ''): void {
  res.statusCode = status
  res.end(body)
}

/** The conformance application's routes, in (req, res) form: polka and connect serve the same ones. */
function nodeRoutes(hits: Hits) {
  return {
    auth(req: IncomingMessage, res: ServerResponse, next: Next): void {
      if (req.headers.authorization !== undefined) {
        next()
        return
      }
      hits.count++
      end(res, 401, 'unauthorized')
    },
    items(_req: IncomingMessage, res: ServerResponse): void {
      hits.count++
      res.setHeader('x-request-id', REQUEST_ID)
      end(res, 200, 'items')
    },
    redirect(_req: IncomingMessage, res: ServerResponse): void {
      hits.count++
      res.setHeader('location', '/items')
      end(res, 302)
    },
    vary(_req: IncomingMessage, res: ServerResponse): void {
      hits.count++
      res.appendHeader('vary', 'Accept-Encoding')
      end(res, 200, 'vary')
    },
  }
}

// ---- polka 0.5: middleware before routing; its onError (also the 404 handler) keeps set headers.

async function polkaServer(options: CorsOptions<IncomingMessage>, hits: Hits): Promise<http.Server> {
  const server = http.createServer()
  const routes = nodeRoutes(hits)
  polka({ server })
    .use(corsMiddleware(options))
    .use('/private', routes.auth)
    .all('/items', routes.items)
    .all('/private', routes.items)
    // polka 0.5 catches no throw: an error reaches onError only through next(err).
    .get('/boom', (_req, _res, next) => {
      hits.count++
      next(new Error('boom'))
    })
    .get('/redirect', routes.redirect)
    .get('/vary', routes.vary)
    .listen(0, '127.0.0.1') // polka's own listen() attaches its handler
  await once(server, 'listening')
  return server
}

// ---- connect: middleware before every mount; finalhandler (404s, throws, next(err)) keeps set headers.

function connectServer(options: CorsOptions<IncomingMessage>, hits: Hits): http.Server {
  const routes = nodeRoutes(hits)
  const app = connect()
    .use(corsMiddleware(options))
    .use('/private', routes.auth)
    .use('/items', routes.items)
    .use('/private', routes.items)
    .use('/boom', () => {
      hits.count++
      throw new Error('boom') // connect catches a synchronous throw
    })
    .use('/redirect', routes.redirect)
    .use('/vary', routes.vary)
  return http.createServer(app)
}

// ---- itty-router 5: AutoRouter's 404 and 500 are Responses, so withCors around router.fetch sees them.

function ittyFetch(options: CorsOptions<Request>, hits: Hits, seen: Request[] = []) {
  const router = AutoRouter()
  router.all('/private', (request) => {
    if (request.headers.has('authorization')) return undefined // falls through to the next route
    hits.count++
    return error(401, 'unauthorized')
  })
  const items = (request: IRequest): Response => {
    hits.count++
    seen.push(request)
    return new Response('items', { headers: { 'x-request-id': REQUEST_ID } })
  }
  router.all('/items', items)
  router.all('/private', items)
  router.get('/boom', () => {
    hits.count++
    throw new Error('boom')
  })
  router.get('/redirect', (request) => {
    hits.count++
    return Response.redirect(new URL('/items', request.url), 302) // immutable headers
  })
  router.get('/vary', () => {
    hits.count++
    return new Response('vary', { headers: { vary: 'Accept-Encoding' } })
  })
  return withCors(router.fetch, options)
}

// ---- h3 2: withCors around app.fetch; h3's 404s and errors are Responses by then.

function h3Fetch(options: CorsOptions<Request>, hits: Hits, seen: Request[] = []) {
  const app = new H3({ silent: true }) // h3 logs unhandled errors otherwise
  app.use('/private', (event) => {
    if (event.req.headers.has('authorization')) return undefined // goes on to the route
    hits.count++
    return new Response('unauthorized', { status: 401 })
  })
  const items = (event: { req: Request; res: { headers: Headers } }): string => {
    hits.count++
    seen.push(event.req)
    event.res.headers.set('x-request-id', REQUEST_ID)
    return 'items'
  }
  app.all('/items', items)
  app.all('/private', items)
  app.get('/boom', () => {
    hits.count++
    throw new Error('boom')
  })
  app.get('/teapot', () => {
    throw new HTTPError({ status: 418, headers: { 'x-from': 'h3' } })
  })
  app.get('/redirect', () => {
    hits.count++
    return redirect('/items', 302)
  })
  app.get('/vary', (event) => {
    hits.count++
    event.res.headers.set('vary', 'Accept-Encoding')
    return 'vary'
  })
  return withCors(app.fetch, options)
}

async function started(server: http.Server, hits: Hits): Promise<TestServer> {
  const { url, close } = await listen(server)
  return { url, close, hits }
}

const START = {
  polka: async (options: CorsOptions, hits: Hits = { count: 0 }) => started(await polkaServer(options, hits), hits),
  connect: (options: CorsOptions, hits: Hits = { count: 0 }) => started(connectServer(options, hits), hits),
  'itty-router': async (options: CorsOptions, hits: Hits = { count: 0 }) =>
    started(await serveFetch(ittyFetch(options, hits)), hits),
  h3: async (options: CorsOptions, hits: Hits = { count: 0 }) =>
    started(await serveFetch(h3Fetch(options, hits)), hits),
}

for (const [name, start] of Object.entries(START)) describeConformance(name, start)

// ---- What the examples' own options give on each framework's 404 and error paths.

const EXAMPLE_OPTIONS = { origin: [APP_ORIGIN], credentials: true }
const from = (origin: string): [string, string] => ['Origin', origin]

describe.each(Object.keys(START) as Array<keyof typeof START>)('%s: 404s, preflights and errors', (name) => {
  let server: TestServer
  beforeAll(async () => {
    server = await START[name](EXAMPLE_OPTIONS)
  })
  afterAll(() => server.close())

  it('a GET to a path with no route is a 404 with CORS headers', async () => {
    const response = await send(server, { method: 'GET', path: '/nowhere', headers: [from(APP_ORIGIN)] })
    expect([response.status, response.cors]).toEqual([404, { [ACAO]: APP_ORIGIN, [ACAC]: 'true', vary: 'Origin' }])
  })

  it('a preflight to a path with no route is answered, 204', async () => {
    const response = await send(server, {
      method: 'OPTIONS',
      path: '/nowhere',
      headers: [from(APP_ORIGIN), ['Access-Control-Request-Method', 'PUT']],
    })
    expect([response.status, response.body, response.cors[ACAO]]).toEqual([204, '', APP_ORIGIN])
  })

  it('an error in a handler answers 500 with CORS headers', async () => {
    const response = await send(server, { method: 'GET', path: '/boom', headers: [from(APP_ORIGIN)] })
    expect([response.status, response.cors[ACAO], response.cors[ACAC]]).toEqual([500, APP_ORIGIN, 'true'])
  })

  it('a refused origin gets the 404 without CORS headers', async () => {
    const response = await send(server, { method: 'GET', path: '/nowhere', headers: [from(OTHER_ORIGIN)] })
    expect([response.status, response.cors]).toEqual([404, { vary: 'Origin' }])
  })
})

describe('h3: an HTTPError keeps its status and headers, and gets the CORS headers', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await started(await serveFetch(h3Fetch(EXAMPLE_OPTIONS, { count: 0 })), { count: 0 })
  })
  afterAll(() => server.close())

  it('418 with x-from and Access-Control-Allow-Origin', async () => {
    const response = await send(server, { method: 'GET', path: '/teapot', headers: [from(APP_ORIGIN)] })
    expect([response.status, response.headers['x-from'], response.cors[ACAO]]).toEqual([418, 'h3', APP_ORIGIN])
  })
})

// ---- The origin predicate's second argument: the adapter's native request.

const tenantRequest = (tenant: string): TestRequest => ({
  method: 'GET',
  path: '/items',
  headers: [from(APP_ORIGIN), ['X-Tenant', tenant]],
})
const TENANTS = [
  { name: 'allows when X-Tenant names the origin', tenant: APP_ORIGIN, acao: APP_ORIGIN },
  { name: 'refuses another tenant', tenant: OTHER_ORIGIN, acao: undefined },
]

describe.each([
  { name: 'polka', serve: polkaServer },
  { name: 'connect', serve: connectServer },
])('$name: the predicate receives the IncomingMessage the server got', ({ serve }) => {
  const seen: IncomingMessage[] = []
  const routed: IncomingMessage[] = []
  let server: TestServer
  beforeAll(async () => {
    const options: CorsOptions<IncomingMessage> = {
      origin: (origin, req) => {
        seen.push(req)
        return req.headers['x-tenant'] === origin
      },
      vary: ['X-Tenant'],
    }
    const hits = { count: 0 }
    const node = await serve(options, hits)
    node.on('request', (req: IncomingMessage) => routed.push(req))
    server = await started(node, hits)
  })
  afterAll(() => server.close())

  it.each(TENANTS)('$name; Vary names X-Tenant', async ({ tenant, acao }) => {
    seen.length = 0
    routed.length = 0
    const response = await send(server, tenantRequest(tenant))
    expect([response.status, response.body, response.cors[ACAO], response.cors.vary]).toEqual([
      200,
      'items',
      acao,
      'Origin, X-Tenant',
    ])
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(http.IncomingMessage)
    expect(seen[0]).toBe(routed[0])
  })
})

describe.each([
  // AutoRouter hands routes a Proxy of the Request, which it stores on the Request as `proxy`.
  { name: 'itty-router', app: ittyFetch, asRouted: (request: Request) => (request as IRequest).proxy },
  { name: 'h3', app: h3Fetch, asRouted: (request: Request) => request }, // h3's event.req
])('$name: the predicate receives the Request the route gets', ({ app, asRouted }) => {
  const seen: Request[] = []
  const routed: Request[] = []
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const fetch = app(
      {
        origin: (origin, request) => {
          seen.push(request)
          return request.headers.get('x-tenant') === origin
        },
        vary: ['X-Tenant'],
      },
      { count: 0 },
      routed,
    )
    server = await listen(await serveFetch(fetch))
  })
  afterAll(() => server.close())

  it.each(TENANTS)('$name; Vary names X-Tenant', async ({ tenant, acao }) => {
    seen.length = 0
    routed.length = 0
    const response = await send(server, tenantRequest(tenant))
    expect([response.status, response.body, response.cors[ACAO], response.cors.vary]).toEqual([
      200,
      'items',
      acao,
      'Origin, X-Tenant',
    ])
    expect(seen).toHaveLength(1)
    const [request] = seen
    expect(request).toBeInstanceOf(Request)
    expect(asRouted(defined(request, 'the Request the predicate got'))).toBe(routed[0])
  })
})
