// Validates options once and compiles them into the lookups the policy reads per request. Each
// option is read by one function that returns its compiled value and records its problems; all
// problems are thrown together, in option order.
import { CorsConfigError, describe, invalidType, problem, type CorsConfigProblem } from './errors.js'
import {
  compileAllowedHeaders,
  compileExposedHeaders,
  compileMethods,
  compileVary,
  type CompiledAllowedHeaders,
  type CompiledMethods,
} from './list-options.js'
import { optionNameProblem } from './option-names.js'
import { compileOrigin, type OriginMode } from './origin-option.js'
import { ownValue } from './own.js'
import { compileReporting, type Reporting } from './reporting-options.js'
import type { CorsOptions, CorsRejectEvent } from './types.js'

export type { CompiledAllowedHeaders, CompiledMethods } from './list-options.js'
export type { OriginMode } from './origin-option.js'

export interface CompiledOptions {
  readonly origin: OriginMode
  readonly credentials: boolean
  readonly methods: CompiledMethods
  readonly allowedHeaders: CompiledAllowedHeaders
  readonly exposedHeaders: string | undefined
  readonly maxAge: string | undefined
  readonly preflightContinue: boolean
  readonly optionsSuccessStatus: number
  readonly privateNetwork: boolean
  /** Send Timing-Allow-Origin with Access-Control-Allow-Origin on actual responses. */
  readonly timingAllowOrigin: boolean
  readonly onReject: ((event: CorsRejectEvent) => void) | undefined
  /** The `vary` option's names joined by `, `; undefined when unset. */
  readonly vary: string | undefined
  /** metrics, candidate, onCandidateDiffers and debug: what watches the policy. */
  readonly reporting: Reporting
}

const MAX_AGE_LIMIT = 86400
const DEFAULT_STATUS = 204

/** Validates `options` and compiles them; throws CorsConfigError listing every problem. */
export function compileOptions(options: CorsOptions<never> | undefined): CompiledOptions {
  const problems: CorsConfigProblem[] = []
  const input = optionsRecord(options, problems)
  // Own properties only: an option inherited through a polluted Object.prototype is not an option.
  const option = (name: keyof CorsOptions<never>): unknown => ownValue(input, name)
  const credentials = booleanOption(option('credentials'), 'credentials', problems)
  const compiled: CompiledOptions = {
    origin: compileOrigin(option('origin'), credentials, problems),
    credentials,
    methods: compileMethods(option('methods'), problems),
    allowedHeaders: compileAllowedHeaders(option('allowedHeaders'), credentials, problems),
    exposedHeaders: compileExposedHeaders(option('exposedHeaders'), credentials, problems),
    maxAge: maxAgeOption(option('maxAge'), problems),
    preflightContinue: booleanOption(option('preflightContinue'), 'preflightContinue', problems),
    optionsSuccessStatus: statusOption(option('optionsSuccessStatus'), problems),
    privateNetwork: booleanOption(option('privateNetwork'), 'privateNetwork', problems),
    timingAllowOrigin: booleanOption(option('timingAllowOrigin'), 'timingAllowOrigin', problems),
    onReject: onRejectOption(option('onReject'), problems),
    vary: compileVary(option('vary'), problems),
    reporting: compileReporting(option, compileOptions, problems),
  }
  if (problems.length > 0) throw new CorsConfigError(problems)
  return compiled
}

/** The options as a record, after recording unknown names; `{}` when unset or not an object. */
function optionsRecord(options: unknown, problems: CorsConfigProblem[]): Readonly<Record<string, unknown>> {
  if (options === undefined) return {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    problems.push(problem('invalid-type', '(options)', `options must be an object, got ${describe(options)}`))
    return {}
  }
  for (const name of Object.keys(options)) {
    const found = optionNameProblem(name)
    if (found !== undefined) problems.push(found)
  }
  return options as Readonly<Record<string, unknown>>
}

function booleanOption(value: unknown, name: string, problems: CorsConfigProblem[]): boolean {
  if (value !== undefined && typeof value !== 'boolean') problems.push(invalidType(name, 'true or false', value))
  return value === true
}

function maxAgeOption(value: unknown, problems: CorsConfigProblem[]): string | undefined {
  if (value === undefined) return undefined
  if (isIntegerIn(value, 0, MAX_AGE_LIMIT)) return String(value)
  problems.push(
    problem('invalid-max-age', 'maxAge', `must be whole seconds from 0 to ${MAX_AGE_LIMIT}, got ${describe(value)}`),
  )
  return undefined
}

function statusOption(value: unknown, problems: CorsConfigProblem[]): number {
  if (value === undefined) return DEFAULT_STATUS
  if (isIntegerIn(value, 200, 299)) return value
  problems.push(problem('invalid-status', 'optionsSuccessStatus', `must be a 2xx status, got ${describe(value)}`))
  return DEFAULT_STATUS
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
}

function onRejectOption(value: unknown, problems: CorsConfigProblem[]): CompiledOptions['onReject'] {
  if (typeof value === 'function') return value as CompiledOptions['onReject']
  if (value !== undefined) problems.push(invalidType('onReject', 'a function', value))
  return undefined
}
