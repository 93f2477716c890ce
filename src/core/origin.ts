// Origins: the serialized-origin grammar, the allow-list (exact set, `*.`/`:*` pattern trie,
// anchored RegExps), and the diagnosis of configured origins that do not fit the grammar.
import { report, type Problems } from './errors.js'

/** Longest Origin header accepted; a DNS name is at most 253 characters. */
export const MAX_ORIGIN_LENGTH = 512

const COLON = 0x3a
const SLASH = 0x2f
const DOT = 0x2e
const HYPHEN = 0x2d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const LOWER_X = 0x78
const PUNYCODE_PREFIX = 'xn--'
/** A label the URL parser reads as a number (then the whole host as an IPv4 address), ending the host. */
const NUMBER_LABEL = /(?:\d+|0x[\da-f]*)(?![^:])/y
/** Four dotted-decimal parts 0..255 without leading zeros, ending the host: how URL writes an IPv4 address. */
const IPV4 = /(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![^:])/y
const IPV6_PIECES = 8
const HEX = 16

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

/**
 * The default port of a special scheme (http, ws: 80; https, wss: 443; ftp: 21), -1 for other
 * schemes; reads in place, no substring.
 */
function defaultPortOf(value: string, schemeEnd: number): number {
  if ((schemeEnd === 4 && value.startsWith('http')) || (schemeEnd === 2 && value.startsWith('ws'))) return 80
  if (schemeEnd === 3 && value.startsWith('ftp')) return 21
  return (schemeEnd === 5 && value.startsWith('https')) || (schemeEnd === 3 && value.startsWith('wss')) ? 443 : -1
}

/** Whether the scheme is http, https, ws, wss or ftp: one with a tuple origin for the URL parser. */
function isSpecial(value: string, schemeEnd: number): boolean {
  return defaultPortOf(value, schemeEnd) !== -1
}

/** `new URL(text).origin`, or undefined when the URL parser refuses `text`. */
function urlOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

/**
 * Checks that `value` is a serialized origin as a browser sends it: `scheme://host[:port]`,
 * lowercase, no default port, no path, no trailing dot. Returns -1 when it is not, otherwise
 * the positions of the scheme's end and the host's end packed in one integer (no allocation).
 *
 * For the special schemes (http, https, ws, wss, ftp) it accepts what `new URL(value).origin ===
 * value` accepts, less hosts no DNS name has: an IPv4 address only in dotted decimal, an IPv6
 * address only in its canonical form, and `xn--` labels only when the URL parser decodes them.
 * Refused on purpose although the URL parser serializes them as given: a trailing dot, an empty
 * label, port 0, and characters other than `a-z 0-9 _ - .` in a name (`*` and `,` would be
 * dangerous to echo, `!$&'()+;=~{}"` and the backtick appear in no DNS name). Other schemes
 * (`chrome-extension:`, `capacitor:`, …) have an opaque origin for the URL parser, so they keep
 * the plain grammar: labels of `a-z 0-9 _ -`, or hex digits, colons and dots in brackets.
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
  const hostStart = i
  // The scheme is looked up only off the common path: IP addresses, punycode and ports.
  let punycode = false
  if (value.charCodeAt(i) === OPEN_BRACKET) {
    if (isSpecial(value, schemeEnd)) {
      const close = value.indexOf(']', i)
      if (close === -1 || !isCanonicalIpv6(value.slice(i + 1, close))) return -1
      i = close + 1
    } else {
      // [IPv6]: hex digits, colons and dots.
      const start = ++i
      while (i < length && isIpv6Char(value.charCodeAt(i))) i++
      if (i === start || value.charCodeAt(i++) !== CLOSE_BRACKET) return -1
    }
  } else {
    let labelStart = i
    for (; i < length; i++) {
      const code = value.charCodeAt(i)
      if (isHostLabelChar(code)) {
        if (code === LOWER_X && i === labelStart && value.startsWith(PUNYCODE_PREFIX, i)) punycode = true
      } else if (code === DOT && i > labelStart) labelStart = i + 1
      else break
    }
    if (i === labelStart) return -1 // empty host, empty label or trailing dot
    // A host whose last label is a number is an IPv4 address for the URL parser.
    if (isDigit(value.charCodeAt(labelStart)) && isSpecial(value, schemeEnd) && matchesAt(NUMBER_LABEL, value, labelStart) && !matchesAt(IPV4, value, hostStart)) return -1
  }
  const hostEnd = i
  if (i < length) {
    if (value.charCodeAt(i) !== COLON) return -1
    const port = readPort(value, i + 1)
    if (port < 0 || port === defaultPortOf(value, schemeEnd)) return -1
  }
  // Rare: whether an `xn--` label is valid punycode takes Unicode tables only the URL parser has.
  if (punycode && isSpecial(value, schemeEnd) && urlOrigin(value) !== value) return -1
  return schemeEnd | (hostEnd << 10)
}

/** Whether the sticky `re` matches `value` at `index`. */
function matchesAt(re: RegExp, value: string, index: number): boolean {
  re.lastIndex = index
  return re.test(value)
}

/**
 * Whether `text` (between the brackets) is an IPv6 address as URL writes it: parsed into its
 * pieces, serialized again (lowercase hex without leading zeros, the first longest run of two or
 * more zero pieces as `::`, no dotted IPv4) and compared. Allocates, but only for IPv6 origins.
 */
function isCanonicalIpv6(text: string): boolean {
  const halves = text.split('::')
  // A piece is 1 to 4 hex digits; anything else reads as NaN, which no address holds.
  const read = (half = ''): number[] =>
    half === '' ? [] : half.split(':').map((piece) => (/^[\da-f]{1,4}$/.test(piece) ? parseInt(piece, HEX) : Number.NaN))
  const head = read(halves[0])
  const tail = read(halves[1])
  // Without `::` the text names all 8 pieces; with one, `::` stands for at least one zero piece.
  const gap = IPV6_PIECES - head.length - tail.length
  if (halves.length > 2 || (halves.length === 2 ? gap < 1 : gap !== 0)) return false
  const pieces = [...head, ...Array<number>(gap).fill(0), ...tail]
  if (pieces.some(Number.isNaN)) return false
  // The first longest run of at least two zero pieces is the one written `::`.
  let start = -1
  let longest = 1
  for (let k = 0, run = 0; k < IPV6_PIECES; k++) {
    run = pieces[k] === 0 ? run + 1 : 0
    if (run > longest) {
      start = k - run + 1
      longest = run
    }
  }
  const hex = pieces.map((piece) => piece.toString(HEX))
  return text === (start < 0 ? hex.join(':') : `${hex.slice(0, start).join(':')}::${hex.slice(start + longest).join(':')}`)
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
  if (subdomains && IP_ADDRESS_END.test(rest)) {
    // Before the scan: with a label in front, the address is no valid host at all.
    report(problems, 'invalid-origin-pattern', path, `"${entry}": an IP address has no subdomains`)
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
  } else list.addPattern(scheme, host, subdomains, anyPort ? '*' : portOf(concrete, shape))
}

/** `entry` cut into scheme (undefined without `://`), authority (up to `/`, `?` or `#`) and the rest. */
function partsOf(entry: string): { scheme: string | undefined; authority: string; tail: string } {
  const separator = entry.indexOf('://')
  const rest = separator === -1 ? entry : entry.slice(separator + 3)
  const cut = rest.search(/[/?#]|$/)
  return { scheme: separator === -1 ? undefined : entry.slice(0, separator), authority: rest.slice(0, cut), tail: rest.slice(cut) }
}

/** A host (and optional port) whose last label is a number: the URL parser reads an IPv4 address. */
const IP_ADDRESS_END = /(^|\.)(\d+|0x[\da-f]*)(:\d*)?$/i

/** For a special scheme's host (and optional port): why it is not one browsers send, if the URL parser says. */
function hostFlaw(authority: string): string | false {
  const host = authority.toLowerCase().replace(/^(\[.*\]|[^:]*):\d*$/, '$1')
  const url = `http://${host}`
  const serialized = urlOrigin(url)
  if (authority.includes('@') || serialized === url) return false
  if (/[^\0-\x7f]/.test(host)) return 'a non-ASCII host: use its punycode form'
  if (/(^|\.)xn--/.test(host)) return 'invalid punycode'
  const ip = /^\[.*\]$/.test(host) ? 'IPv6' : IP_ADDRESS_END.test(host) && 'IPv4'
  return ip && `a host no browser sends (${serialized ? `browsers write this ${ip} address ${serialized.slice(7)}` : `not a valid ${ip} address`})`
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
    port > 0 && hostFlaw(authority),
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
  let candidate = `${lower}://${host}`
  // A non-ASCII or IP host: the URL parser gives the form browsers send (punycode, canonical address).
  if (port > 0 && scanOrigin(candidate) === -1 && hostFlaw(host)) candidate = urlOrigin(candidate) ?? candidate
  return candidate !== entry && scanOrigin(candidate) !== -1 ? candidate : undefined
}

function regexpIsSafe(re: RegExp, path: string, problems: Problems): boolean {
  const { source, flags } = re
  if (re.global || re.sticky) {
    report(problems, 'stateful-regexp', path, `${re} is stateful (${re.global ? 'g' : 'y'} flag): test() then misses matches`, `/${source}/${flags.replace(/[gy]/g, '')}`)
  } else if (!isAnchored(source)) {
    const example = attackExample(re)
    const message = `${re} is not anchored by ^…$: ${anchorGap(source)}${example ? `, such as ${example}` : ''}`
    report(problems, 'unanchored-regexp', path, message, hostSuffixPattern(source) ?? anchoredRegExp(source, flags))
  } else return true
  return false
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
  const name = re.source.match(/(?<!\\)([a-z\d-]+\\\.)*[a-z\d-]+/gi)?.pop()?.replace(/\\/g, '')
  if (name === undefined) return undefined
  const tries = [
    ...['https', 'http'].flatMap((scheme) => [`${scheme}://attacker-${name}`, `${scheme}://${name}.attacker.net`, `${scheme}://attacker.${name}.attacker.net`]),
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

/**
 * The `*.` pattern a RegExp over a host suffix means (`\.example\.com$`, `^https?:\/\/.*\.example\.com`),
 * https unless the RegExp names a scheme; undefined for other RegExps or a too broad suffix.
 */
function hostSuffixPattern(source: string): string | undefined {
  const match = /^\^?(?:(?:(https?)(\?)?:\\?\/\\?\/)?\.[*+])?\\\.((?:[a-z\d-]+\\\.)+[a-z\d-]+)\$?$/.exec(source)
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
