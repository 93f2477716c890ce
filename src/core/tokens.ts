// RFC 9110 token grammar and list parsing. Request-side code here never splits, slices or
// uses a RegExp: it walks char codes once, so hostile input costs time linear in a capped length.

const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1 // 0-9
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1 // A-Z
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1 // a-z

const SPACE = 0x20
const TAB = 0x09
const COMMA = 0x2c

export function isTokenChar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1
}

export function isToken(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) if (!isTokenChar(value.charCodeAt(i))) return false
  return true
}

function isUpperAscii(code: number): boolean {
  return code >= 0x41 && code <= 0x5a
}

export function lowerAscii(code: number): number {
  return isUpperAscii(code) ? code + 0x20 : code
}

/** Longest `Access-Control-Request-Headers` value accepted, in characters. */
export const MAX_LIST_LENGTH = 4096
/** Most items accepted in `Access-Control-Request-Headers`. */
export const MAX_LIST_ITEMS = 128

/**
 * Item bounds of the last list scanned. One instance per policy, reused by every request: a scan
 * and the reads of its result happen in one synchronous stretch, so no request sees another's.
 */
export class TokenList {
  count = 0
  /** True when the value is already `a,b,c` in lowercase: it can be echoed as is. */
  canonical = true
  readonly starts = new Int32Array(MAX_LIST_ITEMS)
  readonly ends = new Int32Array(MAX_LIST_ITEMS)

  /**
   * Parses an RFC 9110 comma list of tokens (optional whitespace, empty items ignored).
   * Returns false when the value is too long, has too many items, or any item is not a token.
   */
  scan(value: string): boolean {
    this.count = 0
    this.canonical = true
    const length = value.length
    if (length > MAX_LIST_LENGTH) return false
    let i = 0
    while (i < length) {
      let code = value.charCodeAt(i)
      // Leading whitespace and empty items.
      if (code === SPACE || code === TAB || code === COMMA) {
        this.canonical = false
        i++
        continue
      }
      const start = i
      while (i < length && isTokenChar((code = value.charCodeAt(i)))) {
        if (isUpperAscii(code)) this.canonical = false
        i++
      }
      if (i === start) return false // a character that is neither token, whitespace nor comma
      if (this.count === MAX_LIST_ITEMS) return false
      this.starts[this.count] = start
      this.ends[this.count] = i
      this.count++
      // Trailing whitespace, then a comma or the end.
      while (i < length && ((code = value.charCodeAt(i)) === SPACE || code === TAB)) {
        this.canonical = false
        i++
      }
      if (i < length) {
        if (code !== COMMA) return false
        i++
        if (i === length) this.canonical = false // a trailing comma
      }
    }
    if (this.count === 0) this.canonical = false
    return true
  }

  /** The items, lowercased and joined by `,` (the form browsers send). */
  lowercased(value: string): string {
    if (this.canonical) return value
    let out = ''
    for (let k = 0; k < this.count; k++) {
      if (k > 0) out += ','
      out += value.slice(this.starts[k], this.ends[k]).toLowerCase()
    }
    return out
  }

  itemAt(value: string, k: number): string {
    return value.slice(this.starts[k], this.ends[k])
  }
}

/**
 * A fixed set of header names looked up case-insensitively by a slice of a string, without
 * building the slice: names are bucketed by length and first letter, then compared char by char.
 */
export class HeaderNameSet {
  private readonly buckets = new Map<number, string[]>()

  constructor(lowercaseNames: Iterable<string>) {
    for (const name of lowercaseNames) {
      const key = bucketKey(name.length, name.charCodeAt(0))
      const bucket = this.buckets.get(key)
      if (bucket === undefined) this.buckets.set(key, [name])
      else if (!bucket.includes(name)) bucket.push(name)
    }
  }

  hasSlice(value: string, start: number, end: number): boolean {
    const bucket = this.buckets.get(bucketKey(end - start, lowerAscii(value.charCodeAt(start))))
    if (bucket === undefined) return false
    for (let b = 0; b < bucket.length; b++) {
      if (equalsLowercase(value, start, end, bucket[b]!)) return true
    }
    return false
  }
}

function bucketKey(length: number, firstCode: number): number {
  return length * 128 + firstCode
}

function equalsLowercase(value: string, start: number, end: number, lowercaseName: string): boolean {
  for (let i = start, j = 0; i < end; i++, j++) {
    if (lowerAscii(value.charCodeAt(i)) !== lowercaseName.charCodeAt(j)) return false
  }
  return true
}
