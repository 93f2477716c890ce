// The options of originLookup, validated like corsica's own: every problem in one CorsConfigError.
import { CorsConfigError, describe, invalidType, problem, type CorsConfigProblem } from './errors.js'
import type { OriginLookupFunction } from './origin-lookup.js'

/** Options of {@link originLookup}. */
export interface OriginLookupOptions {
  /** Milliseconds an allowed origin's answer is kept. Default `60000`. */
  readonly ttl?: number | undefined
  /** Milliseconds a refused origin's answer is kept; `0` keeps none. Default `10000`. */
  readonly negativeTtl?: number | undefined
  /** The most answers kept, at least 2; older ones are dropped first. Default `10000`. */
  readonly maxEntries?: number | undefined
  /**
   * Milliseconds a lookup may take. Past it, the requests waiting for it fail (an Error naming
   * the origin), the next request starts a new lookup, and a late answer is not kept. Default `5000`.
   */
  readonly timeout?: number | undefined
  /**
   * The clock, in milliseconds. Default: `Date.now()`, read once and shared until a timer
   * clears it a millisecond later. That timer cannot run while the event loop is blocked, so an
   * answer may be served past its time-to-live by as long as the longest stall (a callback that
   * blocks 300 ms) plus the rest of that loop turn. `now: Date.now` (or `() => performance.now()`)
   * reads the clock on every request, for an exact expiry.
   */
  readonly now?: (() => number) | undefined
}

export interface LookupSettings {
  readonly lookup: OriginLookupFunction
  readonly ttl: number
  readonly negativeTtl: number
  readonly maxEntries: number
  readonly timeout: number
  readonly now: (() => number) | undefined
}

const NAMES = ['ttl', 'negativeTtl', 'maxEntries', 'timeout', 'now']
/** The longest delay setTimeout honours; a longer one fires at once. */
const MAX_TIMEOUT = 2_147_483_647
const PATH = 'originLookup'

/** Validates the lookup and its options; throws CorsConfigError listing every problem. */
export function lookupSettings(lookup: unknown, options: unknown): LookupSettings {
  const problems: CorsConfigProblem[] = []
  if (typeof lookup !== 'function') problems.push(invalidType(`${PATH}(lookup)`, 'a function', lookup))
  const input = optionsRecord(options, problems)
  const settings: LookupSettings = {
    lookup: lookup as OriginLookupFunction,
    ttl: duration(input.ttl, 'ttl', 60_000, false, problems),
    negativeTtl: duration(input.negativeTtl, 'negativeTtl', 10_000, true, problems),
    maxEntries: maxEntries(input.maxEntries, problems),
    timeout: timeout(input.timeout, problems),
    now: clock(input.now, problems),
  }
  if (problems.length > 0) throw new CorsConfigError(problems)
  return settings
}

/** Own properties only, unknown names recorded. */
function optionsRecord(options: unknown, problems: CorsConfigProblem[]): Partial<Record<string, unknown>> {
  if (options === undefined) return {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    problems.push(problem('invalid-type', `${PATH}(options)`, `options must be an object, got ${describe(options)}`))
    return {}
  }
  const record: Partial<Record<string, unknown>> = {}
  for (const [name, value] of Object.entries(options)) {
    if (NAMES.includes(name)) record[name] = value
    else problems.push(problem('unknown-option', `${PATH}.${name}`, unknownName(name)))
  }
  return record
}

function unknownName(name: string): string {
  return `"${name}" is not an originLookup option; known options: ${NAMES.join(', ')}`
}

/** A finite number of milliseconds, positive (or 0 where `zero` is allowed: nothing kept). */
function duration(
  value: unknown,
  name: string,
  fallback: number,
  zero: boolean,
  problems: CorsConfigProblem[],
): number {
  if (value === undefined) return fallback
  if (typeof value === 'number' && Number.isFinite(value) && (value > 0 || (zero && value === 0))) return value
  const wanted = zero ? 'milliseconds, 0 or more' : 'a positive number of milliseconds'
  problems.push(problem('invalid-lookup-option', `${PATH}.${name}`, `must be ${wanted}, got ${describe(value)}`))
  return fallback
}

function maxEntries(value: unknown, problems: CorsConfigProblem[]): number {
  if (value === undefined) return 10_000
  if (Number.isSafeInteger(value) && (value as number) >= 2) return value as number
  const message = `must be a whole number, 2 or more (memory is bounded by it), got ${describe(value)}`
  problems.push(problem('invalid-lookup-option', `${PATH}.maxEntries`, message))
  return 10_000
}

function timeout(value: unknown, problems: CorsConfigProblem[]): number {
  if (value === undefined) return 5_000
  if (typeof value === 'number' && value > 0 && value <= MAX_TIMEOUT) return value
  const message =
    `must be a positive number of milliseconds, at most ${MAX_TIMEOUT} (a timer's limit), ` + `got ${describe(value)}`
  problems.push(problem('invalid-lookup-option', `${PATH}.timeout`, message))
  return 5_000
}

function clock(value: unknown, problems: CorsConfigProblem[]): (() => number) | undefined {
  if (value === undefined || typeof value === 'function') return value as (() => number) | undefined
  problems.push(invalidType(`${PATH}.now`, 'a function returning milliseconds', value))
  return undefined
}
