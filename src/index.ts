/**
 * corsica: a CORS policy engine. `createCors(options)` validates and compiles the options once;
 * `policy.check(request)` returns the decision. Adapters live in `corsica/node`,
 * `corsica/express` and `corsica/fetch`.
 * @module corsica
 */
import { CorsPolicy } from './core/policy.js'
import type { CorsOptions, SyncCorsOptions, SyncCorsPolicy } from './core/types.js'

/**
 * Validates and compiles CORS options once. Throws `CorsConfigError` listing every problem.
 *
 * @example
 * const policy = createCors({ origin: ['https://app.example.com'], credentials: true })
 * const decision = policy.check({ method: 'GET', origin: 'https://app.example.com' })
 */
export function createCors(options?: SyncCorsOptions): SyncCorsPolicy
export function createCors(options?: CorsOptions): CorsPolicy
export function createCors(options?: CorsOptions): CorsPolicy | SyncCorsPolicy {
  return new CorsPolicy(options)
}

export { CorsPolicy } from './core/policy.js'
export { CorsConfigError } from './core/errors.js'
export type { CorsConfigProblem, CorsConfigProblemCode } from './core/errors.js'
export { mergeVary, type VaryValue } from './core/vary.js'
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
  SyncCorsOptions,
  SyncCorsPolicy,
  SyncOriginPredicate,
} from './core/types.js'
