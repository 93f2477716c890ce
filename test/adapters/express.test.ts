// corsica/express inside Express 5: the conformance table, then what only the `cors` drop-in has:
// the (origin, cb) callback, the per-request options delegate, preflightContinue, optionsSuccessStatus.
import http from 'node:http'
import express, { type ErrorRequestHandler } from 'express'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cors, type ExpressCorsOptions, type OptionsDelegate, type OriginCallback } from '../../src/express.js'
import { startExpress } from './support/apps.js'
import { send, type TestRequest } from './support/client.js'
import { APP_ORIGIN, OTHER_ORIGIN, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'

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

const preflight = (origin: string, method = 'PUT'): TestRequest => ({ method: 'OPTIONS', path: '/items', headers: [['Origin', origin], ['Access-Control-Request-Method', method]] })
const get = (origin: string): TestRequest => ({ method: 'GET', path: '/items', headers: [['Origin', origin]] })

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
  ])('passes cb(err) to next(err) for $name: the error handler answers 500 without CORS headers', async ({ request }) => {
    const server = await start({ origin: callback, credentials: true })
    const response = await send(server, request)
    expect(response.status).toBe(500)
    expect(response.body).toBe('error handler') // not a silent 204, not the OPTIONS route
    expect(Object.keys(response.cors).filter((name) => name.startsWith('access-control-'))).toEqual([])
    expect(errors).toEqual([new Error('origin lookup failed')])
  })

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
    const answers = await Promise.all([APP_ORIGIN, 'https://x.example.org', OTHER_ORIGIN].map((origin) => send(server, get(origin))))
    expect(answers.map((answer) => answer.cors['access-control-allow-origin'])).toEqual([APP_ORIGIN, 'https://x.example.org', undefined])
  })
})

describe('express: the per-request options delegate (req, cb)', () => {
  it('compiles equal options once, even when the delegate builds a fresh object per request', async () => {
    const delegate: OptionsDelegate = (req, cb) => cb(null, { origin: [APP_ORIGIN], maxAge: req.headers['x-tenant'] === 'b' ? 60 : 600 })
    const server = await start(delegate)
    compiled.count = 0
    const tenants = ['a', 'a', 'b', 'a', 'b', 'b']
    for (const tenant of tenants) {
      const response = await send(server, { ...preflight(APP_ORIGIN), headers: [...preflight(APP_ORIGIN).headers!, ['X-Tenant', tenant]] })
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
    const response = await send(server, { ...preflight(APP_ORIGIN), headers: [...preflight(APP_ORIGIN).headers!, ['Access-Control-Request-Headers', 'x-trace']] })
    expect(response.cors['access-control-allow-headers']).toBe('x-trace')
  })
})
