// RFC 9110 token grammar and list parsing. Request-side code here never splits or uses a
// RegExp: it walks char codes once, so hostile input costs time linear in a capped length.

/** tchar: ! # $ % & ' * + - . ^ _ ` | ~ digits and letters. */
const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  TCHAR[c.charCodeAt(0)] = 1

const COMMA = 0x2c

function isTokenChar(code: number): boolean {
  return TCHAR[code] === 1 // out of range reads undefined
}

export function isToken(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isTokenChar(value.charCodeAt(i))) return false
  return value !== ''
}

/** Longest `Access-Control-Request-Method` accepted; the longest registered method has 17 characters. */
export const MAX_METHOD_LENGTH = 64
/** Longest `Access-Control-Request-Headers` value accepted, in characters. */
export const MAX_LIST_LENGTH = 4096
/** Most items accepted in `Access-Control-Request-Headers`. */
export const MAX_LIST_ITEMS = 128

/**
 * Parses an RFC 9110 comma list of tokens (optional whitespace, empty items ignored) into its
 * items, lowercased. Undefined when the value is longer than MAX_LIST_LENGTH, has more than
 * MAX_LIST_ITEMS items, or holds anything but tokens, commas, spaces and tabs.
 */
export function parseTokenList(value: string): string[] | undefined {
  if (value.length > MAX_LIST_LENGTH) return undefined
  const items: string[] = []
  let start = -1
  /** An item was closed by whitespace: only whitespace or a comma may come before the next. */
  let closed = false
  for (let i = 0; i <= value.length; i++) {
    const code = i === value.length ? COMMA : value.charCodeAt(i)
    if (isTokenChar(code)) {
      if (closed) return undefined
      if (start === -1) start = i
    } else if (code === COMMA || code === 0x20 || code === 0x09) {
      if (start !== -1 && items.push(value.slice(start, i).toLowerCase()) > MAX_LIST_ITEMS) return undefined
      closed = code !== COMMA && (closed || start !== -1)
      start = -1
    } else return undefined
  }
  return items
}
