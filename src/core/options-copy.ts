// The options a reloadable policy keeps: one copy, read once, that nobody can change afterwards.
// Compiled from it (both variants, whenever an adapter asks) and shown as `policy.options`, it is
// the same options everywhere, whatever the caller does with the object it passed.
import { checkSourceOf } from './check-source.js'
import { MAX_DEPTH, snapshot } from './content-key.js'

/**
 * A frozen copy of `options`: plain objects and arrays copied and frozen as deep as snapshot()
 * copies them; functions, class instances and RegExps (rebuilt, and left unfrozen so a global
 * one can still move its lastIndex) as snapshot() gives them.
 */
export function frozenOptions<Options>(options: Options): Options {
  // Another reloadable policy (or a spread of one) is a source of checks, not options to copy.
  if (checkSourceOf(options) !== undefined) return options
  const copy = snapshot(options).value
  freeze(copy, 0)
  return copy as Options
}

function freeze(value: unknown, depth: number): void {
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return
  const prototype: unknown = Object.getPrototypeOf(value)
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return
  for (const item of Object.values(value)) freeze(item, depth + 1)
  Object.freeze(value)
}
