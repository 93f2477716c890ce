// The debug header: a refused response names its reason, for a developer reading the network
// panel. The sentence is onReject's (request values JSON-quoted and cut short), made a valid
// header value: nothing outside printable ASCII, so a hostile Origin cannot split a header.
import { decision } from './decision.js'
import { REFUSAL_HEADER } from './header-names.js'
import type { CorsDecision, RejectReason } from './types.js'

/** The refused decision with the header added: `origin: origin "https://x.example" is not allowed`. */
export function withRefusalHeader(refused: CorsDecision, reason: RejectReason, detail: string): CorsDecision {
  const headers = { ...refused.headers, [REFUSAL_HEADER]: headerSafe(`${reason}: ${detail}`) }
  return decision({ kind: refused.kind, headers, vary: refused.vary, status: refused.status, reason })
}

/**
 * Printable ASCII only: the quoting already escaped control characters below 0x20; DEL and every
 * non-ASCII character become `\uXXXX` (the cut's ellipsis becomes `...`).
 */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (char) =>
    char === '…' ? '...' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
