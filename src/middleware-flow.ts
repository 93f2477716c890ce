// How a Node-style middleware (Express's, Fastify's onRequest hook) runs a check: the decision
// is handed on synchronously when it is one; a check that throws or rejects goes to `fail`; and
// in a promise callback, where a throw would be an unhandled rejection, a `next` that throws has
// its error handed to `fail`, once.
import type { Check } from './core/policy.js'
import { isPromiseLike } from './core/request.js'
import type { CorsDecision, CorsRequest } from './core/types.js'

/** What a middleware does with the decision, or with the error, for one response. */
export interface Steps<Target, Next> {
  readonly finish: (decision: CorsDecision, target: Target, next: Next) => void
  readonly fail: (error: unknown, target: Target, next: Next) => void
}

/** Decides `request` (the predicate gets `context`) and runs `steps.finish` or `steps.fail`. */
export function runCheck<Target, Next>(
  check: Check,
  request: CorsRequest,
  context: unknown,
  target: Target,
  next: Next,
  steps: Steps<Target, Next>,
): void {
  let decision: CorsDecision | Promise<CorsDecision>
  try {
    decision = check(request, context)
  } catch (error) {
    steps.fail(error, target, next)
    return
  }
  if (!isPromiseLike<CorsDecision>(decision)) {
    steps.finish(decision, target, next)
    return
  }
  const rescue = (error: unknown) => steps.fail(error, target, next)
  decision.then(
    (settled) => afterSettling(() => steps.finish(settled, target, next), rescue),
    (error: unknown) => afterSettling(() => rescue(error), rescue),
  )
}

function afterSettling(step: () => void, rescue: (error: unknown) => void): void {
  try {
    step()
  } catch (error) {
    try {
      rescue(error)
    } catch {
      // The framework failed twice; nothing is left that could take the error without crashing.
    }
  }
}
