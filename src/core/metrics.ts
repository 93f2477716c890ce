// Counters a server can export: plain number fields the engine increments in place, so counting
// allocates nothing per request; only a snapshot, when read, makes an object.
import type { CorsDecision, RejectReason } from './types.js'

/** The counters as they stand, a plain copy: what `snapshot()` returns. */
export interface CorsMetricsSnapshot {
  /** CORS requests (actual and preflight) the policy allowed. */
  readonly allowed: number
  /** CORS requests refused, by reason. */
  readonly refused: Readonly<Record<RejectReason, number>>
  /** Preflights decided (allowed or refused), a part of `allowed` plus `refused`. */
  readonly preflights: number
  /** Requests with no Origin, or with CORS off: nothing to decide. */
  readonly notCors: number
  /** Checks that threw or rejected: an origin predicate failed, and the request went on as an error. */
  readonly errors: number
  /** Requests the candidate policy would have answered otherwise (see the `candidate` option). */
  readonly candidateDiffers: number
  /** Requests on which the candidate's check threw or rejected. */
  readonly candidateErrors: number
}

/**
 * Counters for the `metrics` option. Read the fields at any time, or take a `snapshot()`; one
 * object may be passed to several policies, adapters or a per-request options function.
 */
export interface CorsMetrics extends CorsMetricsSnapshot {
  /** A frozen copy of the counters, for an exporter. */
  snapshot(): CorsMetricsSnapshot
}

/**
 * Marks objects made by `corsMetrics()`. Registered globally, so the ESM and CommonJS copies of
 * corsica (or two versions) accept each other's counters.
 */
const BRAND = Symbol.for('corsica.metrics.v1')

/** The counters as the engine writes them: the public type's fields, writable. */
export interface Counters {
  allowed: number
  readonly refused: Record<RejectReason, number>
  preflights: number
  notCors: number
  errors: number
  candidateDiffers: number
  candidateErrors: number
}

class MetricsCounters implements CorsMetrics, Counters {
  allowed = 0
  readonly refused: Record<RejectReason, number> = {
    origin: 0,
    method: 0,
    headers: 0,
    'private-network': 0,
    malformed: 0,
  }
  preflights = 0
  notCors = 0
  errors = 0
  candidateDiffers = 0
  candidateErrors = 0
  readonly [BRAND] = true

  snapshot(): CorsMetricsSnapshot {
    return Object.freeze({
      allowed: this.allowed,
      refused: Object.freeze({ ...this.refused }),
      preflights: this.preflights,
      notCors: this.notCors,
      errors: this.errors,
      candidateDiffers: this.candidateDiffers,
      candidateErrors: this.candidateErrors,
    })
  }
}

/**
 * Makes counters to pass as the `metrics` option of any adapter or of `createCors`.
 *
 * @example
 * const metrics = corsMetrics()
 * app.use(cors({ origin: ['https://app.example.com'], metrics }))
 * // later: metrics.allowed, metrics.refused.origin, metrics.snapshot()
 */
export function corsMetrics(): CorsMetrics {
  return new MetricsCounters()
}

/** Whether `value` was made by `corsMetrics()` (of this copy of corsica or another). */
export function isCorsMetrics(value: unknown): value is Counters {
  return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true
}

/** Counts one decision: a few increments of existing fields. */
export function countDecision(counters: Counters, decided: CorsDecision): void {
  if (decided.kind === 'none') {
    counters.notCors++
    return
  }
  if (decided.kind === 'preflight') counters.preflights++
  if (decided.reason === undefined) counters.allowed++
  else counters.refused[decided.reason]++
}
