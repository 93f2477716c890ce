// One list of requests sent to every adapter inside its framework, for several option sets: each
// must answer with the status and CORS headers the engine's own decision prescribes, so the
// adapters agree with each other and agreement is not agreement on an adapter bug.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCors, type CorsDecision, type SyncCorsOptions } from '../../src/index.js'
import { FRAMEWORKS } from './support/apps.js'
import type { TestRequest } from './support/client.js'
import { sendTracked } from './support/conformance.js'
import type { TestServer } from './support/server.js'

const OPTION_SETS: Record<string, SyncCorsOptions> = {
  'list, patterns, credentials, private network': {
    origin: ['https://app.example.com', 'https://*.example.org'],
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH'],
    allowedHeaders: ['content-type', 'x-trace', 'authorization'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
    privateNetwork: true,
    timingAllowOrigin: true,
  },
  defaults: {},
  "'*' with Timing-Allow-Origin": { timingAllowOrigin: true },
  "'null', RegExp, localhost port pattern, any method and header, status 200": {
    origin: ['null', /^https:\/\/[a-z]+\.example\.net$/, 'http://localhost:*'],
    methods: '*',
    allowedHeaders: '*',
    optionsSuccessStatus: 200,
  },
}

const ORIGINS: ReadonlyArray<readonly string[]> = [
  ['https://app.example.com'],
  ['https://a.example.org'],
  ['https://x.example.net'],
  ['http://localhost:8080'],
  ['https://evil.example.com'],
  ['null'],
  ['https://app.example.com/'], // malformed: a path
  ['https://app.example.com', 'https://app.example.com'], // malformed: two lines, joined
  [], // no Origin: not a CORS request
]

type Lines = Array<[string, string]>
const ACRM = 'Access-Control-Request-Method'
const ACRH = 'Access-Control-Request-Headers'

/** Actual requests, then preflights (only with an Origin: without one, OPTIONS is ordinary). */
const ACTUAL: ReadonlyArray<{ method: string; lines: Lines }> = [
  { method: 'GET', lines: [] },
  { method: 'PUT', lines: [['Content-Type', 'text/plain']] },
  { method: 'OPTIONS', lines: [] }, // no Access-Control-Request-Method: not a preflight
]
const PREFLIGHTS: readonly Lines[] = [
  [[ACRM, 'PUT']],
  [[ACRM, 'patch']], // methods are case-sensitive: `patch` is not `PATCH`
  [
    [ACRM, 'PATCH'],
    [ACRH, 'content-type, X-Trace'],
  ],
  [
    [ACRM, 'DELETE'],
    [ACRH, 'authorization'],
  ],
  [
    [ACRM, 'PUT'],
    [ACRH, 'content-type'],
    [ACRH, 'x-other'],
  ], // two lines form one list
]
const SPECIAL_PREFLIGHTS: readonly Lines[] = [
  [[ACRM, 'P U T']], // not a method token
  [
    [ACRM, 'PUT'],
    [ACRH, 'x trace'],
  ], // not a header token
  [
    [ACRM, 'PUT'],
    [ACRH, ''],
  ],
  [
    [ACRM, 'GET'],
    ['Access-Control-Request-Private-Network', 'true'],
  ],
]

function buildRequests(): TestRequest[] {
  const requests: TestRequest[] = []
  for (const origins of ORIGINS) {
    const originLines: Lines = origins.map((origin) => ['Origin', origin])
    for (const { method, lines } of ACTUAL)
      requests.push({ method, path: '/items', headers: [...originLines, ...lines] })
    if (origins.length === 0) continue
    for (const lines of PREFLIGHTS)
      requests.push({ method: 'OPTIONS', path: '/items', headers: [...originLines, ...lines] })
  }
  for (const lines of SPECIAL_PREFLIGHTS)
    requests.push({ method: 'OPTIONS', path: '/items', headers: [['Origin', 'https://app.example.com'], ...lines] })
  return requests
}

const REQUESTS = buildRequests()

/** What a server did with a request, comparable across adapters and with the engine. */
interface Outcome {
  status: number
  ran: boolean
  cors: Record<string, string>
}

/** The engine's input for a request: repeated lines are joined by `, `, as every framework does. */
function engineRequest(request: TestRequest) {
  const value = (name: string): string | undefined => {
    const values = (request.headers ?? [])
      .filter(([line]) => line.toLowerCase() === name.toLowerCase())
      .map(([, v]) => v)
    return values.length === 0 ? undefined : values.join(', ')
  }
  return {
    method: request.method,
    origin: value('Origin'),
    requestMethod: value(ACRM),
    requestHeaders: value(ACRH),
    requestPrivateNetwork: value('Access-Control-Request-Private-Network'),
  }
}

/** What the engine's decision prescribes: an answered preflight, or the /items route's 200 with the headers added. */
function prescribed(decision: CorsDecision): Outcome {
  const cors: Record<string, string> = { ...decision.headers }
  if (decision.vary !== undefined) cors.vary = decision.vary
  return decision.status === undefined
    ? { status: 200, ran: true, cors }
    : { status: decision.status, ran: false, cors }
}

function describeRequest(request: TestRequest): string {
  return `${request.method} ${(request.headers ?? []).map(([name, value]) => `${name}: ${value}`).join(' | ') || '(no CORS headers)'}`
}

describe.each(Object.entries(OPTION_SETS))('differential: %s', (_name, options) => {
  const servers: Array<[string, TestServer]> = []
  const policy = createCors(options)
  beforeAll(async () => {
    for (const [name, start] of Object.entries(FRAMEWORKS)) servers.push([name, await start(options)])
  })
  afterAll(() => Promise.all(servers.map(([, server]) => server.close())))

  it('sends at least 60 requests', () => expect(REQUESTS.length).toBeGreaterThanOrEqual(60))

  it.each(REQUESTS.map((request) => [describeRequest(request), request] as const))('%s', async (_label, request) => {
    const expected = prescribed(policy.check(engineRequest(request)))
    const outcomes = await Promise.all(
      servers.map(async ([name, server]) => {
        const { response, ran } = await sendTracked(server, request)
        return [name, { status: response.status, ran, cors: response.cors }] as const
      }),
    )
    expect(Object.fromEntries(outcomes)).toEqual(Object.fromEntries(servers.map(([name]) => [name, expected])))
  })
})
