// Reads that never reach Object.prototype: a polluted prototype must not become an option,
// a request header or a response header.
const hasOwn = Object.prototype.hasOwnProperty

/** `object[key]` when `key` is the object's own property; undefined otherwise. */
export function ownValue<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn.call(object, key) ? object[key] : undefined
}

/** `object[key]` for any object and key (a Symbol too), when it is the object's own property. */
export function ownField(object: object, key: PropertyKey): unknown {
  return hasOwn.call(object, key) ? (object as Record<PropertyKey, unknown>)[key] : undefined
}

/**
 * The items of an array, a hole read as `undefined` (a hole's value would otherwise come from
 * a polluted `Object.prototype[i]`, which `forEach`, `includes` and `filter` all read).
 */
export function ownItems(array: readonly unknown[]): unknown[] {
  const items: unknown[] = []
  for (let i = 0; i < array.length; i++) items.push(hasOwn.call(array, i) ? array[i] : undefined)
  return items
}
