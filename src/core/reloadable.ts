// A policy whose options can be replaced while the server runs (a tenant added, a configuration
// reloaded). New options are validated and compiled before anything changes, then swapped in one
// assignment; every request reads the current check once, when it starts, so a request whose
// origin predicate is still pending finishes with the policy it started with.
import { CHECK_SOURCE, type CheckSource } from './check-source.js'
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
  /** The options in force: the last ones `replace` accepted, or those the policy was created with. */
  readonly options: CorsOptions<Context> | undefined
  /** Decides a request with the current policy, as `CorsPolicy.check` does. */
  check(request: CorsRequest, ...context: ContextArgument<Context>): CorsDecision | Promise<CorsDecision>
}

/** The options of `cors`-style per-request options functions (corsica/express) vary by request. */
const PER_REQUEST: PolicyContext = { optionsVaryByRequest: true }

class Reloadable<Context> implements ReloadableCors<Context>, CheckSource {
  // Own and enumerable: a spread copy (`{ ...policy, prefix: '/api' }` for Fastify) is this policy.
  readonly [CHECK_SOURCE]: CheckSource = this
  private current: Check
  /** Compiled only once an adapter asks for it. */
  private perRequest: Check | undefined
  private currentOptions: CorsOptions<Context> | undefined

  constructor(options: CorsOptions<Context> | undefined) {
    this.current = compileCheck(options)
    this.currentOptions = options
  }

  get options(): CorsOptions<Context> | undefined {
    return this.currentOptions
  }

  replace(options?: CorsOptions<Context>): void {
    // Both compiled before either is assigned: an invalid value changes nothing.
    const current = compileCheck(options)
    const perRequest = this.perRequest === undefined ? undefined : compileCheck(options, PER_REQUEST)
    this.current = current
    this.perRequest = perRequest
    this.currentOptions = options
  }

  check(request: CorsRequest, ...context: ContextArgument<Context>): CorsDecision | Promise<CorsDecision> {
    return this.current(request, ...context)
  }

  checkFor(context: PolicyContext): Check {
    if (!context.optionsVaryByRequest) return (request, predicateContext) => this.current(request, predicateContext)
    this.perRequest ??= compileCheck(this.currentOptions, PER_REQUEST)
    return (request, predicateContext) => (this.perRequest as Check)(request, predicateContext)
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
