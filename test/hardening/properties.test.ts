// Property-based tests: generated (configuration, request) pairs checked against the invariants
// of the CORS protocol and against a small reference model written independently of src/core
// (regular expressions and splits where the engine walks char codes). A failure prints the seed
// and path; replay it with CORSICA_FC_SEED=<seed> (and CORSICA_FC_PATH=<path>).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_ORIGIN_LENGTH, scanOrigin } from '../../src/core/origin-syntax.js'
import { createCors, type CorsDecision, type CorsOptions, type CorsRequest } from '../../src/index.js'
import { withCors } from '../../src/fetch.js'
import {
  ENGINES,
  preflightReasons,
  preflightRequest,
  simulate,
  type PageRequest,
  type Send,
} from '../../src/model/index.js'
import { normalizeMethod } from '../../src/model/safelist.js'
import { toWire } from '../model/support.js'
import { defined } from '../support/defined.js'
import { adapters, headerValueProblems, isTransportable } from './harness.js'

/** Pairs per run; the mutation-testing config lowers it to keep each mutant quick. */
const RUNS = Number(process.env.CORSICA_PROPERTY_RUNS ?? 10_000)
const ADAPTER_RUNS = Math.max(1, Math.round(RUNS / 5))
/** Set by vitest.mutation.config.ts: the adapters are not mutated, so their agreement is checked in `npm test` only. */
const MUTATION_RUN = process.env.CORSICA_MUTATION_RUN === '1'
const seed = process.env.CORSICA_FC_SEED === undefined ? undefined : Number(process.env.CORSICA_FC_SEED)
const replay = {
  ...(seed === undefined ? {} : { seed }),
  ...(process.env.CORSICA_FC_PATH === undefined ? {} : { path: process.env.CORSICA_FC_PATH }),
}

// ---------------------------------------------------------------------------------------------
// Generators. Small pools so that requests often hit what the configuration names.

const SCHEMES = ['https', 'http', 'wss', 'chrome-extension'] as const
const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 }
const LABELS = ['a', 'app', 'api', 'example', 'x-1', 'cdn', 'b_c']
const TLDS = ['com', 'org', 'dev']

interface OriginParts {
  scheme: string
  host: string
  port: number | undefined
}

const domainArb = fc
  .tuple(fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 2 }), fc.constantFrom(...TLDS))
  .map(([labels, tld]) => [...labels, tld].join('.'))
const hostArb = fc.oneof(
  { weight: 6, arbitrary: domainArb },
  fc.constantFrom('localhost', '127.0.0.1', '[::1]', '[2001:db8::1]'),
)
const portArb = fc.option(fc.constantFrom(80, 443, 3000, 8080, 65535), { nil: undefined })
const originPartsArb: fc.Arbitrary<OriginParts> = fc
  .record({ scheme: fc.constantFrom(...SCHEMES), host: hostArb, port: portArb })
  .map((parts) => (parts.port === DEFAULT_PORT[parts.scheme] ? { ...parts, port: undefined } : parts))

function serialize({ scheme, host, port }: OriginParts): string {
  return `${scheme}://${host}${port === undefined ? '' : `:${port}`}`
}

/** One configured allow-list entry, with what the reference model needs to match it. */
type Entry =
  | { kind: 'exact'; value: string }
  | {
      kind: 'pattern'
      value: string
      scheme: string
      host: string
      subdomains: boolean
      port: number | '*' | undefined
    }
  | { kind: 'regexp'; value: RegExp }

const patternArb: fc.Arbitrary<Entry> = fc
  .record({
    scheme: fc.constantFrom(...SCHEMES),
    host: domainArb,
    subdomains: fc.boolean(),
    anyPort: fc.boolean(),
    port: portArb,
  })
  .filter(({ subdomains, anyPort }) => subdomains || anyPort)
  .map(({ scheme, host, subdomains, anyPort, port }) => {
    const fixedPort = anyPort || port === DEFAULT_PORT[scheme] ? undefined : port
    const portText = anyPort ? ':*' : portSuffix(fixedPort)
    return {
      kind: 'pattern',
      value: `${scheme}://${subdomains ? '*.' : ''}${host}${portText}`,
      scheme,
      host,
      subdomains,
      port: anyPort ? '*' : fixedPort,
    }
  })

/** `:port`, or nothing when the origin has no explicit port. */
function portSuffix(port: number | undefined): string {
  return port === undefined ? '' : `:${port}`
}

const REGEXPS = [
  /^https:\/\/[a-z]+\.example\.com$/,
  /^http:\/\/localhost:(3000|8080)$/,
  /^(https|wss):\/\/api\.(com|org)$/i,
]

const entryArb = (nullAllowed: boolean): fc.Arbitrary<Entry> =>
  fc.oneof(
    { weight: 6, arbitrary: originPartsArb.map((parts): Entry => ({ kind: 'exact', value: serialize(parts) })) },
    { weight: 3, arbitrary: patternArb },
    { weight: 1, arbitrary: fc.constantFrom(...REGEXPS).map((value): Entry => ({ kind: 'regexp', value })) },
    { weight: nullAllowed ? 1 : 0, arbitrary: fc.constant<Entry>({ kind: 'exact', value: 'null' }) },
  )

type OriginModel =
  | { kind: 'any' }
  | { kind: 'echo-any' }
  | { kind: 'off' }
  | { kind: 'list'; entries: Entry[] }
  | { kind: 'predicate'; allowed: string[]; async: boolean }

const METHOD_POOL = ['GET', 'PUT', 'PATCH', 'DELETE', 'patch', 'X-Custom', 'OPTIONS']
const ALLOW_HEADER_POOL = ['x-trace', 'Content-Type', 'X-Api-Key', 'authorization', 'x-requested-with']
const EXPOSE_POOL = ['x-total', 'Content-Length', 'X-Request-Id']

interface Scenario {
  model: OriginModel
  options: CorsOptions
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    credentials: fc.boolean(),
    originKind: fc.constantFrom('any', 'echo-any', 'list', 'list', 'list', 'predicate', 'predicate', 'off'),
    listSize: fc.integer({ min: 1, max: 5 }),
    methods: fc.option(fc.oneof(fc.constant('*'), fc.subarray(METHOD_POOL)), { nil: undefined }),
    allowedHeaders: fc.option(
      fc.oneof(fc.constant(['*']), fc.constant(['*', 'Authorization']), fc.subarray(ALLOW_HEADER_POOL)),
      { nil: undefined },
    ),
    exposedHeaders: fc.option(fc.oneof(fc.constant('*'), fc.subarray(EXPOSE_POOL)), { nil: undefined }),
    maxAge: fc.option(fc.oneof(fc.constantFrom(0, 5, 7200, 86400), fc.integer({ min: 0, max: 86400 })), {
      nil: undefined,
    }),
    privateNetwork: fc.option(fc.boolean(), { nil: undefined }),
    preflightContinue: fc.option(fc.boolean(), { freq: 4, nil: undefined }),
    optionsSuccessStatus: fc.option(fc.constantFrom(200, 204, 299), { freq: 3, nil: undefined }),
    async: fc.boolean(),
  })
  .chain((base) => {
    const credentials = base.credentials && (base.originKind === 'list' || base.originKind === 'predicate')
    let models: fc.Arbitrary<OriginModel>
    if (base.originKind === 'list')
      models = fc
        .array(entryArb(!credentials), { minLength: 1, maxLength: base.listSize })
        .map((entries) => ({ kind: 'list', entries }))
    else if (base.originKind === 'predicate')
      models = fc
        .array(originPartsArb.map(serialize), { maxLength: 4 })
        .map((allowed) => ({ kind: 'predicate', allowed, async: base.async }))
    else models = fc.constant({ kind: base.originKind } as OriginModel)
    return models.map((model): Scenario => {
      const options: CorsOptions = { origin: originOption(model) }
      if (credentials || base.credentials) options.credentials = credentials
      if (base.methods !== undefined) options.methods = base.methods
      if (base.allowedHeaders !== undefined) options.allowedHeaders = base.allowedHeaders
      if (base.exposedHeaders !== undefined && !(credentials && base.exposedHeaders === '*'))
        options.exposedHeaders = base.exposedHeaders
      if (base.maxAge !== undefined) options.maxAge = base.maxAge
      if (base.privateNetwork !== undefined) options.privateNetwork = base.privateNetwork
      if (base.preflightContinue !== undefined) options.preflightContinue = base.preflightContinue
      if (base.optionsSuccessStatus !== undefined) options.optionsSuccessStatus = base.optionsSuccessStatus
      return { model, options }
    })
  })

function originOption(model: OriginModel): CorsOptions['origin'] {
  switch (model.kind) {
    case 'any':
      return '*'
    case 'echo-any':
      return true
    case 'off':
      return false
    case 'list':
      return model.entries.map((entry) => entry.value)
    case 'predicate': {
      const allowed = new Set(model.allowed)
      return model.async ? async (origin: string) => allowed.has(origin) : (origin: string) => allowed.has(origin)
    }
  }
}

/** Origins a configuration names, made concrete: requests draw from these to hit the allow-list. */
function concreteOrigins(model: OriginModel): string[] {
  if (model.kind === 'predicate') return model.allowed
  if (model.kind !== 'list') return []
  return model.entries.flatMap((entry) => {
    if (entry.kind === 'exact') return [entry.value]
    if (entry.kind === 'regexp')
      return ['https://app.example.com', 'http://localhost:3000', 'https://api.com', 'wss://API.org']
    const host = entry.subdomains ? `a.${entry.host}` : entry.host
    const port = entry.port === '*' ? ':8080' : portSuffix(entry.port)
    return [
      `${entry.scheme}://${host}${port}`,
      `${entry.scheme}://${entry.host}${port}`,
      `${entry.scheme}://x${entry.host}${port}`,
    ]
  })
}

/** Ways a valid origin goes wrong in the wild; none of the results may be echoed unless listed. */
const MUTATIONS: ((origin: string) => string)[] = [
  (o) => o.toUpperCase(),
  (o) => o.replace(/^[a-z]/, (c) => c.toUpperCase()),
  (o) => `${o}/`,
  (o) => `${o}.`,
  (o) => `${o}/path?q=1#f`,
  (o) => `${o}:443`,
  (o) => `${o}:80`,
  (o) => `${o}:0`,
  (o) => `${o}:65536`,
  (o) => `${o}, https://evil.com`,
  (o) => `https://evil.com, ${o}`,
  (o) => `${o}\r\nSet-Cookie: a=b`,
  (o) => `${o}\n`,
  (o) => `${o}\u0000`,
  (o) => ` ${o}`,
  (o) => `${o} `,
  (o) => o.replace('://', '://user:pass@'),
  (o) => o.replace('://', ':/'),
  (o) => o.replace('://', '://evil.com#'),
  (o) => `${o}.evil.com`,
  (o) => `evil${o}`,
  (o) => o.replace(/\.(com|org|dev)/, '.$1.evil.net'),
  (o) => o.replace('a', 'а'), // Cyrillic а
  (o) => o.replace(/[a-z]+\./, 'xn--80ak6aa92e.'),
  (o) => o.slice(0, -1),
]

const hostileArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.constantFrom(
    'null',
    'Null',
    'NULL',
    ' null',
    'null,null',
    '',
    '*',
    'file://',
    'https://',
    'https://:443',
    'https://[::1',
    'https://a..com',
    'https://.a.com',
  ),
  fc.constantFrom(
    'https://a.com',
    `https://${'a'.repeat(8192)}.com`,
    'https://xn--nxasmq6b.com',
    'https://ünïcödé.com',
    'https://127.0.0.1',
    'https://[::ffff:127.0.0.1]',
    'https://[1::2::3]',
  ),
)

const HEADER_NAMES = [
  'x-trace',
  'content-type',
  'X-Api-Key',
  'Authorization',
  'authorization',
  'x-requested-with',
  'x-other',
  'Accept',
]
const requestHeadersArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.subarray(HEADER_NAMES), fc.constantFrom(',', ', ', ' ,', ',\t', ',,'))
      .map(([names, sep]) => names.join(sep)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      ',',
      'x-a b',
      'x-a;b',
      'x-a\r\nb',
      'é',
      `${'x,'.repeat(200)}x`,
      'a'.repeat(5000),
      ' x-trace ',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 20 }) },
)

function requestArb(scenario: Scenario): fc.Arbitrary<CorsRequest> {
  const concrete = concreteOrigins(scenario.model)
  const known = concrete.length > 0 ? fc.constantFrom(...concrete) : originPartsArb.map(serialize)
  const origin = fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 3, arbitrary: originPartsArb.map(serialize) },
    { weight: 3, arbitrary: fc.tuple(known, fc.constantFrom(...MUTATIONS)).map(([o, mutate]) => mutate(o)) },
    { weight: 2, arbitrary: hostileArb },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
  )
  return fc.record({
    method: fc.oneof(
      { weight: 5, arbitrary: fc.constant('OPTIONS') },
      { weight: 4, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'PATCH', 'patch', 'DELETE', 'options') },
    ),
    origin,
    requestMethod: fc.option(
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...METHOD_POOL, 'POST', 'HEAD', 'get', 'TRACE', 'PROPFIND') },
        { weight: 1, arbitrary: fc.constantFrom('', ' PUT', 'PU T', 'PUT\r\n', 'ü', '*') },
      ),
      { freq: 6, nil: undefined },
    ),
    requestHeaders: fc.option(requestHeadersArb, { freq: 3, nil: undefined }),
    requestPrivateNetwork: fc.option(fc.constantFrom('true', 'false', 'TRUE', ' true'), { freq: 4, nil: undefined }),
  })
}

const pairArb = scenarioArb.chain((scenario) => requestArb(scenario).map((request) => ({ scenario, request })))

// ---------------------------------------------------------------------------------------------
// Reference model, written from the Fetch Standard and the docs/design.md rules, not from src/core.

const ORIGIN_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|(?:[a-z0-9_-]+\.)*[a-z0-9_-]+)(?::([1-9][0-9]{0,4}))?$/
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function parseOrigin(origin: string): OriginParts | undefined {
  if (origin.length > 512) return undefined
  const match = ORIGIN_SHAPE.exec(origin)
  if (match === null) return undefined
  // Groups 1 and 2 are not optional: a match always has them.
  const scheme = defined(match[1], 'the scheme of a matched origin')
  const host = defined(match[2], 'the host of a matched origin')
  const port = match[3] === undefined ? undefined : Number(match[3])
  if (port !== undefined && (port > 65535 || port === DEFAULT_PORT[scheme])) return undefined
  // A special scheme's origin is also what the URL parser writes back unchanged (IPv4 in dotted
  // decimal, IPv6 in canonical form, valid punycode); other schemes have an opaque URL origin.
  if (scheme in DEFAULT_PORT && urlOrigin(origin) !== origin) return undefined
  return { scheme, host, port }
}

/** `new URL(text).origin`, or undefined when the URL parser refuses `text`. */
function urlOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

type Verdict = 'allowed' | 'rejected' | 'malformed'

function expectedVerdict(model: OriginModel, origin: string): Verdict {
  if (model.kind === 'any') return 'allowed'
  if (model.kind === 'list' && model.entries.some((entry) => entry.kind === 'exact' && entry.value === origin))
    return 'allowed'
  if (origin === 'null') return 'rejected'
  const parts = parseOrigin(origin)
  if (parts === undefined) return 'malformed'
  if (model.kind === 'echo-any') return 'allowed'
  if (model.kind === 'predicate') return model.allowed.includes(origin) ? 'allowed' : 'rejected'
  if (model.kind !== 'list') return 'rejected'
  const hit = model.entries.some((entry) => {
    if (entry.kind === 'regexp') return entry.value.test(origin)
    if (entry.kind !== 'pattern' || entry.scheme !== parts.scheme) return false
    const hostMatches = entry.subdomains ? parts.host.endsWith(`.${entry.host}`) : parts.host === entry.host
    return hostMatches && (entry.port === '*' || entry.port === parts.port)
  })
  return hit ? 'allowed' : 'rejected'
}

function listItems(value: string): string[] | undefined {
  if (value.length > 4096) return undefined
  const items = value
    .split(',')
    .map((item) => item.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((item) => item !== '')
  return items.length <= 128 && items.every((item) => TOKEN.test(item)) ? items : undefined
}

function listOf(option: string | readonly string[] | undefined): string[] | undefined {
  if (option === undefined) return undefined
  return (typeof option === 'string' ? option.split(',') : [...option])
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** The decision the rules call for. */
function expectedDecision({ model, options }: Scenario, request: CorsRequest): CorsDecision {
  const none = (headers: Record<string, string>, vary: string | undefined): CorsDecision => ({
    kind: 'none',
    allowed: true,
    headers,
    vary,
    status: undefined,
    reason: undefined,
  })
  if (model.kind === 'off') return none({}, undefined)
  const credentials = options.credentials === true
  const exposed = listOf(options.exposedHeaders)
  const actualHeaders = (allowOrigin: string): Record<string, string> => ({
    'access-control-allow-origin': allowOrigin,
    ...(credentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(exposed !== undefined && exposed.length > 0 ? { 'access-control-expose-headers': exposed.join(',') } : {}),
  })
  const originVaries = model.kind !== 'any'
  const origin = request.origin
  if (origin == null) return none(originVaries ? {} : actualHeaders('*'), originVaries ? 'Origin' : undefined)
  const verdict = expectedVerdict(model, origin)
  const allowOrigin = model.kind === 'any' ? '*' : origin
  const reasonOf = (v: Verdict) => (v === 'malformed' ? 'malformed' : 'origin')
  if (request.method !== 'OPTIONS' || request.requestMethod == null) {
    if (verdict === 'allowed')
      return {
        kind: 'actual',
        allowed: true,
        headers: actualHeaders(allowOrigin),
        vary: originVaries ? 'Origin' : undefined,
        status: undefined,
        reason: undefined,
      }
    return {
      kind: 'actual',
      allowed: false,
      headers: {},
      vary: originVaries ? 'Origin' : undefined,
      status: undefined,
      reason: reasonOf(verdict),
    }
  }
  const vary = `${originVaries ? 'Origin, ' : ''}Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network`
  const status = options.preflightContinue === true ? undefined : (options.optionsSuccessStatus ?? 204)
  if (verdict !== 'allowed')
    return { kind: 'preflight', allowed: false, headers: {}, vary, status, reason: reasonOf(verdict) }

  const requestMethod = request.requestMethod
  const methods = listOf(options.methods) ?? ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']
  const anyMethod = methods.includes('*')
  let methodFailure: 'malformed' | 'method' | undefined
  if (!TOKEN.test(requestMethod)) methodFailure = 'malformed'
  else if (!(anyMethod || methods.includes(requestMethod) || ['GET', 'HEAD', 'POST'].includes(requestMethod)))
    methodFailure = 'method'

  const requestHeaders = request.requestHeaders ?? ''
  const items = listItems(requestHeaders)
  const allowedHeaders = listOf(options.allowedHeaders)
  const lowerAllowed = allowedHeaders?.map((name) => name.toLowerCase())
  const anyHeader = lowerAllowed?.includes('*') === true
  const authorizationListed = lowerAllowed?.includes('authorization') === true
  let headersFailure: 'malformed' | 'headers' | undefined
  if (items === undefined) headersFailure = 'malformed'
  else if (lowerAllowed !== undefined) {
    const refused = items.some((item) => {
      const lower = item.toLowerCase()
      return anyHeader ? lower === 'authorization' && !authorizationListed : !lowerAllowed.includes(lower)
    })
    if (refused) headersFailure = 'headers'
  }
  const privateNetworkRequested = request.requestPrivateNetwork === 'true'
  const failure =
    methodFailure ??
    headersFailure ??
    (privateNetworkRequested && options.privateNetwork !== true ? 'private-network' : undefined)

  const headers: Record<string, string> = { 'access-control-allow-origin': allowOrigin }
  if (credentials) headers['access-control-allow-credentials'] = 'true'
  let allowMethods: string
  if (!anyMethod) allowMethods = [...new Set(methods)].join(',')
  else allowMethods = credentials ? requestMethod : '*'
  if (methodFailure === undefined && allowMethods !== '') headers['access-control-allow-methods'] = allowMethods
  if (headersFailure === undefined && items !== undefined) {
    const echoes = requestHeaders !== '' && (lowerAllowed === undefined || (anyHeader && credentials))
    if (echoes) {
      if (items.length > 0) headers['access-control-allow-headers'] = items.map((item) => item.toLowerCase()).join(',')
    } else if (anyHeader && !credentials)
      headers['access-control-allow-headers'] = authorizationListed ? '*,authorization' : '*'
    else if (allowedHeaders !== undefined && !anyHeader && allowedHeaders.length > 0)
      headers['access-control-allow-headers'] = allowedHeaders.join(',')
  }
  if (failure !== undefined) return { kind: 'preflight', allowed: false, headers, vary, status, reason: failure }
  if (privateNetworkRequested) headers['access-control-allow-private-network'] = 'true'
  if (options.maxAge !== undefined) headers['access-control-max-age'] = String(options.maxAge)
  return { kind: 'preflight', allowed: true, headers, vary, status, reason: undefined }
}

// ---------------------------------------------------------------------------------------------
// Invariants, independent of the model: what must hold whatever the configuration.

function checkInvariants(
  { model, options }: Scenario,
  request: CorsRequest,
  decision: CorsDecision,
  predicateCalls: string[],
): void {
  const headers = decision.headers
  const allowOrigin = headers['access-control-allow-origin']
  const origin = request.origin
  // Rule 2: absent, '*', or the request's origin byte for byte.
  if (allowOrigin !== undefined && allowOrigin !== '*') expect(allowOrigin).toBe(origin)
  // The origin is echoed only when allowed: listed exactly, matched, or approved by the predicate.
  if (allowOrigin !== undefined && allowOrigin !== '*') expect(expectedVerdict(model, allowOrigin)).toBe('allowed')
  if (allowOrigin === '*') expect(model.kind).toBe('any')
  // Rule 3: never '*' with credentials; credentials only beside an echoed, allowed origin.
  if (headers['access-control-allow-credentials'] !== undefined) {
    expect(options.credentials).toBe(true)
    expect(allowOrigin).toBe(origin)
    expect(allowOrigin).not.toBe('*')
  }
  // Rule 4: 'null' never goes out with credentials.
  if (allowOrigin === 'null') expect(headers['access-control-allow-credentials']).toBeUndefined()
  // Every value is a field value a browser accepts; list items are tokens.
  expect(headerValueProblems(headers, decision.vary)).toEqual([])
  // Rule 10: Vary: Origin whenever the allow-origin value depends on the request.
  if (model.kind !== 'any' && model.kind !== 'off') expect(decision.vary?.split(', ')).toContain('Origin')
  if (decision.kind === 'preflight') expect(decision.vary).toContain('Access-Control-Request-Method')
  // The predicate sees only syntactically valid origins, never 'null'.
  for (const seen of predicateCalls) expect(parseOrigin(seen)).toBeDefined()
  // Decisions are frozen: downstream code cannot corrupt a cached answer.
  expect(Object.isFrozen(decision)).toBe(true)
  expect(Object.isFrozen(decision.headers)).toBe(true)
}

/** Wraps a predicate configuration so its calls are recorded. */
function instrument(options: CorsOptions, calls: string[]): CorsOptions {
  const predicate = options.origin
  if (typeof predicate !== 'function') return options
  return {
    ...options,
    origin: (origin, request) => {
      calls.push(origin)
      return predicate(origin, request)
    },
  }
}

describe(`properties over ${RUNS} generated configuration × request pairs`, () => {
  it('the engine keeps every CORS invariant and matches the reference model', async () => {
    const other: CorsRequest = {
      method: 'OPTIONS',
      origin: 'https://other.example.org',
      requestMethod: 'PUT',
      requestHeaders: 'X-A, x-b',
    }
    await fc.assert(
      fc.asyncProperty(pairArb, async ({ scenario, request }) => {
        const calls: string[] = []
        const policy = createCors(instrument(scenario.options, calls))
        const decision = await policy.check(request)
        checkInvariants(scenario, request, decision, calls)
        expect({ ...decision, headers: { ...decision.headers } }).toEqual(expectedDecision(scenario, request))
        // Caches and the shared header-list scanner never leak one request's answer into another's:
        // not across origins, nor between requests from the same origin asking for different things.
        await policy.check(other)
        const sibling: CorsRequest = {
          ...request,
          requestMethod: request.requestMethod == null ? request.requestMethod : 'DELETE',
          requestHeaders: 'x-sibling',
        }
        const siblingDecision = await policy.check(sibling)
        expect({ ...siblingDecision, headers: { ...siblingDecision.headers } }).toEqual(
          expectedDecision(scenario, sibling),
        )
        expect(await policy.check(request)).toEqual(decision)
      }),
      { numRuns: RUNS, ...replay },
    )
  }, 60_000)

  it.skipIf(MUTATION_RUN)(
    'the Node, Express and Fetch adapters agree on status, CORS headers and Vary',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          pairArb.filter(({ request }) =>
            [request.origin, request.requestMethod, request.requestHeaders, request.requestPrivateNetwork].every(
              isTransportable,
            ),
          ),
          fc.constantFrom(undefined, 'Accept-Encoding', 'origin', '*'),
          async ({ scenario, request }, existingVary) => {
            // The Fetch API normalises these methods' case; Node's parser only accepts upper case.
            const method = ['get', 'head', 'post', 'put', 'delete', 'options'].includes(request.method.toLowerCase())
              ? request.method.toUpperCase()
              : request.method
            const sent = { ...request, method }
            const run = adapters(scenario.options)
            const [node, express, fetched] = await Promise.all([
              run.node(sent, existingVary),
              run.express(sent, existingVary),
              run.fetch(sent, existingVary),
            ])
            expect(express).toEqual(node)
            // A preflight answered by the Fetch adapter never reaches the app, so it has no Vary of the app's to merge.
            expect(fetched).toEqual(fetched.answered && existingVary !== undefined ? await run.node(sent) : node)
            expect(headerValueProblems(node.cors, node.vary)).toEqual([])
          },
        ),
        { numRuns: ADAPTER_RUNS, ...replay },
      )
    },
    60_000,
  )
})

// ---------------------------------------------------------------------------------------------
// The origin grammar against the URL parser: for the special schemes, corsica accepts exactly
// the strings `new URL(s).origin` writes back unchanged, less the hosts it refuses on purpose.

/** Refused on purpose although the URL parser keeps them: see scanOrigin's comment. */
function refusedOnPurpose(origin: string): boolean {
  const { hostname, port } = new URL(origin)
  if (origin.length > MAX_ORIGIN_LENGTH || port === '0') return true
  // A DNS-shaped name: non-empty labels of a-z 0-9 _ - (so no trailing dot and no punctuation).
  return !hostname.startsWith('[') && !/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(hostname)
}

const PUNCTUATION = [...'!$&\'()*+,;=~{}"`']
const labelArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', 'ex', 'com', 'b_c', 'x-1', '-', '_', 'localhost', 'A', '') },
  {
    weight: 3,
    arbitrary: fc.oneof(fc.nat(300).map(String), fc.constantFrom('0', '00', '01', '007', '09', '256', '4294967295')),
  },
  { weight: 2, arbitrary: fc.constantFrom('0x', '0x1g', '0x7f', '0xff', '0X1', '1a', '0a', '1e3') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'xn--',
      'xn--a',
      'xn--bcher-kva',
      'xn--abc-',
      'xn--ls8h',
      'xn--80ak6aa92e',
      'xn--nxasmq6b',
      'xn--ZZ',
      'xn-',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'b'), fc.constantFrom(...PUNCTUATION), fc.constantFrom('b', 'c'))
      .map((parts) => parts.join('')),
  },
)
const domainHostArb = fc.array(labelArb, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.'))
const ipv4PartArb = fc.oneof(
  fc.nat(300).map(String),
  fc.constantFrom('0', '01', '255', '256', '999', '0x7f', '0x', '4294967295'),
)
const ipv4HostArb = fc.oneof(
  fc.array(ipv4PartArb, { minLength: 4, maxLength: 4 }).map((parts) => parts.join('.')),
  fc.array(ipv4PartArb, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  // Any 32-bit address as URL writes it: the canonical forms.
  fc.nat({ max: 2 ** 32 - 1 }).map((address) => new URL(`http://${address}`).hostname),
)
const PIECES = [
  '0',
  '1',
  '8',
  'ffff',
  'abcd',
  '102',
  '304',
  '0000',
  '01',
  'FFFF',
  '10000',
  'g',
  '1.2.3.4',
  '127.0.0.1',
  '',
]
const ipv6HostArb = fc.oneof(
  fc
    .tuple(fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }), fc.option(fc.nat(9), { nil: undefined }))
    .map(
      ([pieces, at]) =>
        `[${at === undefined ? pieces.join(':') : `${pieces.slice(0, at).join(':')}::${pieces.slice(at).join(':')}`}]`,
    ),
  // Eight pieces, mostly zeros, as URL writes them: canonical forms with runs of every length and ties.
  fc
    .array(fc.constantFrom('0', '0', '0', '1', 'ffff', 'abc'), { minLength: 8, maxLength: 8 })
    .map((pieces) => new URL(`http://[${pieces.join(':')}]`).hostname),
)
const specialOriginArb = fc
  .tuple(
    fc.constantFrom('http', 'https', 'http', 'https', 'ws', 'wss', 'ftp'),
    fc.oneof(
      { weight: 4, arbitrary: domainHostArb },
      { weight: 3, arbitrary: ipv4HostArb },
      { weight: 3, arbitrary: ipv6HostArb },
    ),
    fc.option(fc.constantFrom('0', '1', '21', '80', '443', '8080', '65535', '65536', '08080', ''), {
      freq: 3,
      nil: undefined,
    }),
  )
  .map(([scheme, host, port]) => `${scheme}://${host}${port === undefined ? '' : `:${port}`}`)
/** Printable ASCII, alone or after a special scheme's `scheme://`. */
const printableArb = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom('http://', 'https://', 'ws://', 'wss://', 'ftp://'),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
    )
    .map((parts) => parts.join('')),
)

describe(`the origin grammar against the URL parser, ${RUNS} strings each`, () => {
  it('a special-scheme origin is accepted exactly when URL writes it back unchanged and it is not refused on purpose', () => {
    fc.assert(
      fc.property(specialOriginArb, (origin) => {
        const expected = urlOrigin(origin) === origin && !refusedOnPurpose(origin)
        expect(scanOrigin(origin) !== -1, origin).toBe(expected)
      }),
      { numRuns: RUNS, ...replay },
    )
  }, 60_000)

  it('whatever printable ASCII it accepts with a special scheme, URL writes back unchanged', () => {
    fc.assert(
      fc.property(printableArb, (text) => {
        if (scanOrigin(text) !== -1 && /^(https?|wss?|ftp):/.test(text)) expect(urlOrigin(text), text).toBe(text)
      }),
      { numRuns: RUNS, ...replay },
    )
  }, 60_000)
})

// ---------------------------------------------------------------------------------------------
// The browser model (corsica/model) as an oracle: for generated options × page requests, the
// model's reading of corsica's answers (through corsica/fetch) is 'readable' exactly when corsica
// allows the request. The model is written from the Fetch Standard, apart from src/core. The
// engines' documented deviations (Authorization under '*', stream bodies) cannot differ here:
// corsica refuses Authorization under a bare '*' and the generated bodies are text.

const PAGE_HEADERS: readonly (readonly [string, string])[] = [
  ['X-Trace', '1'],
  ['Content-Type', 'text/plain'],
  ['Content-Type', 'application/json'],
  ['X-Api-Key', 'k'],
  ['Authorization', 'Bearer t'],
  ['x-requested-with', 'XMLHttpRequest'],
  ['Accept', '*/*'],
  ['Accept-Language', 'en;q=0.9'],
]
const MODEL_API = 'https://corsica-model-api.test/items'

function pageArb(scenario: Scenario): fc.Arbitrary<PageRequest> {
  const concrete = concreteOrigins(scenario.model).filter((origin) => origin === 'null' || /^https?:\/\//.test(origin))
  const known = concrete.length > 0 ? fc.constantFrom(...concrete) : originPartsArb.map(serialize)
  return fc
    .record({
      url: fc.constant(MODEL_API),
      origin: fc.oneof(
        { weight: 6, arbitrary: known },
        { weight: 3, arbitrary: originPartsArb.map(serialize) },
        { weight: 1, arbitrary: fc.constant('null') },
      ),
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'patch', 'delete', 'X-Custom', 'OPTIONS'),
      headers: fc.subarray([...PAGE_HEADERS], { maxLength: 2 }),
      credentials: fc.constantFrom('omit', 'same-origin', 'include'),
    })
    .map((page): PageRequest => ({ ...page, body: ['GET', 'HEAD'].includes(page.method) ? 'none' : 'text' }))
}

/** What corsica decides for the requests the model says the browser sends. */
async function corsicaReadable(options: CorsOptions, page: PageRequest): Promise<boolean> {
  const policy = createCors(options)
  const method = normalizeMethod(page.method ?? 'GET')
  const decisions = [await policy.check({ method, origin: page.origin })]
  if (preflightReasons(page).length > 0) {
    const asked = preflightRequest(page).headers.find(([name]) => name === 'Access-Control-Request-Headers')
    decisions.push(
      await policy.check({ method: 'OPTIONS', origin: page.origin, requestMethod: method, requestHeaders: asked?.[1] }),
    )
  }
  const credentialsOk = page.credentials !== 'include' || options.credentials === true
  return credentialsOk && decisions.every((decision) => decision.allowed && decision.kind !== 'none')
}

/** corsica/fetch around an app that answers 200, as the model's `send`. */
function fetchSend(options: CorsOptions): Send {
  const handler = withCors(() => new Response('ok', { headers: { 'x-total': '1' } }), options as CorsOptions<Request>)
  return async (wire) => {
    const body = wire.body !== undefined && !['GET', 'HEAD'].includes(wire.method) ? { body: 'x' } : {}
    const headers = wire.headers.map(([name, value]): [string, string] => [name, value])
    return toWire(await handler(new Request(wire.url, { method: wire.method, headers, ...body })))
  }
}

describe(`the browser model against corsica, ${ADAPTER_RUNS} generated options × page requests`, () => {
  it.skipIf(MUTATION_RUN)(
    "the model reads corsica's answers as readable exactly when corsica allows the request",
    async () => {
      const modelPairArb = scenarioArb.chain((scenario) => pageArb(scenario).map((page) => ({ scenario, page })))
      await fc.assert(
        fc.asyncProperty(modelPairArb, async ({ scenario, page }) => {
          const expected = (await corsicaReadable(scenario.options, page)) ? 'readable' : 'blocked'
          const simulation = await simulate(page, fetchSend(scenario.options))
          expect(simulation.standard.verdict, JSON.stringify(simulation.standard.problem)).toBe(expected)
          for (const engine of ENGINES) expect(simulation.engines[engine].verdict).toBe(expected)
        }),
        { numRuns: ADAPTER_RUNS, ...replay },
      )
    },
    60_000,
  )
})
