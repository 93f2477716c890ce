// How an origin predicate tells the engine an answer it already knows, without being called: an
// origin lookup's cached answer. The engine then answers an origin allowed before with the
// decision it cached for it, as it does for a listed origin, skipping the syntax scan (an origin
// it allowed before was well-formed) and the predicate call.
import { ownField } from './own.js'
import type { CorsDecision } from './types.js'

/**
 * A cached answer, live until it expires or is invalidated (a new answer is a new slot). The
 * engine keeps its decision for the origin in it: one Map lookup then answers a request, as for
 * a listed origin. `owner` is the policy the decision belongs to (several may share one lookup).
 */
export interface AnswerSlot {
  readonly allowed: boolean
  owner: object | undefined
  decision: CorsDecision | undefined
}

/** A predicate's live answer for `origin` if it knows one now, without any work; undefined otherwise. */
export type KnownAnswer = (origin: string) => AnswerSlot | undefined

/** The property of a predicate that holds its {@link KnownAnswer}. */
export const KNOWN_ANSWER = Symbol('corsica.known-answer')

/** The predicate's {@link KnownAnswer}, when it has one. */
export function knownAnswerOf(predicate: object): KnownAnswer | undefined {
  return ownField(predicate, KNOWN_ANSWER) as KnownAnswer | undefined
}
