// An options value that is not options but a source of compiled checks: a reloadable policy.
// compileCheck, which every adapter calls, asks it for its check instead of compiling.
import { CorsConfigError, problem } from './errors.js'
import { ownField } from './own.js'
import type { Check, PolicyContext } from './policy.js'

/** The property of a reloadable policy that holds its source of checks. */
export const CHECK_SOURCE = Symbol('corsica.check-source')

export interface CheckSource {
  /** A check that reads the current policy once per request, compiled for `context`. */
  checkFor(context: PolicyContext): Check
}

/** The value's source of checks, when it is a reloadable policy (or a spread copy of one). */
export function checkSourceOf(options: unknown): CheckSource | undefined {
  if (typeof options !== 'object' || options === null) return undefined
  return ownField(options, CHECK_SOURCE) as CheckSource | undefined
}

/**
 * Throws CorsConfigError for each option beside a reloadable policy's source (`{ ...policy,
 * origin: [...] }`): the policy's own options alone decide, so such an option would be ignored.
 * A reloadable policy has no own string key; Fastify removes its register options first.
 */
export function refuseOptionsBesideSource(options: object): void {
  const names = Object.keys(options)
  if (names.length === 0) return
  throw new CorsConfigError(
    names.map((name) =>
      problem(
        'unknown-option',
        name,
        'is ignored beside a reloadable policy, whose own options alone decide: ' +
          "replace() the policy's options instead " +
          `(policy.replace({ ...policy.options, ${JSON.stringify(name)}: ... }))`,
      ),
    ),
  )
}
