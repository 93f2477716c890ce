/**
 * Koa middleware: `app.use(cors(options))`. Preflights are answered here, before routing; every
 * other response carries the CORS headers, including the ones Koa's error handler writes (it
 * clears every header, then sets the thrown error's `headers`, where this middleware puts them).
 * @module corsica/koa
 */
import type { Context, Middleware, Next } from 'koa'
import { compileCheck } from './core/policy.js'
import { isPromiseLike } from './core/request.js'
import type { CorsDecision, CorsOptions } from './core/types.js'
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { mergeVary, type VaryValue } from './core/vary.js'
import { readNodeRequest } from './node.js'
import { writeCorsHeaders } from './node-response.js'
import { ownValue } from './core/own.js'

/**
 * Builds the middleware from options (validated now: throws CorsConfigError). An origin predicate
 * receives the request's `ctx`: `(origin, ctx) => ctx.get('x-tenant') === …`.
 *
 * @example
 * app.use(cors({ origin: 'https://app.example.com', credentials: true }))
 */
export function cors<C extends Context = Context>(options?: CorsOptions<C>): Middleware<C['state'], C> {
  const check = compileCheck(options)
  return (ctx, next) => {
    const decision = check(readNodeRequest(ctx.req), ctx)
    if (!isPromiseLike<CorsDecision>(decision)) return respond(decision, ctx, next)
    return decision.then((settled) => respond(settled, ctx, next))
  }
}

function respond(decision: CorsDecision, ctx: Context, next: Next): Promise<void> | undefined {
  writeCorsHeaders(decision.headers, ctx.res, ctx.res.setHeader)
  if (decision.vary !== undefined) ctx.vary(decision.vary)
  if (decision.status !== undefined) {
    // An empty body: with null, Koa would turn a configured 200 into 204 or write a status text.
    ctx.body = ''
    ctx.remove('content-type')
    ctx.status = decision.status
    return undefined
  }
  if (decision.vary === undefined && Object.keys(decision.headers).length === 0) return next()
  return next().catch((error: unknown) => {
    keepOnError(error, decision)
    throw error
  })
}

/**
 * Koa's error handler replaces every response header with the error's `headers`: the decision's
 * go there, in place of any CORS header the error named (an upstream's, whatever its case), and
 * Vary merged into the error's Vary, whatever the case of its name.
 */
function keepOnError(error: unknown, decision: CorsDecision): void {
  if (typeof error !== 'object' || error === null) return
  const carried = error as { headers?: Record<string, unknown> }
  const own = ownValue(carried, 'headers')
  const headers: Record<string, unknown> = {}
  let existingVary: unknown
  for (const [name, value] of Object.entries(typeof own === 'object' && own !== null ? own : {})) {
    const lower = name.toLowerCase()
    if (lower === 'vary') existingVary = value
    else if (!CORS_RESPONSE_HEADERS.includes(lower)) headers[name] = value
  }
  Object.assign(headers, decision.headers)
  const vary = mergeVary(existingVary as VaryValue, decision.vary) ?? existingVary
  if (vary !== undefined) headers.vary = vary
  try {
    carried.headers = headers
  } catch {
    // A frozen error keeps its own headers: Koa answers it without CORS headers.
  }
}

export type { CorsDecision, CorsOptions } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
