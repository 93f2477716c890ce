// Whether a request is preflighted, and the requests a browser puts on the wire: the preflight
// (OPTIONS with Origin, Access-Control-Request-Method and -Headers) and the actual request.
import { isRefusal, isSameOrigin, prepare, type Prepared } from './page.js'
import { isSafelistedMethod, sortedLowercaseSet, unsafeHeaders } from './safelist.js'
import type { PageRequest, WireRequest } from './types.js'

/** Why a prepared CORS request needs a preflight; [] when it does not. */
export function reasonsFor(request: Prepared): string[] {
  const reasons: string[] = []
  if (!isSafelistedMethod(request.method)) reasons.push(`method ${request.method} is not GET, HEAD or POST`)
  for (const { name, why } of unsafeHeaders(request.headers)) reasons.push(`header ${name}: ${why}`)
  if (request.forcePreflight) reasons.push('the body is a ReadableStream: fetch() always preflights it')
  return reasons
}

/** The names Access-Control-Request-Headers lists: lowercase, sorted, unique. */
export function requestHeaderNames(request: Prepared): string[] {
  return sortedLowercaseSet(unsafeHeaders(request.headers).map(({ name }) => name))
}

/**
 * Why the Fetch Standard preflights this request: each non-safelisted method or header with the
 * rule it breaks. [] when no preflight is needed (a safelisted request, a same-origin one, or one
 * fetch() refuses to send).
 */
export function preflightReasons(request: PageRequest): string[] {
  const prepared = prepare(request, 'standard')
  if (isRefusal(prepared) || isSameOrigin(prepared.url, prepared.origin)) return []
  return reasonsFor(prepared)
}

/** The preflight for a prepared request, with `origin` as the serialized request origin. */
export function wirePreflight(request: Prepared, origin: string): WireRequest {
  const names = requestHeaderNames(request)
  return {
    url: request.url,
    method: 'OPTIONS',
    headers: [
      ['Origin', origin],
      ['Access-Control-Request-Method', request.method],
      ...(names.length === 0 ? [] : [['Access-Control-Request-Headers', names.join(',')] as const]),
      ['Accept', '*/*'],
    ],
  }
}

/** The actual request for a prepared one; `origin` undefined sends no Origin header. */
export function wireActual(request: Prepared, origin: string | undefined): WireRequest {
  return {
    url: request.url,
    method: request.method,
    headers: origin === undefined ? request.headers : [...request.headers, ['Origin', origin]],
    ...(request.body === undefined ? {} : { body: request.body }),
  }
}

function prepared(request: PageRequest): Prepared {
  const result = prepare(request, 'standard')
  if (isRefusal(result)) throw new TypeError(`fetch() refuses this request: ${result.why}`)
  return result
}

/**
 * The preflight a browser sends for `request`: OPTIONS with Origin, Access-Control-Request-Method,
 * Access-Control-Request-Headers (lowercase, sorted, unique, joined by ","), Accept: *\/*.
 * Throws a TypeError when fetch() would refuse the request.
 */
export function preflightRequest(request: PageRequest): WireRequest {
  return wirePreflight(prepared(request), request.origin)
}

/**
 * The actual request as a browser sends it: the script's headers (forbidden ones dropped, a text
 * body's default Content-Type) and Origin, which a same-origin GET or HEAD goes without. `origin`
 * overrides the serialized origin, e.g. 'null' after a cross-origin redirect.
 */
export function actualRequest(request: PageRequest, origin?: string): WireRequest {
  const ready = prepared(request)
  const sameOriginRead = isSameOrigin(ready.url, ready.origin) && (ready.method === 'GET' || ready.method === 'HEAD')
  return wireActual(ready, origin ?? (sameOriginRead ? undefined : request.origin))
}
