// The decision object the engine returns, and the failures that lead to a refusal.
import { VARY_ORIGIN } from './header-names.js'
import type { CorsDecision, RejectReason, RequestKind } from './types.js'

/**
 * What failed, finer than the public reason: a `-syntax` failure is reported as `malformed`,
 * and the finer name picks the sentence given to onReject.
 */
export type Failure =
  | 'origin'
  | 'origin-syntax'
  | 'method'
  | 'method-syntax'
  | 'headers'
  | 'headers-syntax'
  | 'private-network'

/** The public reason of a failure. */
export function reasonOf(failure: Failure): RejectReason {
  switch (failure) {
    case 'origin-syntax':
    case 'method-syntax':
    case 'headers-syntax':
      return 'malformed'
    default:
      return failure
  }
}

interface DecisionParts {
  readonly kind: RequestKind
  readonly headers: Record<string, string>
  readonly vary: string | undefined
  readonly status?: number | undefined
  readonly reason?: RejectReason | undefined
}

/** A frozen decision; `allowed` follows from `reason`, so the two never disagree. */
export function decision({ kind, headers, vary, status, reason }: DecisionParts): CorsDecision {
  const allowed = reason === undefined
  return Object.freeze({ kind, allowed, headers: Object.freeze(headers), vary, status, reason })
}

/**
 * What a response carries when no decision could be made (an origin function or options function
 * failed): no CORS header, and Vary: Origin, since the failure may depend on the origin.
 */
export const UNDECIDED: CorsDecision = decision({ kind: 'none', headers: {}, vary: VARY_ORIGIN })
