// Configured RegExps: anchored at both ends and stateless, or a problem that says what the
// RegExp lets through, with an example origin it really matches and the pattern it likely meant.
import { problem, type CorsConfigProblem } from './errors.js'
import { scanOrigin } from './origin-syntax.js'

/** The problem with a configured RegExp, or undefined when it is safe. */
export function regexpProblem(re: RegExp, path: string): CorsConfigProblem | undefined {
  const { source, flags } = re
  if (re.global || re.sticky) {
    const message = `${re} is stateful (${re.global ? 'g' : 'y'} flag): test() then misses matches`
    return problem('stateful-regexp', path, message, `/${source}/${flags.replace(/[gy]/g, '')}`)
  }
  if (isAnchored(source)) return undefined
  const example = attackExample(re)
  const message = `${re} is not anchored by ^…$: ${anchorGap(source)}${example ? `, such as ${example}` : ''}`
  return problem('unanchored-regexp', path, message, hostSuffixPattern(source) ?? anchoredRegExp(source, flags))
}

/** What an unanchored RegExp lets through, by the anchor it lacks. */
function anchorGap(source: string): string {
  const start = source.startsWith('^')
  const end = /(^|[^\\])(\\\\)*\$$/.test(source) // a final $ not escaped
  if (start && end) return 'its top-level | binds ^ and $ to single alternatives'
  if (start) return 'without $, origins that merely start with a match pass'
  if (end) return 'without ^, origins that merely end with a match pass'
  return 'without ^ or $, origins that merely contain a match pass'
}

/**
 * An origin browsers can send that `re` lets through, built around the last name the RegExp
 * spells (`example\.com` → `https://attacker-example.com`, …); undefined when no try matches.
 */
function attackExample(re: RegExp): string | undefined {
  const name = re.source
    .match(/(?<!\\)([a-z\d-]+\\\.)*[a-z\d-]+/gi)
    ?.pop()
    ?.replace(/\\/g, '')
  if (name === undefined) return undefined
  const lookalikes = (scheme: string): string[] => [
    `${scheme}://attacker-${name}`,
    `${scheme}://${name}.attacker.net`,
    `${scheme}://attacker.${name}.attacker.net`,
  ]
  const tries = [
    ...lookalikes('https'),
    ...lookalikes('http'),
    // A subdomain over plain http, then another scheme ending in the one named.
    `http://attacker.${name}`,
    `attacker+https://attacker.${name}`,
  ]
  return tries.find((origin) => re.test(origin) && scanOrigin(origin) !== -1)
}

/** `source` anchored at both ends, with the scheme it needs to match an origin. */
function anchoredRegExp(source: string, flags: string): string {
  const body = source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')
  // An origin starts with its scheme: a pattern naming only the host would match nothing once anchored.
  const scheme = /:(\\?\/){2}/.test(body) ? '' : 'https:\\/\\/'
  return `/^${scheme}(?:${body})$/${flags}`
}

/** A RegExp over a host suffix: `\.example\.com$`, `^https?:\/\/.*\.example\.com`, … */
const HOST_SUFFIX = /^\^?(?:(?:(https?)(\?)?:\\?\/\\?\/)?\.[*+])?\\\.((?:[a-z\d-]+\\\.)+[a-z\d-]+)\$?$/

/**
 * The `*.` pattern a host-suffix RegExp means, https unless the RegExp names a scheme (both
 * when it says `https?`); undefined for other RegExps or a too broad suffix.
 */
function hostSuffixPattern(source: string): string | undefined {
  const match = HOST_SUFFIX.exec(source)
  if (match === null) return undefined
  const [, scheme = 'https', either, domain = ''] = match
  const pattern = `${scheme}://*.${domain.replace(/\\/g, '')}`
  if (scanOrigin(pattern.replace('*', 'x')) === -1) return undefined
  return either && scheme === 'https' ? `["${pattern}", "${pattern.replace('https', 'http')}"]` : pattern
}

/** True when the pattern starts with ^, ends with an unescaped $, and has no top-level `|`. */
function isAnchored(source: string): boolean {
  if (!source.startsWith('^') || !source.endsWith('$')) return false
  let depth = 0
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') {
      if (i === source.length - 2) return false // the final $ is escaped
      i++
    } else if (inClass) inClass = char !== ']'
    else if (char === '[') inClass = true
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === '|' && depth === 0) return false
  }
  return true
}
