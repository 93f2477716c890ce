// A cache key for option values: two values get the same key only when they compile to the same
// policy. Every value is tagged with its type, so no string can pass for a function or a RegExp.

/** Functions, symbols' holders and class instances count by identity, never by their text. */
const identities = new WeakMap<object, number>()
let nextIdentity = 0

/** Options are shallow (an object of lists); deeper values count by identity. */
const MAX_DEPTH = 3

/** An injective string for `value`: equal keys mean equal content. */
export function contentKey(value: unknown): string {
  return JSON.stringify(encode(value, 0))
}

function encode(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
      return ['s', value]
    case 'number':
    case 'bigint':
      return ['n', String(value)]
    case 'boolean':
      return ['b', value]
    case 'undefined':
      return ['u']
    case 'symbol':
      // Never valid in options: compiling fails, so such a key never reaches the cache.
      return ['y', String(value)]
    default:
      return encodeObject(value as object | null, depth)
  }
}

function encodeObject(value: object | null, depth: number): unknown {
  if (value === null) return ['z']
  if (isPlainRegExp(value)) return ['r', value.source, value.flags]
  if (depth < MAX_DEPTH && Array.isArray(value)) return ['a', ...value.map((item) => encode(item, depth + 1))]
  if (depth < MAX_DEPTH && isPlainObject(value)) {
    const entries = Object.keys(value).sort()
    return ['o', ...entries.map((name) => [name, encode((value as Record<string, unknown>)[name], depth + 1)])]
  }
  return ['#', identityOf(value)]
}

function identityOf(value: object): number {
  let id = identities.get(value)
  if (id === undefined) {
    id = nextIdentity++
    identities.set(value, id)
  }
  return id
}

/** A RegExp is its source and flags only when nothing overrides how it matches. */
function isPlainRegExp(value: object): value is RegExp {
  return value instanceof RegExp && Object.getPrototypeOf(value) === RegExp.prototype && Object.keys(value).length === 0
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
