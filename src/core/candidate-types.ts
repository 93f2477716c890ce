// The public types of a candidate policy: options checked beside the enforced ones, report-only.
import type { CorsOptions, CorsRequest, RejectReason } from './types.js'

/** Options a candidate cannot have: it reports through its policy's options, never by itself. */
export type CandidateOnlyExcluded = 'candidate' | 'onCandidateDiffers' | 'onReject' | 'metrics' | 'debug'

/**
 * A candidate policy: the options you mean to enforce next, e.g. a list replacing `origin: '*'`.
 * Evaluated on every request beside the enforced policy; it never changes a response.
 */
export type CandidateOptions<Context = unknown> = Omit<CorsOptions<Context>, CandidateOnlyExcluded>

/** How the enforced policy answered a request the candidate answers otherwise. */
export interface EnforcedOutcome {
  /** Whether the enforced policy allowed the request. */
  readonly allowed: boolean
  /** Why it refused; undefined when it allowed. */
  readonly reason: RejectReason | undefined
}

/** How the candidate would have answered. */
export interface CandidateOutcome {
  /** `false` when it would refuse, or when its check failed (`error` is then set). */
  readonly allowed: boolean
  /** Why it would refuse; undefined when it would allow or when its check failed. */
  readonly reason: RejectReason | undefined
  /** A sentence for logs naming what it would refuse, request values JSON-quoted; undefined when it allows. */
  readonly detail: string | undefined
  /** What the candidate's origin predicate threw or rejected with; undefined otherwise. */
  readonly error?: unknown
}

/**
 * Passed to `onCandidateDiffers` for each request the candidate answers otherwise than the
 * enforced policy (one allows, the other refuses), and for each request its check failed on.
 */
export interface CandidateDifference {
  /** The Origin header as received. */
  readonly origin: string
  /** A preflight, or an actual request. */
  readonly kind: 'preflight' | 'actual'
  /** What was done: the response the client got. */
  readonly enforced: EnforcedOutcome
  /** What the candidate would have done. */
  readonly candidate: CandidateOutcome
  /** The request values the engine read. */
  readonly request: CorsRequest
}
