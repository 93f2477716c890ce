// The serialized-origin grammar: what a browser sends in the Origin header. `scanOrigin` checks a
// value in one pass over its character codes and returns where its parts end, packed in one
// number, so the hot path allocates nothing.
import { isCanonicalIpv6 } from './ipv6.js'

/** Longest Origin header accepted; a DNS name is at most 253 characters. */
export const MAX_ORIGIN_LENGTH = 512

/** Character codes the grammar names. */
const CHAR = {
  zero: 0x30,
  nine: 0x39,
  a: 0x61,
  f: 0x66,
  x: 0x78,
  z: 0x7a,
  plus: 0x2b,
  hyphen: 0x2d,
  dot: 0x2e,
  slash: 0x2f,
  colon: 0x3a,
  underscore: 0x5f,
  openBracket: 0x5b,
  closeBracket: 0x5d,
} as const

const PUNYCODE_PREFIX = 'xn--'
const MAX_PORT = 65535
/** A label the URL parser reads as a number (then the whole host as an IPv4 address), ending the host. */
const NUMBER_LABEL = /(?:\d+|0x[\da-f]*)(?![^:])/y
/** Four dotted-decimal parts 0..255 without leading zeros, ending the host: how URL writes an IPv4 address. */
const IPV4 = /(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![^:])/y

/**
 * The packed result of scanOrigin: the scheme's end in the low bits, the host's end above them.
 * Both are at most MAX_ORIGIN_LENGTH, which fits in SHAPE_BITS bits.
 */
const SHAPE_BITS = 10
const SHAPE_MASK = (1 << SHAPE_BITS) - 1
/** `://` between the scheme and the host. */
const SEPARATOR_LENGTH = 3

function packShape(schemeEnd: number, hostEnd: number): number {
  return schemeEnd | (hostEnd << SHAPE_BITS)
}

/** Where the scheme ends (the index of its `:`) in an origin scanOrigin accepted. */
export function schemeEndOf(shape: number): number {
  return shape & SHAPE_MASK
}

/** Where the host starts, after `://`. */
export function hostStartOf(shape: number): number {
  return schemeEndOf(shape) + SEPARATOR_LENGTH
}

/** Where the host ends: the index of the port's `:`, or the length. */
export function hostEndOf(shape: number): number {
  return shape >>> SHAPE_BITS
}

function isDigit(code: number): boolean {
  return code >= CHAR.zero && code <= CHAR.nine
}
function isLowerAlpha(code: number): boolean {
  return code >= CHAR.a && code <= CHAR.z
}
function isHostLabelChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === CHAR.hyphen || code === CHAR.underscore
}
function isSchemeChar(code: number): boolean {
  return isLowerAlpha(code) || isDigit(code) || code === CHAR.plus || code === CHAR.hyphen || code === CHAR.dot
}
function isIpv6Char(code: number): boolean {
  return isDigit(code) || (code >= CHAR.a && code <= CHAR.f) || code === CHAR.colon || code === CHAR.dot
}

/**
 * The default port of a special scheme (http, ws: 80; https, wss: 443; ftp: 21), -1 for other
 * schemes; reads in place, no substring.
 */
export function defaultPortOf(value: string, schemeEnd: number): number {
  if ((schemeEnd === 4 && value.startsWith('http')) || (schemeEnd === 2 && value.startsWith('ws'))) return 80
  if (schemeEnd === 3 && value.startsWith('ftp')) return 21
  if ((schemeEnd === 5 && value.startsWith('https')) || (schemeEnd === 3 && value.startsWith('wss'))) return 443
  return -1
}

/** Whether the scheme is http, https, ws, wss or ftp: one with a tuple origin for the URL parser. */
function isSpecial(value: string, schemeEnd: number): boolean {
  return defaultPortOf(value, schemeEnd) !== -1
}

/** `new URL(text).origin`, or undefined when the URL parser refuses `text`. */
export function urlOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

/**
 * Checks that `value` is a serialized origin as a browser sends it: `scheme://host[:port]`,
 * lowercase, no default port, no path, no trailing dot. Returns -1 when it is not, otherwise
 * its shape (see hostEndOf and schemeEndOf).
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
  if (value.length > MAX_ORIGIN_LENGTH) return -1
  const schemeEnd = scanScheme(value)
  if (schemeEnd === -1) return -1
  const hostEnd = scanHost(value, schemeEnd)
  if (hostEnd === -1 || !portIsValid(value, schemeEnd, hostEnd)) return -1
  return packShape(schemeEnd, hostEnd)
}

/** The index of the `:` ending a lowercase scheme followed by `://`; -1 when there is none. */
function scanScheme(value: string): number {
  if (!isLowerAlpha(value.charCodeAt(0))) return -1
  // Every loop tests `i < length` first: reading past the end makes V8 take a slow path.
  let i = 1
  while (i < value.length && isSchemeChar(value.charCodeAt(i))) i++
  const separated = value.startsWith('://', i)
  return separated ? i : -1
}

/** Where the host after `scheme://` ends; -1 when it is not one a browser sends. */
function scanHost(value: string, schemeEnd: number): number {
  const start = schemeEnd + SEPARATOR_LENGTH
  if (value.charCodeAt(start) !== CHAR.openBracket) return scanName(value, schemeEnd, start)
  return isSpecial(value, schemeEnd) ? scanCanonicalIpv6(value, start) : scanBracketed(value, start)
}

/** `[…]` as the URL parser writes an IPv6 address, for a special scheme. */
function scanCanonicalIpv6(value: string, start: number): number {
  const close = value.indexOf(']', start)
  return close !== -1 && isCanonicalIpv6(value.slice(start + 1, close)) ? close + 1 : -1
}

/** `[…]` of hex digits, colons and dots, for other schemes. */
function scanBracketed(value: string, start: number): number {
  let i = start + 1
  while (i < value.length && isIpv6Char(value.charCodeAt(i))) i++
  return i > start + 1 && value.charCodeAt(i) === CHAR.closeBracket ? i + 1 : -1
}

/** Dot-separated, non-empty labels of `a-z 0-9 _ -`; for a special scheme also a valid IPv4 and punycode. */
function scanName(value: string, schemeEnd: number, start: number): number {
  let labelStart = start
  let punycode = false
  let i = start
  for (; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code === CHAR.dot && i > labelStart) labelStart = i + 1
    else if (!isHostLabelChar(code)) break
    else if (code === CHAR.x && i === labelStart && value.startsWith(PUNYCODE_PREFIX, i)) punycode = true
  }
  if (i === labelStart) return -1 // empty host, empty label or trailing dot
  // The scheme is looked up only off the common path: numeric labels and punycode.
  const numeric = isDigit(value.charCodeAt(labelStart)) && matchesAt(NUMBER_LABEL, value, labelStart)
  if (numeric && isSpecial(value, schemeEnd) && !matchesAt(IPV4, value, start)) return -1
  // Rare: whether an `xn--` label is valid punycode takes Unicode tables only the URL parser has.
  if (punycode && isSpecial(value, schemeEnd) && urlOrigin(value) !== value) return -1
  return i
}

/** No port, or `:` and a port that is not the scheme's default, up to the end. */
function portIsValid(value: string, schemeEnd: number, hostEnd: number): boolean {
  if (hostEnd === value.length) return true
  if (value.charCodeAt(hostEnd) !== CHAR.colon) return false
  const port = readPort(value, hostEnd + 1)
  return port !== -1 && port !== defaultPortOf(value, schemeEnd)
}

/** Whether the sticky `re` matches `value` at `index`. */
function matchesAt(re: RegExp, value: string, index: number): boolean {
  re.lastIndex = index
  return re.test(value)
}

/** Reads `1`..`65535` without leading zeros running to the end of `value`; -1 otherwise. */
function readPort(value: string, start: number): number {
  const length = value.length
  if (start === length || value.charCodeAt(start) === CHAR.zero) return -1
  let port = 0
  for (let i = start; i < length; i++) {
    const code = value.charCodeAt(i)
    if (!isDigit(code)) return -1
    port = port * 10 + code - CHAR.zero
  }
  return port <= MAX_PORT ? port : -1 // over 5 digits (no leading zero) is over it too: no need to count them
}

/** The explicit port of an origin scanOrigin accepted, or -1 when it has none (the scheme's default). */
export function portOf(value: string, shape: number): number {
  const hostEnd = hostEndOf(shape)
  return hostEnd === value.length ? -1 : readPort(value, hostEnd + 1)
}
