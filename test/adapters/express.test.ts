// corsica/express inside Express 5: the conformance table, then what only the `cors` drop-in has:
// the (origin, cb) callback, the per-request options delegate, preflightContinue, optionsSuccessStatus.
import http from 'node:http'
import express, { type ErrorRequestHandler } from 'express'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  cors,
  type CustomOrigin,
  type ExpressCorsOptions,
  type OptionsDelegate,
  type OriginCallback,
  type OriginCallbackValue,
} from '../../src/express.js'
import type { CandidateDifference, CorsConfigError } from '../../src/index.js'
import { startExpress } from './support/apps.js'
import { send, type TestRequest } from './support/client.js'
import { APP_ORIGIN, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'
import { FakeResponse } from '../hardening/harness.js'

// Counts compiled policies: the delegate test checks that equal options compile once.
const compiled = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src/core/policy.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/policy.js')>()
  const compileCheck: typeof original.compileCheck = (...args) => {
    compiled.count++
    return original.compileCheck(...args)
  }
  return { ...original, compileCheck }
})

describeConformance('express', startExpress)

const errors: unknown[] = []
const reportErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  errors.push(error)
  res.status(500).send('error handler')
}

const running: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((close) => close()))
  errors.length = 0
})

/** An Express app: corsica/express, an OPTIONS route and a GET route on /items, an error handler. */
async function start(options: ExpressCorsOptions | OptionsDelegate) {
  const app = express()
  app.use(cors(options))
  app.options('/items', (_req, res) => void res.status(200).send('options route'))
  app.get('/items', (_req, res) => void res.send('items'))
  app.use(reportErrors)
  const server = await listen(http.createServer(app))
  running.push(server.close)
  return server
}

/** Requests built here always have headers (the tests extend them). */
type WithHeaders = Required<TestRequest>

const preflight = (origin: string, method = 'PUT'): WithHeaders => ({
  method: 'OPTIONS',
  path: '/items',
  headers: [
    ['Origin', origin],
    ['Access-Control-Request-Method', method],
  ],
})
const get = (origin: string): WithHeaders => ({ method: 'GET', path: '/items', headers: [['Origin', origin]] })

describe('express: the cors-style origin callback (origin, cb)', () => {
  const callback: OriginCallback = (origin, cb) => {
    if (origin === 'https://broken.example.com') return cb(new Error('origin lookup failed'))
    cb(null, origin === APP_ORIGIN)
  }

  it.each([
    { name: 'allows with cb(null, true): the origin is echoed', origin: APP_ORIGIN, acao: APP_ORIGIN },
    { name: 'refuses with cb(null, false): no CORS headers', origin: OTHER_ORIGIN, acao: undefined },
  ])('$name', async ({ origin, acao }) => {
    const server = await start({ origin: callback })
    const [answer, actual] = [await send(server, preflight(origin)), await send(server, get(origin))]
    expect([answer.status, answer.cors['access-control-allow-origin']]).toEqual([204, acao])
    expect([actual.status, actual.body, actual.cors['access-control-allow-origin']]).toEqual([200, 'items', acao])
  })

  it.each([
    { name: 'a preflight', request: preflight('https://broken.example.com') },
    { name: 'an actual request', request: get('https://broken.example.com') },
  ])(
    'passes cb(err) to next(err) for $name: the error handler answers 500 without CORS headers',
    async ({ request }) => {
      const server = await start({ origin: callback, credentials: true })
      const response = await send(server, request)
      expect(response.status).toBe(500)
      expect(response.body).toBe('error handler') // not a silent 204, not the OPTIONS route
      expect(Object.keys(response.cors).filter((name) => name.startsWith('access-control-'))).toEqual([])
      expect(errors).toEqual([new Error('origin lookup failed')])
    },
  )

  it('passes a throwing callback to next(err)', async () => {
    const server = await start({
      origin: () => {
        throw new Error('thrown')
      },
    })
    expect((await send(server, preflight(APP_ORIGIN))).status).toBe(500)
    expect(errors).toEqual([new Error('thrown')])
  })

  it('matches against a list the callback answers with, as cors does', async () => {
    const answerWithList: OriginCallback = (_origin, cb) => cb(null, [APP_ORIGIN, /^https:\/\/[a-z]+\.example\.org$/])
    const server = await start({ origin: answerWithList })
    const answers = await Promise.all(
      [APP_ORIGIN, 'https://x.example.org', OTHER_ORIGIN].map((origin) => send(server, get(origin))),
    )
    expect(answers.map((answer) => answer.cors['access-control-allow-origin'])).toEqual([
      APP_ORIGIN,
      'https://x.example.org',
      undefined,
    ])
  })
})

const ACAO = 'access-control-allow-origin'
const ACAC = 'access-control-allow-credentials'
const corsHeaderNames = (cors: Record<string, string>): string[] =>
  Object.keys(cors).filter((name) => name.startsWith('access-control-'))

/**
 * Every answer a callback can give goes through the rules configured options obey, credentials
 * included. `allowed`: the origin is echoed (with credentials when on); `refused`: the handler
 * answers without CORS headers; a problem code: next(err) gets a CorsConfigError, no CORS header.
 */
describe('express: what an origin callback answers obeys the rules of configured options', () => {
  type Want = 'allowed' | 'refused' | CorsConfigError['problems'][number]['code']
  const rows: ReadonlyArray<readonly [string, OriginCallbackValue | Error, string, Want, Want]> = [
    // answer, asked for origin, without credentials, with credentials
    ['true', true, OTHER_ORIGIN, 'allowed', 'allowed'],
    ['false', false, APP_ORIGIN, 'refused', 'refused'],
    ['null', null, APP_ORIGIN, 'refused', 'refused'],
    ['undefined', undefined, APP_ORIGIN, 'refused', 'refused'],
    ["'*'", '*', OTHER_ORIGIN, 'allowed', 'credentials-with-any-origin'],
    ["['*']", ['*'], OTHER_ORIGIN, 'allowed', 'credentials-with-any-origin'],
    ['the listed origin, asked by it', APP_ORIGIN, APP_ORIGIN, 'allowed', 'allowed'],
    ['the listed origin, asked by another', APP_ORIGIN, OTHER_ORIGIN, 'refused', 'refused'],
    ['a pattern the origin matches', 'https://*.example.com', APP_ORIGIN, 'allowed', 'allowed'],
    ['an origin with a trailing slash', `${APP_ORIGIN}/`, APP_ORIGIN, 'invalid-origin', 'invalid-origin'],
    ['an anchored RegExp', /^https:\/\/app\.example\.com$/, APP_ORIGIN, 'allowed', 'allowed'],
    ['an unanchored RegExp', /example\.com/, APP_ORIGIN, 'unanchored-regexp', 'unanchored-regexp'],
    ["'null'", 'null', APP_ORIGIN, 'refused', 'null-origin-with-credentials'],
    [
      'a list of an origin and a RegExp',
      ['https://a.example.org', /^https:\/\/app\.example\.com$/],
      APP_ORIGIN,
      'allowed',
      'allowed',
    ],
    ['a list with true (cors reads it as allow)', [false, true], OTHER_ORIGIN, 'allowed', 'allowed'],
    [
      "a list with true and '*': the other items are still validated",
      ['*', true],
      OTHER_ORIGIN,
      'allowed',
      'credentials-with-any-origin',
    ],
    ['an Error as the value, not as the error', new Error('oops'), APP_ORIGIN, 'invalid-type', 'invalid-type'],
  ]
  const cases = rows.flatMap(([name, answer, origin, plain, credentialed]) => [
    { name: `${name}, without credentials`, answer, origin, credentials: false, want: plain },
    { name: `${name}, with credentials`, answer, origin, credentials: true, want: credentialed },
  ])

  it.each(cases)('$name: $want', async ({ answer, origin, credentials, want }) => {
    const server = await start({ origin: (_origin, cb) => cb(null, answer as OriginCallbackValue), credentials })
    const response = await send(server, get(origin))
    if (want === 'allowed') {
      expect([response.status, response.cors[ACAO], response.cors[ACAC]]).toEqual([
        200,
        origin,
        credentials ? 'true' : undefined,
      ])
    } else if (want === 'refused') {
      expect([response.status, response.body, corsHeaderNames(response.cors)]).toEqual([200, 'items', []])
    } else {
      expect([response.status, corsHeaderNames(response.cors)]).toEqual([500, []])
      const error = errors[0] as CorsConfigError
      expect(error.name).toBe('CorsConfigError')
      expect(
        error.problems.map((problem) => [problem.code, problem.path.startsWith('origin callback answer')]),
      ).toEqual([[want, true]])
    }
  })
})

describe('express: callback styles, sync and async', () => {
  const tick = (ms = 1): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
  const styles: ReadonlyArray<readonly [string, CustomOrigin, boolean]> = [
    [
      'an async function that answers through cb',
      async (_origin, cb) => {
        await tick()
        cb(null, true)
      },
      true,
    ],
    [
      'an async function that returns true',
      async () => {
        await tick()
        return true
      },
      true,
    ],
    ['an async function that returns false', async () => false, false],
    [
      'cb called before a returned false: cb wins',
      (_origin, cb) => {
        cb(null, true)
        return false
      },
      true,
    ],
    [
      'a returned false before a later cb: the return wins',
      (_origin, cb) => {
        setTimeout(() => cb(null, true), 1)
        return false
      },
      false,
    ],
    [
      'a corsica predicate reading the request',
      (origin, request) => request.method === 'GET' && origin === APP_ORIGIN,
      true,
    ],
  ]

  it.each(styles)('%s', async (_name, origin, allowed) => {
    const server = await start({ origin })
    const response = await send(server, get(APP_ORIGIN))
    expect([response.status, response.cors[ACAO]]).toEqual([200, allowed ? APP_ORIGIN : undefined])
  })

  it('an async function that rejects reaches next(err)', async () => {
    const server = await start({ origin: async () => Promise.reject(new Error('store down')) })
    expect((await send(server, get(APP_ORIGIN))).status).toBe(500)
    expect(errors).toEqual([new Error('store down')])
  })

  it('a response sent while the callback is pending (a timeout) is left alone: no crash, no next()', async () => {
    const rejections: unknown[] = []
    const onRejection = (reason: unknown): void => void rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    running.push(async () => void process.off('unhandledRejection', onRejection))
    const app = express()
    let reachedRoute = 0
    app.use((_req, res, next) => {
      setTimeout(() => void res.status(503).send('timeout'), 5)
      next()
    })
    app.use(
      cors({
        origin: async () => {
          await tick(40)
          return true
        },
      }),
    )
    app.get('/items', (_req, res) => {
      reachedRoute++
      res.send('items')
    })
    const server = await listen(http.createServer(app))
    running.push(server.close)
    const response = await send(server, get(APP_ORIGIN))
    expect([response.status, response.body, response.cors[ACAO]]).toEqual([503, 'timeout', undefined])
    await tick(80) // the callback settles after the response went out
    expect([reachedRoute, rejections]).toEqual([0, []])
    expect((await send(server, preflight(APP_ORIGIN))).status).toBe(503) // the server still serves
  })
})

describe('express: a failed check leaves nothing an outer layer set', () => {
  it("an inner callback's invalid answer: the 500 carries no outer '*' and varies on Origin", async () => {
    const app = express()
    app.use(cors())
    app.get(
      '/items',
      cors({ origin: (_origin, cb) => cb(null, '*'), credentials: true }),
      (_req, res) => void res.send('items'),
    )
    app.use(reportErrors)
    const server = await listen(http.createServer(app))
    running.push(server.close)
    const response = await send(server, get(OTHER_ORIGIN))
    expect([response.status, corsHeaderNames(response.cors), response.headers.vary]).toEqual([500, [], 'Origin'])
  })

  it('a delegate error varies on Origin too', async () => {
    const server = await start((_req, cb) => cb(new Error('tenant unknown')))
    const response = await send(server, get(APP_ORIGIN))
    expect([response.status, response.headers.vary]).toEqual([500, 'Origin'])
  })
})

/** Calls a middleware with a fake response; resolves with every argument `next` got. */
function callMiddleware(middleware: ReturnType<typeof cors>, next: (err?: unknown) => void): FakeResponse {
  const res = new FakeResponse()
  middleware({ method: 'GET', headers: { origin: APP_ORIGIN } }, res, next)
  return res
}

describe('express: next() and the options function misbehaving', () => {
  it('a router whose next() throws after an async check gets the error through next(err), not a crash', async () => {
    const calls: unknown[] = []
    const next = (err?: unknown): void => {
      calls.push(err)
      if (calls.length === 1) throw new Error('router bug')
    }
    callMiddleware(cors({ origin: async () => true }), next)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(calls).toEqual([undefined, new Error('router bug')])
  })

  it('an options function that throws after answering does not answer twice', () => {
    const calls: unknown[] = []
    callMiddleware(
      cors((_req, cb) => {
        cb(null, { origin: [APP_ORIGIN] })
        throw new Error('late')
      }),
      (err) => calls.push(err),
    )
    expect(calls).toEqual([undefined])
  })

  it('a falsy error from the options function is no error, as in cors', () => {
    const calls: unknown[] = []
    const res = callMiddleware(
      cors((_req, cb) => cb(false as unknown as null)),
      (err) => calls.push(err),
    )
    expect(calls).toEqual([undefined])
    expect(res.getHeader('access-control-allow-origin')).toBe('*')
  })
})

describe('express: the per-request options delegate (req, cb)', () => {
  it('compiles equal options once, even when the delegate builds a fresh object per request', async () => {
    const delegate: OptionsDelegate = (req, cb) =>
      cb(null, { origin: [APP_ORIGIN], maxAge: req.headers['x-tenant'] === 'b' ? 60 : 600 })
    const server = await start(delegate)
    compiled.count = 0
    const tenants = ['a', 'a', 'b', 'a', 'b', 'b']
    for (const tenant of tenants) {
      const response = await send(server, {
        ...preflight(APP_ORIGIN),
        headers: [...preflight(APP_ORIGIN).headers, ['X-Tenant', tenant]],
      })
      expect(response.cors['access-control-max-age']).toBe(tenant === 'b' ? '60' : '600')
    }
    expect(compiled.count).toBe(2) // one policy per distinct options content, not one per request
  })

  it('passes a delegate error to next(err): the preflight is not answered 204', async () => {
    const server = await start((_req, cb) => cb(new Error('tenant unknown')))
    const response = await send(server, preflight(APP_ORIGIN))
    expect([response.status, response.body]).toEqual([500, 'error handler'])
    expect(errors).toEqual([new Error('tenant unknown')])
  })

  it('keys compiled options by type: a string spelling a RegExp never reuses the RegExp policy', async () => {
    const regexp = /^https:\/\/app\.example\.com$/
    // Before: the cache key of the RegExp was this very string, so the string skipped validation.
    const lookalike = `regexp:${String(regexp)}`
    const server = await start((req, cb) =>
      cb(null, { origin: req.headers['x-mode'] === 'string' ? lookalike : regexp }),
    )
    const withMode = (mode: string): TestRequest => ({
      ...get(APP_ORIGIN),
      headers: [...get(APP_ORIGIN).headers, ['X-Mode', mode]],
    })
    expect((await send(server, withMode('regexp'))).cors[ACAO]).toBe(APP_ORIGIN)
    const response = await send(server, withMode('string'))
    expect([response.status, corsHeaderNames(response.cors)]).toEqual([500, []])
    expect((errors[0] as CorsConfigError).problems[0]?.code).toBe('invalid-origin')
  })

  it('keys by type: a function and the string of its old key compile apart', async () => {
    const allow: CustomOrigin = (_origin, cb) => cb(null, true)
    const server = await start((req, cb) =>
      cb(null, { origin: req.headers['x-mode'] === 'string' ? 'function#0' : allow }),
    )
    const withMode = (mode: string): TestRequest => ({
      ...get(OTHER_ORIGIN),
      headers: [...get(OTHER_ORIGIN).headers, ['X-Mode', mode]],
    })
    expect((await send(server, withMode('function'))).cors[ACAO]).toBe(OTHER_ORIGIN)
    expect((await send(server, withMode('string'))).status).toBe(500)
  })

  it.each([
    ["origin '*'", { origin: '*' }, { [ACAO]: '*' }],
    ['origin false (CORS off)', { origin: false }, {}],
    ['a list that refuses the origin', { origin: ['https://a.example.org'] }, {}],
    ['a list that allows the origin', { origin: [APP_ORIGIN] }, { [ACAO]: APP_ORIGIN }],
  ] as const)('with %s from the delegate, every response varies on Origin', async (_name, options, cors) => {
    const server = await start((_req, cb) => cb(null, options))
    for (const request of [get(APP_ORIGIN), { method: 'GET', path: '/items' }, preflight(APP_ORIGIN)]) {
      const response = await send(server, request)
      expect(response.headers.vary?.split(', ')).toContain('Origin')
    }
    const actual = await send(server, get(APP_ORIGIN))
    expect(Object.fromEntries(Object.entries(actual.cors).filter(([name]) => name !== 'vary'))).toEqual(cors)
  })

  it('an async delegate that rejects reaches next(err)', async () => {
    const server = await start(async () => Promise.reject(new Error('tenant store down')))
    const response = await send(server, get(APP_ORIGIN))
    expect([response.status, response.body]).toEqual([500, 'error handler'])
    expect(errors).toEqual([new Error('tenant store down')])
  })

  it('passes options corsica refuses to next(err) as a CorsConfigError', async () => {
    const server = await start((_req, cb) => cb(null, { origin: '*', credentials: true }))
    expect((await send(server, get(APP_ORIGIN))).status).toBe(500)
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).name).toBe('CorsConfigError')
  })
})

describe('express: preflight options', () => {
  it('preflightContinue: true lets the OPTIONS route answer, with the CORS headers already set', async () => {
    const server = await start({ origin: [APP_ORIGIN], preflightContinue: true })
    const response = await send(server, preflight(APP_ORIGIN))
    expect([response.status, response.body]).toEqual([200, 'options route'])
    expect(response.cors['access-control-allow-origin']).toBe(APP_ORIGIN)
    expect(response.cors['access-control-allow-methods']).toBe('GET,HEAD,PUT,PATCH,POST,DELETE')
  })

  it('optionsSuccessStatus: 200 answers preflights 200 with an empty body', async () => {
    const server = await start({ origin: [APP_ORIGIN], optionsSuccessStatus: 200 })
    const response = await send(server, preflight(APP_ORIGIN))
    expect([response.status, response.body, response.headers['content-length']]).toEqual([200, '', '0'])
  })

  it('accepts the older `headers` name for allowedHeaders', async () => {
    const server = await start({ origin: [APP_ORIGIN], headers: ['x-trace'] })
    const response = await send(server, {
      ...preflight(APP_ORIGIN),
      headers: [...preflight(APP_ORIGIN).headers, ['Access-Control-Request-Headers', 'x-trace']],
    })
    expect(response.cors['access-control-allow-headers']).toBe('x-trace')
  })
})

describe('express: a candidate is written in the same cors style', () => {
  /** Every request's difference, as onCandidateDiffers hears it (after the response when async). */
  const differences = () => {
    const events: CandidateDifference[] = []
    const onCandidateDiffers = (event: CandidateDifference) => void events.push(event)
    const seen = () => events.map((e) => [e.kind, e.origin, e.enforced.allowed, e.candidate.reason, e.candidate.error])
    return { events, onCandidateDiffers, seen }
  }
  /** Lets an async candidate finish: its report comes after the response. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

  it.each([
    ['options', (options: ExpressCorsOptions) => options],
    [
      'an options function',
      (options: ExpressCorsOptions): OptionsDelegate =>
        (_req, cb) =>
          cb(null, options),
    ],
  ])('a candidate origin callback (origin, cb) answers through cb, in %s', async (_name, wrap) => {
    const heard = differences()
    const candidate: ExpressCorsOptions = { origin: (origin, cb) => cb(null, origin === APP_ORIGIN) }
    const server = await start(wrap({ origin: '*', candidate, onCandidateDiffers: heard.onCandidateDiffers }))
    for (const origin of [APP_ORIGIN, OTHER_ORIGIN]) {
      const response = await send(server, get(origin))
      expect([response.status, response.cors['access-control-allow-origin']]).toEqual([200, '*'])
    }
    await settle()
    expect(heard.seen()).toEqual([['actual', OTHER_ORIGIN, true, 'origin', undefined]])
    expect(errors).toEqual([])
  })

  it('a candidate accepts the `headers` alias for allowedHeaders', async () => {
    const heard = differences()
    const server = await start({
      origin: [APP_ORIGIN],
      allowedHeaders: ['x-a'],
      candidate: { origin: [APP_ORIGIN], headers: ['x-a', 'x-b'] },
      onCandidateDiffers: heard.onCandidateDiffers,
    })
    const asking = (name: string): WithHeaders => ({
      ...preflight(APP_ORIGIN),
      headers: [...preflight(APP_ORIGIN).headers, ['Access-Control-Request-Headers', name]],
    })
    expect((await send(server, asking('x-a'))).status).toBe(204)
    expect((await send(server, asking('x-b'))).cors['access-control-allow-headers']).toBeUndefined()
    await settle()
    expect(heard.seen()).toEqual([['preflight', APP_ORIGIN, false, undefined, undefined]])
  })

  it('a candidate that is not an options object is still refused with a CorsConfigError', () => {
    expect(() =>
      cors({ origin: '*', candidate: ['x'] as unknown as ExpressCorsOptions, onCandidateDiffers() {} }),
    ).toThrow(/candidate/)
  })
})

describe('express: the origin callback receives the Express req as its third argument', () => {
  let server: Awaited<ReturnType<typeof listen>>
  let host = ''
  const seen: unknown[] = []
  beforeAll(async () => {
    const app = express()
    const byRequest: CustomOrigin<express.Request> = (origin, callback, req) => {
      seen.push(req)
      // Express's own request: req.path and req.get() are Express's, not Node's.
      callback(null, req.headers.host === host && req.path.startsWith('/tenant/') && req.get('x-tenant') === origin)
    }
    app.use('/cb', cors<express.Request>({ origin: byRequest, vary: ['X-Tenant'] }))
    app.use('/returns', cors<express.Request>({ origin: (_origin, _cb, req) => req.path === '/ok' }))
    app.use(
      '/resolves',
      cors<express.Request>({ origin: async (_origin, _cb, req) => Promise.resolve(req.query.allow === 'yes') }),
    )
    app.all('/{*rest}', (_req, res) => void res.send('ok'))
    app.use(reportErrors)
    server = await listen(http.createServer(app))
    host = new URL(server.url).host
  })
  afterAll(() => server.close())

  it.each([
    { name: 'allows by Host, req.path and a header', path: '/cb/tenant/a', tenant: APP_ORIGIN, acao: APP_ORIGIN },
    { name: 'refuses another path', path: '/cb/other', tenant: APP_ORIGIN, acao: undefined },
    { name: 'refuses another tenant', path: '/cb/tenant/a', tenant: OTHER_ORIGIN, acao: undefined },
  ])('$name; Vary names X-Tenant', async ({ path, tenant, acao }) => {
    seen.length = 0
    const response = await send(server, {
      ...get(APP_ORIGIN),
      path,
      headers: [...get(APP_ORIGIN).headers, ['X-Tenant', tenant]],
    })
    expect([response.status, response.cors[ACAO], response.cors.vary]).toEqual([200, acao, 'Origin, X-Tenant'])
    expect(seen).toHaveLength(1)
    expect(typeof (seen[0] as express.Request).get).toBe('function') // Express's req, not a copy
  })

  it('decides the preflight by the same req, Vary naming X-Tenant before the preflight tokens', async () => {
    const request = preflight(APP_ORIGIN)
    const response = await send(server, {
      ...request,
      path: '/cb/tenant/a',
      headers: [...request.headers, ['X-Tenant', APP_ORIGIN]],
    })
    expect([response.status, response.cors[ACAO]]).toEqual([204, APP_ORIGIN])
    expect(response.cors.vary?.startsWith('Origin, X-Tenant, Access-Control-Request-Method')).toBe(true)
  })

  it.each([
    { name: 'a returned true', path: '/returns/ok', acao: APP_ORIGIN },
    { name: 'a returned false', path: '/returns/no', acao: undefined },
    { name: 'a Promise of true', path: '/resolves/x?allow=yes', acao: APP_ORIGIN },
    { name: 'a Promise of false', path: '/resolves/x?allow=no', acao: undefined },
  ])('a callback that never calls back answers with $name', async ({ path, acao }) => {
    const response = await send(server, { ...get(APP_ORIGIN), path })
    expect([response.status, response.body, response.cors[ACAO]]).toEqual([200, 'ok', acao])
  })
})
