/** Stable codes of configuration problems. */
export type CorsConfigProblemCode =
  | 'unknown-option'
  | 'invalid-type'
  | 'credentials-with-any-origin'
  | 'null-origin-with-credentials'
  | 'invalid-origin'
  | 'missing-origins'
  | 'invalid-origin-pattern'
  | 'origin-pattern-too-broad'
  | 'unanchored-regexp'
  | 'stateful-regexp'
  | 'invalid-method'
  | 'forbidden-method'
  | 'non-normalized-method'
  | 'invalid-header-name'
  | 'forbidden-request-header'
  | 'forbidden-exposed-header'
  | 'credentials-with-expose-wildcard'
  | 'invalid-max-age'
  | 'invalid-status'
  | 'late-options-route'
  | 'route-origin-unset'
  | 'invalid-lookup-option'
  | 'misplaced-candidate-option'
  | 'candidate-unreported'
  | 'candidate-missing'
  | 'upgrade-any-origin'

/** One problem in the options: where it is, what it is, and how to fix it. */
export interface CorsConfigProblem {
  /** Stable code of the problem, for programs; docs/config-errors.md lists every code with an example. */
  readonly code: CorsConfigProblemCode
  /** The option path, e.g. `origin[2]` or `maxAge`. */
  readonly path: string
  /** A sentence naming the problem and its fix. */
  readonly message: string
  /** The corrected value, when there is an obvious one. */
  readonly suggestion?: string
}

/** Thrown by `createCors` (and the adapters) when options are unsafe or invalid; lists every problem. */
export class CorsConfigError extends Error {
  /** Always `'CorsConfigError'`. */
  override readonly name = 'CorsConfigError'
  /** Always `'CORS_CONFIG'`: tells this error apart without `instanceof` (across bundles or realms). */
  readonly code = 'CORS_CONFIG'
  /** Every problem found in the options, in option order; the message lists them too. */
  readonly problems: readonly CorsConfigProblem[]

  /** Builds the error from the problems found; corsica throws it, applications only catch it. */
  constructor(problems: readonly CorsConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(`Invalid corsica options (${count}):\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`)
    this.problems = Object.freeze(problems.slice())
  }
}

export type Problems = CorsConfigProblem[]

/** A problem; a suggestion is also offered in the message ("did you mean …?"). */
export function problem(
  code: CorsConfigProblemCode,
  path: string,
  message: string,
  suggestion?: string,
): CorsConfigProblem {
  if (suggestion === undefined) return { code, path, message }
  // Arrays and RegExps read as themselves; other suggestions are quoted strings.
  const shown = /^[[/]/.test(suggestion) ? suggestion : `"${suggestion}"`
  return { code, path, message: `${message}; did you mean ${shown}?`, suggestion }
}

/** Records a problem in `problems`. */
export function report(
  problems: Problems,
  code: CorsConfigProblemCode,
  path: string,
  message: string,
  suggestion?: string,
): void {
  problems.push(problem(code, path, message, suggestion))
}

/** Names a value for a message: its type, and the value itself where it is short and printable. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  if (value instanceof RegExp) return 'a RegExp'
  if (typeof value === 'string') return `the string "${value}"`
  if (typeof value === 'function') return 'a function'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

/**
 * What a predicate threw or rejected with, as an Error: frameworks handle Error objects (Hono
 * rethrows anything else out of `app.fetch`, Fastify logs it as unknown).
 */
export function predicateError(error: unknown): Error {
  return error instanceof Error ? error : new Error(`origin predicate failed: ${String(error)}`)
}

/** The error's problems, each with its path under `prefix` (`route GET /x config.cors.` + `origin`). */
export function underPath(error: CorsConfigError, prefix: string): CorsConfigError {
  return new CorsConfigError(error.problems.map((found) => ({ ...found, path: `${prefix}${found.path}` })))
}

/** A value of the wrong type at `path`. */
export function invalidType(path: string, expected: string, value: unknown): CorsConfigProblem {
  return problem('invalid-type', path, `must be ${expected}, got ${describe(value)}`)
}
