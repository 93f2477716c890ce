// What the TypeScript suites use instead of a non-null assertion (`value!`): the value, checked.

/**
 * `value` when it is neither `undefined` nor `null`; otherwise throws, naming `what` was missing,
 * so that a test fails at the read that went wrong rather than at a later TypeError.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what} to be defined, got ${value}`)
  return value
}
