// The one policy every framework group applies, in each library's own option names, the four
// requests each group sends, and the floor: the same response headers from precomputed strings.
import { ALLOWED, ORIGINS } from './fixtures.mjs'

export const REFUSED = 'https://evil.example.net'
const METHODS = ['GET', 'POST', 'PUT']
const HEADERS = ['content-type']
const MAX_AGE = 600

/** corsica (every adapter), `cors` and `@fastify/cors` share these names. */
export const POLICY = { origin: ORIGINS, credentials: true, methods: METHODS, allowedHeaders: HEADERS, maxAge: MAX_AGE }
export const HONO_POLICY = {
  origin: ORIGINS,
  credentials: true,
  allowMethods: METHODS,
  allowHeaders: HEADERS,
  maxAge: MAX_AGE,
}
const LISTED = new Set(ORIGINS)
/** `@koa/cors` takes a list as a function of the context; '' refuses (it then sets Vary: Origin only). */
export const KOA_POLICY = {
  origin: (/** @type {import('koa').Context} */ ctx) => {
    const origin = ctx.get('origin')
    return LISTED.has(origin) ? origin : ''
  },
  credentials: true,
  allowMethods: METHODS,
  allowHeaders: HEADERS,
  maxAge: MAX_AGE,
}

/**
 * A request of a group: its method and Node-style (lowercase) headers.
 * @typedef {{ method: string, headers: Record<string, string> }} Spec
 * @typedef {'actual' | 'preflight' | 'refused' | 'noOrigin'} Kind
 */
const BASE = { host: 'api.example.com', accept: '*/*', 'user-agent': 'bench' }
/** @type {Record<Kind, Spec>} */
export const SPECS = {
  actual: { method: 'GET', headers: { ...BASE, origin: ALLOWED } },
  preflight: {
    method: 'OPTIONS',
    headers: {
      ...BASE,
      origin: ALLOWED,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
  },
  refused: { method: 'GET', headers: { ...BASE, origin: REFUSED } },
  noOrigin: { method: 'GET', headers: { ...BASE } },
}
export const KINDS = /** @type {Kind[]} */ (Object.keys(SPECS))
/** @type {Record<Kind, string>} */
export const KIND_LABELS = {
  actual: 'allowed actual',
  preflight: 'allowed preflight',
  refused: 'refused origin',
  noOrigin: 'no Origin',
}

/**
 * What the floor writes: header pairs computed once per listed origin. `preflight` says it answers
 * with 204 and no body.
 * @typedef {{ headers: [name: string, value: string][], preflight: boolean }} FloorAnswer
 */
/** @type {FloorAnswer} */
const VARY_ONLY = { headers: [['vary', 'Origin']], preflight: false }
/** A preflight's answer depends on the request headers it reads, not on the Origin alone. */
const PREFLIGHT_VARY =
  'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'
/** @param {string} origin */
const credentialed = (origin) =>
  /** @type {[string, string][]} */ ([
    ['access-control-allow-origin', origin],
    ['access-control-allow-credentials', 'true'],
  ])
/** @type {Map<string, FloorAnswer>} */
const ACTUAL = new Map(
  ORIGINS.map((origin) => [origin, { headers: [...credentialed(origin), ['vary', 'Origin']], preflight: false }]),
)
/** @type {Map<string, FloorAnswer>} */
const PREFLIGHT = new Map(
  ORIGINS.map((origin) => [
    origin,
    {
      headers: /** @type {[string, string][]} */ ([
        ...credentialed(origin),
        ['access-control-allow-methods', METHODS.join(',')],
        ['access-control-allow-headers', HEADERS.join(',')],
        ['access-control-max-age', String(MAX_AGE)],
        ['vary', PREFLIGHT_VARY],
      ]),
      preflight: true,
    },
  ]),
)

/**
 * The floor's decision: a lookup of precomputed answers, no parsing. A preflight is an OPTIONS
 * request with an Access-Control-Request-Method (the floor trusts the listed method and headers).
 * @param {string} method
 * @param {string | null | undefined} origin
 * @param {string | null | undefined} requestMethod read only for OPTIONS
 * @returns {FloorAnswer}
 */
export function floorAnswer(method, origin, requestMethod) {
  if (origin == null) return VARY_ONLY
  if (method === 'OPTIONS' && requestMethod != null) return PREFLIGHT.get(origin) ?? VARY_ONLY
  return ACTUAL.get(origin) ?? VARY_ONLY
}

/**
 * The floor's answer for a request whose headers are read through `get` (lowercase names): Origin
 * always, Access-Control-Request-Method only for OPTIONS.
 * @param {string} method
 * @param {(name: string) => string | null | undefined} get
 */
export function floorFor(method, get) {
  return floorAnswer(method, get('origin'), method === 'OPTIONS' ? get('access-control-request-method') : undefined)
}
