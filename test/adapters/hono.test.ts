// corsica/hono inside Hono 4: the conformance table (support/apps.ts, the middleware on '*', served
// by examples/serve-fetch.mjs), then what only the middleware has: the routes it covers, the
// responses Hono makes without the handler (notFound, onError, redirects), headers an upstream
// brought, two stacked corsica layers, and Hono's Context as the predicate's context.
import { type Env, Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withCors } from '../../src/fetch.js'
import { cors } from '../../src/hono.js'
import { serveFetch } from '../../examples/serve-fetch.mjs'
import { startHono } from './support/apps.js'
import { send, type TestRequest, type TestResponse } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'
import { ACAC, ACAO, ACMA, TAO, corsNames, get, preflight } from './support/requests.js'

describeConformance('hono', startHono)

const ADMIN_ORIGIN = 'https://admin.example'

/** Serves a Hono app over node:http through the serveFetch bridge. */
async function serve<E extends Env>(app: Hono<E>) {
  return listen(await serveFetch(app.fetch))
}

describe("hono: app.use('/api/*', cors(options)) and the responses Hono makes itself", () => {
  let server: Awaited<ReturnType<typeof listen>>
  const ran: string[] = []
  beforeAll(async () => {
    const app = new Hono()
    app.notFound((c) => c.text('custom not found', 404))
    app.onError((_error, c) => c.text('custom error', 500))
    app.use('/api/*', cors(CONFORMANCE_OPTIONS))
    app.get('/api/items', (c) => {
      ran.push('GET /api/items')
      return c.text('items')
    })
    app.get('/api/boom', () => {
      throw new Error('boom')
    })
    app.get('/api/redirect', (c) => c.redirect('/api/items', 302))
    app.get('/api/immutable-redirect', (c) => Response.redirect(new URL('/api/items', c.req.url), 307))
    app.get('/api/upstream', () => upstreamResponse())
    app.get('/other', (c) => c.text('other'))
    server = await serve(app)
  })
  afterAll(() => server.close())

  it.each(['/api/items', '/api/nowhere'])('answers a preflight to %s, routed or not, before routing', async (path) => {
    ran.length = 0
    const response = await send(server, preflight(path, 'PUT'))
    expect([response.status, response.body, response.cors[ACAO], ran]).toEqual([204, '', APP_ORIGIN, []])
  })

  it('leaves the routes outside /api alone: no CORS header, preflights not answered', async () => {
    const actual = await send(server, get('/other'))
    expect([actual.status, actual.body, actual.cors]).toEqual([200, 'other', {}])
    const answered = await send(server, preflight('/other', 'PUT'))
    expect([answered.status, answered.body, answered.cors]).toEqual([404, 'custom not found', {}])
  })

  it.each([
    { name: 'an allowed actual request', path: '/api/items', status: 200, body: 'items' },
    { name: 'notFound', path: '/api/nowhere', status: 404, body: 'custom not found' },
    { name: 'onError', path: '/api/boom', status: 500, body: 'custom error' },
    { name: 'c.redirect()', path: '/api/redirect', status: 302, body: '' },
    {
      name: 'a returned Response.redirect() (immutable headers)',
      path: '/api/immutable-redirect',
      status: 307,
      body: '',
    },
  ])('$name carries the CORS headers', async ({ path, status, body }) => {
    const response = await send(server, get(path))
    expect([response.status, response.body]).toEqual([status, body])
    expect([response.cors[ACAO], response.cors[ACAC], response.cors.vary]).toEqual([APP_ORIGIN, 'true', 'Origin'])
  })

  it('a redirect keeps its Location', async () => {
    const response = await send(server, get('/api/immutable-redirect'))
    expect(response.headers.location).toBe(`${server.url}/api/items`)
  })

  it("an upstream's CORS headers on the handler's response give way to this policy's", async () => {
    const allowed = await send(server, get('/api/upstream'))
    expect([allowed.status, allowed.body, allowed.headers['x-upstream']]).toEqual([200, 'from upstream', '1'])
    expect(allowed.cors).toEqual({
      [ACAO]: APP_ORIGIN,
      [ACAC]: 'true',
      'access-control-expose-headers': 'x-request-id',
      [TAO]: APP_ORIGIN,
      vary: 'Accept-Language, Origin',
    })
    const refused = await send(server, get('/api/upstream', OTHER_ORIGIN))
    expect([refused.status, corsNames(refused), refused.cors.vary]).toEqual([200, [], 'Accept-Language, Origin'])
  })
})

/** What a proxied upstream answered: its own CORS headers, which this server's policy replaces. */
function upstreamResponse(): Response {
  return new Response('from upstream', {
    headers: {
      [ACAO]: '*',
      [ACMA]: '86400',
      'access-control-expose-headers': 'x-secret',
      [TAO]: '*',
      'x-upstream': '1',
      vary: 'Accept-Language',
    },
  })
}

describe('hono: two stacked corsica middlewares', () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = new Hono()
    app.use('*', cors({ origin: [APP_ORIGIN, ADMIN_ORIGIN], exposedHeaders: ['x-outer'] }))
    app.get('/admin', cors({ origin: ADMIN_ORIGIN }), (c) => c.text('admin'))
    app.get('/plain', (c) => c.text('plain'))
    server = await serve(app)
  })
  afterAll(() => server.close())

  it('the inner, route-level one decides the actual request: an origin only the outer allows is refused', async () => {
    const refused = await send(server, get('/admin'))
    expect([refused.status, refused.body, corsNames(refused), refused.cors.vary]).toEqual([200, 'admin', [], 'Origin'])
    const allowed = await send(server, get('/admin', ADMIN_ORIGIN))
    expect(allowed.cors).toEqual({ [ACAO]: ADMIN_ORIGIN, vary: 'Origin' })
  })

  it('the outer one alone decides the routes without an inner one', async () => {
    const response = await send(server, get('/plain'))
    expect(response.cors).toEqual({ [ACAO]: APP_ORIGIN, 'access-control-expose-headers': 'x-outer', vary: 'Origin' })
  })
})

describe('hono: the predicate receives the Context', () => {
  let server: Awaited<ReturnType<typeof listen>>
  let host = ''
  beforeAll(async () => {
    type TenantEnv = { Variables: { tenant: string } }
    const app = new Hono<TenantEnv>()
    app.use('*', async (c, next) => {
      c.set('tenant', c.req.header('x-tenant') ?? '')
      await next()
    })
    app.use(
      '*',
      cors<TenantEnv>({
        origin: (origin, c) =>
          c.req.header('host') === host &&
          c.req.path.startsWith('/tenant/') &&
          c.get('tenant') === new URL(origin).hostname,
        vary: 'X-Tenant',
      }),
    )
    app.get('*', (c) => c.text('ok'))
    server = await serve(app)
    host = new URL(server.url).host
  })
  afterAll(() => server.close())

  it.each([
    {
      name: 'allows by Host, path and a Context variable',
      path: '/tenant/a',
      tenant: 'app.example.com',
      acao: APP_ORIGIN,
    },
    { name: 'refuses another tenant', path: '/tenant/a', tenant: 'admin.example', acao: undefined },
    { name: 'refuses another path', path: '/other', tenant: 'app.example.com', acao: undefined },
  ])('$name; Vary names X-Tenant', async ({ path, tenant, acao }) => {
    const response = await send(server, get(path, APP_ORIGIN, ['X-Tenant', tenant]))
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([200, acao, 'Origin, X-Tenant'])
  })
})

describe('hono: app.fetch called directly', () => {
  const app = new Hono<{ Bindings: { GREETING: string } }>()
  app.use('*', cors(CONFORMANCE_OPTIONS))
  app.get('/', (c) => c.text(c.env.GREETING))
  const env = { GREETING: 'hello' }

  it('answers a preflight with no route behind it', async () => {
    const response = await app.fetch(
      new Request('http://api.test/nowhere', {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'PUT' },
      }),
      env,
    )
    expect([response.status, response.headers.get(ACAO), response.headers.get(ACMA)]).toEqual([204, APP_ORIGIN, '600'])
  })

  it("decorates an actual response, the runtime's env bindings passed through", async () => {
    const response = await app.fetch(new Request('http://api.test/', { headers: { origin: APP_ORIGIN } }), env)
    expect([await response.text(), response.headers.get(ACAO), response.headers.get('vary')]).toEqual([
      'hello',
      APP_ORIGIN,
      'Origin',
    ])
  })

  it('withCors(app.fetch) from corsica/fetch, around a Hono app without the middleware, passes env through too', async () => {
    const bare = new Hono<{ Bindings: { GREETING: string } }>()
    bare.get('/', (c) => c.text(c.env.GREETING))
    const response = await withCors(bare.fetch, CONFORMANCE_OPTIONS)(
      new Request('http://api.test/', { headers: { origin: APP_ORIGIN } }),
      env,
    )
    expect([await response.text(), response.headers.get(ACAO)]).toEqual(['hello', APP_ORIGIN])
  })
})

describe('hono: a layer that cannot decide', () => {
  it("an inner layer's failing predicate leaves no layer's CORS headers on onError's 500", async () => {
    const app = new Hono()
    app.onError((_error, c) => c.text('tenant store down', 500))
    app.use('*', cors({ origin: [APP_ORIGIN], credentials: true }))
    app.use(
      '/api/*',
      cors({
        origin: () => {
          throw new Error('tenant store down')
        },
      }),
    )
    app.get('/api/items', (c) => c.text('items'))
    const response = await app.fetch(new Request('http://api.test/api/items', { headers: { origin: APP_ORIGIN } }))
    expect(response.status).toBe(500)
    expect([response.headers.get(ACAO), response.headers.get(ACAC), response.headers.get('vary')]).toEqual([
      null,
      null,
      'Origin',
    ])
  })
})

describe('hono: a predicate that rejects with something other than an Error', () => {
  it('reaches onError as an Error, so app.fetch answers 500 instead of rejecting (Hono rethrows non-Errors)', async () => {
    const seen: unknown[] = []
    const app = new Hono()
    app.onError((error, c) => {
      seen.push(error)
      return c.text('error', 500)
    })
    app.use('*', cors({ origin: () => Promise.reject(42) }))
    app.get('/items', (c) => c.text('items'))
    const response = await app.fetch(new Request('http://api.test/items', { headers: { origin: APP_ORIGIN } }))
    expect([response.status, response.headers.get(ACAO)]).toEqual([500, null])
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(Error)
    expect(String((seen[0] as Error).message)).toBe('origin predicate failed: 42')
  })
})
