// The same Express app with the `cors` package and with corsica/express: for every safe `cors`
// configuration, allowed requests get the same status and CORS header values, modulo the
// deliberate differences listed in docs/readme-parts/migration.md (normalize() below applies them).
// Configurations `cors` accepts but that are unsafe are refused by corsica at creation.
import http from 'node:http'
import corsPackage from 'cors'
import express, { type RequestHandler } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorsConfigError } from '../../src/index.js'
import { cors, type ExpressCorsOptions, type OptionsDelegate, type OriginCallback } from '../../src/express.js'
import { send, type TestRequest, type TestResponse } from './support/client.js'
import { listen } from './support/server.js'
import { defined } from '../support/defined.js'

const APP = 'https://app.example.com'
const ADMIN = 'https://admin.example.com'

const allowApp: OriginCallback = (origin, cb) => cb(null, origin === APP)
const perRequest: OptionsDelegate = (req, cb) => cb(null, { origin: req.headers['x-admin'] === '1' ? ADMIN : APP })

/** Safe `cors` configurations, each written once and passed unchanged to both packages. */
const CONFIGS: ReadonlyArray<{
  name: string
  options: ExpressCorsOptions | OptionsDelegate
  origins: readonly string[]
  extra?: Array<[string, string]>
}> = [
  { name: 'string origin', options: { origin: APP }, origins: [APP] },
  { name: 'array origin', options: { origin: [APP, ADMIN] }, origins: [APP, ADMIN] },
  { name: 'anchored RegExp origin', options: { origin: /^https:\/\/[a-z]+\.example\.com$/ }, origins: [APP, ADMIN] },
  { name: 'callback origin (origin, cb)', options: { origin: allowApp }, origins: [APP] },
  { name: 'options delegate (req, cb)', options: perRequest, origins: [ADMIN], extra: [['X-Admin', '1']] },
  { name: 'default options (any origin)', options: {}, origins: [APP] },
  { name: 'methods as a string', options: { origin: APP, methods: 'GET,PUT' }, origins: [APP] },
  { name: 'allowedHeaders', options: { origin: APP, allowedHeaders: ['Content-Type', 'X-Trace'] }, origins: [APP] },
  { name: 'exposedHeaders', options: { origin: APP, exposedHeaders: ['X-Request-Id', 'X-Total'] }, origins: [APP] },
  { name: 'maxAge', options: { origin: APP, maxAge: 600 }, origins: [APP] },
  { name: 'credentials with a list', options: { origin: [APP, ADMIN], credentials: true }, origins: [APP, ADMIN] },
  { name: 'preflightContinue', options: { origin: APP, preflightContinue: true }, origins: [APP] },
  { name: 'optionsSuccessStatus: 200', options: { origin: APP, optionsSuccessStatus: 200 }, origins: [APP] },
]

const COMPARED = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
]
const LISTS = new Set(['access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers'])

function requestsFor(origin: string, extra: Array<[string, string]>): TestRequest[] {
  const from: Array<[string, string]> = [['Origin', origin], ...extra]
  return [
    {
      method: 'OPTIONS',
      path: '/items',
      headers: [
        ...from,
        ['Access-Control-Request-Method', 'PUT'],
        ['Access-Control-Request-Headers', 'X-Trace, Content-Type'],
      ],
    },
    { method: 'OPTIONS', path: '/items', headers: [...from, ['Access-Control-Request-Method', 'GET']] },
    { method: 'GET', path: '/items', headers: from },
    { method: 'DELETE', path: '/items', headers: from },
  ]
}

/**
 * What the comparison looks at. Deliberate differences applied: list headers compared as trimmed
 * items, allow-headers lowercased (corsica lowercases what it reflects); expose-headers ignored on
 * preflights (corsica sends it on actual responses only, where browsers read it). Vary and
 * Content-Length are not compared.
 */
function normalize(response: TestResponse, preflight: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { status: response.status, body: response.body }
  for (const name of COMPARED) {
    const value = response.cors[name]
    if (value === undefined || (preflight && name === 'access-control-expose-headers')) continue
    const items = value.split(',').map((item) => item.trim())
    out[name] = comparable(name, value, items)
  }
  return out
}

/** A compared header as normalize() records it: list headers as items, allow-headers lowercased. */
function comparable(name: string, value: string, items: string[]): string | string[] {
  if (!LISTS.has(name)) return value
  return name === 'access-control-allow-headers' ? items.map((item) => item.toLowerCase()) : items
}

/** A test's title: the method, the Origin, then the other request headers. */
function titleOf(request: TestRequest): string {
  const [origin, ...rest] = defined(request.headers, 'the request headers')
  const [, originValue] = defined(origin, 'the Origin header')
  return `${request.method} from ${originValue} ${rest.map(([n, v]) => `${n}: ${v}`).join(', ')}`
}

async function startApp(middleware: RequestHandler) {
  const app = express()
  app.use(middleware)
  app.all('/items', (_req, res) => void res.send('items'))
  return listen(http.createServer(app))
}

describe.each(CONFIGS)('drop-in for cors: $name', ({ options, origins, extra = [] }) => {
  let theirs: Awaited<ReturnType<typeof listen>>
  let ours: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    // `cors` takes the same value; its types only differ in how they spell the callbacks.
    theirs = await startApp(corsPackage(options as Parameters<typeof corsPackage>[0]) as RequestHandler)
    ours = await startApp(cors(options) as RequestHandler)
  })
  afterAll(() => Promise.all([theirs.close(), ours.close()]))

  const requests = origins.flatMap((origin) => requestsFor(origin, extra))
  it.each(requests.map((request) => [titleOf(request), request] as const))('%s', async (_label, request) => {
    const preflight = request.method === 'OPTIONS'
    const [theirAnswer, ourAnswer] = await Promise.all([send(theirs, request), send(ours, request)])
    expect(normalize(ourAnswer, preflight)).toEqual(normalize(theirAnswer, preflight))
  })
})

describe('configurations cors accepts but corsica refuses at creation', () => {
  it.each([
    { name: "origin '*' with credentials", options: { origin: '*', credentials: true } },
    { name: 'origin true with credentials (reflects any origin)', options: { origin: true, credentials: true } },
    { name: 'an unanchored RegExp', options: { origin: /example\.com$/ } },
    { name: "'null' with credentials", options: { origin: 'null', credentials: true } },
    { name: "'null' in a list with credentials", options: { origin: [APP, 'null'], credentials: true } },
  ] satisfies Array<{ name: string; options: ExpressCorsOptions }>)('$name', ({ options }) => {
    expect(() => corsPackage(options as Parameters<typeof corsPackage>[0])).not.toThrow()
    expect(() => cors(options)).toThrow(CorsConfigError)
  })
})
