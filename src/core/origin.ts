// Origins: the serialized-origin grammar, the allow-list (exact set, `*.`/`:*` pattern trie,
// anchored RegExps), and the diagnosis of configured origins that do not fit the grammar.
import type { CorsConfigProblem } from './errors.js'

/** Longest Origin header accepted; a DNS name is at most 253 characters. */
export const MAX_ORIGIN_LENGTH = 512

const COLON = 0x3a
const SLASH = 0x2f
const DOT = 0x2e
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const DIGIT_0 = 0x30

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}
function isLowerAlpha(code: number): boolean {
  return code >= 0x61 && code <= 0x7a
}
function isSchemeChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === 0x2b || code === 0x2d || code === DOT
}
function isHostLabelChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === 0x2d || code === 0x5f
}
function isIpv6Char(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x66) || code === COLON || code === DOT
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 }

function defaultPortOf(value: string, schemeEnd: number): number {
  // startsWith on the scheme avoids building a substring per request.
  if (schemeEnd === 4 && value.startsWith('http')) return 80
  if (schemeEnd === 5 && value.startsWith('https')) return 443
  if (schemeEnd === 2 && value.startsWith('ws')) return 80
  if (schemeEnd === 3 && value.startsWith('wss')) return 443
  return -1
}

/**
 * Checks that `value` is a serialized origin as a browser sends it: `scheme://host[:port]`,
 * lowercase, no default port, no path, no trailing dot. Returns -1 when it is not, otherwise
 * the positions of the scheme's end and the host's end packed in one integer (no allocation).
 */
export function scanOrigin(value: string): number {
  const length = value.length
  if (length === 0 || length > MAX_ORIGIN_LENGTH || !isLowerAlpha(value.charCodeAt(0))) return -1
  let i = 1
  while (i < length && isSchemeChar(value.charCodeAt(i))) i++
  const schemeEnd = i
  if (value.charCodeAt(i) !== COLON || value.charCodeAt(i + 1) !== SLASH || value.charCodeAt(i + 2) !== SLASH) return -1
  i += 3
  if (value.charCodeAt(i) === OPEN_BRACKET) {
    const start = ++i
    while (i < length && isIpv6Char(value.charCodeAt(i))) i++
    if (i === start || value.charCodeAt(i) !== CLOSE_BRACKET) return -1
    i++
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
  if (start === length || length - start > 5 || value.charCodeAt(start) === DIGIT_0) return -1
  let port = 0
  for (let i = start; i < length; i++) {
    const code = value.charCodeAt(i)
    if (!isDigit(code)) return -1
    port = port * 10 + (code - DIGIT_0)
  }
  return port <= 65535 ? port : -1
}

function schemeEndOf(shape: number): number {
  return shape & 0x3ff
}
function hostEndOf(shape: number): number {
  return shape >>> 10
}
/** The origin's explicit port, or -1 when it has none (the scheme's default). */
function portOf(value: string, shape: number): number {
  const hostEnd = hostEndOf(shape)
  return hostEnd === value.length ? -1 : readPort(value, hostEnd + 1)
}

/** Which ports a pattern accepts. */
class PortRule {
  any = false
  defaultPort = false
  readonly ports = new Set<number>()

  add(port: number | '*'): void {
    if (port === '*') this.any = true
    else if (port === -1) this.defaultPort = true
    else this.ports.add(port)
  }

  accepts(port: number): boolean {
    return this.any || (port === -1 ? this.defaultPort : this.ports.has(port))
  }
}

class TrieNode {
  readonly children = new Map<number, TrieNode>()
  /** Set on the node reached by `.suffix`: one or more labels may stand left of it. */
  subdomains: PortRule | undefined
  /** Set on the node reached by a whole host: that host, with a port pattern. */
  wholeHost: PortRule | undefined

  child(code: number): TrieNode {
    let next = this.children.get(code)
    if (next === undefined) this.children.set(code, (next = new TrieNode()))
    return next
  }
}

/**
 * `*.` and `:*` patterns: per scheme, a trie keyed on the host read backwards, so a lookup walks
 * the origin once whatever the number of patterns, and a subdomain pattern can only match at a
 * label boundary.
 */
class OriginPatternTrie {
  // A list names one or two schemes: comparing each in place is cheaper than a trie walk over them.
  private readonly schemes: { readonly scheme: string; readonly hosts: TrieNode }[] = []

  add(scheme: string, host: string, subdomains: boolean, port: number | '*'): void {
    let entry = this.schemes.find((candidate) => candidate.scheme === scheme)
    if (entry === undefined) this.schemes.push((entry = { scheme, hosts: new TrieNode() }))
    let node = entry.hosts
    const key = subdomains ? `.${host}` : host
    for (let i = key.length - 1; i >= 0; i--) node = node.child(key.charCodeAt(i))
    const rule = subdomains ? (node.subdomains ??= new PortRule()) : (node.wholeHost ??= new PortRule())
    rule.add(port)
  }

  matches(origin: string, shape: number): boolean {
    const schemeEnd = schemeEndOf(shape)
    const hostStart = schemeEnd + 3
    let node = this.hostsOf(origin, schemeEnd)
    for (let i = hostEndOf(shape) - 1; i >= hostStart && node !== undefined; i--) {
      node = node.children.get(origin.charCodeAt(i))
      // A subdomain rule sits after a '.', so i > hostStart means at least one label remains.
      if (node?.subdomains !== undefined && i > hostStart && node.subdomains.accepts(portOf(origin, shape))) return true
    }
    return node?.wholeHost !== undefined && node.wholeHost.accepts(portOf(origin, shape))
  }

  private hostsOf(origin: string, schemeEnd: number): TrieNode | undefined {
    for (let k = 0; k < this.schemes.length; k++) {
      const entry = this.schemes[k]!
      if (entry.scheme.length === schemeEnd && origin.startsWith(entry.scheme)) return entry.hosts
    }
    return undefined
  }
}

/** A compiled allow-list: exact origins, patterns and anchored RegExps. */
export class OriginAllowList {
  readonly exact = new Set<string>()
  readonly regexps: RegExp[] = []
  private patterns: OriginPatternTrie | undefined

  addPattern(scheme: string, host: string, subdomains: boolean, port: number | '*'): void {
    ;(this.patterns ??= new OriginPatternTrie()).add(scheme, host, subdomains, port)
  }

  /** For an origin already known valid (`shape` from scanOrigin) and not in `exact`. */
  matchesBeyondExact(origin: string, shape: number): boolean {
    if (this.patterns !== undefined && this.patterns.matches(origin, shape)) return true
    for (let i = 0; i < this.regexps.length; i++) if (this.regexps[i]!.test(origin)) return true
    return false
  }
}

// ---- Configuration: validating and diagnosing configured origins ----

type Problem = CorsConfigProblem

/** Adds one configured string or RegExp to `list`, or reports why it cannot be. */
export function addConfiguredOrigin(list: OriginAllowList, entry: string | RegExp, path: string, problems: Problem[]): void {
  if (entry instanceof RegExp) {
    const problem = regexpProblem(entry, path)
    if (problem !== undefined) problems.push(problem)
    else list.regexps.push(entry)
    return
  }
  if (entry === 'null' || scanOrigin(entry) !== -1) {
    list.exact.add(entry)
    return
  }
  if (entry === '*') {
    problems.push({ code: 'invalid-origin', path, message: `'*' cannot be one origin among others; use origin: '*' on its own`, suggestion: '*' })
    return
  }
  if (entry.includes('*')) {
    const pattern = parsePattern(entry, path, problems)
    if (pattern !== undefined) list.addPattern(pattern.scheme, pattern.host, pattern.subdomains, pattern.port)
    return
  }
  problems.push(originProblem(entry, path))
}

interface ParsedPattern {
  scheme: string
  host: string
  subdomains: boolean
  port: number | '*'
}

function parsePattern(entry: string, path: string, problems: Problem[]): ParsedPattern | undefined {
  const separator = entry.indexOf('://')
  let rest = separator === -1 ? entry : entry.slice(separator + 3)
  const subdomains = rest.startsWith('*.')
  if (subdomains) rest = rest.slice(2)
  const anyPort = rest.endsWith(':*')
  if (anyPort) rest = rest.slice(0, -2)
  if (separator === -1 || rest.includes('*')) {
    problems.push({
      code: 'invalid-origin-pattern',
      path,
      message: `"${entry}": '*' may only stand as a whole leading label ("https://*.example.com") or as the port ("http://localhost:*")`,
    })
    return undefined
  }
  const concrete = `${entry.slice(0, separator)}://${subdomains ? 'x.' : ''}${rest}`
  const shape = scanOrigin(concrete)
  if (shape === -1) {
    const fixed = suggestOrigin(concrete)
    const suggestion = fixed === undefined ? undefined : restorePattern(fixed, subdomains, anyPort)
    problems.push(withSuggestion({ code: 'invalid-origin-pattern', path, message: `"${entry}" is not a valid origin pattern (${originFlaws(concrete).join(', ')})` }, suggestion))
    return undefined
  }
  const scheme = concrete.slice(0, schemeEndOf(shape))
  const host = concrete.slice(schemeEndOf(shape) + 3 + (subdomains ? 2 : 0), hostEndOf(shape))
  if (subdomains && (!host.includes('.') || host.startsWith('['))) {
    problems.push({
      code: 'origin-pattern-too-broad',
      path,
      message: `"${entry}" would match every site under a top-level domain; name the registrable domain, e.g. "${scheme}://*.example.${host}"`,
    })
    return undefined
  }
  if (subdomains && isDigit(host.charCodeAt(host.length - 1))) {
    problems.push({ code: 'invalid-origin-pattern', path, message: `"${entry}": an IP address has no subdomains; list the address itself` })
    return undefined
  }
  return { scheme, host, subdomains, port: anyPort ? '*' : portOf(concrete, shape) }
}

/** Puts the wildcards back into a pattern that was checked with a placeholder label. */
function restorePattern(origin: string, subdomains: boolean, anyPort: boolean): string {
  const hostStart = origin.indexOf('://') + 3
  const host = subdomains ? `*.${origin.slice(hostStart + 2)}` : origin.slice(hostStart)
  return `${origin.slice(0, hostStart)}${host}${anyPort ? ':*' : ''}`
}

function withSuggestion(problem: Problem, suggestion: string | undefined): Problem {
  return suggestion === undefined ? problem : { ...problem, message: `${problem.message}; did you mean "${suggestion}"?`, suggestion }
}

function originProblem(entry: string, path: string): Problem {
  if (entry.includes(',')) {
    const parts = entry.split(',').map((part) => suggestOrigin(part) ?? part.trim())
    const suggestion = `[${parts.map((part) => `"${part}"`).join(', ')}]`
    return { code: 'invalid-origin', path, message: `"${entry}" holds several origins in one string; use an array: ${suggestion}`, suggestion }
  }
  const message = `"${entry}" is not a serialized origin (${originFlaws(entry).join(', ')}); browsers send scheme://host[:port]`
  return withSuggestion({ code: 'invalid-origin', path, message }, suggestOrigin(entry))
}

/** Names what keeps `entry` from being a serialized origin, in words a user can act on. */
function originFlaws(entry: string): string[] {
  const flaws: string[] = []
  if (/\s/.test(entry)) flaws.push('whitespace')
  const separator = entry.indexOf('://')
  if (separator === -1) flaws.push('no scheme')
  const afterScheme = separator === -1 ? entry : entry.slice(separator + 3)
  const slash = afterScheme.search(/[/?#]/)
  if (slash !== -1) flaws.push(afterScheme.slice(slash) === '/' ? 'a trailing slash' : 'a path, query or fragment')
  const authority = slash === -1 ? afterScheme : afterScheme.slice(0, slash)
  if (/[A-Z]/.test(entry.slice(0, separator === -1 ? 0 : separator) + authority)) flaws.push('uppercase letters')
  const scheme = separator === -1 ? '' : entry.slice(0, separator).toLowerCase()
  const defaultPort = DEFAULT_PORTS[scheme]
  if (defaultPort !== undefined && authority.endsWith(`:${defaultPort}`)) flaws.push(`the default port ${defaultPort}`)
  if (authority.endsWith('.') || authority.includes('.:')) flaws.push('a trailing dot')
  if (authority.includes('@')) flaws.push('user info')
  if (flaws.length === 0) flaws.push('not scheme://host[:port]')
  return flaws
}

/** The serialized origin a user most likely meant, if normalising yields a valid one. */
export function suggestOrigin(entry: string): string | undefined {
  let text = entry.trim()
  if (!text.includes('://')) text = `https://${text.replace(/^\/+/, '')}`
  const separator = text.indexOf('://')
  const scheme = text.slice(0, separator).toLowerCase()
  let authority = text.slice(separator + 3)
  const cut = authority.search(/[/?#]/)
  if (cut !== -1) authority = authority.slice(0, cut)
  authority = authority.toLowerCase().replace(/\.(?=:|$)/, '')
  const defaultPort = DEFAULT_PORTS[scheme]
  if (defaultPort !== undefined && authority.endsWith(`:${defaultPort}`)) authority = authority.slice(0, -`:${defaultPort}`.length)
  const candidate = `${scheme}://${authority}`
  return candidate !== entry && scanOrigin(candidate) !== -1 ? candidate : undefined
}

function regexpProblem(re: RegExp, path: string): Problem | undefined {
  if (re.global || re.sticky) {
    const flags = re.flags.replace(/[gy]/g, '')
    return {
      code: 'stateful-regexp',
      path,
      message: `${String(re)} has the ${re.global ? 'g' : 'y'} flag: test() then keeps lastIndex between requests and misses matches; remove it: /${re.source}/${flags}`,
      suggestion: `/${re.source}/${flags}`,
    }
  }
  if (!isAnchored(re.source)) {
    const body = re.source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '')
    // An origin starts with its scheme: a pattern naming only the host would match nothing once anchored.
    const scheme = /:(?:\\\/|\/)(?:\\\/|\/)/.test(body) ? '' : 'https:\\/\\/'
    const suggestion = `/^${scheme}(?:${body})$/${re.flags}`
    return {
      code: 'unanchored-regexp',
      path,
      message: `${String(re)} is not anchored with ^ and $ around the whole pattern, so an origin that merely contains a match (https://example.com.attacker.net) passes; anchor it to match the whole origin, scheme included: ${suggestion}`,
      suggestion,
    }
  }
  return undefined
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
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') inClass = true
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === '|' && depth === 0) return false
  }
  return true
}
