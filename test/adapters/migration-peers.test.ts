// Every row of docs/readme-parts/migration-peers.md, tested: each test is named after its row's
// first cell and runs the peer package and corsica in the same framework over a real socket,
// with the request the row talks about, asserting what the row says for both. The last describe
// parses the tables, so a row without a test (or a test without a row) fails.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import fastifyCors from '@fastify/cors'
// @ts-expect-error: @koa/cors ships no types
import koaCorsUntyped from '@koa/cors'
import Fastify, { type FastifyInstance } from 'fastify'
import { Hono, type MiddlewareHandler } from 'hono'
import { cors as honoCors } from 'hono/cors'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveFetch } from '../../examples/serve-fetch.mjs'
import corsica from '../../src/fastify.js'
import { cors as corsicaHono } from '../../src/hono.js'
import { CorsConfigError, type CorsRejectEvent } from '../../src/index.js'
import { cors as corsicaKoa } from '../../src/koa.js'
import { send, type TestRequest, type TestResponse } from './support/client.js'
import { listen } from './support/server.js'
import {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACAPN,
  ACEH,
  ACMA,
  corsNames,
  type Line,
  preflight as preflightFrom,
} from './support/requests.js'

const APP = 'https://app.example'
const ADMIN = 'https://admin.example'
const EVIL = 'https://evil.example'

type Server = Awaited<ReturnType<typeof listen>>

// This file's origins end in .example: the tables speak of https://app.example.
const preflight = (path: string, method: string, origin = APP, ...extra: Line[]) =>
  preflightFrom(path, method, origin, ...extra)
const actual = (method: string, path: string, ...headers: Line[]): TestRequest => ({ method, path, headers })
const from = (origin: string): Line => ['Origin', origin]
/** The access-control-* header names of a response (Vary aside). */
const varyOf = (response: TestResponse): string[] =>
  (response.cors.vary ?? '').split(',').flatMap((token) => (token.trim() === '' ? [] : [token.trim()]))
const items = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim())

/** Servers started by the tests, closed once at the end of the file. */
const open: Server[] = []
afterAll(() => Promise.all(open.map((server) => server.close())))

async function both(peer: Server, ours: Server, request: TestRequest): Promise<[TestResponse, TestResponse]> {
  return Promise.all([send(peer, request), send(ours, request)])
}

/** Records onReject reasons, to check a refusal corsica reports. */
function rejections(): { reasons: string[]; onReject: (event: CorsRejectEvent) => void } {
  const reasons: string[] = []
  return { reasons, onReject: (event) => void reasons.push(event.reason) }
}

/** `create` fails with a CorsConfigError that has a problem with `code` (and `suggestion`). */
async function refused(create: () => unknown, code: string, suggestion?: string): Promise<void> {
  const error = await Promise.resolve()
    .then(create)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    )
  expect(error).toBeInstanceOf(CorsConfigError)
  const expected = suggestion === undefined ? { code } : { code, suggestion }
  expect((error as CorsConfigError).problems).toContainEqual(expect.objectContaining(expected))
}

/** Test names per section of the markdown, to match them with the tables' rows. */
const tested = new Map<string, Set<string>>()
function rowsOf(section: string): (name: string, body: () => Promise<void>) => void {
  const names = new Set<string>()
  tested.set(section, names)
  return (name, body) => {
    names.add(name)
    it(name, body)
  }
}

// ---- Fastify: the plugin set up by `setup`, then the same routes.

/** Options typed loosely: each package gets values written for the other, on purpose. */
type Loose = Record<string, unknown>
const loose = <T>(value: Loose): T => value as T

/**
 * /items (GET, PUT, POST, DELETE), /opts (an OPTIONS route of the app's), /private (config.cors
 * false), /boom (throws); `setup` registers the plugin and may add routes.
 */
async function fastifyApp(setup: (app: FastifyInstance) => unknown): Promise<Server> {
  const app = Fastify()
  await setup(app)
  app.route({ method: ['GET', 'PUT', 'POST', 'DELETE'], url: '/items', handler: async () => 'items' })
  app.options('/opts', async () => 'options route')
  app.get('/private', { config: { cors: false } }, async () => 'private')
  app.get('/boom', async () => {
    throw new Error('boom')
  })
  await app.ready()
  const server = await listen(app.server)
  open.push(server)
  return server
}
const peerFastify = (options: Loose, extra?: (app: FastifyInstance) => unknown) =>
  fastifyApp(async (app) => {
    await app.register(fastifyCors, loose(options))
    await extra?.(app)
  })
const ourFastify = (options: Loose, extra?: (app: FastifyInstance) => unknown) =>
  fastifyApp(async (app) => {
    await app.register(corsica, loose(options))
    await extra?.(app)
  })
const fastifyPair = (peer: Loose, ours: Loose = peer) => Promise.all([peerFastify(peer), ourFastify(ours)])

const LISTED = { origin: [APP], credentials: true, exposedHeaders: ['X-Id'], maxAge: 600 }

describe('Migrating from @fastify/cors', () => {
  const row = rowsOf('Migrating from @fastify/cors')
  let defaults: [Server, Server]
  let listed: [Server, Server]
  beforeAll(async () => {
    ;[defaults, listed] = await Promise.all([fastifyPair({}), fastifyPair(LISTED)])
  })

  row("`origin: '*'` (default)", async () => {
    for (const request of [actual('GET', '/items', from(APP)), actual('GET', '/items')]) {
      const [peer, ours] = await both(...defaults, request)
      expect([peer.status, peer.cors[ACAO]]).toEqual([200, '*'])
      expect([ours.status, ours.cors[ACAO]]).toEqual([200, '*'])
    }
  })

  row('`methods` unset', async () => {
    const [peer, ours] = await both(...defaults, preflight('/items', 'PUT'))
    expect(peer.cors[ACAM]).toBe('GET,HEAD,POST')
    expect(items(ours.cors[ACAM])).toEqual(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'])
  })

  row("`origin: 'https://a.example'` (one string)", async () => {
    const servers = await fastifyPair({ origin: APP })
    const [peer, ours] = await both(...servers, actual('GET', '/items', from(EVIL)))
    expect(peer.cors[ACAO]).toBe(APP)
    expect(ours.cors[ACAO]).toBeUndefined()
    const [peerOwn, ourOwn] = await both(...servers, actual('GET', '/items', from(APP)))
    expect([peerOwn.cors[ACAO], ourOwn.cors[ACAO]]).toEqual([APP, APP])
  })

  row('`origin: [...]`, RegExp', async () => {
    const servers = await fastifyPair({ origin: [APP, /^https:\/\/[a-z]+\.example\.org$/] })
    for (const [origin, allowed] of [
      [APP, APP],
      ['https://docs.example.org', 'https://docs.example.org'],
      [EVIL, undefined],
    ] as const) {
      const [peer, ours] = await both(...servers, actual('GET', '/items', from(origin)))
      expect([peer.cors[ACAO], ours.cors[ACAO]]).toEqual([allowed, allowed])
    }
    const unanchored = { origin: /example\.org$/ }
    const [peer] = await both(await peerFastify(unanchored), defaults[1], actual('GET', '/items', from(EVIL)))
    expect(peer.status).toBe(200)
    await refused(() => ourFastify(unanchored), 'unanchored-regexp')
    await refused(() => ourFastify({ origin: /^https:\/\/app\.example$/g }), 'stateful-regexp')
  })

  row("`origin: true` or `'*'` with `credentials: true`", async () => {
    const peer = await send(await peerFastify({ origin: true, credentials: true }), actual('GET', '/items', from(EVIL)))
    expect([peer.cors[ACAO], peer.cors[ACAC]]).toEqual([EVIL, 'true'])
    const star = await send(await peerFastify({ origin: '*', credentials: true }), actual('GET', '/items', from(EVIL)))
    expect([star.cors[ACAO], star.cors[ACAC]]).toEqual(['*', 'true'])
    await refused(() => ourFastify({ origin: true, credentials: true }), 'credentials-with-any-origin')
    await refused(() => ourFastify({ origin: '*', credentials: true }), 'credentials-with-any-origin')
  })

  row('Origin callback `(origin, cb)`', async () => {
    const callback = (origin: string | undefined, cb: (error: Error | null, allow: boolean) => void) =>
      cb(null, origin === APP)
    const [peer, unchanged, rewritten] = await Promise.all([
      peerFastify({ origin: callback }),
      ourFastify({ origin: callback }),
      ourFastify({ origin: (origin: string) => origin === APP }),
    ])
    const request = actual('GET', '/items', from(APP))
    const [peerAnswer, unchangedAnswer, rewrittenAnswer] = await Promise.all([
      send(peer, request),
      send(unchanged, request),
      send(rewritten, request),
    ])
    expect([peerAnswer.status, peerAnswer.cors[ACAO]]).toEqual([200, APP])
    expect([unchangedAnswer.status, unchangedAnswer.cors[ACAO]]).toEqual([500, undefined])
    expect([rewrittenAnswer.status, rewrittenAnswer.cors[ACAO]]).toEqual([200, APP])
  })

  row('Async origin function', async () => {
    const servers = await fastifyPair({ origin: async (origin: string) => origin === APP })
    for (const [origin, allowed] of [
      [APP, APP],
      [EVIL, undefined],
    ] as const) {
      const [peer, ours] = await both(...servers, actual('GET', '/items', from(origin)))
      expect([peer.cors[ACAO], ours.cors[ACAO]]).toEqual([allowed, allowed])
    }
  })

  row('Origin function answering a string or RegExp', async () => {
    for (const answer of [APP, /^https:\/\/app\.example$/]) {
      const { reasons, onReject } = rejections()
      const [peer, ours] = await both(
        await peerFastify({ origin: async () => answer }),
        await ourFastify({ origin: async () => answer, onReject }),
        actual('GET', '/items', from(APP)),
      )
      expect([peer.status, peer.cors[ACAO]]).toEqual([200, APP])
      expect([ours.status, corsNames(ours), reasons]).toEqual([500, [], []])
    }
  })

  row('`delegator`, or an origin function that needs the request', async () => {
    const peer = await peerFastify({
      delegator: (request: { headers: Record<string, unknown> }, cb: (error: null, options: Loose) => void) =>
        cb(null, { origin: request.headers['x-tenant'] === 'a' ? [APP] : [ADMIN] }),
    })
    const ours = await ourFastify({
      origin: (origin: string, request: { headers: Record<string, unknown> }) =>
        origin === (request.headers['x-tenant'] === 'a' ? APP : ADMIN),
      vary: ['X-Tenant'],
    })
    const [peerA, oursA] = await both(peer, ours, actual('GET', '/items', from(APP), ['X-Tenant', 'a']))
    expect([peerA.cors[ACAO], oursA.cors[ACAO]]).toEqual([APP, APP])
    const [peerB, oursB] = await both(peer, ours, actual('GET', '/items', from(APP), ['X-Tenant', 'b']))
    expect([peerB.cors[ACAO], oursB.cors[ACAO]]).toEqual([undefined, undefined])
    expect(varyOf(oursB)).toContain('X-Tenant')
    await refused(() => ourFastify({ delegator: () => undefined }), 'unknown-option')
  })

  row('Origin function throws or rejects', async () => {
    const failing = async (): Promise<boolean> => {
      throw new Error('lookup failed')
    }
    const [peer, ours] = await both(...(await fastifyPair({ origin: failing })), actual('GET', '/items', from(APP)))
    expect([peer.status, peer.cors[ACAO]]).toEqual([500, undefined])
    expect([ours.status, corsNames(ours), varyOf(ours)]).toEqual([500, [], ['Origin']])
  })

  row('`credentials: true`', async () => {
    const [peer, ours] = await both(...listed, actual('GET', '/items', from(EVIL)))
    expect(peer.cors[ACAC]).toBe('true')
    expect(corsNames(ours)).toEqual([])
    const [peerOwn, ourOwn] = await both(...listed, actual('GET', '/items', from(APP)))
    expect([peerOwn.cors[ACAC], ourOwn.cors[ACAC]]).toEqual(['true', 'true'])
  })

  row('Refused origin, preflight', async () => {
    const asked = preflight('/items', 'GET', EVIL, ['Access-Control-Request-Headers', 'X-Trace'])
    const [peer, ours] = await both(...listed, asked)
    expect(peer.status).toBe(204)
    expect(corsNames(peer).sort()).toEqual([ACAC, ACAH, ACAM, ACEH, ACMA])
    expect([ours.status, corsNames(ours)]).toEqual([204, []])
  })

  row('Refused method in a preflight', async () => {
    const { reasons, onReject } = rejections()
    const [peer, ours] = await both(
      await peerFastify({ origin: [APP], methods: ['GET', 'POST'] }),
      await ourFastify({ origin: [APP], methods: ['GET', 'POST'], onReject }),
      preflight('/items', 'PUT'),
    )
    expect(peer.cors[ACAM]).toBe('GET, POST')
    expect([ours.status, ours.cors[ACAO], ours.cors[ACAM], reasons]).toEqual([204, APP, undefined, ['method']])
  })

  row('`allowedHeaders` unset', async () => {
    const request = preflight('/items', 'GET', APP, ['Access-Control-Request-Headers', 'X-Trace, Content-Type'])
    const [peerAnswer, ourAnswer] = await both(...defaults, request)
    expect(peerAnswer.cors[ACAH]).toBe('X-Trace, Content-Type')
    expect(ourAnswer.cors[ACAH]).toBe('x-trace,content-type')
  })

  row('`exposedHeaders`', async () => {
    const [peerPreflight, ourPreflight] = await both(...listed, preflight('/items', 'GET'))
    expect([peerPreflight.cors[ACEH], ourPreflight.cors[ACEH]]).toEqual(['X-Id', undefined])
    const [peer, ours] = await both(...listed, actual('GET', '/items', from(APP)))
    expect([peer.cors[ACEH], ours.cors[ACEH]]).toEqual(['X-Id', 'X-Id'])
  })

  row('`maxAge`', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET'))
    expect([peer.cors[ACMA], ours.cors[ACMA]]).toEqual(['600', '600'])
    const tooLong = { origin: [APP], maxAge: 1_000_000 }
    expect((await send(await peerFastify(tooLong), preflight('/items', 'GET'))).cors[ACMA]).toBe('1000000')
    await refused(() => ourFastify(tooLong), 'invalid-max-age')
  })

  row('`cacheControl`', async () => {
    const peer = await peerFastify({ origin: [APP], cacheControl: 600 })
    const ours = await ourFastify({ origin: [APP] }, (app) =>
      app.addHook('onSend', async (request, reply) => {
        if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined)
          reply.header('cache-control', 'max-age=600')
      }),
    )
    const [peerAnswer, ourAnswer] = await both(peer, ours, preflight('/items', 'GET'))
    expect([peerAnswer.status, peerAnswer.headers['cache-control']]).toEqual([204, 'max-age=600'])
    expect([ourAnswer.status, ourAnswer.headers['cache-control']]).toEqual([204, 'max-age=600'])
    await refused(() => ourFastify({ cacheControl: 600 }), 'unknown-option')
  })

  row('`preflightContinue: true`', async () => {
    const servers = await fastifyPair({ origin: [APP], preflightContinue: true })
    const [peer, ours] = await both(...servers, preflight('/items', 'PUT'))
    expect([peer.status, peer.body, peer.cors[ACAO]]).toEqual([200, '', APP])
    expect([ours.status, ours.cors[ACAO]]).toEqual([404, APP])
    const [peerRoute, ourRoute] = await both(...servers, preflight('/opts', 'PUT'))
    expect([peerRoute.body, peerRoute.cors[ACAO]]).toEqual(['options route', APP])
    expect([ourRoute.body, ourRoute.cors[ACAO]]).toEqual(['options route', APP])
  })

  row('`optionsSuccessStatus`', async () => {
    const [peer, ours] = await both(
      ...(await fastifyPair({ origin: [APP], optionsSuccessStatus: 200 })),
      preflight('/items', 'GET'),
    )
    expect([peer.status, ours.status]).toEqual([200, 200])
    const notSuccess = { origin: [APP], optionsSuccessStatus: 400 }
    expect((await send(await peerFastify(notSuccess), preflight('/items', 'GET'))).status).toBe(400)
    await refused(() => ourFastify(notSuccess), 'invalid-status')
  })

  row('Answered preflight body', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET'))
    expect([peer.status, peer.body, peer.headers['content-length']]).toEqual([204, '', '0'])
    expect([ours.status, ours.body, ours.headers['content-length']]).toEqual([204, '', undefined])
  })

  row('`preflight: false`', async () => {
    const [peer, ours] = await both(
      await peerFastify({ origin: [APP], preflight: false }),
      await ourFastify({ origin: [APP], preflightContinue: true }),
      preflight('/opts', 'PUT'),
    )
    expect([peer.body, peer.cors[ACAO], peer.cors[ACAM]]).toEqual(['options route', APP, undefined])
    expect([ours.body, ours.cors[ACAO], items(ours.cors[ACAM]).includes('PUT')]).toEqual(['options route', APP, true])
    await refused(() => ourFastify({ preflight: false }), 'unknown-option')
  })

  row('`strictPreflight`', async () => {
    const [peer, ours] = await both(...listed, actual('OPTIONS', '/opts', from(APP)))
    expect([peer.status, peer.body]).toEqual([400, 'Invalid Preflight Request'])
    expect([ours.status, ours.body, ours.cors[ACAO], ours.cors[ACAM]]).toEqual([200, 'options route', APP, undefined])
    const [peerNoOrigin, ourNoOrigin] = await both(...listed, actual('OPTIONS', '/items'))
    expect([peerNoOrigin.status, ourNoOrigin.status]).toEqual([400, 404])
    const lenient = await peerFastify({ origin: [APP], strictPreflight: false })
    const answered = await send(lenient, actual('OPTIONS', '/opts', from(APP)))
    expect([answered.status, answered.cors[ACAM]]).toEqual([204, 'GET,HEAD,POST'])
    await refused(() => ourFastify({ strictPreflight: false }), 'unknown-option')
  })

  row('`hideOptionsRoute`', async () => {
    const seen = (list: string[]) => (app: FastifyInstance) =>
      app.addHook('onRoute', (route) => {
        if (route.method === 'OPTIONS')
          list.push(`${route.url} hide=${String((route.schema as { hide?: boolean } | undefined)?.hide)}`)
      })
    const peerRoutes: string[] = []
    const shownRoutes: string[] = []
    const ourRoutes: string[] = []
    const scoped = { cors: { origin: [ADMIN] } }
    const withScopedRoute = (app: FastifyInstance) => app.get('/scoped', { config: scoped }, async () => 'scoped')
    const [peer, , ours] = await Promise.all([
      fastifyApp(async (app) => {
        seen(peerRoutes)(app)
        await app.register(fastifyCors, { origin: [ADMIN] })
        withScopedRoute(app)
      }),
      fastifyApp(async (app) => {
        seen(shownRoutes)(app)
        await app.register(fastifyCors, { origin: [ADMIN], hideOptionsRoute: false })
      }),
      fastifyApp(async (app) => {
        seen(ourRoutes)(app)
        await app.register(corsica, { origin: [APP] })
        withScopedRoute(app)
      }),
    ])
    expect(peerRoutes).toEqual(['* hide=true', '/opts hide=undefined'])
    expect(shownRoutes).toEqual(['* hide=false', '/opts hide=undefined'])
    expect(ourRoutes).toEqual(['/scoped hide=true', '/opts hide=undefined', '/private hide=true'])
    const [peerAnswer, ourAnswer] = await both(peer, ours, preflight('/scoped', 'GET', ADMIN))
    expect([peerAnswer.status, peerAnswer.cors[ACAO], ourAnswer.status, ourAnswer.cors[ACAO]]).toEqual([
      204,
      ADMIN,
      204,
      ADMIN,
    ])
    await refused(() => ourFastify({ hideOptionsRoute: true }), 'unknown-option')
  })

  row('`hook`', async () => {
    const peer = await send(
      await peerFastify({ origin: [APP], hook: 'preHandler' }),
      actual('GET', '/items', from(APP)),
    )
    expect(peer.cors[ACAO]).toBe(APP)
    await refused(() => ourFastify({ origin: [APP], hook: 'preHandler' }), 'unknown-option')
  })

  row('`logLevel`', async () => {
    const [peer, ours] = await both(
      ...(await fastifyPair({ origin: [APP], logLevel: 'silent' })),
      preflight('/items', 'GET'),
    )
    expect([peer.status, peer.cors[ACAO], ours.status, ours.cors[ACAO]]).toEqual([204, APP, 204, APP])
  })

  row('Route `config: { cors: false }`', async () => {
    const [peer, ours] = await both(...listed, preflight('/private', 'GET'))
    expect([peer.status, peer.cors[ACAO]]).toEqual([204, APP])
    expect([ours.status, corsNames(ours)]).toEqual([404, []])
    const [peerActual, ourActual] = await both(...listed, actual('GET', '/private', from(APP)))
    expect([peerActual.body, corsNames(peerActual), ourActual.body, corsNames(ourActual)]).toEqual([
      'private',
      [],
      'private',
      [],
    ])
  })

  row('Route `config: { cors: { …options } }`', async () => {
    const config = { cors: { origin: [ADMIN] } }
    const admin = (app: FastifyInstance) => app.get('/admin', { config }, async () => 'admin')
    const global = { origin: [APP], credentials: true }
    const [peer, ours] = await Promise.all([peerFastify(global, admin), ourFastify(global, admin)])
    const [peerActual, ourActual] = await both(peer, ours, actual('GET', '/admin', from(ADMIN)))
    expect([peerActual.cors[ACAO], peerActual.cors[ACAC]]).toEqual([ADMIN, 'true'])
    expect([ourActual.cors[ACAO], ourActual.cors[ACAC]]).toEqual([ADMIN, undefined])
    const [peerPreflight, ourPreflight] = await both(peer, ours, preflight('/admin', 'GET', ADMIN))
    expect([peerPreflight.cors[ACAO], ourPreflight.cors[ACAO]]).toEqual([undefined, ADMIN])
  })

  row('`Vary`', async () => {
    const [peer, ours] = await both(...(await fastifyPair({ origin: APP })), actual('GET', '/items', from(APP)))
    expect([varyOf(peer), varyOf(ours)]).toEqual([[], ['Origin']])
    const [peerPreflight, ourPreflight] = await both(...defaults, preflight('/items', 'GET'))
    expect(varyOf(peerPreflight)).toEqual(['Access-Control-Request-Headers'])
    expect(varyOf(ourPreflight)).toEqual([
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
      'Access-Control-Request-Private-Network',
    ])
  })

  row('Doubled or malformed `Origin`', async () => {
    const asked: unknown[] = []
    const endsWithApp = async (origin: string | undefined) => {
      asked.push(origin)
      return origin?.endsWith(APP) === true
    }
    const servers = await fastifyPair({ origin: endsWithApp })
    for (const headers of [[from(EVIL), from(APP)], [from(`${EVIL}/${APP}`)]]) {
      asked.length = 0
      const [peer, ours] = await both(...servers, actual('GET', '/items', ...headers))
      const sent = headers.map(([, value]) => value).join(', ')
      expect([peer.cors[ACAO], asked]).toEqual([sent, [sent]])
      expect(corsNames(ours)).toEqual([])
    }
  })

  row('Unknown option name', async () => {
    const typo = { origin: [APP], allowHeaders: ['X-Trace'] }
    const peer = await send(
      await peerFastify(typo),
      preflight('/items', 'GET', APP, ['Access-Control-Request-Headers', 'X-Other']),
    )
    expect(peer.cors[ACAH]).toBe('X-Other')
    await refused(() => ourFastify(typo), 'unknown-option', 'allowedHeaders')
  })
})

// ---- Koa: the middlewares given, then one handler.

type KoaMiddleware = Koa.Middleware<Koa.DefaultState, Koa.Context>

/** /items answers 'items' (any method), /boom throws, /slow throws a 429 with Retry-After, else 404. */
async function koaApp(...middlewares: KoaMiddleware[]): Promise<Server> {
  const app = new Koa()
  app.silent = true
  for (const middleware of middlewares) app.use(middleware)
  app.use((ctx) => {
    if (ctx.path === '/boom') throw new Error('boom')
    if (ctx.path === '/slow') ctx.throw(429, 'slow down', { headers: { 'Retry-After': '5' } })
    if (ctx.path === '/items' || ctx.path.startsWith('/admin')) ctx.body = 'items'
  })
  const server = await listen(http.createServer(app.callback()))
  open.push(server)
  return server
}
const koaCors = koaCorsUntyped as (options: Loose) => KoaMiddleware
const peerKoa = (options: Loose) => koaApp(koaCors(options))
const ourKoa = (options: Loose) => koaApp(corsicaKoa(loose(options)))
/** @koa/cors has no lists: this function is its `origin: [APP]`. */
const onlyApp = (ctx: Koa.Context) => (ctx.get('Origin') === APP ? APP : '')

describe('Migrating from @koa/cors', () => {
  const row = rowsOf('Migrating from @koa/cors')
  let defaults: [Server, Server]
  let listed: [Server, Server]
  beforeAll(async () => {
    defaults = await Promise.all([peerKoa({}), ourKoa({})])
    listed = await Promise.all([
      peerKoa({ origin: onlyApp, credentials: true }),
      ourKoa({ origin: [APP], credentials: true }),
    ])
  })

  row("`origin` unset (`'*'`)", async () => {
    const [peer, ours] = await both(...defaults, actual('GET', '/items', from(APP)))
    expect([peer.cors[ACAO], varyOf(peer)]).toEqual(['*', ['Origin']])
    expect([ours.cors[ACAO], varyOf(ours)]).toEqual(['*', []])
  })

  row("`origin: 'https://a.example'` (one string)", async () => {
    const [peer, ours] = await both(
      await peerKoa({ origin: APP }),
      await ourKoa({ origin: APP }),
      actual('GET', '/items', from(EVIL)),
    )
    expect([peer.cors[ACAO], ours.cors[ACAO]]).toEqual([APP, undefined])
  })

  row('`origin: (ctx) => string`', async () => {
    const peerOrigin = (ctx: Koa.Context) => (ctx.get('X-Tenant') === 'a' ? ctx.get('Origin') : '')
    const [peer, ours, unchanged] = await Promise.all([
      peerKoa({ origin: peerOrigin }),
      ourKoa({ origin: (_origin: string, ctx: Koa.Context) => ctx.get('X-Tenant') === 'a', vary: ['X-Tenant'] }),
      ourKoa({ origin: peerOrigin }),
    ])
    const [peerA, oursA] = await both(peer, ours, actual('GET', '/items', from(APP), ['X-Tenant', 'a']))
    expect([peerA.cors[ACAO], oursA.cors[ACAO]]).toEqual([APP, APP])
    const [peerB, oursB] = await both(peer, ours, actual('GET', '/items', from(APP), ['X-Tenant', 'b']))
    expect([peerB.cors[ACAO], oursB.cors[ACAO]]).toEqual([undefined, undefined])
    const failed = await send(unchanged, actual('GET', '/items', from(APP), ['X-Tenant', 'a']))
    expect([failed.status, failed.cors[ACAO]]).toEqual([500, undefined])
  })

  row('Async origin function', async () => {
    const [peer, ours] = await Promise.all([
      peerKoa({ origin: async (ctx: Koa.Context) => onlyApp(ctx) }),
      ourKoa({ origin: async (origin: string) => origin === APP }),
    ])
    for (const [origin, allowed] of [
      [APP, APP],
      [EVIL, undefined],
    ] as const) {
      const [peerAnswer, ourAnswer] = await both(peer, ours, actual('GET', '/items', from(origin)))
      expect([peerAnswer.cors[ACAO], ourAnswer.cors[ACAO]]).toEqual([allowed, allowed])
    }
  })

  row('Origin function throws or rejects', async () => {
    const failing = async () => {
      throw new Error('lookup failed')
    }
    const [peer, ours] = await both(
      await peerKoa({ origin: failing }),
      await ourKoa({ origin: failing }),
      actual('GET', '/items', from(APP)),
    )
    expect([peer.status, corsNames(peer), ours.status, corsNames(ours)]).toEqual([500, [], 500, []])
  })

  row('`credentials: true` without `origin`', async () => {
    const peer = await send(await peerKoa({ credentials: true }), actual('GET', '/items', from(EVIL)))
    expect([peer.cors[ACAO], peer.cors[ACAC]]).toEqual([EVIL, 'true'])
    await refused(() => ourKoa({ credentials: true }), 'credentials-with-any-origin')
  })

  row('`credentials: (ctx) => boolean`', async () => {
    const withCredentials = corsicaKoa({ origin: [APP], credentials: true })
    const without = corsicaKoa({ origin: [APP] })
    const [peer, ours] = await Promise.all([
      peerKoa({ origin: onlyApp, credentials: (ctx: Koa.Context) => ctx.path.startsWith('/admin') }),
      koaApp((ctx, next) => (ctx.path.startsWith('/admin') ? withCredentials : without)(ctx, next)),
    ])
    const [peerAdmin, ourAdmin] = await both(peer, ours, actual('GET', '/admin/x', from(APP)))
    expect([peerAdmin.cors[ACAC], ourAdmin.cors[ACAC]]).toEqual(['true', 'true'])
    const [peerItems, ourItems] = await both(peer, ours, actual('GET', '/items', from(APP)))
    expect([peerItems.cors[ACAC], ourItems.cors[ACAC]]).toEqual([undefined, undefined])
    await refused(() => ourKoa({ origin: [APP], credentials: () => true }), 'invalid-type')
  })

  row('`allowMethods`', async () => {
    const [peer, ours] = await both(
      await peerKoa({ allowMethods: ['GET', 'PUT'] }),
      await ourKoa({ methods: ['GET', 'PUT'] }),
      preflight('/items', 'PUT'),
    )
    expect([items(peer.cors[ACAM]), items(ours.cors[ACAM])]).toEqual([
      ['GET', 'PUT'],
      ['GET', 'PUT'],
    ])
    const [peerDefault, ourDefault] = await both(...defaults, preflight('/items', 'PUT'))
    expect(items(peerDefault.cors[ACAM]).sort()).toEqual(items(ourDefault.cors[ACAM]).sort())
    await refused(() => ourKoa({ allowMethods: ['GET'] }), 'unknown-option', 'methods')
  })

  row('`allowHeaders`', async () => {
    const asked = preflight('/items', 'GET', APP, ['Access-Control-Request-Headers', 'X-Trace, Content-Type'])
    const [peer, ours] = await both(
      await peerKoa({ allowHeaders: ['X-Trace', 'Content-Type'] }),
      await ourKoa({ allowedHeaders: ['X-Trace', 'Content-Type'] }),
      asked,
    )
    expect(items(ours.cors[ACAH]).map((name) => name.toLowerCase())).toEqual(
      items(peer.cors[ACAH]).map((name) => name.toLowerCase()),
    )
    const [peerUnset, ourUnset] = await both(...defaults, asked)
    expect([peerUnset.cors[ACAH], ourUnset.cors[ACAH]]).toEqual(['X-Trace, Content-Type', 'x-trace,content-type'])
    await refused(() => ourKoa({ allowHeaders: ['X-Trace'] }), 'unknown-option', 'allowedHeaders')
  })

  row('`exposeHeaders`', async () => {
    const [peer, ours] = await both(
      await peerKoa({ exposeHeaders: ['X-Id'] }),
      await ourKoa({ exposedHeaders: ['X-Id'] }),
      actual('GET', '/items', from(APP)),
    )
    expect([peer.cors[ACEH], ours.cors[ACEH]]).toEqual(['X-Id', 'X-Id'])
    await refused(() => ourKoa({ exposeHeaders: ['X-Id'] }), 'unknown-option', 'exposedHeaders')
  })

  row('`maxAge`', async () => {
    const [peer, ours] = await both(
      await peerKoa({ maxAge: '600' }),
      await ourKoa({ maxAge: 600 }),
      preflight('/items', 'GET'),
    )
    expect([peer.cors[ACMA], ours.cors[ACMA]]).toEqual(['600', '600'])
    await refused(() => ourKoa({ maxAge: '600' }), 'invalid-max-age')
  })

  row('`keepHeadersOnError`', async () => {
    const [peer, ours] = await both(...listed, actual('GET', '/boom', from(APP)))
    expect([peer.status, peer.cors[ACAO], ours.status, ours.cors[ACAO]]).toEqual([500, APP, 500, APP])
    const [peerSlow, ourSlow] = await both(...listed, actual('GET', '/slow', from(APP)))
    expect([peerSlow.status, peerSlow.headers['retry-after'], peerSlow.cors[ACAO]]).toEqual([429, '5', APP])
    expect([ourSlow.status, ourSlow.headers['retry-after'], ourSlow.cors[ACAO]]).toEqual([429, '5', APP])
    const dropped = await send(
      await peerKoa({ origin: APP, keepHeadersOnError: false }),
      actual('GET', '/boom', from(APP)),
    )
    expect([dropped.status, dropped.cors[ACAO]]).toEqual([500, undefined])
    await refused(() => ourKoa({ keepHeadersOnError: true }), 'unknown-option')
  })

  row('`secureContext: true`', async () => {
    const isolate: KoaMiddleware = async (ctx, next) => {
      ctx.set('Cross-Origin-Opener-Policy', 'same-origin')
      ctx.set('Cross-Origin-Embedder-Policy', 'require-corp')
      await next()
    }
    const [peer, ours] = await both(
      await peerKoa({ origin: APP, secureContext: true }),
      await koaApp(isolate, corsicaKoa({ origin: APP })),
      actual('GET', '/items', from(APP)),
    )
    for (const answer of [peer, ours]) {
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(answer.headers['cross-origin-embedder-policy']).toBe('require-corp')
      expect(answer.cors[ACAO]).toBe(APP)
    }
    await refused(() => ourKoa({ secureContext: true }), 'unknown-option')
  })

  row('`privateNetworkAccess`', async () => {
    const [peer, ours] = await both(
      await peerKoa({ origin: APP, privateNetworkAccess: true }),
      await ourKoa({ origin: APP, privateNetwork: true }),
      preflight('/items', 'GET', APP, ['Access-Control-Request-Private-Network', 'true']),
    )
    expect([peer.cors[ACAPN], ours.cors[ACAPN]]).toEqual(['true', 'true'])
    await refused(() => ourKoa({ privateNetworkAccess: true }), 'unknown-option')
    expect(() => corsicaKoa(loose<Parameters<typeof corsicaKoa>[0]>({ privateNetworkAccess: true }))).toThrow(
      'did you mean "privateNetwork"?',
    )
  })

  row('`OPTIONS` without `Access-Control-Request-Method`', async () => {
    const [peer, ours] = await both(...listed, actual('OPTIONS', '/items', from(APP)))
    expect([peer.status, peer.body, corsNames(peer)]).toEqual([200, 'items', []])
    expect([ours.status, ours.body, ours.cors[ACAO]]).toEqual([200, 'items', APP])
  })

  row('Refused origin, preflight', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET', EVIL))
    expect([peer.status, peer.body, corsNames(peer)]).toEqual([200, 'items', []])
    expect([ours.status, ours.body, corsNames(ours)]).toEqual([204, '', []])
  })

  row('Refused method in a preflight', async () => {
    const [peer, ours] = await both(
      await peerKoa({ origin: onlyApp, allowMethods: ['GET'] }),
      await ourKoa({ origin: [APP], methods: ['GET'] }),
      preflight('/items', 'PUT'),
    )
    expect([peer.status, peer.cors[ACAM]]).toEqual([204, 'GET'])
    expect([ours.status, ours.cors[ACAO], ours.cors[ACAM]]).toEqual([204, APP, undefined])
  })

  row('`Vary`', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET'))
    expect(varyOf(peer)).toEqual(['Origin'])
    expect(varyOf(ours)).toEqual([
      'Origin',
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
      'Access-Control-Request-Private-Network',
    ])
    const [peerStar, ourStar] = await both(...defaults, actual('GET', '/items', from(APP)))
    expect([varyOf(peerStar), varyOf(ourStar)]).toEqual([['Origin'], []])
  })

  row('Doubled or malformed `Origin`', async () => {
    const asked: unknown[] = []
    const [peer, ours] = await Promise.all([
      peerKoa({ origin: (ctx: Koa.Context) => (ctx.get('Origin').endsWith(APP) ? ctx.get('Origin') : '') }),
      ourKoa({
        origin: (origin: string) => {
          asked.push(origin)
          return origin.endsWith(APP)
        },
      }),
    ])
    for (const headers of [[from(EVIL), from(APP)], [from(`${EVIL}/${APP}`)]]) {
      const [peerAnswer, ourAnswer] = await both(peer, ours, actual('GET', '/items', ...headers))
      expect(peerAnswer.cors[ACAO]).toBe(headers.map(([, value]) => value).join(', '))
      expect(corsNames(ourAnswer)).toEqual([])
    }
    expect(asked).toEqual([])
  })

  row('Unknown option name', async () => {
    const typo = { origin: APP, allowCredentials: true }
    const peer = await send(await peerKoa(typo), actual('GET', '/items', from(APP)))
    expect([peer.cors[ACAO], peer.cors[ACAC]]).toEqual([APP, undefined])
    await refused(() => ourKoa(typo), 'unknown-option', 'credentials')
  })
})

// ---- Hono: the middleware(s) set up by `setup`, then the same routes, through serveFetch.

/** /items (GET, PUT, DELETE, and an OPTIONS route), /admin/x, /boom (throws); onError answers 500. */
async function honoApp(setup: (app: Hono) => void): Promise<Server> {
  const app = new Hono()
  app.onError((_error, c) => c.text('custom error', 500))
  setup(app)
  app.on(['GET', 'PUT', 'DELETE'], '/items', (c) => c.text('items'))
  app.options('/items', (c) => c.text('options route'))
  app.on(['GET', 'DELETE'], '/admin/x', (c) => c.text('admin'))
  app.get('/boom', () => {
    throw new Error('boom')
  })
  const server = await listen(await serveFetch(app.fetch))
  open.push(server)
  return server
}
const onAll = (middleware: MiddlewareHandler) => honoApp((app) => app.use('*', middleware))
const peerHono = (options: Loose) => onAll(honoCors(loose(options)))
const ourHono = (options: Loose) => onAll(corsicaHono(loose(options)))

describe('Migrating from hono/cors', () => {
  const row = rowsOf('Migrating from hono/cors')
  let defaults: [Server, Server]
  let listed: [Server, Server]
  beforeAll(async () => {
    defaults = await Promise.all([peerHono({}), ourHono({})])
    listed = await Promise.all([
      peerHono({ origin: [APP], credentials: true, exposeHeaders: ['X-Id'], maxAge: 600 }),
      ourHono({ origin: [APP], credentials: true, exposedHeaders: ['X-Id'], maxAge: 600 }),
    ])
  })

  row("`origin: '*'` (default)", async () => {
    for (const request of [actual('GET', '/items', from(APP)), actual('GET', '/items')]) {
      const [peer, ours] = await both(...defaults, request)
      expect([peer.cors[ACAO], ours.cors[ACAO]]).toEqual(['*', '*'])
    }
  })

  row("`origin: 'https://a.example'` or a list", async () => {
    for (const origin of [APP, [APP]]) {
      const servers = await Promise.all([peerHono({ origin }), ourHono({ origin })])
      for (const [sent, allowed] of [
        [APP, APP],
        [EVIL, undefined],
      ] as const) {
        const [peer, ours] = await both(...servers, actual('GET', '/items', from(sent)))
        expect([peer.cors[ACAO], ours.cors[ACAO]]).toEqual([allowed, allowed])
      }
    }
    const misspelt = { origin: 'https://App.example/' }
    expect((await send(await peerHono(misspelt), actual('GET', '/items', from(APP)))).cors[ACAO]).toBeUndefined()
    await refused(() => ourHono(misspelt), 'invalid-origin', APP)
  })

  row('`origin: (origin, c) => origin` (a string to echo)', async () => {
    const { reasons, onReject } = rejections()
    const echo = (origin: string) => (origin === APP ? origin : null)
    const [peer, unchanged, ours] = await Promise.all([
      peerHono({ origin: echo }),
      ourHono({ origin: echo, onReject }),
      ourHono({
        origin: (origin: string, c: { req: { path: string } }) => origin === APP && c.req.path !== '/admin/x',
      }),
    ])
    const request = actual('GET', '/items', from(APP))
    const [peerAnswer, unchangedAnswer, ourAnswer] = await Promise.all([
      send(peer, request),
      send(unchanged, request),
      send(ours, request),
    ])
    expect([peerAnswer.status, peerAnswer.cors[ACAO]]).toEqual([200, APP])
    expect([unchangedAnswer.status, corsNames(unchangedAnswer), reasons]).toEqual([500, [], []])
    expect([ourAnswer.status, ourAnswer.cors[ACAO]]).toEqual([200, APP])
  })

  row('Origin function and requests without `Origin`', async () => {
    const asked: unknown[] = []
    const record = (answer: (origin: string) => unknown) => (origin: string) => {
      asked.push(origin)
      return answer(origin)
    }
    const [peer, ours] = await Promise.all([
      peerHono({ origin: record((origin) => (origin === APP ? origin : null)) }),
      ourHono({ origin: record((origin) => origin === APP) }),
    ])
    const peerAnswer = await send(peer, actual('GET', '/items'))
    expect([peerAnswer.status, asked]).toEqual([200, ['']])
    asked.length = 0
    const ourAnswer = await send(ours, actual('GET', '/items'))
    expect([ourAnswer.status, corsNames(ourAnswer), asked]).toEqual([200, [], []])
  })

  row('Origin function throws or rejects', async () => {
    const failing = async () => {
      throw new Error('lookup failed')
    }
    const [peer, ours] = await both(
      await peerHono({ origin: failing }),
      await ourHono({ origin: failing }),
      actual('GET', '/items', from(APP)),
    )
    expect([peer.status, peer.body, corsNames(peer)]).toEqual([500, 'custom error', []])
    expect([ours.status, ours.body, corsNames(ours)]).toEqual([500, 'custom error', []])
  })

  row('`allowMethods`', async () => {
    const [peer, ours] = await both(...defaults, preflight('/items', 'QUERY'))
    expect(items(peer.cors[ACAM])).toContain('QUERY')
    expect([ours.status, ours.cors[ACAO], ours.cors[ACAM]]).toEqual([204, '*', undefined])
    const withQuery = await ourHono({ methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY'] })
    expect(items((await send(withQuery, preflight('/items', 'QUERY'))).cors[ACAM])).toContain('QUERY')
    await refused(() => ourHono({ allowMethods: ['GET'] }), 'unknown-option', 'methods')
  })

  row('`allowMethods: (origin, c) => [...]`', async () => {
    const peer = await peerHono({
      origin: [APP],
      allowMethods: (_origin: string, c: { req: { path: string } }) =>
        c.req.path.startsWith('/admin') ? ['GET', 'DELETE'] : ['GET'],
    })
    const ours = await honoApp((app) => {
      app.use('/admin/*', corsicaHono({ origin: [APP], methods: ['GET', 'DELETE'] }))
      app.use('/items', corsicaHono({ origin: [APP], methods: ['GET'] }))
    })
    const [peerAdmin, ourAdmin] = await both(peer, ours, preflight('/admin/x', 'DELETE'))
    expect([peerAdmin.cors[ACAM], ourAdmin.cors[ACAM]]).toEqual(['GET,DELETE', 'GET,DELETE'])
    const [peerItems, ourItems] = await both(peer, ours, preflight('/items', 'GET'))
    expect([peerItems.cors[ACAM], ourItems.cors[ACAM]]).toEqual(['GET', 'GET'])
    await refused(() => ourHono({ methods: () => ['GET'] }), 'invalid-type')
  })

  row('`allowHeaders`', async () => {
    const asked = preflight('/items', 'GET', APP, ['Access-Control-Request-Headers', 'X-Trace, Content-Type'])
    const [peer, ours] = await both(
      await peerHono({ allowHeaders: ['X-Trace', 'Content-Type'] }),
      await ourHono({ allowedHeaders: ['X-Trace', 'Content-Type'] }),
      asked,
    )
    expect(items(ours.cors[ACAH]).map((name) => name.toLowerCase())).toEqual(
      items(peer.cors[ACAH]).map((name) => name.toLowerCase()),
    )
    const [peerUnset, ourUnset] = await both(...defaults, asked)
    expect([peerUnset.cors[ACAH], ourUnset.cors[ACAH]]).toEqual(['X-Trace,Content-Type', 'x-trace,content-type'])
    await refused(() => ourHono({ allowHeaders: ['X-Trace'] }), 'unknown-option', 'allowedHeaders')
  })

  row('`exposeHeaders`', async () => {
    const [peerPreflight, ourPreflight] = await both(...listed, preflight('/items', 'GET'))
    expect([peerPreflight.cors[ACEH], ourPreflight.cors[ACEH]]).toEqual(['X-Id', undefined])
    const [peer, ours] = await both(...listed, actual('GET', '/items', from(APP)))
    expect([peer.cors[ACEH], ours.cors[ACEH]]).toEqual(['X-Id', 'X-Id'])
    await refused(() => ourHono({ exposeHeaders: ['X-Id'] }), 'unknown-option', 'exposedHeaders')
  })

  row("`credentials: true` with `origin: '*'`", async () => {
    const peer = await send(await peerHono({ credentials: true }), actual('GET', '/items', from(EVIL)))
    expect([peer.cors[ACAO], peer.cors[ACAC]]).toEqual(['*', 'true'])
    await refused(() => ourHono({ credentials: true }), 'credentials-with-any-origin')
  })

  row('`credentials: true`', async () => {
    for (const request of [actual('GET', '/items', from(EVIL)), actual('GET', '/items')]) {
      const [peer, ours] = await both(...listed, request)
      expect([peer.cors[ACAC], corsNames(ours)]).toEqual(['true', []])
    }
    const [peerOwn, ourOwn] = await both(...listed, actual('GET', '/items', from(APP)))
    expect([peerOwn.cors[ACAC], ourOwn.cors[ACAC]]).toEqual(['true', 'true'])
  })

  row('`maxAge`', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET'))
    expect([peer.cors[ACMA], ours.cors[ACMA]]).toEqual(['600', '600'])
    const tooLong = { origin: [APP], maxAge: 1_000_000 }
    expect((await send(await peerHono(tooLong), preflight('/items', 'GET'))).cors[ACMA]).toBe('1000000')
    await refused(() => ourHono(tooLong), 'invalid-max-age')
  })

  row('`OPTIONS` without `Access-Control-Request-Method`', async () => {
    const [peer, ours] = await both(...listed, actual('OPTIONS', '/items', from(APP)))
    expect([peer.status, peer.body, peer.cors[ACAM] !== undefined]).toEqual([204, '', true])
    expect([ours.status, ours.body, ours.cors[ACAO], ours.cors[ACAM]]).toEqual([200, 'options route', APP, undefined])
  })

  row('Refused origin, preflight', async () => {
    const [peer, ours] = await both(...listed, preflight('/items', 'GET', EVIL))
    expect(peer.status).toBe(204)
    expect(corsNames(peer).sort()).toEqual([ACAC, ACAM, ACEH, ACMA])
    expect([ours.status, corsNames(ours)]).toEqual([204, []])
  })

  row('Refused method in a preflight', async () => {
    const [peer, ours] = await both(
      await peerHono({ origin: [APP], allowMethods: ['GET'] }),
      await ourHono({ origin: [APP], methods: ['GET'] }),
      preflight('/items', 'PUT'),
    )
    expect([peer.status, peer.cors[ACAM]]).toEqual([204, 'GET'])
    expect([ours.status, ours.cors[ACAO], ours.cors[ACAM]]).toEqual([204, APP, undefined])
  })

  row('`Vary`', async () => {
    const asked = preflight('/items', 'GET', APP, ['Access-Control-Request-Headers', 'X-Trace'])
    const [peer, ours] = await both(...defaults, asked)
    expect(varyOf(peer)).toEqual(['Access-Control-Request-Headers'])
    expect(varyOf(ours)).toEqual([
      'Access-Control-Request-Method',
      'Access-Control-Request-Headers',
      'Access-Control-Request-Private-Network',
    ])
    const [peerListed, ourListed] = await both(...listed, actual('GET', '/items', from(APP)))
    expect([varyOf(peerListed), varyOf(ourListed)]).toEqual([['Origin'], ['Origin']])
  })

  row('Doubled or malformed `Origin`', async () => {
    const asked: unknown[] = []
    const [peer, ours] = await Promise.all([
      peerHono({ origin: (origin: string) => (origin.endsWith(APP) ? origin : null) }),
      ourHono({
        origin: (origin: string) => {
          asked.push(origin)
          return origin.endsWith(APP)
        },
      }),
    ])
    for (const headers of [[from(EVIL), from(APP)], [from(`${EVIL}/${APP}`)]]) {
      const [peerAnswer, ourAnswer] = await both(peer, ours, actual('GET', '/items', ...headers))
      expect(peerAnswer.cors[ACAO]).toBe(headers.map(([, value]) => value).join(', '))
      expect(corsNames(ourAnswer)).toEqual([])
    }
    expect(asked).toEqual([])
  })

  row('Unknown option name', async () => {
    const typo = { origin: [APP], allowCredentials: true }
    const peer = await send(await peerHono(typo), actual('GET', '/items', from(APP)))
    expect([peer.cors[ACAO], peer.cors[ACAC]]).toEqual([APP, undefined])
    await refused(() => ourHono(typo), 'unknown-option', 'credentials')
  })

  row('`notFound` and `onError` responses', async () => {
    for (const path of ['/boom', '/nowhere']) {
      const [peer, ours] = await both(...listed, actual('GET', path, from(APP)))
      expect([peer.status, peer.cors[ACAO]]).toEqual([ours.status, APP])
      expect(ours.cors[ACAO]).toBe(APP)
    }
  })
})

// ---- Every table row has its test, and every test its row.

/** The first cell of each table row, per `## ` section of the markdown. */
function tableRows(markdown: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  let section: string[] | undefined
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line)
    if (heading?.[1] !== undefined) {
      section = []
      rows.set(heading[1], section)
    }
    // Data rows only: not the header row (`| Option / case |`), not the `|---|` separator.
    if (section === undefined || !line.startsWith('| ') || line.startsWith('| Option / case |')) continue
    const first = line.split(/(?<!\\)\|/)[1]
    if (first !== undefined) section.push(first.trim().replaceAll('\\|', '|'))
  }
  return rows
}

describe('docs/readme-parts/migration-peers.md', () => {
  const markdown = readFileSync(new URL('../../docs/readme-parts/migration-peers.md', import.meta.url), 'utf8')
  const rows = tableRows(markdown)

  it('has the three sections, each with a table', () => {
    expect([...rows.keys()]).toEqual([...tested.keys()])
    for (const names of rows.values()) expect(names.length).toBeGreaterThan(10)
  })

  it.each([...tested.keys()])('%s: every table row has a test named after it, and every test a row', (section) => {
    const names = rows.get(section) ?? []
    expect(new Set(names).size).toBe(names.length)
    expect([...names].sort()).toEqual([...(tested.get(section) ?? [])].sort())
  })
})
