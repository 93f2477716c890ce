// The option names, and the one a misspelt name most likely meant ("did you mean …?").
import { problem, type CorsConfigProblem } from './errors.js'
import { ownValue } from './own.js'
import type { CorsOptions } from './types.js'

export const OPTION_NAMES: readonly string[] = [
  'origin',
  'credentials',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'preflightContinue',
  'optionsSuccessStatus',
  'privateNetwork',
  'timingAllowOrigin',
  'onReject',
  'vary',
  'candidate',
  'onCandidateDiffers',
  'metrics',
  'debug',
] satisfies (keyof CorsOptions)[]

/** Names other CORS libraries use that no spelling rule maps to corsica's. */
const FOREIGN_NAMES: Readonly<Record<string, string>> = {
  privateNetworkAccess: 'privateNetwork',
  allowPrivateNetwork: 'privateNetwork',
  preflightStatus: 'optionsSuccessStatus',
}

/** Suggest only a name at most two edits away. */
const MAX_SUGGESTION_DISTANCE = 2

/** The problem with `name`, or undefined when it is an option. */
export function optionNameProblem(name: string): CorsConfigProblem | undefined {
  if (OPTION_NAMES.includes(name)) return undefined
  const message = `"${name}" is not a corsica option`
  const suggestion = ownValue(FOREIGN_NAMES, name) ?? closestOption(name)
  if (suggestion === undefined)
    return problem('unknown-option', name, `${message}; known options: ${OPTION_NAMES.join(', ')}`)
  return problem('unknown-option', name, message, suggestion)
}

function closestOption(name: string): string | undefined {
  let closest: string | undefined
  let best = MAX_SUGGESTION_DISTANCE + 1
  for (const known of OPTION_NAMES) {
    const distance = editDistance(looseName(known), looseName(name))
    if (distance < best) {
      closest = known
      best = distance
    }
  }
  return closest
}

/**
 * An option name with case, a leading `allow`/`allowed` and a plural `s` ignored: what people
 * bring from other libraries.
 */
function looseName(name: string): string {
  return name.toLowerCase().replace(/^allow(ed)?|s$/g, '')
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
