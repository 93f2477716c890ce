/**
 * Hono middleware: `app.use('/api/*', cors(options))`. Preflights are answered before routing;
 * every other response of the routes it covers carries the CORS headers, including `notFound`,
 * `onError` and redirects. Runs wherever Hono runs (Bun, Deno, Workers, `@hono/node-server`).
 * @module corsica/hono
 */
import type { Context, Env, MiddlewareHandler } from 'hono'
import { compileCheck } from './core/policy.js'
import { UNDECIDED } from './core/decision.js'
import { predicateError } from './core/errors.js'
import type { ReloadableCors } from './core/reloadable.js'
import { isPromiseLike } from './core/request.js'
import type { CorsDecision, CorsOptions } from './core/types.js'
import { readFetchRequest } from './fetch.js'
import { countLayer, decorate, preflightResponse } from './fetch-response.js'

/**
 * Builds the middleware from options (validated now: throws CorsConfigError). An origin predicate
 * receives the request's `Context`: `(origin, c) => c.req.header('x-tenant') === …`.
 *
 * @example
 * app.use('/api/*', cors({ origin: 'https://app.example.com', credentials: true }))
 */
export function cors<E extends Env = Env>(
  options?: CorsOptions<Context<E>> | ReloadableCors<Context<E>>,
): MiddlewareHandler<E> {
  const check = compileCheck(options as CorsOptions<Context<E>> | undefined)
  countLayer()
  return async (c, next) => {
    const request = c.req.raw
    let decision: CorsDecision
    try {
      const checked = check(readFetchRequest(request), c)
      // Awaited only when a predicate made it a Promise: a settled decision costs no extra tick.
      decision = isPromiseLike<CorsDecision>(checked) ? await checked : checked
    } catch (error) {
      failed.add(request)
      throw predicateError(error)
    }
    if (decision.status !== undefined) return preflightResponse(decision)
    await next()
    // An inner layer that could not decide leaves the error response without any CORS header.
    const decorated = decorate(c.res, failed.has(request) ? UNDECIDED : decision, request)
    if (decorated === c.res) return
    // Hono's setter copies the headers of the response it replaces: clear it first, so the copy's
    // CORS headers stay the ones just decided.
    c.res = undefined
    c.res = decorated
  }
}

/** Requests whose origin predicate failed in some layer: Hono's onError answers them. */
const failed = new WeakSet<Request>()

export type { CorsDecision, CorsOptions } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
