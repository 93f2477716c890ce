/**
 * Koa middleware: `app.use(cors(options))`. Preflights are answered here, before routing; every
 * other response carries the CORS headers, including the ones Koa's error handler writes (it
 * clears every header, then sets the thrown error's `headers`: this middleware's headers are
 * there while it runs).
 * @module corsica/koa
 */
import type { Context, Middleware, Next } from 'koa'
import { UNDECIDED } from './core/decision.js'
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { ownValue } from './core/own.js'
import { compileCheck } from './core/policy.js'
import type { ReloadableCors } from './core/reloadable.js'
import { isPromiseLike } from './core/request.js'
import type { CorsDecision, CorsOptions } from './core/types.js'
import { mergeVary, type VaryValue } from './core/vary.js'
import { readNodeRequest } from './node.js'
import { writeCorsHeaders, writeDecisionHeaders } from './node-response.js'

/**
 * Builds the middleware from options (validated now: throws CorsConfigError). An origin predicate
 * receives the request's `ctx`: `(origin, ctx) => ctx.get('x-tenant') === …`.
 *
 * @example
 * app.use(cors({ origin: 'https://app.example.com', credentials: true }))
 */
export function cors<C extends Context = Context>(
  options?: CorsOptions<C> | ReloadableCors<C>,
): Middleware<C['state'], C> {
  const check = compileCheck(options as CorsOptions<C> | undefined)
  return (ctx, next) => {
    let decision: CorsDecision | Promise<CorsDecision>
    try {
      decision = check(readNodeRequest(ctx.req), ctx)
    } catch (error) {
      return undecided(ctx, error)
    }
    if (!isPromiseLike<CorsDecision>(decision)) return respond(decision, ctx, next)
    return decision.then(
      (settled) => respond(settled, ctx, next),
      (error: unknown) => undecided(ctx, error),
    )
  }
}

function respond(decision: CorsDecision, ctx: Context, next: Next): Promise<void> | undefined {
  remember(ctx, decision)
  // Merges into the Vary that ctx.vary() keeps on ctx.res, with the engine's cached parsing.
  writeDecisionHeaders(decision, ctx.res, ctx.res.setHeader)
  if (decision.status === undefined) return next()
  ctx.status = decision.status
  // Koa sends 204 with no body; any other status needs an empty one, or Koa would send
  // the status text (or turn the answer into a 204).
  if (decision.status !== 204) {
    ctx.body = ''
    ctx.remove('content-type')
  }
  return undefined
}

/** A predicate failed: no layer's CORS headers may reach the error response. */
function undecided(ctx: Context, error: unknown): never {
  remember(ctx, UNDECIDED)
  writeCorsHeaders(UNDECIDED.headers, ctx.res, ctx.res.setHeader)
  throw error
}

/** The decision of the corsica layer closest to the route, and Koa's own error handler. */
interface CorsState {
  decision: CorsDecision
  readonly onerror: Context['onerror']
}

/**
 * Where a request's state lives: a property of its ctx (a WeakMap entry per request would cost
 * the garbage collector more than the whole middleware).
 */
const STATE = Symbol('corsica.koa')

type WithState = Context & { [STATE]?: CorsState }

/**
 * Each layer records its decision before it calls `next`, so the one closest to the route is
 * the one recorded; the first takes over `ctx.onerror` for this request.
 */
function remember(ctx: WithState, decision: CorsDecision): void {
  const state = ctx[STATE]
  if (state !== undefined) {
    state.decision = decision
    return
  }
  ctx[STATE] = { decision, onerror: ctx.onerror }
  ctx.onerror = onerrorKeepingCors
}

/**
 * Koa's error handler clears every response header, then sets the error's `headers`: while it
 * runs, the error's headers are the recorded decision's (its own CORS headers dropped, Vary
 * merged); afterwards they are what they were, since an error object may be thrown again.
 */
function onerrorKeepingCors(this: WithState, thrown: unknown): void {
  const state = this[STATE]
  if (state === undefined) return
  // Only Koa's own handler replaces a value that is not an Error (one of the app's may read it),
  // and it ignores null and undefined, as `ctx.onerror` may be a node-style callback.
  const replaced = thrown != null && state.onerror === koasOnerror(this)
  const error = replaced ? asNativeError(thrown) : thrown
  const handle = () => state.onerror.call(this, error as Error)
  if (typeof error !== 'object' || error === null) handle()
  else withHeadersWhile(error as HeaderCarrier, state.decision, handle)
}

/**
 * Koa's own `ctx.onerror`: the one deepest in the prototype chain of the app's context. A context
 * with no app (a test's double) has none, and its onerror is then given the value as thrown.
 */
function koasOnerror(ctx: Context): unknown {
  let deepest: unknown
  const app = ctx.app as Context['app'] | undefined
  for (let level: object | null = app?.context ?? null; level !== null; level = Object.getPrototypeOf(level))
    if (Object.hasOwn(level, 'onerror')) deepest = (level as { onerror: unknown }).onerror
  return deepest
}

/**
 * Koa replaces a thrown value that is not an Error (`throw 'denied'`, `throw { status: 401 }`)
 * with a new Error, which would have none of our headers: this makes the same Error first, with
 * Koa's test and Koa's message, so the headers go on the one Koa answers with.
 */
function asNativeError(thrown: unknown): HeaderCarrier {
  const native = Object.prototype.toString.call(thrown) === '[object Error]' || thrown instanceof Error
  return native ? (thrown as HeaderCarrier) : new Error(`non-error thrown: ${jsonOf(thrown)}`)
}

/**
 * The value as Koa's `util.format('%j')` writes it. Where that throws (a BigInt), which would end
 * the process from Koa's error handler, a placeholder instead.
 */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined'
  } catch (error) {
    return error instanceof TypeError && /circular/i.test(error.message) ? '[Circular]' : '[unserializable]'
  }
}

/** An error as Koa's handler reads it: the `headers` it sets after clearing the response's. */
type HeaderCarrier = Error & { headers?: unknown }

/** Runs `handle` with the decision in the error's `headers`, then puts its own back. */
function withHeadersWhile(carrier: HeaderCarrier, decision: CorsDecision, handle: () => void): void {
  let had: boolean
  let own: unknown
  try {
    had = Object.hasOwn(carrier, 'headers')
    own = carrier.headers
    carrier.headers = withDecision(own, decision)
  } catch {
    // A frozen error (or a Proxy that throws) keeps its own headers: Koa answers it without ours.
    handle()
    return
  }
  try {
    handle()
  } finally {
    if (had) carrier.headers = own
    else delete carrier.headers
  }
}

/** The error's headers with its CORS headers (whatever their case) replaced by the decision's. */
function withDecision(own: unknown, decision: CorsDecision): Record<string, unknown> {
  const headers: Record<string, unknown> = {}
  let existingVary: unknown
  for (const [name, value] of Object.entries(typeof own === 'object' && own !== null ? own : {})) {
    const lower = name.toLowerCase()
    if (lower === 'vary') existingVary = value
    else if (!CORS_RESPONSE_HEADERS.includes(lower)) headers[name] = value
  }
  for (const name of CORS_RESPONSE_HEADERS) {
    const value = ownValue(decision.headers, name)
    if (value !== undefined) headers[name] = value
  }
  const vary = mergeVary(existingVary as VaryValue, decision.vary) ?? existingVary
  if (vary !== undefined) headers.vary = vary
  return headers
}

export type { CorsDecision, CorsOptions } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
