// corsica/koa inside Koa 3: the conformance table, then what only Koa has. Its error handler clears
// every response header before it writes the error, then sets the error's `headers`: the adapter
// puts the CORS headers there. With @koa/router, corsica answers preflights before routing and
// router.allowedMethods() answers the other OPTIONS and the 405s, with CORS headers.
import http from 'node:http'
import Router from '@koa/router'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors } from '../../src/koa.js'
import { startKoa } from './support/apps.js'
import { send } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'
import { ACAC, ACAM, ACAO, corsNames, get, preflight } from './support/requests.js'

describeConformance('koa', startKoa)

async function serve(app: Koa) {
  app.silent = true
  return listen(http.createServer(app.callback()))
}

describe('koa: a Vary set before the middleware', () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = new Koa()
    app.use((ctx, next) => {
      ctx.vary('Accept')
      return next()
    })
    app.use(cors(CONFORMANCE_OPTIONS))
    app.use((ctx) => {
      ctx.vary('Accept-Encoding')
      ctx.body = 'ok'
    })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it('an actual response keeps it, then Origin, then what the route adds', async () => {
    const response = await send(server, get('/'))
    expect([response.status, response.cors.vary]).toEqual([200, 'Accept, Origin, Accept-Encoding'])
  })

  it('a preflight keeps it before its own Vary, with no body and no Content-Type', async () => {
    const response = await send(server, preflight('/', 'PUT'))
    expect(response.status).toBe(204)
    expect(response.cors.vary?.split(', ')[0]).toBe('Accept')
    expect(response.cors.vary).toContain('Origin')
    expect([response.headers['content-type'], response.headers['content-length'], response.body]).toEqual([
      undefined,
      undefined,
      '',
    ])
  })
})

describe('koa: error responses', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const reported: string[] = []
  beforeAll(async () => {
    const app = new Koa()
    app.use(cors(CONFORMANCE_OPTIONS))
    app.use((ctx) => {
      switch (ctx.path) {
        case '/slow-down':
          return ctx.throw(429, 'slow down', { headers: { 'Retry-After': '5' } })
        case '/vary-on-error':
          return ctx.throw(406, 'not acceptable', { headers: { vary: 'Accept' } })
        case '/vary-capitalized':
          return ctx.throw(406, 'not acceptable', { headers: { Vary: 'Accept' } })
        case '/vary-then-throw':
          ctx.vary('Accept-Encoding')
          throw new Error('boom')
        case '/upstream-cors':
          return ctx.throw(502, 'bad gateway', { headers: { 'access-control-allow-origin': '*' } })
        case '/upstream-cors-capitalized':
          return ctx.throw(502, 'bad gateway', { headers: { 'Access-Control-Allow-Origin': '*' } })
        case '/fixed-headers':
          // An error whose headers property cannot be replaced: Koa answers with those headers alone.
          throw Object.defineProperty(Object.assign(new Error('fixed'), { status: 400, expose: true }), 'headers', {
            value: { 'x-fixed': '1' },
            writable: false,
          })
        case '/throw-string':
          throw 'denied'
        case '/throw-circular': {
          const circular: Record<string, unknown> = { status: 401 }
          circular.self = circular
          throw circular
        }
        case '/throw-bigint':
          throw 10n
        case '/throw-object':
          // Koa answers a thrown object that is not an Error with a 500, whatever its status.
          throw { status: 401, message: 'who are you' }
        default:
          ctx.vary('Accept-Encoding')
          ctx.body = 'ok'
      }
    })
    app.on('error', (error: Error) => reported.push(error.message))
    server = await serve(app)
  })
  afterAll(() => server.close())

  it("a thrown error keeps the CORS headers and the error's own headers", async () => {
    const response = await send(server, get('/slow-down'))
    expect([response.status, response.body, response.headers['retry-after']]).toEqual([429, 'slow down', '5'])
    expect([response.cors[ACAO], response.cors[ACAC], response.cors.vary]).toEqual([APP_ORIGIN, 'true', 'Origin'])
  })

  it("the error's Vary is kept and merged with Origin", async () => {
    const response = await send(server, get('/vary-on-error'))
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([406, APP_ORIGIN, 'Accept, Origin'])
  })

  it("the error's Vary is kept whatever the case of its name", async () => {
    const response = await send(server, get('/vary-capitalized'))
    expect([response.status, response.cors[ACAO]]).toEqual([406, APP_ORIGIN])
    expect(response.cors.vary?.split(', ').sort()).toEqual(['Accept', 'Origin'])
  })

  it('a successful response merges ctx.vary values with Origin', async () => {
    const response = await send(server, get('/ok'))
    expect([response.status, response.cors.vary]).toEqual([200, 'Origin, Accept-Encoding'])
  })

  it('an error after ctx.vary(): Koa drops the Vary it set, Origin stays', async () => {
    const response = await send(server, get('/vary-then-throw'))
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([500, APP_ORIGIN, 'Origin'])
  })

  it("a refused origin's error response has no CORS header, and Vary: Origin", async () => {
    const response = await send(server, get('/slow-down', OTHER_ORIGIN))
    expect([response.status, corsNames(response), response.cors.vary, response.headers['retry-after']]).toEqual([
      429,
      [],
      'Origin',
      '5',
    ])
  })

  it.each(['/upstream-cors', '/upstream-cors-capitalized'])(
    "a CORS header the error carries (%s) gives way to the policy's",
    async (path) => {
      const allowed = await send(server, get(path))
      expect([allowed.status, allowed.cors[ACAO]]).toEqual([502, APP_ORIGIN])
      const refused = await send(server, get(path, OTHER_ORIGIN))
      expect([refused.status, corsNames(refused)]).toEqual([502, []])
    },
  )

  it.each([
    ['/throw-string', 'non-error thrown: "denied"'],
    ['/throw-object', 'non-error thrown: {"status":401,"message":"who are you"}'],
    ['/throw-circular', 'non-error thrown: [Circular]'],
    ['/throw-bigint', 'non-error thrown: [unserializable]'],
  ])(
    'a thrown value that is not an Error (%s) keeps the CORS headers; Koa reports it as it would',
    async (path, message) => {
      reported.length = 0
      const allowed = await send(server, get(path))
      expect([allowed.status, allowed.cors[ACAO], allowed.cors[ACAC], allowed.cors.vary]).toEqual([
        500,
        APP_ORIGIN,
        'true',
        'Origin',
      ])
      const refused = await send(server, get(path, OTHER_ORIGIN))
      expect([refused.status, corsNames(refused), refused.cors.vary]).toEqual([500, [], 'Origin'])
      expect(reported).toEqual([message, message])
    },
  )

  it('an error whose headers cannot be replaced is answered with its own headers, without CORS headers', async () => {
    const response = await send(server, get('/fixed-headers'))
    expect([response.status, response.headers['x-fixed'], corsNames(response)]).toEqual([400, '1', []])
  })
})

describe('koa: ctx.onerror used as a node-style callback', () => {
  it('ignores null and undefined, as Koa does: the response goes on, with its CORS headers', async () => {
    const app = new Koa()
    app.use(cors(CONFORMANCE_OPTIONS))
    app.use((ctx) => {
      ctx.onerror(null as unknown as Error)
      ctx.onerror(undefined as unknown as Error)
      ctx.body = 'ok'
    })
    const server = await serve(app)
    const response = await send(server, get('/'))
    expect([response.status, response.body, response.cors[ACAO]]).toEqual([200, 'ok', APP_ORIGIN])
    await server.close()
  })
})

describe('koa: a context double with no app', () => {
  it("its own onerror receives the value thrown, with no error of corsica's", async () => {
    const headers = new Map<string, string>()
    const res = {
      getHeaderNames: () => [...headers.keys()],
      getHeader: (name: string) => headers.get(name),
      setHeader: (name: string, value: string) => headers.set(name, value),
      removeHeader: (name: string) => headers.delete(name),
    }
    const received: unknown[] = []
    const ctx = {
      req: { method: 'GET', headers: { origin: APP_ORIGIN } },
      res,
      onerror: (e: unknown) => received.push(e),
    }
    const middleware = cors(CONFORMANCE_OPTIONS) as unknown as (c: typeof ctx, next: () => Promise<void>) => unknown
    await middleware(ctx, async () => {
      ctx.onerror('denied')
    })
    expect([received, headers.get(ACAO)]).toEqual([['denied'], APP_ORIGIN])
  })
})

describe("koa: an app's own ctx.onerror", () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = new Koa()
    const koas = app.context.onerror
    // As koa-onerror style handlers do: a thrown plain object's status, message and headers kept.
    app.context.onerror = function (this: Koa.Context, thrown: unknown) {
      if (thrown == null) return
      const value = thrown as { status?: number; message?: string; headers?: Record<string, string> }
      const error = thrown instanceof Error ? thrown : Object.assign(new Error(value.message), value, { expose: true })
      return koas.call(this, error)
    }
    app.use(cors(CONFORMANCE_OPTIONS))
    app.use(() => {
      throw { status: 401, message: 'login first', headers: { 'www-authenticate': 'Bearer' } }
    })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it('receives the thrown value itself, and the response keeps its status, its headers and the CORS headers', async () => {
    const response = await send(server, get('/'))
    expect([response.status, response.body, response.headers['www-authenticate']]).toEqual([
      401,
      'login first',
      'Bearer',
    ])
    expect([response.cors[ACAO], response.cors.vary]).toEqual([APP_ORIGIN, 'Origin'])
  })
})

describe('koa: an error whose own properties cannot be read', () => {
  it("still reaches Koa's error handler, which emits it (Koa itself then fails to set its status)", async () => {
    const app = new Koa()
    app.silent = true
    const emitted = new Promise<string>((resolve) => app.on('error', (error: Error) => resolve(error.message)))
    app.use(cors(CONFORMANCE_OPTIONS))
    app.use(() => {
      throw new Proxy(new Error('odd'), {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap')
        },
      })
    })
    const handle = app.callback()
    // Koa's handler rejects when its own error handling meets the trap: caught here, not by corsica.
    const server = http.createServer((req, res) => void Promise.resolve(handle(req, res)).catch(() => {}))
    const listening = await listen(server)
    // Koa leaves this request unanswered (its own `err.status = …` meets the trap): not awaited.
    void send(listening, get('/')).catch(() => {})
    expect(await emitted).toBe('odd')
    server.closeAllConnections()
    await listening.close()
  })
})

describe('koa: with @koa/router and router.allowedMethods()', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const ran: string[] = []
  beforeAll(async () => {
    const app = new Koa()
    app.use(cors(CONFORMANCE_OPTIONS))
    const router = new Router()
    router.get('/items', (ctx) => {
      ran.push('GET /items')
      ctx.body = 'items'
    })
    router.post('/items', (ctx) => {
      ran.push('POST /items')
      ctx.body = 'posted'
    })
    app.use(router.routes()).use(router.allowedMethods())
    server = await serve(app)
    const throwing = new Koa()
    throwing.use(cors(CONFORMANCE_OPTIONS))
    const strict = new Router()
    strict.get('/items', (ctx) => {
      ctx.body = 'strict'
    })
    throwing.use(strict.routes()).use(strict.allowedMethods({ throw: true }))
    strictServer = await serve(throwing)
  })
  let strictServer: Awaited<ReturnType<typeof listen>>
  afterAll(() => Promise.all([server.close(), strictServer.close()]))

  it('a preflight is answered by corsica: 204, no route or allowedMethods runs', async () => {
    ran.length = 0
    const response = await send(server, preflight('/items', 'PUT'))
    expect([response.status, response.body, response.headers.allow, ran]).toEqual([204, '', undefined, []])
    expect([response.cors[ACAO], response.cors[ACAM]]).toEqual([APP_ORIGIN, 'GET,POST,PUT,DELETE'])
  })

  it("an OPTIONS that is not a preflight gets allowedMethods' 200 and Allow, with CORS headers", async () => {
    const response = await send(server, { method: 'OPTIONS', path: '/items', headers: [['Origin', APP_ORIGIN]] })
    expect([response.status, response.headers.allow, response.cors[ACAO], response.cors.vary]).toEqual([
      200,
      'HEAD, GET, POST',
      APP_ORIGIN,
      'Origin',
    ])
  })

  it("allowedMethods' 405 keeps the CORS headers", async () => {
    const response = await send(server, { method: 'DELETE', path: '/items', headers: [['Origin', APP_ORIGIN]] })
    expect([response.status, response.headers.allow, response.cors[ACAO], response.cors.vary]).toEqual([
      405,
      'HEAD, GET, POST',
      APP_ORIGIN,
      'Origin',
    ])
  })

  it('allowedMethods({ throw: true }): the thrown 405 keeps them too', async () => {
    const response = await send(strictServer, { method: 'DELETE', path: '/items', headers: [['Origin', APP_ORIGIN]] })
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([405, APP_ORIGIN, 'Origin'])
  })
})

describe('koa: the predicate receives ctx', () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = new Koa<{ tenant?: string }>()
    // A middleware before corsica resolves the tenant into ctx.state: the predicate reads it there.
    app.use((ctx, next) => {
      ctx.state.tenant = ctx.get('x-tenant')
      return next()
    })
    app.use(
      cors({
        origin: (origin, ctx) => ctx.path.startsWith('/tenant/') && ctx.state.tenant === new URL(origin).hostname,
        vary: ['X-Tenant'],
      }),
    )
    app.use((ctx) => {
      ctx.body = 'ok'
    })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it.each([
    { name: 'allows by ctx.path and ctx.state', path: '/tenant/a', tenant: 'app.example.com', acao: APP_ORIGIN },
    { name: 'refuses another tenant', path: '/tenant/a', tenant: 'evil.example.com', acao: undefined },
    { name: 'refuses another path', path: '/other', tenant: 'app.example.com', acao: undefined },
  ])('$name; Vary names X-Tenant', async ({ path, tenant, acao }) => {
    const response = await send(server, get(path, APP_ORIGIN, ['X-Tenant', tenant]))
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([200, acao, 'Origin, X-Tenant'])
  })
})

describe('koa: optionsSuccessStatus 200', () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = new Koa()
    app.use(cors({ origin: APP_ORIGIN, optionsSuccessStatus: 200 }))
    app.use((ctx) => {
      ctx.body = { never: 'reached' }
    })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it('answers the preflight 200 with an empty body and no Content-Type', async () => {
    const response = await send(server, preflight('/items', 'PUT'))
    expect([response.status, response.body, response.headers['content-type']]).toEqual([200, '', undefined])
    expect([response.headers['content-length'], response.cors[ACAO]]).toEqual(['0', APP_ORIGIN])
  })
})

describe('koa: layered policies on thrown errors', () => {
  const ADMIN = 'https://admin.example.com'

  it('the layer closest to the route decides the error response: an outer allow does not come back', async () => {
    const app = new Koa()
    app.silent = true
    app.use(cors({ origin: [OTHER_ORIGIN, ADMIN], credentials: true }))
    const router = new Router()
    router.use('/admin', cors({ origin: ADMIN, credentials: true }))
    router.get('/admin/fails', (ctx) => ctx.throw(403, 'details', { expose: true }))
    app.use(router.routes())
    const server = await serve(app)
    const refused = await send(server, get('/admin/fails', OTHER_ORIGIN))
    expect([refused.status, corsNames(refused), refused.cors.vary]).toEqual([403, [], 'Origin'])
    const allowed = await send(server, get('/admin/fails', ADMIN))
    expect([allowed.status, allowed.cors[ACAO], allowed.cors[ACAC]]).toEqual([403, ADMIN, 'true'])
  })

  it('an error object thrown on several requests carries no headers from an earlier one', async () => {
    const app = new Koa()
    app.silent = true
    const shared = Object.assign(new Error('gone'), { status: 404, expose: true, headers: { 'x-kept': '1' } })
    const router = new Router()
    router.use('/api', cors({ origin: APP_ORIGIN, credentials: true }))
    router.get('/api/gone', () => {
      throw shared
    })
    router.get('/plain/gone', () => {
      throw shared
    })
    app.use(router.routes())
    const server = await serve(app)
    const withCors = await send(server, get('/api/gone'))
    expect([withCors.status, withCors.cors[ACAO], withCors.headers['x-kept']]).toEqual([404, APP_ORIGIN, '1'])
    const withoutCors = await send(server, get('/plain/gone'))
    expect([withoutCors.status, corsNames(withoutCors), withoutCors.headers['x-kept']]).toEqual([404, [], '1'])
    expect(shared.headers).toEqual({ 'x-kept': '1' })
  })

  it("an inner layer's failing predicate leaves no layer's CORS headers on the 500", async () => {
    const app = new Koa()
    app.silent = true
    app.use(cors({ origin: [APP_ORIGIN], credentials: true }))
    app.use(
      cors({
        origin: () => {
          throw new Error('tenant store down')
        },
      }),
    )
    const response = await send(await serve(app), get('/'))
    expect([response.status, corsNames(response), response.cors.vary]).toEqual([500, [], 'Origin'])
  })
})
