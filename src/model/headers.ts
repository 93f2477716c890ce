// Reading header lists as the Fetch Standard does: names case-insensitive, values trimmed of HTTP
// whitespace (the HTTP parser drops it), repeats combined with ", " ("get" a header).
import type { HeaderList } from './types.js'

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** True when `value` is an RFC 9110 token (a method or a header name). */
export function isToken(value: string): boolean {
  return TCHAR.test(value)
}

function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
}

/** Strips leading and trailing HTTP whitespace (tab, space, CR, LF); linear in the length. */
export function trimHttp(value: string): string {
  let start = 0
  let end = value.length
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--
  return start === 0 && end === value.length ? value : value.slice(start, end)
}

/** Every value of `name`, trimmed, in order; one per header line. */
export function valuesOf(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase()
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => trimHttp(v))
}

/** The Fetch Standard's "get": the values joined by ", ", or undefined when absent. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const values = valuesOf(headers, name)
  return values.length === 0 ? undefined : values.join(', ')
}

/**
 * "Extract header list values" for a `#token` list: the items, empty ones dropped; `null` when
 * the header is absent, `'failure'` when an item is not a token.
 */
export function tokenList(headers: HeaderList, name: string): string[] | null | 'failure' {
  const value = getHeader(headers, name)
  if (value === undefined) return null
  const items = value
    .split(',')
    .map(trimHttp)
    .filter((item) => item !== '')
  return items.every(isToken) ? items : 'failure'
}

/** Unique lowercase names of a header list, in first-seen order. */
export function namesOf(headers: HeaderList): string[] {
  return [...new Set(headers.map(([name]) => name.toLowerCase()))]
}
