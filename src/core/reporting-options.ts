// The options that watch a policy rather than shape its answers: metrics, a candidate policy
// and its reporter, and the debug header. Compiled into one record the policy reads.
import type { CandidateDifference } from './candidate-types.js'
import { candidateReportProblems, compileCandidate } from './candidate-option.js'
import { invalidType, type CorsConfigProblem } from './errors.js'
import { isCorsMetrics, type Counters } from './metrics.js'
import type { CompiledOptions } from './options.js'
import { withRefusalHeader } from './refusal-header.js'
import type { CorsDecision, CorsOptions, RejectReason } from './types.js'

/** Turns a refused decision into the one returned, given the refusal's log sentence. */
export type RefusalNote = (refused: CorsDecision, reason: RejectReason, detail: string) => CorsDecision

export interface Reporting {
  readonly metrics: Counters | undefined
  readonly candidate: CompiledOptions | undefined
  readonly onCandidateDiffers: ((event: CandidateDifference) => void) | undefined
  /** Set by `debug` (a header) or for a candidate (the sentence kept for its report). */
  readonly noteRefusal: RefusalNote | undefined
}

type Option = (name: keyof CorsOptions<never>) => unknown

/** Reads the reporting options; `compile` compiles the candidate's options. */
export function compileReporting(
  option: Option,
  compile: (options: CorsOptions<never>) => CompiledOptions,
  problems: CorsConfigProblem[],
): Reporting {
  const candidate = option('candidate')
  const onCandidateDiffers = option('onCandidateDiffers')
  const metrics = option('metrics')
  candidateReportProblems(candidate, onCandidateDiffers, metrics, problems)
  return {
    metrics: metricsOption(metrics, problems),
    candidate: compileCandidate(candidate, compile, problems),
    onCandidateDiffers: reporterOption(onCandidateDiffers, problems),
    noteRefusal: debugOption(option('debug'), problems),
  }
}

function metricsOption(value: unknown, problems: CorsConfigProblem[]): Counters | undefined {
  if (value === undefined || isCorsMetrics(value)) return value
  problems.push(invalidType('metrics', 'counters made by corsMetrics()', value))
  return undefined
}

function reporterOption(value: unknown, problems: CorsConfigProblem[]): Reporting['onCandidateDiffers'] {
  if (typeof value === 'function') return value as Reporting['onCandidateDiffers']
  if (value !== undefined) problems.push(invalidType('onCandidateDiffers', 'a function', value))
  return undefined
}

function debugOption(value: unknown, problems: CorsConfigProblem[]): RefusalNote | undefined {
  if (value !== undefined && typeof value !== 'boolean') problems.push(invalidType('debug', 'true or false', value))
  return value === true ? withRefusalHeader : undefined
}

/** What a candidate's refusal keeps: its sentence, for the report. Never reaches a response. */
export interface NotedDecision extends CorsDecision {
  readonly detail?: string
}

/** The candidate's refusals carry their sentence. */
const keepDetail: RefusalNote = (refused, _reason, detail) => Object.freeze({ ...refused, detail })

/** A candidate's compiled options, whose refusals keep their sentence for the report. */
export function asCandidate(config: CompiledOptions): CompiledOptions {
  return { ...config, reporting: { ...config.reporting, noteRefusal: keepDetail } }
}
