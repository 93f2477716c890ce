// Is the request's Origin allowed? One answer per origin mode; the Origin's syntax is checked
// before anything but the exact set reads it, so predicates only see well-formed origins.
import { CorsConfigError, describe, problem, type CorsConfigProblem } from './errors.js'
import type { OriginMode } from './options.js'
import type { OriginAllowList } from './origin-list.js'
import { MAX_ORIGIN_LENGTH, scanOrigin } from './origin-syntax.js'
import { isPromiseLike } from './request.js'
import type { OriginPredicate } from './types.js'

export type Verdict = 'allowed' | 'refused' | 'malformed'

/** Every origin mode but `off`, which the policy answers before it reads the Origin. */
type CheckedMode = Exclude<OriginMode, { readonly kind: 'off' }>

/** The verdict on `origin`; a Promise only when a predicate, given `context`, returned one. */
export function originVerdict(mode: CheckedMode, origin: string, context: unknown): Verdict | Promise<Verdict> {
  // No default: tsc refuses a mode without its case (this function must return a Verdict).
  switch (mode.kind) {
    case 'any':
      return 'allowed' // nothing is echoed, so the Origin's value never matters
    case 'echo-any':
      return verdictOfShape(shapeOf(origin))
    case 'list':
      return listVerdict(mode.list, origin)
    case 'predicate':
      return predicateVerdict(mode.predicate, origin, context)
  }
}

type NotAnOrigin = 'refused' | 'malformed'

/**
 * The origin's packed shape (see scanOrigin), or why it is not one to match: `null` is refused
 * (allowed only when listed), anything else that is not a serialized origin is malformed.
 */
function shapeOf(origin: string): number | NotAnOrigin {
  if (origin === 'null') return 'refused'
  const shape = scanOrigin(origin)
  return shape === -1 ? 'malformed' : shape
}

function verdictOfShape(shape: number | NotAnOrigin): Verdict {
  return typeof shape === 'number' ? 'allowed' : shape
}

function listVerdict(list: OriginAllowList, origin: string): Verdict {
  // Listed origins were validated at compile time: one Set lookup, no scan.
  if (origin.length <= MAX_ORIGIN_LENGTH && list.exact.has(origin)) return 'allowed'
  const shape = shapeOf(origin)
  if (typeof shape !== 'number') return shape
  return list.matchesBeyondExact(origin, shape) ? 'allowed' : 'refused'
}

/** `true` allows, `false` refuses; a throw or a rejection reaches the caller of `check()`. */
function predicateVerdict(
  predicate: OriginPredicate<unknown>,
  origin: string,
  context: unknown,
): Verdict | Promise<Verdict> {
  const shape = shapeOf(origin)
  if (typeof shape !== 'number') return shape
  const answer: unknown = predicate(origin, context)
  if (isPromiseLike(answer)) return Promise.resolve(answer).then(verdictOf)
  return verdictOf(answer)
}

/**
 * Any other answer is a mistake that would otherwise refuse every origin in silence: a string
 * meant as the origin to send (hono/cors, @koa/cors), or nothing from a function written for
 * `cors`'s `(origin, callback)` shape.
 */
function verdictOf(answer: unknown): Verdict {
  if (typeof answer === 'boolean') return answer ? 'allowed' : 'refused'
  throw new CorsConfigError([predicateAnswerProblem(answer)])
}

function predicateAnswerProblem(answer: unknown): CorsConfigProblem {
  const hint =
    answer === undefined
      ? ': return the answer (an `(origin, callback)` function is the corsica/express style)'
      : ": corsica echoes the request's origin when the answer is true"
  return problem('invalid-type', 'origin predicate answer', `must be true or false, got ${describe(answer)}${hint}`)
}
