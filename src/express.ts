/**
 * Express / Connect adapter: a drop-in for the `cors` package. Same option names, the
 * callback-style origin function `(origin, cb)`, the per-request options function `(req, cb)`,
 * the type names of `@types/cors`, and a default export.
 * @module corsica/express
 */
import { BoundedCache } from './core/cache.js'
import type { CandidateOnlyExcluded } from './core/candidate-types.js'
import { checkSourceOf } from './core/check-source.js'
import { snapshot } from './core/content-key.js'
import { UNDECIDED } from './core/decision.js'
import { knownAnswerOf } from './core/known-answer.js'
import { originAnswerJudge, type OriginAnswerJudge } from './core/origin-answer.js'
import { ownValue } from './core/own.js'
import { compileCheck, type Check } from './core/policy.js'
import type { ReloadableCors } from './core/reloadable.js'
import { isPromiseLike } from './core/request.js'
import { runCheck, type Steps } from './middleware-flow.js'
import type {
  CorsDecision,
  CorsOptions as EngineOptions,
  CorsRequest as EngineRequest,
  ListOption,
  OriginOption,
  OriginPredicate,
} from './core/types.js'
import { applyDecision, readNodeRequest, type NodeRequestLike, type NodeResponseLike } from './node.js'

/**
 * What a `cors`-style origin callback may answer: `true` allows the origin it was asked about;
 * `false`, `null` or `undefined` refuse it; a string, RegExp or array is an origin option the
 * origin must match, validated like a configured one (so `'*'` with credentials is an error).
 */
export type OriginCallbackValue =
  | boolean
  | string
  | RegExp
  | ReadonlyArray<boolean | string | RegExp>
  | null
  | undefined

/**
 * The callback an origin function receives. It also carries the request's CORS values, so a
 * corsica predicate `(origin, request) => boolean` works here unchanged.
 */
export type OriginCallbackArgument = ((err: Error | null, allow?: OriginCallbackValue) => void) & EngineRequest

/**
 * The `cors` package's origin function: answer with `callback(null, allow)`, or return a boolean
 * or a Promise of one. The first answer wins; a returned Promise that resolves to `undefined`
 * (an `async` function that answers through the callback) is not an answer, one that rejects is
 * an error. Errors reach `next(err)`. The third argument is the request, for a decision by Host,
 * path or tenant; name any request header it reads in the `vary` option.
 */
export type CustomOrigin<Req extends CorsRequest = CorsRequest> = (
  origin: string,
  callback: OriginCallbackArgument,
  req: Req,
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a callback that returns nothing be assigned here
) => void | boolean | Promise<void | boolean>

/** @deprecated Use {@link CustomOrigin}, the name `@types/cors` users know. */
export type OriginCallback<Req extends CorsRequest = CorsRequest> = CustomOrigin<Req>

/** Options of `corsica/express`: corsica's options, with `cors`'s origin callback and `headers` alias. */
export interface CorsOptions<Req extends CorsRequest = CorsRequest>
  extends Omit<EngineOptions, 'origin' | 'candidate'> {
  /**
   * Which origins may read responses: everything `corsica`'s `origin` accepts, plus the `cors`
   * package's callback style `(origin, callback, req) => callback(null, allow)`.
   */
  origin?: Exclude<OriginOption, OriginPredicate> | CustomOrigin<Req> | undefined
  /** `cors`'s older name for `allowedHeaders`. */
  headers?: ListOption | undefined
  /**
   * Options to try beside the enforced ones, report-only (see corsica's `candidate`), in the
   * same style as these: a `cors` origin callback and the `headers` alias work here too.
   */
  candidate?: CandidateOptions<Req> | undefined
}

/** A candidate policy of `corsica/express`: its options, minus those that only the enforced policy has. */
export type CandidateOptions<Req extends CorsRequest = CorsRequest> = Omit<CorsOptions<Req>, CandidateOnlyExcluded>

/** @deprecated Use {@link CorsOptions}, the name `@types/cors` users know. */
export type ExpressCorsOptions<Req extends CorsRequest = CorsRequest> = CorsOptions<Req>

/** The request an Express / Connect middleware receives, as far as corsica reads it. */
export type CorsRequest = NodeRequestLike

/**
 * The `cors` package's per-request options function. Every response of a middleware built from
 * one carries `Vary: Origin`: the options may depend on the request.
 */
export type CorsOptionsDelegate<Req extends CorsRequest = CorsRequest> = (
  req: Req,
  callback: (err: Error | null, options?: CorsOptions<Req>) => void,
) => void | Promise<void>

/** @deprecated Use {@link CorsOptionsDelegate}, the name `@types/cors` users know. */
export type OptionsDelegate<Req extends CorsRequest = CorsRequest> = CorsOptionsDelegate<Req>

/** An Express / Connect middleware. */
export type CorsMiddleware<Req extends CorsRequest = CorsRequest, Res extends NodeResponseLike = NodeResponseLike> = (
  req: Req,
  res: Res,
  next: (err?: unknown) => void,
) => void

type Next = (err?: unknown) => void

/**
 * Policies built from per-request options, keyed by their content: a delegate returning a fresh
 * object per request still compiles once.
 */
const POLICY_CACHE_SIZE = 256

/**
 * Express middleware. Preflights are answered here (before authentication and routing);
 * actual requests get their CORS headers before the next handler runs, so error responses carry
 * them too. Errors from an origin function or options function, and answers that would be
 * configuration errors, reach `next(err)` with no CORS header set.
 *
 * @example
 * app.use(cors({ origin: ['https://app.example.com'], credentials: true }))
 */
export function cors<Req extends CorsRequest = CorsRequest, Res extends NodeResponseLike = NodeResponseLike>(
  options?: CorsOptions<Req> | CorsOptionsDelegate<Req> | ReloadableCors<Req>,
): CorsMiddleware<Req, Res> {
  if (typeof options !== 'function') {
    const check = compile(options as CorsOptions<Req> | undefined, false)
    return (req, res, next) => run(check, req, res, next)
  }
  const checks = new BoundedCache<Check>(POLICY_CACHE_SIZE)
  const checkFor = (resolved: CorsOptions<Req> | undefined): Check => {
    // A reloadable policy (or a spread of one) compiles itself; a snapshot would drop its symbol.
    if (checkSourceOf(resolved) !== undefined) return compile(resolved, true)
    // The key and the policy come from one read of the options.
    const { key, value } = snapshot(resolved)
    return checks.get(key) ?? checks.set(key, compile(value as CorsOptions<Req> | undefined, true))
  }
  return (req, res, next) => {
    resolveOptions(options, req, (err, resolved) => {
      if (err !== undefined) return fail(err, res, next)
      let check: Check
      try {
        check = checkFor(resolved)
      } catch (error) {
        return fail(error, res, next)
      }
      run(check, req, res, next)
    })
  }
}

export default cors

/**
 * Calls the options function; its first answer (callback or rejection) wins, and a falsy error
 * is no error, as in `cors`. A throw before it answered is its error; a throw after it is not
 * answered twice, but an error thrown downstream through `next` keeps propagating.
 */
function resolveOptions<Req extends CorsRequest>(
  delegate: CorsOptionsDelegate<Req>,
  req: Req,
  answer: (err: unknown, options?: CorsOptions<Req>) => void,
): void {
  let answered = false
  let downstream: { readonly error: unknown } | undefined
  const once = (err: unknown, options?: CorsOptions<Req>): void => {
    if (answered) return
    answered = true
    try {
      answer(err || undefined, options)
    } catch (error) {
      downstream = { error }
      throw error
    }
  }
  let returned: unknown
  try {
    returned = delegate(req, once)
  } catch (error) {
    if (downstream !== undefined && downstream.error === error) throw error
    once(error ?? new Error('options function threw'))
    return
  }
  if (isPromiseLike(returned))
    returned.then(undefined, (error: unknown) => once(error ?? new Error('options function rejected')))
}

/** Express's steps: the decision applied, or the error passed on, then `next`. */
const EXPRESS_STEPS: Steps<NodeResponseLike, Next> = { finish, fail }

function run(check: Check, req: NodeRequestLike, res: NodeResponseLike, next: Next): void {
  runCheck(check, readNodeRequest(req), req, res, next, EXPRESS_STEPS)
}

/** Applies the decision; a response already sent meanwhile (a timeout answered) is left alone. */
function finish(decision: CorsDecision, res: NodeResponseLike, next: Next): void {
  let answered: boolean
  try {
    answered = applyDecision(decision, res)
  } catch (error) {
    next(error)
    return
  }
  if (!answered) next()
}

/**
 * Passes an error on with no CORS header (an outer layer's are removed, so no site can read the
 * error) and Vary: Origin, since the failure may depend on the origin.
 */
function fail(error: unknown, res: NodeResponseLike, next: Next): void {
  try {
    applyDecision(UNDECIDED, res)
  } catch {
    // The response can no longer be written; the error still goes on.
  }
  next(error)
}

/** Translates `cors`-style options into corsica's, reading own properties only. */
function compile<Req extends CorsRequest>(options: CorsOptions<Req> | undefined, optionsVaryByRequest: boolean): Check {
  const context = { optionsVaryByRequest }
  // Not a record to translate: undefined, a wrong type (an error to report), a reloadable policy.
  if (options === undefined || options === null) return compileCheck(undefined, context)
  if (typeof options !== 'object' || checkSourceOf(options) !== undefined)
    return compileCheck(options as EngineOptions, context)
  return compileCheck(translate(options as Readonly<Record<string, unknown>>), context)
}

/**
 * `cors`'s callback style and `headers` alias in corsica's terms, in the options and in their
 * candidate (which a user writes in the same style); every other option as it is.
 */
function translate(options: Readonly<Record<string, unknown>>): EngineOptions<CorsRequest> {
  const translated = translateFields(options)
  const candidate = ownValue(options, 'candidate')
  // Anything but a record is left for the engine to report (a candidate's own candidate too).
  if (typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate))
    translated.candidate = translateFields(candidate as Readonly<Record<string, unknown>>)
  return translated
}

function translateFields(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const translated: Record<string, unknown> = {}
  for (const name of Object.keys(options)) if (name !== 'origin' && name !== 'headers') translated[name] = options[name]
  const origin = ownValue(options, 'origin')
  const headers = ownValue(options, 'headers')
  const credentials = ownValue(options, 'credentials') === true
  // An origin lookup is a corsica predicate already: unwrapped, its cached answers stay synchronous.
  const callback = typeof origin === 'function' && knownAnswerOf(origin) === undefined
  if (origin !== undefined)
    translated.origin = callback ? fromOriginCallback(origin as CustomOrigin, credentials) : origin
  if (headers !== undefined && ownValue(options, 'allowedHeaders') === undefined) translated.allowedHeaders = headers
  return translated
}

/** Wraps a `cors` origin function as a corsica predicate whose answers obey the options' rules. */
function fromOriginCallback(callback: CustomOrigin, credentials: boolean): OriginPredicate<CorsRequest> {
  const judge: OriginAnswerJudge = originAnswerJudge(credentials)
  return (origin, req) =>
    new Promise<unknown>((resolve, reject) => {
      const done = Object.assign(
        (err: Error | null, allow?: OriginCallbackValue) => (err ? reject(err) : resolve(allow)),
        readNodeRequest(req),
      )
      const returned = callback(origin, done, req)
      if (typeof returned === 'boolean') resolve(returned)
      // An async callback that answers through `done` resolves to undefined: not an answer.
      else if (isPromiseLike<unknown>(returned))
        returned.then((value) => typeof value === 'boolean' && resolve(value), reject)
    }).then((answer) => judge(answer, origin))
}

export type { CorsDecision } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
