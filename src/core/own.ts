// Reads that never reach Object.prototype: a polluted prototype must not become an option,
// a request header or a response header.
const hasOwn = Object.prototype.hasOwnProperty

/** `object[key]` when `key` is the object's own property; undefined otherwise. */
export function ownValue<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return hasOwn.call(object, key) ? object[key] : undefined
}
