// Merging into Vary: an RFC 9110 list (commas, optional whitespace, empty items ignored),
// compared case-insensitively, deduplicated, and `*` (varies on everything) left alone.
import { BoundedCache } from './cache.js'

/** A Vary value as Node or a framework holds it: several lines may come as an array. */
export type VaryValue = string | readonly string[] | number | null | undefined

/**
 * Returns the Vary value to set after adding `tokens` (a list, e.g. `'Origin, Accept'`) to
 * `existing`, or undefined when the response needs no change (nothing to add, every token
 * already present, or `Vary: *`). The existing value is kept as written; new tokens are appended.
 */
export function mergeVary(existing: VaryValue, tokens: string | undefined): string | undefined {
  const additions = parsedTokens(tokens ?? '')
  if (additions.items.length === 0) return undefined
  const current = textOf(existing)
  // The common case, a response with no Vary yet: no parsing at all.
  if (current === '') return additions.value
  const currentItems = listItems(current)
  const present = new Set(currentItems.map((item) => item.toLowerCase()))
  if (present.has('*')) return undefined
  const missing: string[] = []
  for (const item of additions.items) {
    const name = item.toLowerCase()
    if (present.has(name)) continue
    present.add(name)
    missing.push(item)
  }
  if (missing.length === 0) return undefined
  // `*` alone replaces the rest: a response that varies on everything varies on nothing less.
  if (missing.includes('*')) return '*'
  return currentItems.length === 0 ? missing.join(', ') : `${current}, ${missing.join(', ')}`
}

interface ParsedTokens {
  readonly items: readonly string[]
  /** The items deduplicated case-insensitively, joined by `, `; `*` alone if it is among them. */
  readonly value: string
}

/** The engine passes a handful of constant token lists: each is parsed once. */
const parsed = new BoundedCache<ParsedTokens>(64)

function parsedTokens(tokens: string): ParsedTokens {
  const known = parsed.get(tokens)
  if (known !== undefined) return known
  const items = listItems(tokens)
  const unique = items.filter(
    (item, index) => items.findIndex((other) => other.toLowerCase() === item.toLowerCase()) === index,
  )
  return parsed.set(tokens, { items, value: unique.includes('*') ? '*' : unique.join(', ') })
}

function textOf(value: VaryValue): string {
  if (value === undefined || value === null) return ''
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/** The non-empty items of an RFC 9110 list, trimmed of spaces and tabs. */
function listItems(value: string): string[] {
  const items: string[] = []
  for (const raw of value.split(',')) {
    const item = raw.replace(/^[ \t]+|[ \t]+$/g, '')
    if (item !== '') items.push(item)
  }
  return items
}
