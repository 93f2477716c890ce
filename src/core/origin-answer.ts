// What a `cors`-style origin callback answered for one origin, judged by the rules configured
// options obey, credentials included: `'*'` with credentials is refused here exactly as it is
// refused in `createCors`, so a callback cannot turn it into an echoed origin.
import { BoundedCache } from './cache.js'
import { snapshot } from './content-key.js'
import { CorsConfigError, type CorsConfigProblem } from './errors.js'
import { CorsPolicy } from './policy.js'
import type { CorsDecision } from './types.js'

/** Distinct answers compiled and kept: a callback answering per origin cannot grow it. */
const ANSWER_CACHE_SIZE = 256
const ANSWER_PATH = 'origin callback answer'

/** `(answer, origin) => allowed`; throws CorsConfigError for an answer that is a configuration error. */
export type OriginAnswerJudge = (answer: unknown, origin: string) => boolean

/**
 * Judges callback answers for a policy with these `credentials`. `true` allows the origin the
 * callback was asked about; `false`, `null` and `undefined` refuse it; a string, RegExp or array
 * is an origin option that the origin must match, validated like a configured one.
 */
export function originAnswerJudge(credentials: boolean): OriginAnswerJudge {
  const compiled = new BoundedCache<CorsPolicy>(ANSWER_CACHE_SIZE)
  return (answer, origin) => {
    if (answer === true) return true
    if (answer === false || answer === null || answer === undefined) return false
    if (typeof answer === 'function') throw answerError([FUNCTION_ANSWER])
    const { key, value } = snapshot(answer)
    const list = Array.isArray(value) ? value : undefined
    // `cors` reads boolean items of a list as allow / skip; the other items are validated all the same.
    const option = list === undefined ? value : list.filter((item) => typeof item !== 'boolean')
    const policy = compiled.get(key) ?? compiled.set(key, compileAnswer(option, credentials))
    return list?.includes(true) === true || (policy.check({ method: 'GET', origin }) as CorsDecision).allowed
  }
}

const FUNCTION_ANSWER: CorsConfigProblem = {
  code: 'invalid-type',
  path: '',
  message: 'must be true, false, an origin, a RegExp or an array, got a function',
}

function compileAnswer(option: unknown, credentials: boolean): CorsPolicy {
  try {
    return new CorsPolicy({ origin: option as string, credentials })
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error
    // `origin[1]` in the compiled options is `origin callback answer[1]` to the user.
    throw answerError(error.problems.map((problem) => ({ ...problem, path: problem.path.replace(/^origin/, '') })))
  }
}

/** The answer's problems, each placed at `origin callback answer[…]`. */
function answerError(problems: readonly CorsConfigProblem[]): CorsConfigError {
  return new CorsConfigError(problems.map((problem) => ({ ...problem, path: `${ANSWER_PATH}${problem.path}` })))
}
