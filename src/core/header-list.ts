// Access-Control-Request-Headers as the engine reads it: parsed once per distinct accepted value.
import type { BoundedCache } from './cache.js'
import { MAX_LIST_LENGTH, parseTokenList } from './tokens.js'

/** Shared by every request whose list was accepted before (such a list is never echoed, so never read). */
const NO_ITEMS: readonly string[] = []

/**
 * The requested names, lowercased; undefined when malformed or over the caps. Browsers send the
 * same few lists again and again: a list accepted before skips the parse.
 */
export function parsedHeaderList(
  accepted: BoundedCache<true> | undefined,
  requestHeaders: string,
): readonly string[] | undefined {
  // The length test first, so an oversized value is refused before it is hashed.
  const fits = requestHeaders.length <= MAX_LIST_LENGTH
  if (accepted !== undefined && fits && accepted.get(requestHeaders) === true) return NO_ITEMS
  return parseTokenList(requestHeaders)
}

/** Records a list allowedHeaders accepted, unless it came from the cache already. */
export function rememberAccepted(
  accepted: BoundedCache<true> | undefined,
  requestHeaders: string,
  requested: readonly string[],
): void {
  if (accepted !== undefined && requested !== NO_ITEMS) accepted.set(requestHeaders, true)
}
