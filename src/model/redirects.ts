// Following a redirect as the Fetch Standard's HTTP-redirect fetch does: where it goes, what the
// request becomes (303 and POST→GET), and when a CORS request may not follow it.
import type { Failure } from './checks.js'
import { MAX_REDIRECTS } from './engines.js'
import { getHeader } from './headers.js'
import { originOf, type Prepared } from './page.js'
import type { WireResponse } from './types.js'

/** Where a fetch stands between hops. */
export interface Hop {
  readonly request: Prepared
  /** The redirect-taint: a hop between two origins other than the page's makes Origin `null`. */
  readonly tainted: boolean
  /** Response tainting is "cors": the URL list left the page's origin once. */
  readonly cors: boolean
  readonly redirects: number
}

const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type']

/** The Location URL resolved against the request's URL; undefined when it does not parse. */
function locationOf(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base)
  } catch {
    return undefined
  }
}

/** 301/302 turn POST into GET, 303 turns anything but GET and HEAD into GET; the body goes. */
function rewrite(request: Prepared, status: number, url: string, crossOrigin: boolean): Prepared {
  const toGet =
    ((status === 301 || status === 302) && request.method === 'POST') ||
    (status === 303 && !['GET', 'HEAD'].includes(request.method))
  let headers = request.headers
  if (toGet) headers = headers.filter(([name]) => !BODY_HEADERS.includes(name.toLowerCase()))
  // Authorization does not follow a redirect to another origin.
  if (crossOrigin) headers = headers.filter(([name]) => name.toLowerCase() !== 'authorization')
  const { body: _body, ...rest } = request
  const kept = toGet ? rest : request
  return {
    ...kept,
    url,
    method: toGet ? 'GET' : request.method,
    headers,
    forcePreflight: toGet ? false : request.forcePreflight,
  }
}

/** Why a CORS request may not follow this redirect, or undefined when it may. */
function refusal(hop: Hop, location: URL, status: number): string | undefined {
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return 'not an http(s) URL'
  if (hop.redirects >= MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects`
  const credentials = location.username !== '' || location.password !== ''
  if (credentials && (hop.cors || location.origin !== hop.request.origin)) return 'credentials'
  if (status !== 303 && hop.request.body === 'stream') return 'a stream body cannot be sent again'
  return undefined
}

/**
 * The next hop after `response`, a failure when the redirect may not be followed, or undefined
 * when the response is not a redirect (no Location, or not 301/302/303/307/308).
 */
export function follow(hop: Hop, response: WireResponse, origin: string): Hop | Failure | undefined {
  if (![301, 302, 303, 307, 308].includes(response.status)) return undefined
  const header = getHeader(response.headers, 'location')
  if (header === undefined) return undefined
  const facts = { step: 'actual' as const, url: hop.request.url, origin, status: response.status, location: header }
  const location = locationOf(header, hop.request.url)
  if (location === undefined) return { code: 'redirect-not-allowed', facts: { ...facts, why: 'not a URL' } }
  const why = refusal(hop, location, response.status)
  if (why !== undefined) return { code: 'redirect-not-allowed', facts: { ...facts, location: location.href, why } }
  const from = originOf(hop.request.url)
  const crossOrigin = from !== location.origin
  return {
    request: rewrite(hop.request, response.status, location.href, crossOrigin),
    tainted: hop.tainted || (crossOrigin && from !== hop.request.origin),
    cors: hop.cors,
    redirects: hop.redirects + 1,
  }
}
