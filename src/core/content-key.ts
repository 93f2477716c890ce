// A cache key for option values, and the copy the policy is compiled from. Two values get the
// same key only when their copies compile to the same policy: every value is tagged with its
// type, so no string can pass for a function or a RegExp, and the copy is read in the same pass
// as the key, so a getter cannot show the key one value and the compiler another.

/** Functions, symbols' holders and class instances count by identity, never by their text. */
const identities = new WeakMap<object, number>()
let nextIdentity = 0

/** Options are shallow (an object of lists); deeper values count by identity. */
export const MAX_DEPTH = 3

export interface Snapshot {
  /** Equal keys mean equal copies. */
  readonly key: string
  /** Plain objects and arrays copied (own properties, holes as `undefined`), RegExps rebuilt. */
  readonly value: unknown
}

export function snapshot(value: unknown): Snapshot {
  const [tagged, copy] = read(value, 0)
  return { key: JSON.stringify(tagged), value: copy }
}

type Read = [tagged: unknown, copy: unknown]

function read(value: unknown, depth: number): Read {
  switch (typeof value) {
    case 'string':
      return [['s', value], value]
    case 'number':
      return [['n', String(value)], value]
    case 'bigint':
      return [['i', String(value)], value]
    case 'boolean':
      return [['b', value], value]
    case 'undefined':
      return [['u'], value]
    case 'symbol':
      // Never valid in options: compiling fails, so such a key never reaches a cache.
      return [['y', String(value)], value]
    default:
      return readObject(value as object | null, depth)
  }
}

function readObject(value: object | null, depth: number): Read {
  if (value === null) return [['z'], null]
  if (isPlainRegExp(value)) return [['r', value.source, value.flags], new RegExp(value.source, value.flags)]
  if (depth < MAX_DEPTH && Array.isArray(value)) return readArray(value, depth)
  if (depth < MAX_DEPTH && isPlainObject(value)) return readRecord(value as Record<string, unknown>, depth)
  return [['#', identityOf(value)], value]
}

function readArray(array: readonly unknown[], depth: number): Read {
  const tagged: unknown[] = ['a']
  const copy: unknown[] = []
  for (let i = 0; i < array.length; i++) {
    const [itemTag, item] = read(Object.hasOwn(array, i) ? array[i] : undefined, depth + 1)
    tagged.push(itemTag)
    copy.push(item)
  }
  return [tagged, copy]
}

function readRecord(record: Record<string, unknown>, depth: number): Read {
  const tagged: unknown[] = ['o']
  const copy: Record<string, unknown> = {}
  for (const name of Object.keys(record).sort()) {
    const [entryTag, entry] = read(record[name], depth + 1)
    tagged.push([name, entryTag])
    copy[name] = entry
  }
  return [tagged, copy]
}

function identityOf(value: object): number {
  let id = identities.get(value)
  if (id === undefined) {
    id = nextIdentity++
    identities.set(value, id)
  }
  return id
}

/**
 * A real RegExp (not a Proxy of one) whose only own property is `lastIndex` (which every RegExp
 * has and cannot delete): its source and flags say how it matches. Anything else counts by
 * identity and is compiled as it is.
 */
function isPlainRegExp(value: object): value is RegExp {
  if (Object.prototype.toString.call(value) !== '[object RegExp]') return false
  if (Object.getPrototypeOf(value) !== RegExp.prototype) return false
  return Reflect.ownKeys(value).length === 1
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
