// corsica/fastify inside Fastify 5: the conformance table (support/apps.ts registers the plugin at
// the top, then an auth hook), then what only the plugin has: its scope when registered inside a
// prefixed plugin, route-level `config.cors` (off, or a policy of its own that decides the route's
// preflights too), errors thrown from hooks, register's own options, and the FastifyRequest as the
// predicate's context.
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import cors, { CorsConfigError, type FastifyCorsOptions } from '../../src/fastify.js'
import { startFastify } from './support/apps.js'
import { send, type TestRequest, type TestResponse } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'
import { ACAM, ACAO, corsNames, type Line, preflight } from './support/requests.js'

// Counts compiled policies: routes sharing one config.cors object compile it once.
const compiled = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src/core/policy.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/policy.js')>()
  const compileCheck: typeof original.compileCheck = (...args) => {
    compiled.count++
    return original.compileCheck(...args)
  }
  return { ...original, compileCheck }
})

describeConformance('fastify', startFastify)

const ADMIN_ORIGIN = 'https://admin.example'

const actual = (method: string, path: string, origin = APP_ORIGIN, ...extra: Line[]): TestRequest => ({
  method,
  path,
  headers: [['Origin', origin], ...extra],
})

/** Starts a Fastify app on 127.0.0.1 and returns its target and close(). */
async function serve(app: FastifyInstance) {
  await app.ready()
  return listen(app.server)
}

describe('fastify: registered inside a prefixed plugin', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const ran: string[] = []
  beforeAll(async () => {
    const app = Fastify()
    await app.register(
      async (child) => {
        await child.register(cors, { origin: [APP_ORIGIN] })
        child.addHook('onRequest', async (request, reply) => {
          ran.push(`auth ${request.method} ${request.url}`)
          if (request.headers.authorization === undefined) return reply.code(401).send('unauthorized')
        })
        child.get('/x', async () => {
          ran.push('GET /x')
          return 'x'
        })
        // A configured route at the prefix itself: Fastify registers it as both /api and /api/.
        child.get('/', { config: { cors: { origin: ADMIN_ORIGIN } } }, async () => 'root')
      },
      { prefix: '/api' },
    )
    app.get('/outside', async () => 'outside')
    server = await serve(app)
  })
  afterAll(() => server.close())

  it.each(['/api/x', '/api/nowhere', '/api/deep/er/path'])(
    'answers a preflight to %s, routed or not, before the auth hook',
    async (path) => {
      ran.length = 0
      const response = await send(server, preflight(path, 'PUT'))
      expect([response.status, response.body, response.cors[ACAO]]).toEqual([204, '', APP_ORIGIN])
      expect(response.cors[ACAM]).toBe('GET,HEAD,PUT,PATCH,POST,DELETE')
      expect(ran).toEqual([])
    },
  )

  it('puts its headers on the responses of the routes under the prefix, the auth 401 included', async () => {
    const denied = await send(server, actual('GET', '/api/x'))
    expect([denied.status, denied.cors[ACAO]]).toEqual([401, APP_ORIGIN])
    const allowed = await send(server, actual('GET', '/api/x', APP_ORIGIN, ['Authorization', 'Bearer t']))
    expect([allowed.status, allowed.body, allowed.cors[ACAO], allowed.cors.vary]).toEqual([
      200,
      'x',
      APP_ORIGIN,
      'Origin',
    ])
  })

  it("a configured route at the prefix's root registers, and decides its own preflights", async () => {
    const refused = await send(server, preflight('/api', 'GET'))
    expect([refused.status, refused.cors[ACAO]]).toEqual([204, undefined])
    const allowed = await send(server, preflight('/api', 'GET', ADMIN_ORIGIN))
    expect([allowed.status, allowed.cors[ACAO]]).toEqual([204, ADMIN_ORIGIN])
    for (const path of ['/api', '/api/']) {
      const get = await send(server, actual('GET', path, ADMIN_ORIGIN, ['Authorization', 'Bearer t']))
      expect([get.status, get.body, get.cors[ACAO]]).toEqual([200, 'root', ADMIN_ORIGIN])
    }
  })

  it('leaves the paths outside the prefix alone: no CORS headers, preflights not answered', async () => {
    const get = await send(server, actual('GET', '/outside'))
    expect([get.status, get.cors]).toEqual([200, {}])
    const answered = await send(server, preflight('/outside', 'GET'))
    expect([answered.status, answered.cors]).toEqual([404, {}])
  })

  it("a non-preflight OPTIONS under the prefix is not answered by corsica: the instance's hooks run", async () => {
    ran.length = 0
    const response = await send(server, { method: 'OPTIONS', path: '/api/x', headers: [['Origin', APP_ORIGIN]] })
    expect(response.status).toBe(401) // the auth hook runs: corsica did not answer it
    expect(ran).toEqual(['auth OPTIONS /api/x'])
  })
})

describe('fastify: registered at the top, before an auth hook', () => {
  let server: Awaited<ReturnType<typeof listen>>
  let authRuns = 0
  const handlers: string[] = []
  beforeAll(async () => {
    const app = Fastify()
    await app.register(cors, CONFORMANCE_OPTIONS)
    app.addHook('onRequest', async (_request, reply) => {
      authRuns++
      return reply.code(401).send('unauthorized')
    })
    app.get('/items', async () => void handlers.push('GET /items'))
    app.options('/with-options-route', async () => void handlers.push('OPTIONS /with-options-route'))
    app.register(async (child) => void child.get('/child', async () => 'child'), { prefix: '/v1' })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it.each(['/items', '/nowhere', '/with-options-route', '/v1/child', '/v1/nowhere'])(
    'answers a preflight to %s without running the auth hook or a route',
    async (path) => {
      authRuns = 0
      handlers.length = 0
      const response = await send(server, preflight(path, 'DELETE'))
      expect([response.status, response.cors[ACAO], authRuns, handlers]).toEqual([204, APP_ORIGIN, 0, []])
    },
  )

  it("the auth hook's 401 to an actual request carries the CORS headers", async () => {
    authRuns = 0
    const response = await send(server, actual('GET', '/items'))
    expect([response.status, response.cors[ACAO], authRuns]).toEqual([401, APP_ORIGIN, 1])
  })
})

describe('fastify: route config.cors', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const ran: string[] = []
  const shared = { origin: ADMIN_ORIGIN }
  let compiledForShared = 0
  beforeAll(async () => {
    const app = Fastify()
    await app.register(cors, { origin: true })
    const handler = (name: string) => async () => {
      ran.push(name)
      return name
    }
    app.get('/open', handler('open'))
    app.get('/off', { config: { cors: false } }, handler('off'))
    app.route({
      method: ['GET', 'POST'],
      url: '/admin',
      config: { cors: { origin: ADMIN_ORIGIN } },
      handler: handler('admin'),
    })
    app.put('/admin', handler('admin put'))
    app.get('/users/:id', { config: { cors: { origin: ADMIN_ORIGIN } } }, async (request) => {
      ran.push('user')
      return (request.params as { id: string }).id
    })
    // A user's OPTIONS route declared before the configured route on its URL.
    app.options('/before', handler('options route'))
    app.get('/before', { config: { cors: { origin: ADMIN_ORIGIN } } }, handler('before'))
    const before = compiled.count
    app.get('/shared-a', { config: { cors: shared } }, handler('shared-a'))
    app.get('/shared-b', { config: { cors: shared } }, handler('shared-b'))
    compiledForShared = compiled.count - before
    server = await serve(app)
  })
  afterAll(() => server.close())

  const sendTracked = async (request: TestRequest) => {
    ran.length = 0
    const response = await send(server, request)
    return { response, ran: [...ran] }
  }

  it('the plugin policy applies to a route without config', async () => {
    const { response } = await sendTracked(actual('GET', '/open'))
    expect([response.status, response.cors[ACAO]]).toEqual([200, APP_ORIGIN])
  })

  it('cors: false: no CORS header on the actual response, not even Vary', async () => {
    const { response, ran } = await sendTracked(actual('GET', '/off'))
    expect([response.status, response.body, response.cors, ran]).toEqual([200, 'off', {}, ['off']])
  })

  it('cors: false: its preflight is not answered by corsica but goes to the 404', async () => {
    const { response, ran } = await sendTracked(preflight('/off', 'GET'))
    expect([response.status, response.cors, ran]).toEqual([404, {}, []])
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 404, error: 'Not Found' })
  })

  it("a route's own policy refuses the actual request of an origin the plugin would allow", async () => {
    const { response, ran } = await sendTracked(actual('GET', '/admin'))
    expect([response.status, corsNames(response), response.cors.vary, ran]).toEqual([200, [], 'Origin', ['admin']])
    const admin = await sendTracked(actual('POST', '/admin', ADMIN_ORIGIN))
    expect([admin.response.status, admin.response.cors[ACAO]]).toEqual([200, ADMIN_ORIGIN])
  })

  it.each([
    { method: 'GET', origin: OTHER_ORIGIN, acao: undefined },
    { method: 'POST', origin: APP_ORIGIN, acao: undefined },
    { method: 'POST', origin: ADMIN_ORIGIN, acao: ADMIN_ORIGIN },
  ])("the route's policy decides the preflight for $method /admin from $origin", async ({ method, origin, acao }) => {
    const { response, ran } = await sendTracked(preflight('/admin', method, origin))
    expect([response.status, response.cors[ACAO], ran]).toEqual([204, acao, []])
  })

  it('a preflight for another method on the same URL uses the plugin policy', async () => {
    const { response } = await sendTracked(preflight('/admin', 'PUT', OTHER_ORIGIN))
    expect([response.status, response.cors[ACAO]]).toEqual([204, OTHER_ORIGIN])
    const put = await sendTracked(actual('PUT', '/admin', OTHER_ORIGIN))
    expect([put.response.status, put.response.cors[ACAO], put.ran]).toEqual([200, OTHER_ORIGIN, ['admin put']])
  })

  it("the HEAD route Fastify adds for a GET follows the GET's config", async () => {
    const refused = await sendTracked(actual('HEAD', '/admin'))
    expect([refused.response.status, corsNames(refused.response)]).toEqual([200, []])
    const allowed = await sendTracked(actual('HEAD', '/admin', ADMIN_ORIGIN))
    expect(allowed.response.cors[ACAO]).toBe(ADMIN_ORIGIN)
    const off = await sendTracked(actual('HEAD', '/off'))
    expect([off.response.status, off.response.cors]).toEqual([200, {}])
    const headPreflight = await sendTracked(preflight('/admin', 'HEAD'))
    expect([headPreflight.response.status, headPreflight.response.cors[ACAO]]).toEqual([204, undefined])
  })

  it('a route with a parameter: its policy for every value, preflights included', async () => {
    const refused = await sendTracked(preflight('/users/7', 'GET'))
    expect([refused.response.status, refused.response.cors[ACAO]]).toEqual([204, undefined])
    const allowed = await sendTracked(preflight('/users/42', 'GET', ADMIN_ORIGIN))
    expect([allowed.response.status, allowed.response.cors[ACAO]]).toEqual([204, ADMIN_ORIGIN])
    const get = await sendTracked(actual('GET', '/users/42', ADMIN_ORIGIN))
    expect([get.response.body, get.response.cors[ACAO], get.ran]).toEqual(['42', ADMIN_ORIGIN, ['user']])
  })

  it("a user's OPTIONS route declared before the configured route: preflights use the route's policy", async () => {
    const refused = await sendTracked(preflight('/before', 'GET'))
    expect([refused.response.status, refused.response.cors[ACAO], refused.ran]).toEqual([204, undefined, []])
    const allowed = await sendTracked(preflight('/before', 'GET', ADMIN_ORIGIN))
    expect([allowed.response.status, allowed.response.cors[ACAO], allowed.ran]).toEqual([204, ADMIN_ORIGIN, []])
  })

  it("a user's OPTIONS route still answers an OPTIONS that is not a preflight", async () => {
    const { response, ran } = await sendTracked({
      method: 'OPTIONS',
      path: '/before',
      headers: [['Origin', APP_ORIGIN]],
    })
    expect([response.status, response.body, response.cors[ACAO], ran]).toEqual([
      200,
      'options route',
      APP_ORIGIN,
      ['options route'],
    ])
  })

  it('one config object on two routes is compiled once, and applies to both', async () => {
    expect(compiledForShared).toBe(1)
    for (const path of ['/shared-a', '/shared-b']) {
      const { response } = await sendTracked(actual('GET', path, ADMIN_ORIGIN))
      expect(response.cors[ACAO]).toBe(ADMIN_ORIGIN)
      expect((await sendTracked(actual('GET', path))).response.cors[ACAO]).toBeUndefined()
    }
  })
})

describe('fastify: route config.cors errors at registration', () => {
  async function app(): Promise<FastifyInstance> {
    const fastify = Fastify()
    await fastify.register(cors, { origin: APP_ORIGIN })
    return fastify
  }

  function configError(register: () => unknown): CorsConfigError {
    try {
      register()
    } catch (error) {
      expect(error).toBeInstanceOf(CorsConfigError)
      return error as CorsConfigError
    }
    throw new Error('expected a CorsConfigError')
  }

  it('an invalid config.cors throws CorsConfigError naming the route and the option', async () => {
    const fastify = await app()
    const error = configError(() =>
      fastify.get('/x', { config: { cors: { origin: ADMIN_ORIGIN, maxAge: -1 } } }, async () => 'x'),
    )
    expect(error.problems.map(({ path }) => path)).toEqual(['route GET /x config.cors.maxAge'])
    const unknown = configError(() =>
      fastify.post(
        '/y',
        { config: { cors: { origin: ADMIN_ORIGIN, allowHeaders: 'x' } as FastifyCorsOptions } },
        async () => 'y',
      ),
    )
    expect(unknown.problems.map(({ code, path }) => [code, path])).toEqual([
      ['unknown-option', 'route POST /y config.cors.allowHeaders'],
    ])
    const notOptions = configError(() =>
      fastify.get('/z', { config: { cors: true as unknown as FastifyCorsOptions } }, async () => 'z'),
    )
    expect(notOptions.problems.map(({ path }) => path)).toEqual(['route GET /z config.cors.(options)'])
  })

  it("a route's options without origin throw route-origin-unset: they replace the plugin's, and unset means '*'", async () => {
    const fastify = await app()
    const error = configError(() =>
      fastify.delete('/items/:id', { config: { cors: { methods: ['DELETE'], maxAge: -1 } } }, async () => 'x'),
    )
    expect(error.problems.map(({ code, path }) => [code, path])).toEqual([
      ['route-origin-unset', 'route DELETE /items/:id config.cors.origin'],
      ['invalid-max-age', 'route DELETE /items/:id config.cors.maxAge'],
    ])
  })

  it('an OPTIONS route declared after a configured route on its URL throws late-options-route', async () => {
    const fastify = await app()
    fastify.get('/late', { config: { cors: false } }, async () => 'late')
    const error = configError(() => fastify.options('/late', async () => 'options'))
    expect(error.problems.map(({ code, path }) => [code, path])).toEqual([
      ['late-options-route', 'route OPTIONS /late'],
    ])
    // On another URL, an OPTIONS route is fine.
    expect(() => fastify.options('/elsewhere', async () => 'options')).not.toThrow()
  })
})

describe('fastify: errors, and what register itself reads', () => {
  let server: Awaited<ReturnType<typeof listen>>
  let handlerRuns = 0
  beforeAll(async () => {
    const app = Fastify()
    await app.register(cors, CONFORMANCE_OPTIONS)
    app.addHook('preHandler', async (request) => {
      if (request.url === '/hook-throws') throw Object.assign(new Error('hook'), { statusCode: 418 })
    })
    app.get('/hook-throws', async () => void handlerRuns++)
    app.get('/route-hook-throws', { preHandler: async () => Promise.reject(new Error('route hook')) }, async () => {
      handlerRuns++
    })
    app.register(async (child) => {
      child.setErrorHandler((_error, _request, reply) => reply.code(503).send('custom'))
      child.get('/custom-error', async () => {
        throw new Error('custom')
      })
    })
    server = await serve(app)
  })
  afterAll(() => server.close())

  it.each([
    { path: '/hook-throws', status: 418 },
    { path: '/route-hook-throws', status: 500 },
  ])(
    'an error thrown by a preHandler hook ($path) keeps the CORS headers, and the handler never runs',
    async ({ path, status }) => {
      handlerRuns = 0
      const response = await send(server, actual('GET', path))
      expect([response.status, response.cors[ACAO], response.cors.vary, handlerRuns]).toEqual([
        status,
        APP_ORIGIN,
        'Origin',
        0,
      ])
    },
  )

  it("a custom error handler's reply keeps them too", async () => {
    const response = await send(server, actual('GET', '/custom-error'))
    expect([response.status, response.body, response.cors[ACAO], response.cors.vary]).toEqual([
      503,
      'custom',
      APP_ORIGIN,
      'Origin',
    ])
  })

  it('an async predicate that rejects: Fastify answers 500, without CORS headers, Vary: Origin', async () => {
    const app = Fastify()
    let routeRuns = 0
    await app.register(cors, { origin: async () => Promise.reject(new Error('tenant store down')) })
    app.get('/items', async () => void routeRuns++)
    const rejecting = await serve(app)
    try {
      for (const request of [actual('GET', '/items'), preflight('/items', 'GET')]) {
        const response = await send(rejecting, request)
        expect([response.status, corsNames(response), response.cors.vary, routeRuns]).toEqual([500, [], 'Origin', 0])
        expect(JSON.parse(response.body)).toMatchObject({ statusCode: 500, message: 'tenant store down' })
      }
    } finally {
      await rejecting.close()
    }
  })

  it("register's own options (prefix, logLevel) are not taken for unknown corsica options", async () => {
    const app = Fastify()
    const options = { origin: APP_ORIGIN, prefix: '/ignored', logLevel: 'warn' } as FastifyCorsOptions
    await app.register(cors, options)
    app.get('/items', async () => 'items')
    const response = await app.inject({ method: 'GET', url: '/items', headers: { origin: APP_ORIGIN } })
    expect([response.statusCode, response.headers[ACAO]]).toEqual([200, APP_ORIGIN])
    await app.close()
  })

  it('an unknown corsica option still throws CorsConfigError at register', async () => {
    const app = Fastify()
    const options = { origin: APP_ORIGIN, allowHeaders: ['x-trace'] } as FastifyCorsOptions
    const error: unknown = await app.register(cors, options).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(CorsConfigError)
    expect((error as CorsConfigError).problems.map(({ code, path }) => [code, path])).toEqual([
      ['unknown-option', 'allowHeaders'],
    ])
  })
})

describe('fastify: the predicate receives the FastifyRequest', () => {
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = Fastify()
    await app.register(cors, {
      // Decides by URL, Host and a tenant header: all of them FastifyRequest fields.
      origin: (origin, request) =>
        request.url.startsWith('/tenant/') &&
        request.headers.host === new URL(serverUrl()).host &&
        request.headers['x-tenant'] === new URL(origin).hostname.split('.')[0],
      vary: ['X-Tenant'],
    })
    app.get('/tenant/:name', async () => 'tenant')
    app.get('/other', async () => 'other')
    server = await serve(app)
  })
  afterAll(() => server.close())
  const serverUrl = (): string => server.url

  it.each([
    { name: 'allows by URL, Host and X-Tenant', path: '/tenant/app', tenant: 'app', acao: APP_ORIGIN },
    { name: 'refuses another tenant', path: '/tenant/app', tenant: 'evil', acao: undefined },
    { name: 'refuses another URL', path: '/other', tenant: 'app', acao: undefined },
  ])('$name; Vary names X-Tenant', async ({ path, tenant, acao }) => {
    const response = await send(server, actual('GET', path, APP_ORIGIN, ['X-Tenant', tenant]))
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([200, acao, 'Origin, X-Tenant'])
  })

  it('decides preflights by the same request, and Vary names X-Tenant there too', async () => {
    const response = await send(server, preflight('/tenant/app', 'GET', APP_ORIGIN, ['X-Tenant', 'app']))
    expect([response.status, response.cors[ACAO]]).toEqual([204, APP_ORIGIN])
    expect(response.cors.vary).toBe(
      'Origin, X-Tenant, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network',
    )
  })
})

describe('fastify: route policies where Fastify serves a route under more than one key', () => {
  const STRICT = { origin: ADMIN_ORIGIN, credentials: true }
  const PERMISSIVE = { origin: [OTHER_ORIGIN, ADMIN_ORIGIN], credentials: true }

  it("a route at a prefix's root decides the preflights of /api and /api/ alike", async () => {
    const app = Fastify()
    await app.register(cors, PERMISSIVE)
    await app.register(async (api) => api.delete('/', { config: { cors: STRICT } }, async () => 'deleted'), {
      prefix: '/api',
    })
    const server = await serve(app)
    for (const path of ['/api', '/api/']) {
      const answer = await send(server, preflight(path, 'DELETE', OTHER_ORIGIN))
      expect([path, answer.status, corsNames(answer)]).toEqual([path, 204, []])
    }
    await server.close()
  })

  // Host and Accept-Version as sent: through inject, since a socket client sends its own Host.
  const injectPreflight = (app: FastifyInstance, path: string, method: string, headers: Record<string, string>) =>
    app.inject({
      method: 'OPTIONS',
      url: path,
      headers: { origin: OTHER_ORIGIN, 'access-control-request-method': method, ...headers },
    })

  it('routes told apart by RegExp host constraints keep their own preflight policies', async () => {
    const app = Fastify()
    await app.register(cors, PERMISSIVE)
    app.delete('/x', { constraints: { host: /^a\./ }, config: { cors: STRICT } }, async () => 'a')
    app.delete('/x', { constraints: { host: /^b\./ }, config: { cors: PERMISSIVE } }, async () => 'b')
    const onA = await injectPreflight(app, '/x', 'DELETE', { host: 'a.test' })
    const onB = await injectPreflight(app, '/x', 'DELETE', { host: 'b.test' })
    expect([onA.statusCode, onA.headers[ACAO]]).toEqual([204, undefined])
    expect([onB.statusCode, onB.headers[ACAO]]).toEqual([204, OTHER_ORIGIN])
    await app.close()
  })

  it('the same constraints written in another order name the same route', async () => {
    const app = Fastify()
    await app.register(cors, PERMISSIVE)
    app.get('/k', { constraints: { host: 'api.test', version: '1.0.0' }, config: { cors: STRICT } }, async () => 'g')
    app.post('/k', { constraints: { version: '1.0.0', host: 'api.test' }, config: { cors: STRICT } }, async () => 'p')
    for (const method of ['GET', 'POST']) {
      const answer = await injectPreflight(app, '/k', method, { host: 'api.test', 'accept-version': '1.0.0' })
      expect([method, answer.statusCode, answer.headers[ACAO]]).toEqual([method, 204, undefined])
    }
    await app.close()
  })
})

describe('fastify: a config.cors set by an onRoute hook added after the plugin', () => {
  it('is read when the app is ready: the route is answered by its own policy', async () => {
    const app = Fastify()
    await app.register(cors, { origin: [OTHER_ORIGIN, ADMIN_ORIGIN] })
    app.addHook('onRoute', (route) => {
      if (route.url === '/internal') route.config = { ...route.config, cors: false }
    })
    app.get('/internal', async () => 'internal')
    app.get('/open', async () => 'open')
    const server = await serve(app)
    const internal = await send(server, actual('GET', '/internal', OTHER_ORIGIN))
    expect([internal.status, corsNames(internal)]).toEqual([200, []])
    const open = await send(server, actual('GET', '/open', OTHER_ORIGIN))
    expect([open.status, open.cors[ACAO]]).toEqual([200, OTHER_ORIGIN])
    await server.close()
  })
})

describe('fastify: corsica registered twice', () => {
  it("the inner registration still reads a route's config.cors that the outer one marked first", async () => {
    const app = Fastify()
    await app.register(cors, { origin: [OTHER_ORIGIN] })
    await app.register(
      async (child) => {
        await child.register(cors, { origin: [OTHER_ORIGIN] })
        child.route({
          method: ['GET', 'OPTIONS'],
          url: '/x',
          exposeHeadRoute: false,
          config: { cors: { origin: ADMIN_ORIGIN } },
          handler: async () => 'x',
        })
      },
      { prefix: '/p' },
    )
    const server = await serve(app)
    const refused = await send(server, actual('GET', '/p/x', OTHER_ORIGIN))
    expect([refused.status, corsNames(refused)]).toEqual([200, []])
    const allowed = await send(server, actual('GET', '/p/x', ADMIN_ORIGIN))
    expect([allowed.status, allowed.cors[ACAO]]).toEqual([200, ADMIN_ORIGIN])
    await server.close()
  })
})

describe('fastify: routes registered before the plugin', () => {
  it("use their config.cors for actual requests, compiled on first use, and warn that their preflights can't", async () => {
    const warnings: string[] = []
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void warnings.push(line) } } })
    app.delete('/early', { config: { cors: { origin: ADMIN_ORIGIN } } }, async () => 'early')
    app.get('/broken', { config: { cors: { origin: 'not an origin' } } }, async () => 'broken')
    await app.register(cors, { origin: [OTHER_ORIGIN, ADMIN_ORIGIN] })
    const server = await serve(app)
    const refused = await send(server, actual('DELETE', '/early', OTHER_ORIGIN))
    expect([refused.status, corsNames(refused)]).toEqual([200, []])
    expect(warnings.join('')).toContain('route DELETE /early was registered before corsica')
    const broken = await send(server, actual('GET', '/broken', OTHER_ORIGIN))
    expect([broken.status, corsNames(broken)]).toEqual([500, []])
    await server.close()
  })

  it('a register() without await runs after the routes declared next: their config.cors still holds', async () => {
    const app = Fastify({ logger: false })
    void app.register(cors, { origin: [OTHER_ORIGIN] })
    app.get('/internal', { config: { cors: false } }, async () => 'internal')
    const server = await serve(app)
    const response = await send(server, actual('GET', '/internal', OTHER_ORIGIN))
    expect([response.status, corsNames(response)]).toEqual([200, []])
    await server.close()
  })
})
