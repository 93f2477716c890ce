// The one scenario file every runtime runs. Runtime-neutral: only `fetch`, `Request`, `Response`,
// `Headers`, `URL` and `ReadableStream` — the same code is imported by the servers (Node 20/22/24,
// Bun, Deno, workerd) and by the runner that sends the requests.
//
// - `optionSets`: the corsica configurations the servers mount, each at /<set>/wrap/<action>
//   (`withCors`) and /<set>/step/<action> (`cors(options).handle`).
// - `httpCases`: one row per behaviour: the request, and the exact response the runtime must send:
//   status, every `access-control-*` header (no more, no fewer), `Vary`, whether the handler ran.
// - `engineCases`: `createCors(options).check(request)` rows run inside each runtime (no server).
// - `exampleCases`: requests for the examples in examples/, which all share one configuration.

/**
 * @typedef {import('corsica').CorsOptions} CorsOptions
 * @typedef {import('corsica').CorsRequest} CorsRequest
 * The `fetch` init of a row: method, request headers, body.
 * @typedef {{ method: string, headers: Record<string, string>, body?: string }} RequestSpec
 * What a row's response must be. `cors`: every access-control-* header, exactly; `vary`: the exact
 * Vary (null: absent; undefined: not compared); `handler`: whether the handler ran.
 * @typedef {object} Expect
 * @property {number} status
 * @property {Record<string, string>} cors
 * @property {string | null} [vary]
 * @property {boolean} [handler]
 * @property {string} [body]
 * @property {string} [location]
 * @property {string[]} [cookies]
 * @typedef {{ name: string, problems: string[] }} Result one row's outcome: no problems when it passed
 */

export const APP = 'https://app.example.com'
export const ADMIN = 'https://admin.example.com'
export const EVIL = 'https://evil.example.net'

const VARY_ORIGIN = 'Origin'
const VARY_PREFLIGHT =
  'Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'
const VARY_ORIGIN_PREFLIGHT = `${VARY_ORIGIN}, ${VARY_PREFLIGHT}`
const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE'

/**
 * Configurations mounted by every server. Functions and RegExps are why this is code, not JSON.
 * @satisfies {Record<string, CorsOptions>}
 */
export const optionSets = {
  any: {},
  list: { origin: [APP, ADMIN] },
  credentials: { origin: [APP], credentials: true, exposedHeaders: ['X-Total'], maxAge: 600 },
  patterns: { origin: ['https://*.example.com', 'http://localhost:*'] },
  regexp: { origin: /^https:\/\/[a-z]+\.example\.org$/ },
  predicate: { origin: async (origin) => origin === APP },
  null: { origin: ['null'] },
  methods: { origin: [APP], methods: ['GET', 'PUT', 'PURGE'], allowedHeaders: ['Content-Type', 'X-Trace'] },
  anyWithCredentials: { origin: [APP], credentials: true, methods: '*', allowedHeaders: '*' },
  anyHeaders: { origin: [APP], allowedHeaders: '*' },
  anyHeadersAuthorization: { origin: [APP], allowedHeaders: ['*', 'Authorization'] },
  continue: { origin: [APP], preflightContinue: true },
  status200: { origin: [APP], optionsSuccessStatus: 200 },
  privateNetwork: { origin: [APP], privateNetwork: true },
  off: { origin: false },
  exposeAny: { exposedHeaders: '*' },
}

/** @type {(origin?: string, more?: Record<string, string>) => RequestSpec} */
const get = (origin, more = {}) => ({ method: 'GET', headers: origin === undefined ? more : { origin, ...more } })
/** @type {(origin: string, method: string, requestHeaders?: string, more?: Record<string, string>) => RequestSpec} */
const preflight = (origin, method, requestHeaders, more = {}) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': method,
    ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }),
    ...more,
  },
})
/** @type {(cors: Record<string, string>, vary: string | null, more?: Partial<Expect>) => Expect} */
const ok = (cors, vary, more = {}) => ({ status: 200, cors, vary, handler: true, ...more })
/** @type {(cors: Record<string, string>, vary: string, status?: number) => Expect} */
const answered = (cors, vary, status = 204) => ({ status, cors, vary, handler: false, body: '' })
const acao = (/** @type {string} */ origin) => ({ 'access-control-allow-origin': origin })

/**
 * Rows run through every mode, not only withCors: `cors().handle` and `corsica/hono` (see httpCases).
 * @type {{ name: string, set: keyof typeof optionSets, action?: string, request: RequestSpec, expect: Expect }[]}
 */
const THROUGH_EVERY_MODE = [
  {
    name: 'allowed GET',
    set: 'list',
    request: get(APP),
    expect: ok(acao(APP), VARY_ORIGIN),
  },
  { name: 'refused origin', set: 'list', request: get(EVIL), expect: ok({}, VARY_ORIGIN) },
  {
    name: 'preflight answered',
    set: 'credentials',
    request: preflight(APP, 'PATCH', 'x-trace'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': DEFAULT_METHODS,
        'access-control-allow-headers': 'x-trace',
        'access-control-max-age': '600',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },
  {
    name: 'async predicate, merged Vary',
    set: 'predicate',
    action: 'vary',
    request: get(APP),
    expect: ok(acao(APP), 'Accept-Encoding, Origin'),
  },
]
/** @type {{ mode: 'step' | 'hono', label: string }[]} */
const OTHER_MODES = [
  { mode: 'step', label: 'cors().handle' },
  { mode: 'hono', label: 'corsica/hono' },
]

/**
 * HTTP rows. `set` picks the configuration, `action` what the handler returns (see app.mjs),
 * `mode` 'wrap' (withCors, default), 'step' (cors().handle), 'hono' (corsica/hono in a Hono app) or 'upgrade' (corsica/upgrade's Fetch guard). `expect.cors` is the exact set of
 * access-control-* response headers; `expect.vary` the exact Vary (null: absent).
 * @type {{ name: string, set: keyof typeof optionSets, action?: string, mode?: 'wrap' | 'step' | 'hono' | 'upgrade', request: RequestSpec, expect: Expect }[]}
 */
export const httpCases = [
  // origin '*' (the default): one answer for everyone, nothing varies.
  {
    name: "'*': GET without Origin still carries ACAO * (cache-safe)",
    set: 'any',
    request: get(),
    expect: ok(acao('*'), null),
  },
  { name: "'*': GET with Origin gets *", set: 'any', request: get(EVIL), expect: ok(acao('*'), null) },
  {
    name: "'*': preflight answered 204, requested headers reflected",
    set: 'any',
    request: preflight(EVIL, 'PUT', 'x-trace'),
    expect: answered(
      { ...acao('*'), 'access-control-allow-methods': DEFAULT_METHODS, 'access-control-allow-headers': 'x-trace' },
      VARY_PREFLIGHT,
    ),
  },

  // Allow-list: echo byte for byte, Vary: Origin on every response.
  { name: 'list: allowed origin echoed', set: 'list', request: get(APP), expect: ok(acao(APP), VARY_ORIGIN) },
  { name: 'list: second listed origin echoed', set: 'list', request: get(ADMIN), expect: ok(acao(ADMIN), VARY_ORIGIN) },
  {
    name: 'list: other origin reaches handler without CORS headers',
    set: 'list',
    request: get(EVIL),
    expect: ok({}, VARY_ORIGIN),
  },
  { name: 'list: no Origin still carries Vary: Origin', set: 'list', request: get(), expect: ok({}, VARY_ORIGIN) },
  {
    name: 'list: two origins joined by a comma are malformed, never echoed',
    set: 'list',
    request: get(`${APP}, ${EVIL}`),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'list: trailing slash is not a serialized origin',
    set: 'list',
    request: get(`${APP}/`),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'list: upper-case origin does not match',
    set: 'list',
    request: get('https://APP.example.com'),
    expect: ok({}, VARY_ORIGIN),
  },
  { name: "list: 'null' not listed is refused", set: 'list', request: get('null'), expect: ok({}, VARY_ORIGIN) },
  {
    name: 'list: preflight allowed, default methods',
    set: 'list',
    request: preflight(APP, 'DELETE'),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: 'list: preflight from other origin answered 204 with no CORS headers',
    set: 'list',
    request: preflight(EVIL, 'PUT'),
    expect: answered({}, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: 'list: OPTIONS without Access-Control-Request-Method reaches the app',
    set: 'list',
    request: { method: 'OPTIONS', headers: { origin: APP } },
    expect: ok(acao(APP), VARY_ORIGIN, { body: 'ok OPTIONS' }),
  },
  {
    name: 'list: HEAD carries CORS headers',
    set: 'list',
    request: { method: 'HEAD', headers: { origin: APP } },
    expect: ok(acao(APP), VARY_ORIGIN, { body: '' }),
  },
  {
    name: 'list: POST body reaches the handler untouched',
    set: 'list',
    action: 'echo',
    request: { method: 'POST', headers: { origin: APP, 'content-type': 'text/plain' }, body: 'payload-123' },
    expect: ok(acao(APP), VARY_ORIGIN, { body: 'payload-123' }),
  },

  // Credentials.
  {
    name: 'credentials: ACAC and exposed headers on allowed GET',
    set: 'credentials',
    request: get(APP),
    expect: ok(
      { ...acao(APP), 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Total' },
      VARY_ORIGIN,
    ),
  },
  {
    name: 'credentials: no ACAC for a refused origin',
    set: 'credentials',
    request: get(EVIL),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'credentials: preflight with max-age, reflected headers',
    set: 'credentials',
    request: preflight(APP, 'PUT', 'Content-Type, X-Trace'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': DEFAULT_METHODS,
        'access-control-allow-headers': 'content-type,x-trace',
        'access-control-max-age': '600',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },

  // Patterns, RegExp, predicate, 'null'.
  {
    name: 'pattern *.example.com: subdomain allowed',
    set: 'patterns',
    request: get('https://api.example.com'),
    expect: ok(acao('https://api.example.com'), VARY_ORIGIN),
  },
  {
    name: 'pattern *.example.com: deeper subdomain allowed',
    set: 'patterns',
    request: get('https://a.b.example.com'),
    expect: ok(acao('https://a.b.example.com'), VARY_ORIGIN),
  },
  {
    name: 'pattern *.example.com: apex refused',
    set: 'patterns',
    request: get('https://example.com'),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'pattern *.example.com: evil-example.com refused (label boundary)',
    set: 'patterns',
    request: get('https://evil-example.com'),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'pattern *.example.com: http scheme refused',
    set: 'patterns',
    request: get('http://api.example.com'),
    expect: ok({}, VARY_ORIGIN),
  },
  {
    name: 'pattern localhost:*: any port allowed',
    set: 'patterns',
    request: get('http://localhost:5173'),
    expect: ok(acao('http://localhost:5173'), VARY_ORIGIN),
  },
  {
    name: 'RegExp: matching origin allowed',
    set: 'regexp',
    request: get('https://docs.example.org'),
    expect: ok(acao('https://docs.example.org'), VARY_ORIGIN),
  },
  {
    name: 'RegExp: suffix trick refused',
    set: 'regexp',
    request: get('https://docs.example.org.evil.net'),
    expect: ok({}, VARY_ORIGIN),
  },
  { name: 'async predicate: allowed', set: 'predicate', request: get(APP), expect: ok(acao(APP), VARY_ORIGIN) },
  { name: 'async predicate: refused', set: 'predicate', request: get(EVIL), expect: ok({}, VARY_ORIGIN) },
  {
    name: 'async predicate: preflight allowed',
    set: 'predicate',
    request: preflight(APP, 'PATCH'),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: "'null' listed: sandboxed document allowed",
    set: 'null',
    request: get('null'),
    expect: ok(acao('null'), VARY_ORIGIN),
  },

  // Methods and headers.
  {
    name: 'methods: custom PURGE listed',
    set: 'methods',
    request: preflight(APP, 'PURGE'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-methods': 'GET,PUT,PURGE',
        'access-control-allow-headers': 'Content-Type,X-Trace',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },
  {
    name: 'methods: PATCH refused, headers that hold still sent',
    set: 'methods',
    request: preflight(APP, 'PATCH'),
    expect: answered({ ...acao(APP), 'access-control-allow-headers': 'Content-Type,X-Trace' }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: 'methods: lower-case purge is not PURGE',
    set: 'methods',
    request: preflight(APP, 'purge'),
    expect: answered({ ...acao(APP), 'access-control-allow-headers': 'Content-Type,X-Trace' }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: 'headers: names compared case-insensitively',
    set: 'methods',
    request: preflight(APP, 'PUT', 'X-TRACE,content-type'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-methods': 'GET,PUT,PURGE',
        'access-control-allow-headers': 'Content-Type,X-Trace',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },
  {
    name: 'headers: unlisted header refused, method still allowed',
    set: 'methods',
    request: preflight(APP, 'PUT', 'x-trace, x-other'),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': 'GET,PUT,PURGE' }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: "'*' with credentials: method and headers echoed",
    set: 'anyWithCredentials',
    request: preflight(APP, 'PROPFIND', 'X-Trace'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'PROPFIND',
        'access-control-allow-headers': 'x-trace',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },
  {
    name: "allowedHeaders '*': Authorization is not covered",
    set: 'anyHeaders',
    request: preflight(APP, 'GET', 'authorization'),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: "allowedHeaders ['*', 'Authorization']: Authorization allowed",
    set: 'anyHeadersAuthorization',
    request: preflight(APP, 'GET', 'authorization'),
    expect: answered(
      {
        ...acao(APP),
        'access-control-allow-methods': DEFAULT_METHODS,
        'access-control-allow-headers': '*,authorization',
      },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },

  // Preflight handling options, Private Network Access, CORS off.
  {
    name: 'preflightContinue: the handler answers the preflight',
    set: 'continue',
    request: preflight(APP, 'PUT'),
    expect: ok({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT, {
      body: 'ok OPTIONS',
    }),
  },
  {
    name: 'optionsSuccessStatus 200',
    set: 'status200',
    request: preflight(APP, 'PUT'),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT, 200),
  },
  {
    name: 'privateNetwork: ACAPN true when asked',
    set: 'privateNetwork',
    request: preflight(APP, 'GET', undefined, { 'access-control-request-private-network': 'true' }),
    expect: answered(
      { ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS, 'access-control-allow-private-network': 'true' },
      VARY_ORIGIN_PREFLIGHT,
    ),
  },
  {
    name: 'privateNetwork off: PNA preflight refused',
    set: 'list',
    request: preflight(APP, 'GET', undefined, { 'access-control-request-private-network': 'true' }),
    expect: answered({ ...acao(APP), 'access-control-allow-methods': DEFAULT_METHODS }, VARY_ORIGIN_PREFLIGHT),
  },
  {
    name: 'origin false: preflight reaches the app, no headers',
    set: 'off',
    request: preflight(APP, 'PUT'),
    expect: ok({}, null, { body: 'ok OPTIONS' }),
  },
  {
    name: "exposedHeaders '*'",
    set: 'exposeAny',
    request: get(APP),
    expect: ok({ ...acao('*'), 'access-control-expose-headers': '*' }, null),
  },

  // What the handler returns: merged Vary, immutable headers, errors, streams, cookies.
  {
    name: "handler's Vary is merged, not overwritten",
    set: 'list',
    action: 'vary',
    request: get(APP),
    expect: ok(acao(APP), 'Accept-Encoding, Origin'),
  },
  {
    name: "handler's Vary: * is left alone",
    set: 'list',
    action: 'vary-any',
    request: get(APP),
    expect: ok(acao(APP), '*'),
  },
  {
    name: 'Response.redirect (immutable headers) gets CORS headers',
    set: 'list',
    action: 'redirect',
    request: get(APP),
    expect: { status: 302, cors: acao(APP), vary: VARY_ORIGIN, location: '/elsewhere' },
  },
  {
    name: 'handler 500 still carries CORS headers',
    set: 'list',
    action: 'error',
    request: get(APP),
    expect: ok(acao(APP), VARY_ORIGIN, { status: 500, body: 'boom' }),
  },
  {
    name: 'streamed body passes through',
    set: 'list',
    action: 'stream',
    request: get(APP),
    expect: ok(acao(APP), VARY_ORIGIN, { body: 'chunk-1 chunk-2 chunk-3' }),
  },
  {
    name: 'both Set-Cookie lines survive',
    set: 'credentials',
    action: 'cookies',
    request: get(APP),
    expect: ok(
      { ...acao(APP), 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Total' },
      VARY_ORIGIN,
      { cookies: ['a=1', 'b=2'] },
    ),
  },

  // corsica/upgrade's Fetch guard in front of a WebSocket upgrade: a listed origin reaches the
  // handler, another gets 403 before it; no CORS header either way (an upgrade has none). The
  // guard reads Origin alone; fetch() may not send Upgrade or Connection, so these requests don't.
  {
    name: 'corsica/upgrade: a listed origin may upgrade',
    set: 'list',
    mode: 'upgrade',
    request: get(APP),
    expect: ok({}, null),
  },
  {
    name: 'corsica/upgrade: another origin is refused with 403 before the handler',
    set: 'list',
    mode: 'upgrade',
    request: get(EVIL),
    expect: { status: 403, cors: {}, handler: false },
  },
  // The same through cors(options).handle(request, next), and through corsica/hono, a Hono
  // middleware in a Hono app.
  ...OTHER_MODES.flatMap(({ mode, label }) =>
    THROUGH_EVERY_MODE.map((row) => ({ ...row, name: `${label}: ${row.name}`, mode })),
  ),
  {
    name: 'corsica/hono: Response.redirect() (immutable headers) copied with the headers',
    set: 'list',
    mode: 'hono',
    action: 'redirect',
    request: get(APP),
    expect: { status: 302, cors: acao(APP), vary: VARY_ORIGIN, location: '/elsewhere' },
  },
]

/**
 * Sends every HTTP row to `baseUrl` with this process's `fetch`; returns one result per row.
 * @param {string} baseUrl
 * @returns {Promise<Result[]>}
 */
export async function runHttpCases(baseUrl, cases = httpCases) {
  /** @type {Result[]} */
  const results = []
  for (const row of cases) {
    const path = `/${row.set}/${row.mode ?? 'wrap'}/${row.action ?? 'ok'}`
    try {
      const response = await fetch(new URL(path, baseUrl), {
        ...row.request,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      })
      const body = await response.text()
      results.push({ name: row.name, problems: compareResponse(response, body, row.expect) })
    } catch (error) {
      results.push({ name: row.name, problems: [`request failed: ${messageOf(error)}`] })
    }
  }
  return results
}

/**
 * Lists every difference between a response and what a row expects; empty when it matches.
 * @param {Response} response
 * @param {string} body the response's body, read already
 * @param {Expect} expect
 */
export function compareResponse(response, body, expect) {
  /** @type {string[]} */
  const problems = []
  const headers = response.headers
  if (response.status !== expect.status) problems.push(`status ${response.status}, expected ${expect.status}`)
  /** @type {Record<string, string>} */
  const cors = {}
  for (const [name, value] of headers) if (name.startsWith('access-control-')) cors[name] = value
  const names = new Set([...Object.keys(cors), ...Object.keys(expect.cors)])
  for (const name of [...names].sort()) {
    if (cors[name] !== expect.cors[name])
      problems.push(`${name}: ${show(cors[name])}, expected ${show(expect.cors[name])}`)
  }
  if (expect.vary !== undefined && headers.get('vary') !== expect.vary)
    problems.push(`vary: ${show(headers.get('vary'))}, expected ${show(expect.vary)}`)
  if (expect.handler !== undefined && (headers.get('x-handler') === '1') !== expect.handler)
    problems.push(expect.handler ? 'handler did not run' : 'handler ran')
  if (expect.body !== undefined && body !== expect.body)
    problems.push(`body ${show(body)}, expected ${show(expect.body)}`)
  if (expect.location !== undefined && !(headers.get('location') ?? '').endsWith(expect.location))
    problems.push(`location ${show(headers.get('location'))}`)
  if (expect.cookies !== undefined) {
    const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie')]
    if (cookies.join('|') !== expect.cookies.join('|'))
      problems.push(`set-cookie ${show(cookies)}, expected ${show(expect.cookies)}`)
  }
  return problems
}

/**
 * A caught value as the reports show it: its `message` when it has one, else the value itself.
 * @param {unknown} error
 */
export function messageOf(error) {
  return /** @type {{ message?: unknown } | null | undefined} */ (error)?.message ?? error
}

/**
 * Whether `value` is a Promise (or any thenable), as `check()` returns for an async predicate.
 * @param {unknown} value
 */
const isThenable = (value) => typeof (/** @type {{ then?: unknown } | null | undefined} */ (value)?.then) === 'function'

const show = (/** @type {unknown} */ value) =>
  value === undefined || value === null ? 'absent' : JSON.stringify(value)

// ---------------------------------------------------------------------------------------------
// Engine rows: createCors(options).check(request), inside the runtime.

/**
 * `expect`: the decision fields to compare, or the `error` code createCors must throw (then
 * `request` is null: no policy to check it with).
 * @param {string} name
 * @param {import('corsica').SyncCorsOptions} options
 * @param {CorsRequest | null} request
 * @param {{ [field in keyof import('corsica').CorsDecision]?: unknown } & { error?: string }} expect
 */
const engineRow = (name, options, request, expect) => ({ name, options, request, expect })

/** Engine rows. `expect` lists the decision fields to compare; `headers` is compared exactly. */
export const engineCases = [
  engineRow(
    'actual request, listed origin',
    { origin: [APP] },
    { method: 'GET', origin: APP },
    { kind: 'actual', allowed: true, headers: acao(APP), vary: VARY_ORIGIN, status: undefined, reason: undefined },
  ),
  engineRow(
    'actual request, refused origin',
    { origin: [APP] },
    { method: 'GET', origin: EVIL },
    { kind: 'actual', allowed: false, headers: {}, vary: VARY_ORIGIN, reason: 'origin' },
  ),
  engineRow(
    'no Origin: kind none',
    { origin: [APP] },
    { method: 'GET', origin: null },
    { kind: 'none', allowed: true, headers: {}, vary: VARY_ORIGIN },
  ),
  engineRow(
    'malformed origin (CR/LF)',
    { origin: [APP] },
    { method: 'GET', origin: `${APP}\r\nx: y` },
    { kind: 'actual', allowed: false, headers: {}, reason: 'malformed' },
  ),
  engineRow(
    'preflight, refused method',
    { origin: [APP], methods: ['GET'] },
    { method: 'OPTIONS', origin: APP, requestMethod: 'PUT' },
    { kind: 'preflight', allowed: false, status: 204, reason: 'method', headers: acao(APP) },
  ),
  engineRow(
    "lower-case 'patch' does not match PATCH",
    { origin: [APP] },
    { method: 'OPTIONS', origin: APP, requestMethod: 'patch' },
    { kind: 'preflight', allowed: false, reason: 'method' },
  ),
  engineRow(
    "methods ['patch'] allows 'patch'",
    { origin: [APP], methods: ['patch'] },
    { method: 'OPTIONS', origin: APP, requestMethod: 'patch' },
    { kind: 'preflight', allowed: true, headers: { ...acao(APP), 'access-control-allow-methods': 'patch' } },
  ),
  engineRow(
    'request headers: RFC 9110 list with empty items and OWS',
    { origin: '*' },
    { method: 'OPTIONS', origin: APP, requestMethod: 'GET', requestHeaders: ' X-A ,, x-b\t,' },
    {
      kind: 'preflight',
      allowed: true,
      headers: {
        ...acao('*'),
        'access-control-allow-methods': DEFAULT_METHODS,
        'access-control-allow-headers': 'x-a,x-b',
      },
    },
  ),
  engineRow(
    'request headers: not a token list is malformed',
    { origin: '*' },
    { method: 'OPTIONS', origin: APP, requestMethod: 'GET', requestHeaders: 'x a' },
    { kind: 'preflight', allowed: false, reason: 'malformed' },
  ),
  engineRow(
    'credentials: never *',
    { origin: 'https://*.example.com', credentials: true },
    { method: 'GET', origin: 'https://x.example.com' },
    { allowed: true, headers: { ...acao('https://x.example.com'), 'access-control-allow-credentials': 'true' } },
  ),
  engineRow('Set-Cookie in exposedHeaders is a config error', { exposedHeaders: ['Set-Cookie'] }, null, {
    error: 'forbidden-exposed-header',
  }),
  engineRow("'*' with credentials is a config error", { origin: '*', credentials: true }, null, {
    error: 'credentials-with-any-origin',
  }),
  engineRow('unanchored RegExp is a config error', { origin: /example\.com$/ }, null, { error: 'unanchored-regexp' }),
  // @ts-expect-error: the misspelt option is the point of the row; TypeScript refuses it too.
  engineRow('typo in an option name is a config error', { allowHeaders: ['x-trace'] }, null, {
    error: 'unknown-option',
  }),
]

/**
 * Runs the engine rows and a few behaviours that need code (Promise vs value, onReject, frozen
 * decisions, a hostile header list). `lib` is the runtime's `import * as lib from 'corsica'`.
 * @param {typeof import('corsica')} lib
 * @returns {Promise<Result[]>}
 */
export async function runEngineCases(lib) {
  const { createCors, CorsConfigError } = lib
  /** @type {Result[]} */
  const results = []
  const record = (/** @type {string} */ name, /** @type {string[]} */ problems) => results.push({ name, problems })
  for (const row of engineCases) {
    /** @type {string[]} */
    const problems = []
    try {
      const policy = createCors(row.options)
      if (row.expect.error !== undefined) {
        problems.push(`expected CorsConfigError ${row.expect.error}, construction succeeded`)
      } else {
        // A row without an expected error has a request.
        const decision = policy.check(/** @type {CorsRequest} */ (row.request))
        if (isThenable(decision)) problems.push('check() returned a Promise on the synchronous path')
        for (const [field, want] of Object.entries(row.expect)) {
          const got = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (decision))[field]
          const same =
            field === 'headers' ? JSON.stringify(sortKeys(got)) === JSON.stringify(sortKeys(want)) : got === want
          if (!same) problems.push(`${field}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
        }
      }
    } catch (error) {
      if (row.expect.error === undefined) problems.push(`threw ${messageOf(error)}`)
      else if (!(error instanceof CorsConfigError))
        problems.push(
          `threw ${/** @type {{ name?: unknown } | null | undefined} */ (error)?.name}, not CorsConfigError`,
        )
      else if (!error.problems.some((p) => p.code === row.expect.error))
        problems.push(`codes ${error.problems.map((p) => p.code).join(',')}, expected ${row.expect.error}`)
    }
    record(`engine: ${row.name}`, problems)
  }

  // An async predicate makes check() return a Promise; a sync one never does.
  {
    /** @type {string[]} */
    const problems = []
    const pending = createCors({ origin: async (origin) => origin === APP }).check({ method: 'GET', origin: APP })
    if (!isThenable(pending)) problems.push('async predicate: check() did not return a Promise')
    else if ((await pending).headers['access-control-allow-origin'] !== APP)
      problems.push('async predicate: origin not echoed')
    const direct = createCors({ origin: (origin) => origin === APP }).check({ method: 'GET', origin: APP })
    if (isThenable(direct)) problems.push('sync predicate: check() returned a Promise')
    record('engine: Promise only when the predicate returns one', problems)
  }
  // onReject reports the reason; the decision is frozen and shared.
  {
    /** @type {string[]} */
    const problems = []
    /** @type {import('corsica').CorsRejectEvent[]} */
    const events = []
    const policy = createCors({ origin: [APP], onReject: (event) => events.push(event) })
    const first = policy.check({ method: 'OPTIONS', origin: EVIL, requestMethod: 'PUT' })
    if (events.length !== 1 || events[0]?.reason !== 'origin' || events[0]?.kind !== 'preflight')
      problems.push(`onReject events ${JSON.stringify(events.map((e) => [e.reason, e.kind]))}`)
    const allowed = policy.check({ method: 'GET', origin: APP })
    if (!Object.isFrozen(allowed) || !Object.isFrozen(allowed.headers)) problems.push('decision not frozen')
    if (policy.check({ method: 'GET', origin: APP }) !== allowed) problems.push('allowed decision not reused')
    if (first.allowed !== false) problems.push('refused preflight reported allowed')
    record('engine: onReject, frozen decisions', problems)
  }
  // A hostile Access-Control-Request-Headers is refused quickly (bounded, linear parsing).
  {
    /** @type {string[]} */
    const problems = []
    const policy = createCors({ origin: '*' })
    const hostile = `${'x,'.repeat(50_000)}y`
    const started = Date.now()
    for (let i = 0; i < 20; i++) {
      const decision = policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'GET', requestHeaders: hostile })
      if (decision.allowed !== false || decision.reason !== 'malformed')
        problems.push(`hostile list: ${decision.reason}`)
    }
    const elapsed = Date.now() - started
    if (elapsed > 500) problems.push(`hostile list took ${elapsed} ms for 20 checks`)
    record('engine: hostile request-header list refused in bounded time', problems.slice(0, 1))
  }
  return results
}

/** @param {unknown} object */
function sortKeys(object) {
  return object && Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1)))
}

// ---------------------------------------------------------------------------------------------
// Example rows: the examples in examples/ share one configuration:
//   { origin: ['https://app.example.com'], credentials: true }, handler answering JSON.

/**
 * Allowed GET, refused GET, preflight, refused preflight: test/runtimes/next-route-check.mjs takes them in this order.
 * @typedef {{ name: string, request: RequestSpec, expect: Expect }} ExampleRow
 * @type {[ExampleRow, ExampleRow, ExampleRow, ExampleRow]}
 */
export const exampleCases = [
  {
    name: 'example: allowed GET',
    request: get(APP),
    expect: { status: 200, cors: { ...acao(APP), 'access-control-allow-credentials': 'true' }, vary: VARY_ORIGIN },
  },
  {
    name: 'example: refused origin gets no CORS headers',
    request: get(EVIL),
    expect: { status: 200, cors: {}, vary: VARY_ORIGIN },
  },
  {
    name: 'example: preflight answered',
    request: preflight(APP, 'PUT', 'content-type'),
    expect: {
      status: 204,
      cors: {
        ...acao(APP),
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': DEFAULT_METHODS,
        'access-control-allow-headers': 'content-type',
      },
      vary: VARY_ORIGIN_PREFLIGHT,
      body: '',
    },
  },
  {
    name: 'example: refused preflight',
    request: preflight(EVIL, 'PUT'),
    expect: { status: 204, cors: {}, vary: VARY_ORIGIN_PREFLIGHT, body: '' },
  },
]

/**
 * Sends the example rows to a running example server.
 * @param {string} baseUrl
 * @returns {Promise<Result[]>}
 */
export async function runExampleCases(baseUrl, path = '/api/hello') {
  /** @type {Result[]} */
  const results = []
  for (const row of exampleCases) {
    try {
      const response = await fetch(new URL(path, baseUrl), {
        ...row.request,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      })
      const body = await response.text()
      const problems = compareResponse(response, body, row.expect)
      if (row.expect.status === 200 && !body.includes('hello'))
        problems.push(`body ${JSON.stringify(body)} lacks the handler's answer`)
      results.push({ name: row.name, problems })
    } catch (error) {
      results.push({ name: row.name, problems: [`request failed: ${messageOf(error)}`] })
    }
  }
  return results
}
