/**
 * Fetch-API adapter: Bun, Deno, Cloudflare Workers, Hono, Next.js route handlers, service
 * workers, and Node's own `Request`/`Response`. Uses nothing but `Request`, `Response` and `Headers`.
 * @module corsica/fetch
 */
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { ownValue } from './core/own.js'
import { compileCheck } from './core/policy.js'
import { isPromiseLike } from './core/request.js'
import { mergeVary } from './core/vary.js'
import type { CorsDecision, CorsOptions, CorsRequest } from './core/types.js'

/** A Fetch handler: `(request, ...rest) => Response`, e.g. `fetch(request, env, ctx)` in Workers. */
export type FetchHandler<Rest extends unknown[] = unknown[]> = (
  request: Request,
  ...rest: Rest
) => Response | Promise<Response>

/** CORS as a step in a middleware chain. */
export interface FetchCors {
  /**
   * Answers a preflight itself, or calls `next()` and adds the CORS headers to its response.
   * Returns a Promise only when `next` or an origin predicate does.
   */
  handle(request: Request, next: () => Response | Promise<Response>): Response | Promise<Response>
}

/**
 * Builds a Fetch CORS step from options (validated now: throws CorsConfigError). An origin
 * predicate receives the `Request` as its second argument.
 *
 * @example
 * const corsStep = cors({ origin: 'https://app.example.com' })
 * export default { fetch: (request) => corsStep.handle(request, () => app(request)) }
 */
export function cors(options?: CorsOptions<Request>): FetchCors {
  const check = compileCheck(options, { optionsVaryByRequest: false })
  return {
    handle(request, next) {
      const decision = check(readFetchRequest(request), request)
      if (!isPromiseLike<CorsDecision>(decision)) return respond(decision, request, next)
      return decision.then((settled) => respond(settled, request, next))
    },
  }
}

/**
 * Wraps a Fetch handler so every response it returns carries the CORS headers, and preflights
 * are answered before it runs. Extra arguments (`env`, `ctx`, route context) pass through.
 *
 * @example
 * export default { fetch: withCors((request) => new Response('ok'), { origin: 'https://app.example.com' }) }
 */
export function withCors<Rest extends unknown[]>(
  handler: FetchHandler<Rest>,
  options?: CorsOptions<Request>,
): (request: Request, ...rest: Rest) => Response | Promise<Response> {
  const step = cors(options)
  return (request, ...rest) => step.handle(request, () => handler(request, ...rest))
}

/**
 * Reads the engine's input; Headers joins repeated lines with `, `. `Headers.get` is not free, so
 * the preflight headers are read only for OPTIONS, the one method a preflight can have.
 */
export function readFetchRequest(request: Request): CorsRequest {
  const headers = request.headers
  const method = request.method
  if (method !== 'OPTIONS') return { method, origin: headers.get('origin') }
  return {
    method,
    origin: headers.get('origin'),
    requestMethod: headers.get('access-control-request-method'),
    requestHeaders: headers.get('access-control-request-headers'),
    requestPrivateNetwork: headers.get('access-control-request-private-network'),
  }
}

function respond(
  decision: CorsDecision,
  request: Request,
  next: () => Response | Promise<Response>,
): Response | Promise<Response> {
  if (decision.status !== undefined) return preflightResponse(decision)
  const response = next()
  if (!isPromiseLike<Response>(response)) return decorate(response, decision, request)
  return response.then((settled) => decorate(settled, decision, request))
}

function preflightResponse(decision: CorsDecision): Response {
  const headers = new Headers(decision.headers)
  if (decision.vary !== undefined) headers.set('vary', decision.vary)
  return new Response(null, { status: decision.status, headers })
}

/**
 * Responses an inner corsica layer already decorated, with the request it decorated them for.
 * The layer closest to the handler is authoritative, so an outer layer handling the same request
 * leaves them alone; a Response object reused for another request is decorated again. Shared
 * through the global symbol registry so the ESM and CommonJS copies (or two versions) agree.
 */
const DECIDED = Symbol.for('corsica.decided-responses')

function decidedResponses(): WeakMap<Response, Request> {
  const registry = globalThis as { [DECIDED]?: WeakMap<Response, Request> }
  registry[DECIDED] ??= new WeakMap()
  return registry[DECIDED]
}

/** Adds the decision's headers to a response, copying it when its headers are immutable. */
function decorate(response: Response, decision: CorsDecision, request: Request): Response {
  // 101 (WebSocket upgrade) and network errors are not ordinary responses: leave them untouched.
  if (response.status === 101 || response.type === 'error') return response
  const decided = decidedResponses()
  if (decided.get(response) === request) return response
  const vary = mergeVary(response.headers.get('vary') ?? undefined, decision.vary)
  let decorated = response
  try {
    writeHeaders(response.headers, decision.headers, vary)
  } catch {
    // Response.redirect() and fetch() responses have immutable headers: copy status, headers
    // (every Set-Cookie line included) and the body stream, which is passed on, not read.
    if (vary !== undefined || !corsHeadersMatch(response.headers, decision.headers)) {
      decorated = new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
      writeHeaders(decorated.headers, decision.headers, vary)
    }
  }
  decided.set(decorated, request)
  return decorated
}

/**
 * Sets the decision's CORS headers and removes any other CORS header: one the handler's response
 * brought (an upstream's, proxied) must not survive this policy's answer.
 */
function writeHeaders(target: Headers, headers: CorsDecision['headers'], vary: string | undefined): void {
  for (const name of CORS_RESPONSE_HEADERS) {
    const value = ownValue(headers, name)
    if (value !== undefined) target.set(name, value)
    else if (target.has(name)) target.delete(name)
  }
  if (vary !== undefined) target.set('vary', vary)
}

/** True when `target` already carries exactly the decision's CORS headers. */
function corsHeadersMatch(target: Headers, headers: CorsDecision['headers']): boolean {
  return CORS_RESPONSE_HEADERS.every((name) => target.get(name) === (ownValue(headers, name) ?? null))
}

export type { CorsDecision, CorsOptions, CorsRequest } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
