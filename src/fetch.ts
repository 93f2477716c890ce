/**
 * Fetch-API adapter: Bun, Deno, Cloudflare Workers, Hono, Next.js route handlers, service
 * workers, and Node's own `Request`/`Response`. Uses nothing but `Request`, `Response` and `Headers`.
 * @module corsica/fetch
 */
import { compileCheck } from './core/policy.js'
import type { ReloadableCors } from './core/reloadable.js'
import { isPromiseLike } from './core/request.js'
import { countLayer, decorate, preflightResponse } from './fetch-response.js'
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
export function cors(options?: CorsOptions<Request> | ReloadableCors<Request>): FetchCors {
  const check = compileCheck(options as CorsOptions<Request> | undefined)
  countLayer()
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
  options?: CorsOptions<Request> | ReloadableCors<Request>,
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

export type { CorsDecision, CorsOptions, CorsRequest } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
