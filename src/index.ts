/**
 * corsica: a CORS policy engine. `createCors(options)` validates and compiles the options once;
 * `policy.check(request)` returns the decision. Adapters live in `corsica/node`,
 * `corsica/express` and `corsica/fetch`.
 * @module corsica
 */
import { CorsPolicy } from './core/policy.js'
import type { CorsOptions, CorsRequest, SyncCorsOptions, SyncCorsPolicy } from './core/types.js'

/**
 * Validates and compiles CORS options once. Throws `CorsConfigError` listing every problem.
 *
 * @example
 * const policy = createCors({ origin: ['https://app.example.com'], credentials: true })
 * const decision = policy.check({ method: 'GET', origin: 'https://app.example.com' })
 */
export function createCors<Context = CorsRequest>(options?: SyncCorsOptions<Context>): SyncCorsPolicy<Context>
export function createCors<Context = CorsRequest>(options?: CorsOptions<Context>): CorsPolicy<Context>
export function createCors<Context>(options?: CorsOptions<Context>): CorsPolicy<Context> | SyncCorsPolicy<Context> {
  return new CorsPolicy(options)
}

export { CorsPolicy } from './core/policy.js'
export { CorsConfigError } from './core/errors.js'
export { parseOrigins } from './core/origin-env.js'
export type { CorsConfigProblem, CorsConfigProblemCode } from './core/errors.js'
export { mergeVary, type VaryValue } from './core/vary.js'
export {
  originLookup,
  type OriginLookup,
  type OriginLookupFunction,
  type OriginLookupOptions,
} from './core/origin-lookup.js'
export { createReloadableCors, type ReloadableCors } from './core/reloadable.js'
export { corsMetrics, type CorsMetrics, type CorsMetricsSnapshot } from './core/metrics.js'
export type {
  CandidateDifference,
  CandidateOnlyExcluded,
  CandidateOptions,
  CandidateOutcome,
  EnforcedOutcome,
} from './core/candidate-types.js'
export type {
  ContextArgument,
  CorsDecision,
  CorsOptions,
  CorsRejectEvent,
  CorsRequest,
  ListOption,
  OriginOption,
  OriginPredicate,
  RejectReason,
  RequestKind,
  SyncCorsOptions,
  SyncCorsPolicy,
  SyncOriginPredicate,
} from './core/types.js'
