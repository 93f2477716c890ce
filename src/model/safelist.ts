// Which requests need a preflight (Fetch Standard: CORS-safelisted method, CORS-safelisted
// request-header, CORS-unsafe request-header names), and what a script may set at all.
import { FORBIDDEN_METHODS, FORBIDDEN_REQUEST_HEADERS, NORMALIZED_METHODS } from '../core/forbidden.js'
import { isToken, trimHttp } from './headers.js'
import type { HeaderList } from './types.js'

export { FORBIDDEN_METHODS } from '../core/forbidden.js'

const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST']
const FORBIDDEN_NAMES = new Set(FORBIDDEN_REQUEST_HEADERS)
const METHOD_OVERRIDES = new Set(['x-http-method', 'x-http-method-override', 'x-method-override'])
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']
/** Longest value a safelisted header may have, and the most all of them may total. */
export const MAX_SAFELISTED_VALUE = 128
export const MAX_SAFELISTED_TOTAL = 1024

/** The method as fetch() sends it: the six standard methods upper-cased, others unchanged. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase()
  return NORMALIZED_METHODS.includes(upper) ? upper : method
}

/** GET, HEAD and POST (byte for byte, after normalization) need no preflight. */
export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.includes(method)
}

/** Headers a script cannot set: fetch() drops them without an error. */
export function isForbiddenHeader(name: string, value: string): boolean {
  const lower = name.toLowerCase()
  if (FORBIDDEN_NAMES.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-')) return true
  if (!METHOD_OVERRIDES.has(lower)) return false
  return value.split(',').some((item) => FORBIDDEN_METHODS.includes(trimHttp(item).toUpperCase()))
}

/** A CORS-unsafe request-header byte: a control other than tab, `"():<>?@[\]{}` or DEL. */
function hasUnsafeByte(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0)
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || '"():<>?@[\\]{}'.includes(char)) return true
  }
  return false
}

/** The MIME type's essence (`type/subtype`, lowercase), or undefined when it does not parse. */
export function mimeEssence(value: string): string | undefined {
  const match = /^([^/;]*)\/([^;]*)/.exec(trimHttp(value))
  if (match === null) return undefined
  const type = match[1] ?? ''
  const subtype = trimHttp(match[2] ?? '')
  return isToken(type) && isToken(subtype) ? `${type}/${subtype}`.toLowerCase() : undefined
}

/** `bytes=N-` or `bytes=N-M` with N <= M: the one Range a page may send without a preflight. */
function isSimpleRange(value: string): boolean {
  const match = /^bytes=([0-9]+)-([0-9]*)$/i.exec(value)
  if (match === null) return false
  return match[2] === '' || Number(match[1]) <= Number(match[2])
}

/** Why `value` breaks the rule for the safelisted header `name`, or undefined when it keeps it. */
function valueRule(name: string, value: string): string | undefined {
  if (value.length > MAX_SAFELISTED_VALUE) return `its value is over ${MAX_SAFELISTED_VALUE} bytes`
  switch (name) {
    case 'accept':
      return hasUnsafeByte(value) ? 'its value has a byte outside the safelist' : undefined
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value) ? undefined : 'its value has a byte outside 0-9 A-Z a-z space *,-.;='
    case 'content-type':
      return contentTypeRule(value)
    default:
      return isSimpleRange(value) ? undefined : 'it is not a single bytes=N- or bytes=N-M range'
  }
}

function contentTypeRule(value: string): string | undefined {
  if (hasUnsafeByte(value)) return 'its value has a byte outside the safelist'
  const essence = mimeEssence(value)
  if (essence !== undefined && SIMPLE_CONTENT_TYPES.includes(essence)) return undefined
  return `${essence ?? value} is not ${SIMPLE_CONTENT_TYPES.join(', ')}`
}

const SAFELISTED_NAMES = ['accept', 'accept-language', 'content-language', 'content-type', 'range']

/** Why one header is not CORS-safelisted, or undefined when it is. */
export function headerRule(name: string, value: string): string | undefined {
  const lower = name.toLowerCase()
  if (!SAFELISTED_NAMES.includes(lower)) return 'it is not a CORS-safelisted header'
  return valueRule(lower, value)
}

/** One CORS-unsafe header and why. */
export interface UnsafeHeader {
  readonly name: string
  readonly why: string
}

/** The CORS-unsafe request headers of a list, each with the rule it breaks (names lowercase). */
export function unsafeHeaders(headers: HeaderList): UnsafeHeader[] {
  const unsafe: UnsafeHeader[] = []
  const safe: string[] = []
  let total = 0
  for (const [name, value] of headers) {
    const why = headerRule(name, value)
    if (why === undefined) {
      safe.push(name.toLowerCase())
      total += value.length
    } else unsafe.push({ name: name.toLowerCase(), why })
  }
  if (total > MAX_SAFELISTED_TOTAL) {
    const why = `the safelisted values total ${total} bytes, over ${MAX_SAFELISTED_TOTAL}`
    for (const name of safe) unsafe.push({ name, why })
  }
  return unsafe
}

/** The Fetch Standard's "convert header names to a sorted-lowercase set". */
export function sortedLowercaseSet(names: readonly string[]): string[] {
  return [...new Set(names.map((name) => name.toLowerCase()))].sort()
}
