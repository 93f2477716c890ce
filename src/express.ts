/**
 * Express / Connect adapter: a drop-in for the `cors` package. Same option names, the
 * callback-style origin function `(origin, cb)` and the per-request options delegate `(req, cb)`.
 * @module
 */
import { BoundedCache } from './core/cache.js'
import { CorsPolicy } from './core/policy.js'
import { isPromiseLike } from './core/request.js'
import type { CorsDecision, CorsOptions, ListOption, OriginOption, OriginPredicate } from './core/types.js'
import { applyDecision, readNodeRequest, type NodeRequestLike, type NodeResponseLike } from './node.js'

/** What a `cors`-style origin callback may answer: allow, refuse, or an origin option to match against. */
export type OriginCallbackValue = boolean | string | RegExp | ReadonlyArray<string | RegExp>

/**
 * The `cors` package's origin function: call `callback(null, true)` to allow. Returning a boolean
 * or a Promise of one instead (corsica's predicate style) works too.
 */
export type OriginCallback = (origin: string, callback: (err: Error | null, allow?: OriginCallbackValue) => void) => void | boolean | Promise<boolean>

/** Options of `corsica/express`: corsica's options, with `cors`'s origin callback and `headers` alias. */
export interface ExpressCorsOptions extends Omit<CorsOptions, 'origin'> {
  /**
   * Which origins may read responses: everything {@link CorsOptions.origin} accepts, plus the
   * `cors` package's callback style `(origin, callback) => callback(null, allow)`. A function is
   * always called as `(origin, callback)`, so a predicate here gets no `request` argument.
   */
  origin?: OriginOption | OriginCallback
  /** `cors`'s older name for `allowedHeaders`. */
  headers?: ListOption
}

/** The `cors` package's per-request options function. */
export type OptionsDelegate<Req extends NodeRequestLike = NodeRequestLike> = (req: Req, callback: (err: Error | null, options?: ExpressCorsOptions) => void) => void

/** An Express / Connect middleware. */
export type CorsMiddleware<Req extends NodeRequestLike = NodeRequestLike, Res extends NodeResponseLike = NodeResponseLike> = (req: Req, res: Res, next: (err?: unknown) => void) => void

/** Policies built from per-request options, keyed by their content: a delegate returning a fresh object per request still compiles once. */
const POLICY_CACHE_SIZE = 256

/**
 * Express middleware. Preflights are answered here (before authentication and routing);
 * actual requests get their CORS headers before the next handler runs, so error responses carry
 * them too. Errors from an origin function or options delegate reach `next(err)`.
 *
 * @example
 * app.use(cors({ origin: ['https://app.example.com'], credentials: true }))
 */
export function cors<Req extends NodeRequestLike = NodeRequestLike, Res extends NodeResponseLike = NodeResponseLike>(
  options?: ExpressCorsOptions | OptionsDelegate<Req>,
): CorsMiddleware<Req, Res> {
  if (typeof options !== 'function') {
    const policy = compile(options)
    return (req, res, next) => run(policy, req, res, next)
  }
  const policies = new BoundedCache<CorsPolicy>(POLICY_CACHE_SIZE)
  return (req, res, next) => {
    options(req, (err, resolved) => {
      if (err) return next(err)
      let policy: CorsPolicy
      try {
        const key = optionsKey(resolved)
        policy = policies.get(key) ?? policies.set(key, compile(resolved))
      } catch (error) {
        return next(error)
      }
      run(policy, req, res, next)
    })
  }
}

function run(policy: CorsPolicy, req: NodeRequestLike, res: NodeResponseLike, next: (err?: unknown) => void): void {
  let decision: CorsDecision | Promise<CorsDecision>
  try {
    decision = policy.check(readNodeRequest(req))
  } catch (error) {
    return next(error)
  }
  if (!isPromiseLike<CorsDecision>(decision)) return finish(decision, res, next)
  decision.then((settled) => finish(settled, res, next), next)
}

function finish(decision: CorsDecision, res: NodeResponseLike, next: (err?: unknown) => void): void {
  if (!applyDecision(decision, res)) next()
}

/** Translates `cors`-style options into corsica's. */
function compile(options: ExpressCorsOptions | undefined): CorsPolicy {
  if (options === undefined) return new CorsPolicy()
  const { headers, origin, ...rest } = options
  const translated: CorsOptions = { ...rest }
  if (origin !== undefined) translated.origin = typeof origin === 'function' ? fromOriginCallback(origin as OriginCallback) : origin
  if (headers !== undefined && rest.allowedHeaders === undefined) translated.allowedHeaders = headers
  return new CorsPolicy(translated)
}

/** Wraps a `cors` origin callback as a corsica predicate; an error it passes rejects the check. */
function fromOriginCallback(callback: OriginCallback): OriginPredicate {
  const matchers = new BoundedCache<CorsPolicy>(POLICY_CACHE_SIZE)
  return (origin) =>
    new Promise<OriginCallbackValue | undefined>((resolve, reject) => {
      const returned = callback(origin, (err, allow) => (err ? reject(err) : resolve(allow)))
      if (typeof returned === 'boolean' || isPromiseLike(returned)) resolve(returned)
    }).then((allow) => {
      if (typeof allow === 'boolean' || allow === undefined) return allow === true
      // `cors` lets the callback answer with an origin option for this request: match against it.
      const key = optionsKey({ origin: allow })
      const matcher = matchers.get(key) ?? matchers.set(key, new CorsPolicy({ origin: allow }))
      return (matcher.check({ method: 'GET', origin }) as CorsDecision).allowed
    })
}

const functionIds = new WeakMap<object, number>()
let nextFunctionId = 0

/** A string that is equal for options of equal content; functions count by identity. */
function optionsKey(options: ExpressCorsOptions | { origin: OriginCallbackValue } | undefined): string {
  return JSON.stringify(options ?? {}, (_name, value: unknown) => {
    if (typeof value === 'function') {
      let id = functionIds.get(value)
      if (id === undefined) functionIds.set(value, (id = nextFunctionId++))
      return `function#${id}`
    }
    return value instanceof RegExp ? `regexp:${String(value)}` : value
  })
}

export type { CorsDecision, CorsOptions } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
