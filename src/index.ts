/**
 * corsica: a CORS policy engine. `createCors(options)` validates and compiles the options once;
 * `policy.check(request)` returns the decision. Adapters live in `corsica/node`,
 * `corsica/express` and `corsica/fetch`.
 * @packageDocumentation
 */
import { CorsPolicy } from './core/policy.js'
import type { CorsDecision, CorsOptions, CorsRequest, OriginOption, OriginPredicate, SyncOriginPredicate } from './core/types.js'

/** Options whose origin check is synchronous, so `check()` always returns a decision directly. */
export interface SyncCorsOptions extends CorsOptions {
  origin?: Exclude<OriginOption, OriginPredicate> | SyncOriginPredicate
}

/** A compiled policy whose `check()` never returns a Promise. */
export interface SyncCorsPolicy {
  /** Decides a request and returns the decision directly; see {@link CorsPolicy.check}. */
  check(request: CorsRequest): CorsDecision
}

/**
 * Validates and compiles CORS options once. Throws `CorsConfigError` listing every problem.
 *
 * @example
 * const policy = createCors({ origin: ['https://app.example.com'], credentials: true })
 * const decision = policy.check({ method: 'GET', origin: 'https://app.example.com' })
 */
export function createCors(options?: SyncCorsOptions): SyncCorsPolicy
export function createCors(options: CorsOptions): CorsPolicy
export function createCors(options?: CorsOptions): CorsPolicy | SyncCorsPolicy {
  return new CorsPolicy(options)
}

export { CorsPolicy } from './core/policy.js'
export { CorsConfigError } from './core/errors.js'
export type { CorsConfigProblem, CorsConfigProblemCode } from './core/errors.js'
export { mergeVary } from './core/vary.js'
export type {
  CorsDecision,
  CorsOptions,
  CorsRejectEvent,
  CorsRequest,
  ListOption,
  OriginOption,
  OriginPredicate,
  RejectReason,
  RequestKind,
  SyncOriginPredicate,
} from './core/types.js'
