// A policy whose options can be replaced while the server runs (a tenant added, a configuration
// reloaded). New options are validated and compiled before anything changes, then swapped in one
// assignment; every request reads the current check once, when it starts, so a request whose
// origin predicate is still pending finishes with the policy it started with.
import { CHECK_SOURCE, type CheckSource } from './check-source.js'
import { frozenOptions } from './options-copy.js'
import { compileCheck, type Check, type PolicyContext } from './policy.js'
import type { ContextArgument, CorsDecision, CorsOptions, CorsRequest } from './types.js'

/** A policy whose options can be replaced at run time; pass it wherever options are accepted. */
export interface ReloadableCors<Context = unknown> {
  /**
   * Validates and compiles `options`, then makes them the policy of every request that starts
   * afterwards, in every adapter built from this policy. Throws {@link CorsConfigError} and keeps
   * the current policy when they are invalid.
   */
  replace(options?: CorsOptions<Context>): void
  /**
   * The options in force: a frozen copy of the last ones `replace` accepted, or of those the
   * policy was created with, taken when they were passed (changing the object passed changes nothing).
   */
  readonly options: CorsOptions<Context> | undefined
  /** Decides a request with the current policy, as `CorsPolicy.check` does. */
  check(request: CorsRequest, ...context: ContextArgument<Context>): CorsDecision | Promise<CorsDecision>
}

/** The options of `cors`-style per-request options functions (corsica/express) vary by request. */
const PER_REQUEST: PolicyContext = { optionsVaryByRequest: true }

/**
 * The policy's state and compiled checks. Held under one symbol, so the policy has no own string
 * key: a spread copy (`{ ...policy, prefix: '/api' }` for Fastify) carries this and nothing else,
 * and any option spread beside it is refused (see check-source.ts) rather than ignored.
 */
class Source<Context> implements CheckSource {
  current: Check
  /** Compiled only once an adapter asks for it. */
  private perRequest: Check | undefined
  /** The copy both variants are compiled from: the caller's object is read once, when passed. */
  options: CorsOptions<Context> | undefined

  constructor(options: CorsOptions<Context> | undefined) {
    const copy = frozenOptions(options)
    this.current = compileCheck(copy)
    this.options = copy
  }

  replace(options: CorsOptions<Context> | undefined): void {
    // Both compiled from one copy before either is assigned: an invalid value changes nothing.
    const copy = frozenOptions(options)
    const current = compileCheck(copy)
    const perRequest = this.perRequest === undefined ? undefined : compileCheck(copy, PER_REQUEST)
    this.current = current
    this.perRequest = perRequest
    this.options = copy
  }

  checkFor(context: PolicyContext): Check {
    if (!context.optionsVaryByRequest) return (request, predicateContext) => this.current(request, predicateContext)
    this.perRequest ??= compileCheck(this.options, PER_REQUEST)
    return (request, predicateContext) => (this.perRequest as Check)(request, predicateContext)
  }
}

class Reloadable<Context> implements ReloadableCors<Context> {
  readonly [CHECK_SOURCE]: Source<Context>

  constructor(options: CorsOptions<Context> | undefined) {
    this[CHECK_SOURCE] = new Source(options)
  }

  get options(): CorsOptions<Context> | undefined {
    return this[CHECK_SOURCE].options
  }

  replace(options?: CorsOptions<Context>): void {
    this[CHECK_SOURCE].replace(options)
  }

  check(request: CorsRequest, ...context: ContextArgument<Context>): CorsDecision | Promise<CorsDecision> {
    return this[CHECK_SOURCE].current(request, ...context)
  }
}

/**
 * Validates and compiles `options` (throws CorsConfigError) into a policy whose options
 * `replace()` swaps at run time. Every adapter accepts it in place of options.
 *
 * @example
 * const policy = createReloadableCors({ origin: ['https://a.example.com'] })
 * app.use(cors(policy))
 * policy.replace({ origin: ['https://a.example.com', 'https://b.example.com'] })
 */
export function createReloadableCors<Context = unknown>(options?: CorsOptions<Context>): ReloadableCors<Context> {
  return new Reloadable(options)
}
