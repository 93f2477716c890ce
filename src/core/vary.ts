// Merging into Vary: case-insensitive, deduplicated, and `*` (varies on everything) left alone.

/**
 * Returns the Vary value to set after adding `tokens` to `existing`, or undefined when the
 * response needs no change (nothing to add, already present, or `Vary: *`).
 */
export function mergeVary(existing: string | readonly string[] | number | null | undefined, tokens: string | undefined): string | undefined {
  if (tokens === undefined || tokens === '') return undefined
  const current = existing === undefined || existing === null ? '' : Array.isArray(existing) ? existing.join(', ') : String(existing)
  if (current.trim() === '') return tokens
  const present = new Set<string>()
  for (const item of current.split(',')) {
    const name = item.trim().toLowerCase()
    if (name === '*') return undefined
    present.add(name)
  }
  let merged = current
  for (const item of tokens.split(', ')) {
    if (!present.has(item.toLowerCase())) merged += `, ${item}`
  }
  return merged === current ? undefined : merged
}
