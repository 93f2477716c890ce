// What every adapter must do inside its framework, as one table: each framework's test file runs
// it against its own server (support/apps.ts) built with CONFORMANCE_OPTIONS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../../src/index.js'
import { send, varyTokens, type TestRequest, type TestResponse } from './client.js'
import type { TestServer } from './server.js'

import { ACAC, ACAH, ACAM, ACAO, ACEH, ACMA, APP_ORIGIN, OTHER_ORIGIN, TAO } from './requests.js'

export { APP_ORIGIN, OTHER_ORIGIN }

export const CONFORMANCE_OPTIONS = {
  origin: [APP_ORIGIN],
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowedHeaders: ['content-type', 'x-trace'],
  exposedHeaders: ['x-request-id'],
  maxAge: 600,
  timingAllowOrigin: true,
} satisfies CorsOptions

const ALLOWED_ACTUAL = { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [ACEH]: 'x-request-id', [TAO]: APP_ORIGIN }
const ALLOWED_PREFLIGHT = {
  [ACAO]: APP_ORIGIN,
  [ACAC]: 'true',
  [ACAM]: 'GET,POST,PUT,DELETE',
  [ACAH]: 'content-type,x-trace',
  [ACMA]: '600',
  // Resource Timing reports the actual request alone: a preflight needs no Timing-Allow-Origin.
  [TAO]: undefined,
}
const PREFLIGHT_VARY = ['origin', 'access-control-request-method', 'access-control-request-headers']

export interface ConformanceRow {
  readonly name: string
  readonly request: TestRequest
  readonly status: number
  /** Whether application code (auth middleware or a route) ran. */
  readonly ran: boolean
  /** CORS headers that must have exactly these values; `undefined` means absent. */
  readonly cors?: Readonly<Record<string, string | undefined>>
  /** True when no `access-control-*` header at all may be present. */
  readonly noCors?: true
  /** Vary tokens that must each appear exactly once. */
  readonly vary: readonly string[]
  /** Vary tokens that must not appear. */
  readonly notVary?: readonly string[]
}

const from = (origin: string): [string, string] => ['Origin', origin]
const preflight = (path: string, method: string, ...extra: Array<[string, string]>): TestRequest => ({
  method: 'OPTIONS',
  path,
  headers: [from(APP_ORIGIN), ['Access-Control-Request-Method', method], ...extra],
})

export const CONFORMANCE: readonly ConformanceRow[] = [
  {
    name: 'a preflight to a path with no route is answered before routing',
    request: preflight('/nowhere', 'PUT', ['Access-Control-Request-Headers', 'content-type,x-trace']),
    status: 204,
    ran: false,
    cors: ALLOWED_PREFLIGHT,
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'a preflight to a path behind auth is answered before auth',
    request: preflight('/private', 'DELETE'),
    status: 204,
    ran: false,
    cors: ALLOWED_PREFLIGHT,
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'a preflight for an unlisted method is answered, without Allow-Methods',
    request: preflight('/items', 'PATCH'),
    status: 204,
    ran: false,
    cors: { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [ACAM]: undefined },
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'a preflight from a refused origin is answered, without CORS headers',
    request: { ...preflight('/items', 'PUT'), headers: [from(OTHER_ORIGIN), ['Access-Control-Request-Method', 'PUT']] },
    status: 204,
    ran: false,
    noCors: true,
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'doubled Access-Control-Request-Headers lines form one list',
    request: preflight(
      '/items',
      'PUT',
      ['Access-Control-Request-Headers', 'content-type'],
      ['Access-Control-Request-Headers', 'x-trace'],
    ),
    status: 204,
    ran: false,
    cors: ALLOWED_PREFLIGHT,
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'a refused name on a second Access-Control-Request-Headers line refuses the preflight',
    request: preflight(
      '/items',
      'PUT',
      ['Access-Control-Request-Headers', 'content-type'],
      ['Access-Control-Request-Headers', 'x-nope'],
    ),
    status: 204,
    ran: false,
    cors: { [ACAO]: APP_ORIGIN, [ACAH]: undefined, [ACMA]: undefined },
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'a doubled Origin on a preflight is malformed: answered, without CORS headers',
    request: {
      ...preflight('/items', 'PUT'),
      headers: [from(APP_ORIGIN), from(APP_ORIGIN), ['Access-Control-Request-Method', 'PUT']],
    },
    status: 204,
    ran: false,
    noCors: true,
    vary: PREFLIGHT_VARY,
  },
  {
    name: 'an OPTIONS without Access-Control-Request-Method reaches the application',
    request: { method: 'OPTIONS', path: '/items', headers: [from(APP_ORIGIN)] },
    status: 200,
    ran: true,
    cors: ALLOWED_ACTUAL,
    vary: ['origin'],
  },
  {
    name: 'an allowed actual request gets its CORS headers',
    request: { method: 'GET', path: '/items', headers: [from(APP_ORIGIN)] },
    status: 200,
    ran: true,
    cors: ALLOWED_ACTUAL,
    vary: ['origin'],
  },
  {
    name: 'an allowed PUT gets its CORS headers',
    request: { method: 'PUT', path: '/items', headers: [from(APP_ORIGIN)] },
    status: 200,
    ran: true,
    cors: ALLOWED_ACTUAL,
    vary: ['origin'],
  },
  {
    name: 'a refused origin reaches the handler without CORS headers, with Vary: Origin',
    request: { method: 'GET', path: '/items', headers: [from(OTHER_ORIGIN)] },
    status: 200,
    ran: true,
    noCors: true,
    vary: ['origin'],
  },
  {
    name: 'a request without Origin gets Vary: Origin and no CORS headers',
    request: { method: 'GET', path: '/items' },
    status: 200,
    ran: true,
    noCors: true,
    vary: ['origin'],
  },
  {
    name: 'a doubled Origin on an actual request is malformed: no CORS headers',
    request: { method: 'GET', path: '/items', headers: [from(APP_ORIGIN), from(APP_ORIGIN)] },
    status: 200,
    ran: true,
    noCors: true,
    vary: ['origin'],
  },
  {
    name: 'a thrown error answers 500 with CORS headers',
    request: { method: 'GET', path: '/boom', headers: [from(APP_ORIGIN)] },
    status: 500,
    ran: true,
    cors: { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [TAO]: APP_ORIGIN },
    vary: ['origin'],
  },
  {
    name: 'a redirect carries CORS headers',
    request: { method: 'GET', path: '/redirect', headers: [from(APP_ORIGIN)] },
    status: 302,
    ran: true,
    cors: { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [TAO]: APP_ORIGIN },
    vary: ['origin'],
  },
  {
    name: 'an auth 401 carries CORS headers',
    request: { method: 'GET', path: '/private', headers: [from(APP_ORIGIN)] },
    status: 401,
    ran: true,
    cors: { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [TAO]: APP_ORIGIN },
    vary: ['origin'],
  },
  {
    name: 'a 404 carries CORS headers',
    request: { method: 'GET', path: '/nowhere', headers: [from(APP_ORIGIN)] },
    status: 404,
    ran: false,
    cors: { [ACAO]: APP_ORIGIN, [ACAC]: 'true', [TAO]: APP_ORIGIN },
    vary: ['origin'],
  },
  {
    name: "the application's Vary is merged, each token once",
    request: { method: 'GET', path: '/vary', headers: [from(APP_ORIGIN)] },
    status: 200,
    ran: true,
    cors: { [ACAO]: APP_ORIGIN },
    vary: ['origin', 'accept-encoding'],
  },
  {
    name: "the request's own Vary header is never copied into the response",
    request: { method: 'GET', path: '/items', headers: [from(APP_ORIGIN), ['Vary', 'X-Evil']] },
    status: 200,
    ran: true,
    cors: ALLOWED_ACTUAL,
    vary: ['origin'],
    notVary: ['x-evil'],
  },
]

export function checkRow(row: ConformanceRow, response: TestResponse, ran: boolean): void {
  expect({ status: response.status, ran }).toEqual({ status: row.status, ran: row.ran })
  for (const [name, value] of Object.entries(row.cors ?? {})) expect(response.cors[name], name).toBe(value)
  if (row.noCors) expect(Object.keys(response.cors).filter((name) => name !== 'vary')).toEqual([])
  const tokens = varyTokens(response)
  for (const token of row.vary)
    expect(
      tokens.filter((t) => t === token),
      `Vary: ${response.cors.vary}`,
    ).toHaveLength(1)
  for (const token of row.notVary ?? []) expect(tokens).not.toContain(token)
}

/** Sends a request and reports whether application code ran while it was served. */
export async function sendTracked(
  server: TestServer,
  request: TestRequest,
): Promise<{ response: TestResponse; ran: boolean }> {
  const before = server.hits.count
  const response = await send(server, request)
  return { response, ran: server.hits.count > before }
}

/** Runs the conformance table against a server started once for the describe block. */
export function describeConformance(name: string, start: (options: CorsOptions) => Promise<TestServer>): void {
  describe(`${name}: conformance`, () => {
    let server: TestServer
    beforeAll(async () => {
      server = await start(CONFORMANCE_OPTIONS)
    })
    afterAll(() => server.close())
    it.each(CONFORMANCE)('$name', async (row) => {
      const { response, ran } = await sendTracked(server, row.request)
      checkRow(row, response, ran)
    })
  })
}
