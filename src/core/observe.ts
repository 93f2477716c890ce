// Watching a policy from outside: counting its decisions and checking a candidate policy beside
// it. The enforced decision is returned untouched and never waits for the candidate: an async
// candidate is compared when it settles, and its failures are reported, never thrown.
import type { CandidateDifference, CandidateOutcome } from './candidate-types.js'
import { countDecision, type Counters } from './metrics.js'
import type { Check } from './policy.js'
import type { NotedDecision, Reporting } from './reporting-options.js'
import { ignoreRejection, isPreflight, isPromiseLike } from './request.js'
import type { CorsDecision, CorsRequest } from './types.js'

/** A candidate's check that threw or rejected. */
class CandidateFailure {
  constructor(readonly error: unknown) {}
}

type Trial = NotedDecision | CandidateFailure

/** `enforced`, counted into `reporting.metrics` and compared with `candidate` when there is one. */
export function observed(enforced: Check, candidate: Check | undefined, reporting: Reporting): Check {
  const { metrics } = reporting
  return (request, context = request) => {
    let decided: CorsDecision | Promise<CorsDecision>
    try {
      decided = enforced(request, context)
    } catch (error) {
      if (metrics !== undefined) metrics.errors++
      throw error
    }
    const trial = candidate === undefined ? undefined : attempt(candidate, request, context)
    if (!isPromiseLike<CorsDecision>(decided)) {
      settle(reporting, request, decided, trial)
      return decided
    }
    return decided.then(
      (settled) => {
        settle(reporting, request, settled, trial)
        return settled
      },
      (error: unknown) => {
        if (metrics !== undefined) metrics.errors++
        throw error
      },
    )
  }
}

/** The candidate's answer, or its failure; a Promise of either that never rejects. */
function attempt(candidate: Check, request: CorsRequest, context: unknown): Trial | Promise<Trial> {
  let answer: CorsDecision | Promise<CorsDecision>
  try {
    answer = candidate(request, context)
  } catch (error) {
    return new CandidateFailure(error)
  }
  if (!isPromiseLike<CorsDecision>(answer)) return answer
  return Promise.resolve(answer).then(
    (settled) => settled,
    (error: unknown) => new CandidateFailure(error),
  )
}

function settle(
  reporting: Reporting,
  request: CorsRequest,
  decided: CorsDecision,
  trial: Trial | Promise<Trial> | undefined,
): void {
  if (reporting.metrics !== undefined) countDecision(reporting.metrics, decided)
  if (trial === undefined) return
  // attempt() made any Promise itself: a native one, told apart without reading `then`.
  if (trial instanceof Promise) trial.then((settled: Trial) => compare(reporting, request, decided, settled))
  else compare(reporting, request, decided, trial)
}

/** Reports the trial when its answer differs from the decision's, or when it failed. */
function compare(reporting: Reporting, request: CorsRequest, decided: CorsDecision, trial: Trial): void {
  const failed = trial instanceof CandidateFailure
  if (!failed && trial.allowed === decided.allowed) return
  if (reporting.metrics !== undefined) count(reporting.metrics, failed)
  const onCandidateDiffers = reporting.onCandidateDiffers
  if (onCandidateDiffers === undefined) return
  const event: CandidateDifference = {
    origin: request.origin ?? '',
    kind: isPreflight(request) ? 'preflight' : 'actual',
    enforced: { allowed: decided.allowed, reason: decided.reason },
    candidate: failed ? failedOutcome(trial) : outcomeOf(trial),
    request,
  }
  try {
    ignoreRejection(onCandidateDiffers(event))
  } catch {
    // Report-only means no effect on any response: a reporter's failure stays with the reporter.
  }
}

function count(metrics: Counters, failed: boolean): void {
  if (failed) metrics.candidateErrors++
  else metrics.candidateDiffers++
}

function outcomeOf(trial: NotedDecision): CandidateOutcome {
  return { allowed: trial.allowed, reason: trial.reason, detail: trial.detail }
}

function failedOutcome(failure: CandidateFailure): CandidateOutcome {
  return {
    allowed: false,
    reason: undefined,
    detail: "the candidate's origin predicate failed (see error)",
    error: failure.error,
  }
}
