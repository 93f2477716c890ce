/**
 * A bounded Map, so attacker-chosen keys cannot grow it: two generations of at most `capacity`
 * entries each. When the current one fills it becomes the previous one and the older is dropped:
 * constant work per insert (no eviction walk), and a key in use is found in either generation.
 */
export class BoundedCache<V> {
  private current = new Map<string, V>()
  private previous = new Map<string, V>()

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.current.get(key) ?? this.previous.get(key)
  }

  set(key: string, value: V): V {
    if (this.current.size >= this.capacity) {
      this.previous = this.current
      this.current = new Map()
    }
    this.current.set(key, value)
    return value
  }

  delete(key: string): void {
    this.current.delete(key)
    this.previous.delete(key)
  }
}
