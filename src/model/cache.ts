// The CORS-preflight cache: how long each reader keeps a preflight (Access-Control-Max-Age, its
// default and cap, and each engine's reading of a malformed value), and what a cached one covers.
import { DEFAULT_MAX_AGE, MAX_AGE_CAP } from './engines.js'
import { getHeader, tokenList } from './headers.js'
import type { Reader, WireResponse } from './types.js'

/** Seconds before the cap: a number, 'default' (absent or unreadable: 5 s) or 0 (not cached). */
function rawSeconds(value: string | undefined, reader: Reader): number | 'default' {
  if (value === undefined || value === '') return 'default'
  // Firefox keeps nothing for a value that is not all digits; the others fall back to 5 s,
  // but a negative number parses (Chromium makes it 0, WebKit an expiry in the past).
  if (reader === 'firefox') return /^[0-9]+$/.test(value) ? Number(value) : 0
  if (reader === 'standard') return /^[0-9]+$/.test(value) ? Number(value) : 'default'
  const signed = reader === 'webkit' ? /^[+-]?[0-9]+$/ : /^-?[0-9]+$/
  if (!signed.test(value)) return 'default'
  return Math.max(0, Number(value))
}

/**
 * Seconds `reader` caches a preflight answered with `response`: Access-Control-Max-Age, 5 s when
 * absent, cut to the engine's cap (Chromium 7200, Firefox 86400, WebKit 600; the standard none).
 * 0 means not cached.
 */
export function preflightCacheSeconds(response: WireResponse, engine: Reader): number {
  const seconds = rawSeconds(getHeader(response.headers, 'access-control-max-age'), engine)
  return Math.min(seconds === 'default' ? DEFAULT_MAX_AGE : seconds, MAX_AGE_CAP[engine])
}

/** What one cached preflight covers, until when (ms). */
interface Entry {
  readonly methods: ReadonlyMap<string, number>
  readonly headers: ReadonlyMap<string, number>
}

/** What a lookup needs to know about the request. */
export interface CacheQuery {
  /** The Origin the preflight was sent with. */
  readonly origin: string
  /** The URL it was for. */
  readonly url: string
  /** Whether it was credentialed (a separate entry in the cache). */
  readonly credentials: boolean
  /** The request's method. */
  readonly method: string
  /** The request's CORS-unsafe header names, lowercase. */
  readonly headers: readonly string[]
  /** A stream body: the method needs a cached entry even when safelisted. */
  readonly forcePreflight: boolean
}

function key(reader: Reader, query: CacheQuery): string {
  return JSON.stringify([reader, query.origin, query.url, query.credentials])
}

function live(map: ReadonlyMap<string, number> | undefined, name: string, now: number): boolean {
  const until = map?.get(name)
  return until !== undefined && until > now
}

/**
 * The preflight cache of each reader (the standard and each engine apart), keyed as the Fetch
 * Standard keys it: origin, URL, credentials; entries per method and header name. `now` is
 * passed in (milliseconds), so a test controls time.
 */
export class PreflightCache {
  private readonly entries = new Map<string, Entry>()

  /** True when a cached preflight covers the request's method and every unsafe header. */
  covers(reader: Reader, query: CacheQuery, now: number): boolean {
    const entry = this.entries.get(key(reader, query))
    const wildcard = (map: ReadonlyMap<string, number> | undefined) => !query.credentials && live(map, '*', now)
    const methodCovered =
      (!query.forcePreflight && ['GET', 'HEAD', 'POST'].includes(query.method)) ||
      live(entry?.methods, query.method, now) ||
      wildcard(entry?.methods)
    return (
      methodCovered &&
      query.headers.every(
        (name) =>
          live(entry?.headers, name, now) ||
          (wildcard(entry?.headers) && (name !== 'authorization' || reader !== 'standard')),
      )
    )
  }

  /** Records a successful preflight for `seconds` (nothing when 0). */
  store(reader: Reader, query: CacheQuery, response: WireResponse, seconds: number, now: number): void {
    if (seconds <= 0) return
    const until = now + seconds * 1000
    const old = this.entries.get(key(reader, query))
    const methods = new Map(old?.methods)
    const headers = new Map(old?.headers)
    const listedMethods = tokenList(response.headers, 'access-control-allow-methods')
    const listedHeaders = tokenList(response.headers, 'access-control-allow-headers')
    const methodNames = Array.isArray(listedMethods) ? listedMethods : [query.method]
    for (const method of methodNames) methods.set(method, until)
    for (const name of Array.isArray(listedHeaders) ? listedHeaders : []) headers.set(name.toLowerCase(), until)
    this.entries.set(key(reader, query), { methods, headers })
  }
}
