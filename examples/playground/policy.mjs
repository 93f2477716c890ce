// The page sends its policy as JSON; corsica's options need RegExps as objects. Origin entries
// written `/^https:\/\/.*$/i` become RegExps; everything else passes to createCors unchanged,
// so a typo or a bad value gets corsica's own CorsConfigError.
const REGEXP_LITERAL = /^\/(.+)\/([a-z]*)$/s

/**
 * Turns the page's JSON policy into corsica options, unchecked: createCors checks them.
 * @param {unknown} input
 * @returns {unknown}
 */
export function optionsFromJson(input) {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
  /** @type {Record<string, unknown>} */
  const options = { ...input }
  if (typeof options.origin === 'string') options.origin = toOrigin(options.origin, 'origin')
  else if (Array.isArray(options.origin))
    options.origin = options.origin.map((entry, index) => toOrigin(entry, `origin[${index}]`))
  return options
}

/**
 * @param {unknown} entry
 * @param {string} path
 */
function toOrigin(entry, path) {
  const literal = typeof entry === 'string' ? REGEXP_LITERAL.exec(entry) : null
  if (literal === null) return entry
  const [, source = '', flags] = literal
  try {
    return new RegExp(source, flags)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const problem = { code: 'invalid-regexp', path, message: `${entry} is not a RegExp: ${reason}` }
    throw Object.assign(new Error(`Invalid playground policy:\n  - ${path}: ${problem.message}`), {
      code: 'PLAYGROUND_INPUT',
      problems: [problem],
    })
  }
}
