// One configuration, expressed in each library's own option names, and request/response
// doubles that `cors`, corsica's adapters and Node's ServerResponse contract all accept.

export const ALLOWED = 'https://app.example.com'
export const ORIGINS = [ALLOWED, 'https://admin.example.com']
const METHODS = ['GET', 'POST', 'PUT', 'DELETE']
const HEADERS = ['content-type', 'authorization']

/** corsica (core, node, express, fetch) and the `cors` package share these names. */
export const OPTIONS = { origin: ORIGINS, credentials: true, methods: METHODS, allowedHeaders: HEADERS, maxAge: 600 }
export const HONO_OPTIONS = {
  origin: ORIGINS,
  credentials: true,
  allowMethods: METHODS,
  allowHeaders: HEADERS,
  maxAge: 600,
}

/**
 * An engine input with every field, in the order the adapters build it: a server only ever
 * passes check() objects of that one shape, so the benchmarks do too.
 */
/**
 * @param {{ method: string, origin: string, requestMethod?: string | null, requestHeaders?: string | null,
 *   requestPrivateNetwork?: string | null }} fields
 * @returns {Required<import('corsica').CorsRequest>}
 */
export function corsRequest({
  method,
  origin,
  requestMethod = null,
  requestHeaders = null,
  requestPrivateNetwork = null,
}) {
  return { method, origin, requestMethod, requestHeaders, requestPrivateNetwork }
}

/**
 * `count` GET requests from `origin`, each holding its own copy of the string: a server reads
 * every Origin into a new one.
 * @param {string} origin
 * @param {number} count
 */
export function originCopies(origin, count) {
  return Array.from({ length: count }, () => corsRequest({ method: 'GET', origin: parsedCopy(origin) }))
}

/**
 * A new flat copy of `value`, as a server's HTTP parser makes each header value. A template
 * literal or `+` makes a rope instead, which every character read has to walk.
 * @param {string} value
 */
export function parsedCopy(value) {
  return Buffer.from(value, 'latin1').toString('latin1')
}

/** The engine's inputs for each request the benchmarks send. */
export const REQUESTS = {
  actual: corsRequest({ method: 'GET', origin: ALLOWED }),
  preflight: corsRequest({ method: 'OPTIONS', origin: ALLOWED, requestMethod: 'PUT', requestHeaders: 'content-type' }),
  rejected: corsRequest({ method: 'GET', origin: 'https://evil.example.net' }),
  malformed: corsRequest({ method: 'GET', origin: 'https://app.example.com, https://evil.example.net' }),
}

/**
 * Node-style incoming headers (lowercase names) for a request of REQUESTS.
 * @param {import('corsica').CorsRequest} request
 */
export function nodeHeaders(request) {
  /** @type {Record<string, string>} */
  const headers = { host: 'api.example.com', accept: '*/*', 'user-agent': 'bench' }
  if (request.origin != null) headers.origin = request.origin
  if (request.requestMethod != null) headers['access-control-request-method'] = request.requestMethod
  if (request.requestHeaders != null) headers['access-control-request-headers'] = request.requestHeaders
  return headers
}

/** @param {import('corsica').CorsRequest} request */
export function fakeRequest(request) {
  return { method: request.method, url: '/', headers: nodeHeaders(request) }
}

/**
 * The least a response must do for `cors`, `vary` and corsica alike: headers kept by lowercase
 * name (getHeader is case-insensitive, as in node:http), a status, an end. `reset()` readies it
 * for the next call as cheaply as possible, so the figures are the libraries' own work.
 */
export class FakeResponse {
  statusCode = 200
  ended = false
  /** @type {Record<string, string | number | readonly string[]>} */
  headers = {}

  /**
   * @param {string} name
   * @param {string | number | readonly string[]} value
   */
  setHeader(name, value) {
    this.headers[name.toLowerCase()] = value
    return this
  }
  /** @param {string} name */
  getHeader(name) {
    return this.headers[name.toLowerCase()]
  }
  /** As ServerResponse's: the lowercase names set so far. */
  getHeaderNames() {
    return Object.keys(this.headers)
  }
  /** @param {string} name */
  removeHeader(name) {
    delete this.headers[name.toLowerCase()]
  }
  end() {
    this.ended = true
    return this
  }
  reset() {
    this.statusCode = 200
    this.ended = false
    this.headers = {}
  }
}

/** @param {import('corsica').CorsRequest} request */
export function fetchRequest(request) {
  const headers = nodeHeaders(request)
  delete headers.host
  return new Request('https://api.example.com/', { method: request.method, headers })
}
