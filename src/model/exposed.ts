// Which response headers a script reads from a CORS response: the CORS-safelisted response
// headers and those Access-Control-Expose-Headers names ('*' means all only without credentials).
import { namesOf, tokenList } from './headers.js'
import type { HeaderList, Reader, WireResponse } from './types.js'

/** Readable from any CORS response. */
export const SAFELISTED_RESPONSE_HEADERS: readonly string[] = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]
/** Never readable by a script, not even same-origin. */
const FORBIDDEN_RESPONSE_HEADERS = ['set-cookie', 'set-cookie2']

/** Every header a script may read from a same-origin (basic) response. */
export function basicReadable(headers: HeaderList): string[] {
  return namesOf(headers).filter((name) => !FORBIDDEN_RESPONSE_HEADERS.includes(name))
}

/**
 * The response headers a script can read, lowercase, in the response's order: the safelisted
 * ones and those Access-Control-Expose-Headers lists. `'*'` exposes every header only when
 * `credentials` is false. The three engines agree here today; `_engine` keeps the signature
 * ready for a difference.
 */
export function readableHeaders(response: WireResponse, _engine?: Reader, credentials = false): string[] {
  const listed = tokenList(response.headers, 'access-control-expose-headers')
  const exposed = Array.isArray(listed) ? listed.map((name) => name.toLowerCase()) : []
  const all = !credentials && exposed.includes('*')
  return basicReadable(response.headers).filter(
    (name) => all || SAFELISTED_RESPONSE_HEADERS.includes(name) || exposed.includes(name),
  )
}
