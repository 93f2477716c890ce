// The `candidate` option: options compiled like the enforced ones, under the path `candidate.`,
// without the options that report or write headers (those belong to the enforced policy).
import type { CandidateOnlyExcluded } from './candidate-types.js'
import { type CorsConfigError, invalidType, problem, underPath, type CorsConfigProblem } from './errors.js'
import type { CompiledOptions } from './options.js'
import { ownField } from './own.js'
import type { CorsOptions } from './types.js'

/** Why each excluded option has no place in a candidate. */
const MISPLACED: Readonly<Record<CandidateOnlyExcluded, string>> = {
  candidate: 'a candidate has no candidate of its own',
  onCandidateDiffers: 'set it beside candidate, not inside it',
  onReject: 'a candidate refuses nothing; what it would refuse goes to onCandidateDiffers',
  metrics: 'set it beside candidate, where it counts candidateDiffers',
  debug: 'a candidate writes no header; set debug beside candidate',
}

type Compile = (options: CorsOptions<never>) => CompiledOptions

/** The candidate compiled by `compile`, or undefined when unset or invalid (its problems recorded). */
export function compileCandidate(
  value: unknown,
  compile: Compile,
  problems: CorsConfigProblem[],
): CompiledOptions | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(invalidType('candidate', 'an options object', value))
    return undefined
  }
  // A copy without the excluded names: a candidate holding itself must not recurse.
  const options: Record<string, unknown> = {}
  for (const name of Object.keys(value)) {
    const entry = ownField(value, name)
    if (!Object.hasOwn(MISPLACED, name)) options[name] = entry
    else if (entry !== undefined) problems.push(misplaced(name, MISPLACED[name as CandidateOnlyExcluded]))
  }
  try {
    return compile(options as CorsOptions<never>)
  } catch (error) {
    // compileOptions throws nothing else: the copy above already read every value.
    problems.push(...underPath(error as CorsConfigError, 'candidate.').problems)
    return undefined
  }
}

function misplaced(name: string, reason: string): CorsConfigProblem {
  return problem('misplaced-candidate-option', `candidate.${name}`, `is not a candidate option (${reason})`)
}

/** A candidate must be heard somewhere, and a reporter needs a candidate to report on. */
export function candidateReportProblems(
  candidate: unknown,
  onCandidateDiffers: unknown,
  metrics: unknown,
  problems: CorsConfigProblem[],
): void {
  if (candidate !== undefined && onCandidateDiffers === undefined && metrics === undefined)
    problems.push(
      problem(
        'candidate-unreported',
        'candidate',
        'reports nowhere: set onCandidateDiffers (or metrics) to hear of the requests it would answer otherwise',
      ),
    )
  if (candidate === undefined && onCandidateDiffers !== undefined)
    problems.push(
      problem('candidate-missing', 'onCandidateDiffers', 'has nothing to report: set candidate to the options to try'),
    )
}
