// Origins read from an environment variable: split on commas and whitespace, each item checked
// as a configured origin is, every problem placed under the variable's name.
import { CorsConfigError, invalidType, problem, type CorsConfigProblem, type Problems } from './errors.js'
import { addConfiguredOrigin } from './origin-diagnosis.js'
import { OriginAllowList } from './origin-list.js'

/** Commas, spaces, tabs and newlines all separate items: `a,b`, `a, b`, `a b` and `a\nb` read alike. */
const SEPARATORS = /[\s,]+/
const EXAMPLE = 'https://app.example.com,https://*.example.org'

/**
 * Reads a list of origins from a variable's value, e.g. `parseOrigins(process.env.CORS_ORIGINS,
 * 'CORS_ORIGINS')`, for the `origin` option. Items are separated by commas and/or whitespace;
 * duplicates are dropped. `*` alone returns `'*'` (any origin). `null` is kept (`createCors`
 * refuses it with credentials). Throws `CorsConfigError`, naming `name` in each problem, when the
 * value is unset or empty (an unset variable must not quietly mean any origin, or none), or when
 * an item is not an origin or pattern that `origin` accepts, with the fix where there is one.
 *
 * @example
 * // CORS_ORIGINS="https://app.example.com, https://*.example.org"
 * const policy = createCors({ origin: parseOrigins(process.env.CORS_ORIGINS, 'CORS_ORIGINS') })
 */
export function parseOrigins(value: string | undefined, name: string): string[] | '*' {
  if (typeof value !== 'string') throw new CorsConfigError([notAString(value, name)])
  const items = [...new Set(value.split(SEPARATORS).filter((item) => item !== ''))]
  if (items.length === 0) throw new CorsConfigError([missing(name, 'is empty')])
  if (items.length === 1 && items[0] === '*') return '*'
  const problems: Problems = []
  // A scratch list: the checks are the `origin` option's own, which add what they accept to it.
  const list = new OriginAllowList()
  for (const [index, item] of items.entries()) addConfiguredOrigin(list, item, `${name}[${index}]`, problems)
  if (problems.length > 0) throw new CorsConfigError(problems)
  return items
}

function notAString(value: unknown, name: string): CorsConfigProblem {
  if (value === undefined) return missing(name, 'is not set')
  return invalidType(name, 'a string of origins', value)
}

function missing(name: string, state: string): CorsConfigProblem {
  const example = `${name}=${EXAMPLE}`
  const fix = `set it to the allowed origins, separated by commas or spaces (${example}), or to * for any origin`
  return problem('missing-origins', name, `${name} ${state}: ${fix}`)
}
