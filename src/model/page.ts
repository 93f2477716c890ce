// What fetch() makes of the script's arguments before anything is sent: the method normalized,
// forbidden headers dropped, the body's default Content-Type, and the requests it refuses (bad
// arguments, a URL with credentials, mixed content: an https: page fetching an insecure http: URL).
import { FORBIDDEN_METHODS, isForbiddenHeader, normalizeMethod } from './safelist.js'
import { isToken, trimHttp } from './headers.js'
import type { HeaderList, PageRequest, ProblemCode, Reader } from './types.js'

/** A request as fetch() holds it after its arguments are processed. */
export interface Prepared {
  readonly url: string
  /** The page's origin. */
  readonly origin: string
  readonly method: string
  /** The script's headers that survive (no Origin yet). */
  readonly headers: HeaderList
  /** True for `credentials: 'include'`: the CORS checks then ask for credentials. */
  readonly credentials: boolean
  readonly body?: 'text' | 'stream'
  /** The use-CORS-preflight flag: a stream body is preflighted whatever the method. */
  readonly forcePreflight: boolean
}

/** fetch() refused the request before sending it. */
export interface Refusal {
  readonly code: Extract<ProblemCode, 'invalid-request' | 'unsupported-body' | 'mixed-content'>
  readonly why: string
}

const TEXT_TYPE = 'text/plain;charset=UTF-8'

/** The serialized origin of a URL (`null` for opaque ones), or undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  return parse(url)?.origin
}

/** A value Headers accepts: bytes (code points up to 0xFF) without NUL, CR or LF. */
function isHeaderValue(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0)
    if (code > 0xff || code === 0 || code === 0x0a || code === 0x0d) return false
  }
  return true
}

/**
 * A URL an https: page may not fetch over http: (Mixed Content): potentially trustworthy hosts
 * (localhost, *.localhost, 127.0.0.0/8, [::1]) are exempt.
 */
export function isMixedContent(pageOrigin: string, url: URL): boolean {
  if (!pageOrigin.startsWith('https:') || url.protocol !== 'http:') return false
  const host = url.hostname
  const loopback =
    host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
  return !loopback
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/** Why fetch() throws on these arguments (or blocks them as mixed content), or undefined. */
function refusal(request: PageRequest, method: string): Refusal | undefined {
  const url = parse(request.url)
  if (url === undefined) return { code: 'invalid-request', why: `${request.url} is not a URL` }
  // The password is never repeated: the message names the rule, not the URL.
  if (url.username !== '' || url.password !== '')
    return { code: 'invalid-request', why: 'Request cannot be constructed from a URL that includes credentials' }
  if (!isToken(method)) return { code: 'invalid-request', why: `${JSON.stringify(method)} is not a valid method` }
  if (FORBIDDEN_METHODS.includes(method.toUpperCase()))
    return { code: 'invalid-request', why: `${method} is a forbidden method` }
  const body = request.body ?? 'none'
  if (body !== 'none' && (method === 'GET' || method === 'HEAD'))
    return { code: 'invalid-request', why: `a ${method} request cannot have a body` }
  const bad = (request.headers ?? []).find(([name, value]) => !isToken(name) || !isHeaderValue(value))
  if (bad !== undefined) return { code: 'invalid-request', why: `${bad[0]}: ${bad[1]} is not a valid header` }
  if (isMixedContent(request.origin, url))
    return { code: 'mixed-content', why: `an https: page requested the insecure resource ${url.href}` }
  return undefined
}

/** The headers that go out: trimmed, forbidden ones dropped, a text body's default Content-Type. */
function effectiveHeaders(headers: HeaderList, textBody: boolean): HeaderList {
  const kept = headers
    .map(([name, value]) => [name, trimHttp(value)] as const)
    .filter(([name, value]) => !isForbiddenHeader(name, value))
  const typed = kept.some(([name]) => name.toLowerCase() === 'content-type')
  return textBody && !typed ? [...kept, ['Content-Type', TEXT_TYPE]] : kept
}

/**
 * Prepares the request as `reader` does. Firefox has no upload streaming: a stream body goes out
 * as the text "[object ReadableStream]"; WebKit refuses it before sending.
 */
export function prepare(request: PageRequest, reader: Reader): Prepared | Refusal {
  const method = normalizeMethod(request.method ?? 'GET')
  const refused = refusal(request, method)
  if (refused !== undefined) return refused
  let body = request.body ?? 'none'
  if (body === 'stream' && reader === 'webkit')
    return { code: 'unsupported-body', why: 'WebKit does not support ReadableStream uploads' }
  if (body === 'stream' && reader === 'firefox') body = 'text'
  return {
    url: request.url,
    origin: request.origin,
    method,
    headers: effectiveHeaders(request.headers ?? [], body === 'text'),
    credentials: request.credentials === 'include',
    ...(body === 'none' ? {} : { body }),
    forcePreflight: body === 'stream',
  }
}

/** True when prepare() refused the request. */
export function isRefusal(prepared: Prepared | Refusal): prepared is Refusal {
  return 'code' in prepared
}

/** True when the URL is on the page's own origin (no CORS for it until a redirect leaves it). */
export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin && origin !== 'null'
}
