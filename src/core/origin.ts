// Origins: the serialized-origin grammar, the allow-list (exact set, `*.`/`:*` pattern trie,
// anchored RegExps), and the diagnosis of configured origins that do not fit the grammar.
import { report, type Problems } from './errors.js'

/** Longest Origin header accepted; a DNS name is at most 253 characters. */
export const MAX_ORIGIN_LENGTH = 512

const COLON = 0x3a
const SLASH = 0x2f
const DOT = 0x2e
const HYPHEN = 0x2d

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}
function isLowerAlpha(code: number): boolean {
  return code >= 0x61 && code <= 0x7a
}
function isHostLabelChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === HYPHEN || code === 0x5f
}
function isSchemeChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === 0x2b || code === HYPHEN || code === DOT
}
function isIpv6Char(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x66) || code === COLON || code === DOT
}

/** 80 or 443 for the schemes that have a default port, -1 for others; reads in place, no substring. */
function defaultPortOf(value: string, schemeEnd: number): number {
  if ((schemeEnd === 4 && value.startsWith('http')) || (schemeEnd === 2 && value.startsWith('ws'))) return 80
  return (schemeEnd === 5 && value.startsWith('https')) || (schemeEnd === 3 && value.startsWith('wss')) ? 443 : -1
}

/**
 * Checks that `value` is a serialized origin as a browser sends it: `scheme://host[:port]`,
 * lowercase, no default port, no path, no trailing dot. Returns -1 when it is not, otherwise
 * the positions of the scheme's end and the host's end packed in one integer (no allocation).
 */
export function scanOrigin(value: string): number {
  const length = value.length
  if (length > MAX_ORIGIN_LENGTH || !isLowerAlpha(value.charCodeAt(0))) return -1
  // Every loop tests `i < length` first: reading past the end makes V8 take a slow path.
  let i = 1
  while (i < length && isSchemeChar(value.charCodeAt(i))) i++
  const schemeEnd = i
  if (value.charCodeAt(i) !== COLON || value.charCodeAt(i + 1) !== SLASH || value.charCodeAt(i + 2) !== SLASH) return -1
  i += 3
  if (value.charCodeAt(i) === 0x5b) {
    // [IPv6]: hex digits, colons and dots.
    const start = ++i
    while (i < length && isIpv6Char(value.charCodeAt(i))) i++
    if (i === start || value.charCodeAt(i++) !== 0x5d) return -1
  } else {
    let labelLength = 0
    for (; i < length; i++) {
      const code = value.charCodeAt(i)
      if (isHostLabelChar(code)) labelLength++
      else if (code === DOT && labelLength > 0) labelLength = 0
      else break
    }
    if (labelLength === 0) return -1 // empty host, empty label or trailing dot
  }
  const hostEnd = i
  if (i < length) {
    if (value.charCodeAt(i) !== COLON) return -1
    const port = readPort(value, i + 1)
    if (port < 0 || port === defaultPortOf(value, schemeEnd)) return -1
  }
  return schemeEnd | (hostEnd << 10)
}

/** Reads `1`..`65535` without leading zeros running to the end of `value`; -1 otherwise. */
function readPort(value: string, start: number): number {
  const length = value.length
  if (start === length || length - start > 5 || value.charCodeAt(start) === 0x30) return -1
  let port = 0
  for (let i = start; i < length; i++) {
    const code = value.charCodeAt(i)
    if (!isDigit(code)) return -1
    port = port * 10 + code - 0x30
  }
  return port <= 65535 ? port : -1
}

/** The origin's explicit port, or -1 when it has none (the scheme's default). */
function portOf(value: string, shape: number): number {
  const hostEnd = shape >>> 10
  return hostEnd === value.length ? -1 : readPort(value, hostEnd + 1)
}

/** Ports a pattern accepts: numbers, -1 for the default port, '*' for any. */
type PortRule = Set<number | '*'>

function accepts(rule: PortRule | undefined, port: number): boolean {
  return rule !== undefined && (rule.has('*') || rule.has(port))
}

interface TrieNode {
  readonly next: Map<number, TrieNode>
  /** On the node reached by `.suffix`: one or more labels may stand left of it. */
  subdomains?: PortRule
  /** On the node reached by a whole host. */
  host?: PortRule
}

/**
 * A compiled allow-list: exact origins, patterns and anchored RegExps. `*.` and `:*` patterns sit
 * in a trie per scheme, keyed on the host read backwards, so a lookup walks the origin once
 * whatever the number of patterns, and a subdomain pattern only matches at a label boundary.
 */
export class OriginAllowList {
  readonly exact = new Set<string>()
  readonly regexps: RegExp[] = []
  // A list names one or two schemes: comparing each in place is cheaper than a trie walk over them.
  readonly schemes: [scheme: string, hosts: TrieNode][] = []

  addPattern(scheme: string, host: string, subdomains: boolean, port: number | '*'): void {
    let entry = this.schemes.find(([known]) => known === scheme)
    if (entry === undefined) this.schemes.push((entry = [scheme, { next: new Map() }]))
    let node = entry[1]
    const key = subdomains ? `.${host}` : host
    for (let i = key.length; i-- > 0; ) {
      const code = key.charCodeAt(i)
      let child = node.next.get(code)
      if (child === undefined) node.next.set(code, (child = { next: new Map() }))
      node = child
    }
    ;(subdomains ? (node.subdomains ??= new Set()) : (node.host ??= new Set())).add(port)
  }

  /** For an origin already known valid (`shape` from scanOrigin) and not in `exact`. */
  matchesBeyondExact(origin: string, shape: number): boolean {
    const schemeEnd = shape & 0x3ff
    const hostStart = schemeEnd + 3
    const port = portOf(origin, shape)
    let node: TrieNode | undefined
    // Indexed loops, no callbacks: this runs for every refused origin and must not allocate.
    for (let k = 0; k < this.schemes.length; k++) {
      const [scheme, hosts] = this.schemes[k]!
      if (scheme.length === schemeEnd && origin.startsWith(scheme)) node = hosts
    }
    for (let i = shape >>> 10; i-- > hostStart && node !== undefined; ) {
      node = node.next.get(origin.charCodeAt(i))
      // A subdomain rule sits after a '.', so i > hostStart means at least one label remains.
      if (i > hostStart && accepts(node?.subdomains, port)) return true
    }
    if (accepts(node?.host, port)) return true
    for (let k = 0; k < this.regexps.length; k++) if (this.regexps[k]!.test(origin)) return true
    return false
  }
}

// ---- Configuration: validating and diagnosing configured origins ----

/** Adds one configured string or RegExp to `list`, or reports why it cannot be. */
export function addConfiguredOrigin(list: OriginAllowList, entry: string | RegExp, path: string, problems: Problems): void {
  if (entry instanceof RegExp) {
    if (regexpIsSafe(entry, path, problems)) list.regexps.push(entry)
  } else if (entry === 'null' || scanOrigin(entry) !== -1) list.exact.add(entry)
  else if (entry === '*') report(problems, 'invalid-origin', path, `'*' cannot be mixed with origins`, '*')
  else if (entry.includes('*')) addPattern(list, entry, path, problems)
  else if (entry.includes(',')) {
    const suggestion = `[${entry.split(',').map((part) => `"${suggestOrigin(part) ?? part.trim()}"`).join(', ')}]`
    report(problems, 'invalid-origin', path, `"${entry}" holds several origins in one string`, suggestion)
  } else report(problems, 'invalid-origin', path, `"${entry}" is not a scheme://host[:port] origin (${originFlaws(entry)})`, suggestOrigin(entry))
}

function addPattern(list: OriginAllowList, entry: string, path: string, problems: Problems): void {
  const separator = entry.indexOf('://')
  let rest = entry.slice(separator + 3)
  const subdomains = rest.startsWith('*.')
  if (subdomains) rest = rest.slice(2)
  const anyPort = rest.endsWith(':*')
  if (anyPort) rest = rest.slice(0, -2)
  if (separator === -1 || rest.includes('*')) {
    report(problems, 'invalid-origin-pattern', path, `"${entry}": '*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)`)
    return
  }
  // Checked as an origin with a placeholder label in place of '*'.
  const concrete = `${entry.slice(0, separator)}://${subdomains ? 'x.' : ''}${rest}`
  const shape = scanOrigin(concrete)
  if (shape === -1) {
    const fixed = suggestOrigin(concrete)
    const suggestion = fixed && (subdomains ? fixed.replace('://x.', '://*.') : fixed) + (anyPort ? ':*' : '')
    report(problems, 'invalid-origin-pattern', path, `"${entry}" is not a valid pattern (${originFlaws(concrete)})`, suggestion)
    return
  }
  const scheme = entry.slice(0, separator)
  const host = concrete.slice(separator + (subdomains ? 5 : 3), shape >>> 10)
  if (subdomains && !host.includes('.')) {
    report(problems, 'origin-pattern-too-broad', path, `"${entry}" covers a whole top-level domain; name a domain: ${scheme}://*.example.${host}`)
  } else if (subdomains && isDigit(host.charCodeAt(host.length - 1))) {
    report(problems, 'invalid-origin-pattern', path, `"${entry}": an IP address has no subdomains`)
  } else list.addPattern(scheme, host, subdomains, anyPort ? '*' : portOf(concrete, shape))
}

/** `entry` cut into scheme (undefined without `://`), authority (up to `/`, `?` or `#`) and the rest. */
function partsOf(entry: string): { scheme: string | undefined; authority: string; tail: string } {
  const separator = entry.indexOf('://')
  const rest = separator === -1 ? entry : entry.slice(separator + 3)
  const cut = rest.search(/[/?#]|$/)
  return { scheme: separator === -1 ? undefined : entry.slice(0, separator), authority: rest.slice(0, cut), tail: rest.slice(cut) }
}

/** Names what keeps `entry` from being a serialized origin, in words a user can act on. */
function originFlaws(entry: string): string {
  const { scheme = '', authority, tail } = partsOf(entry)
  const port = defaultPortOf(scheme.toLowerCase(), scheme.length)
  const flaws = [
    /\s/.test(entry) && 'whitespace',
    !entry.includes('://') && 'no scheme',
    tail !== '' && (tail === '/' ? 'a trailing slash' : 'a path, query or fragment'),
    /[A-Z]/.test(scheme + authority) && 'uppercase letters',
    port > 0 && authority.endsWith(`:${port}`) && `the default port ${port}`,
    /\.(:|$)/.test(authority) && 'a trailing dot',
    authority.includes('@') && 'user info',
  ].filter(Boolean)
  return flaws.length > 0 ? flaws.join(', ') : 'not scheme://host[:port]'
}

/** The serialized origin a user most likely meant, if normalising yields a valid one. */
export function suggestOrigin(entry: string): string | undefined {
  const text = entry.trim()
  const { scheme = 'https', authority } = partsOf(text.includes('://') ? text : text.replace(/^\/+/, ''))
  const lower = scheme.toLowerCase()
  const port = defaultPortOf(lower, lower.length)
  let host = authority.toLowerCase().replace(/\.(?=:|$)/, '')
  if (port > 0 && host.endsWith(`:${port}`)) host = host.slice(0, -String(port).length - 1)
  const candidate = `${lower}://${host}`
  return candidate !== entry && scanOrigin(candidate) !== -1 ? candidate : undefined
}

function regexpIsSafe(re: RegExp, path: string, problems: Problems): boolean {
  const { source, flags } = re
  if (re.global || re.sticky) {
    report(problems, 'stateful-regexp', path, `${re} is stateful (${re.global ? 'g' : 'y'} flag): test() then misses matches`, `/${source}/${flags.replace(/[gy]/g, '')}`)
  } else if (!isAnchored(source)) {
    const body = source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')
    // An origin starts with its scheme: a pattern naming only the host would match nothing once anchored.
    const scheme = /:(\\?\/){2}/.test(body) ? '' : 'https:\\/\\/'
    report(problems, 'unanchored-regexp', path, `${re} is not anchored by ^…$: https://example.com.attacker.net could match`, `/^${scheme}(?:${body})$/${flags}`)
  } else return true
  return false
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
