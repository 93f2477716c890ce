// `originLookup`: an origin predicate backed by a lookup of the application's (a database of
// tenants' origins), with a bounded cache. A cached answer is returned as a boolean, so the
// engine stays synchronous and, through KNOWN_ANSWER, answers an origin allowed before as it
// answers a listed one. Concurrent requests for an origin share one lookup; failures are never
// cached; the lookup only ever sees well-formed origins.
import { BoundedCache } from './cache.js'
import { coarseNow } from './coarse-clock.js'
import { KNOWN_ANSWER, type AnswerSlot } from './known-answer.js'
import { lookupSettings, type LookupSettings, type OriginLookupOptions } from './origin-lookup-options.js'
import { scanOrigin } from './origin-syntax.js'
import { isPromiseLike } from './request.js'

export type { OriginLookupOptions } from './origin-lookup-options.js'

/** The application's answer for one well-formed origin: exactly `true` or `false`. */
export type OriginLookupFunction = (origin: string) => boolean | Promise<boolean>

/**
 * An origin predicate with a cache, usable as the `origin` option of `createCors` and of every
 * adapter. Called with an origin, it answers from its cache (a boolean) or from the lookup (a
 * Promise, shared by every request asking about that origin meanwhile).
 */
export interface OriginLookup {
  (origin: string): boolean | Promise<boolean>
  /** Forgets the answer for `origin` (and a lookup in flight for it): the next request looks it up. */
  invalidate(origin: string): void
  /** Forgets every answer and every lookup in flight. */
  invalidateAll(): void
}

interface Entry extends AnswerSlot {
  /** When the answer stops being served, by the lookup's clock. */
  readonly expires: number
}

/**
 * Wraps `lookup` in a cache: allowed origins are kept `ttl` ms (default 60000), refused ones
 * `negativeTtl` ms (default 10000; 0 keeps none), at most `maxEntries` answers in all (default
 * 10000). A lookup that throws or rejects, or takes longer than `timeout` ms (default 5000), fails
 * the requests waiting for it and is not cached; while `maxEntries` lookups are in flight, a
 * request for another origin fails at once rather than start one more.
 * Throws CorsConfigError for invalid options.
 *
 * @example
 * const tenants = originLookup((origin) => db.isTenantOrigin(origin), { ttl: 60_000 })
 * app.use(cors({ origin: tenants, credentials: true }))
 */
export function originLookup(lookup: OriginLookupFunction, options?: OriginLookupOptions): OriginLookup {
  const cache = new AnswerCache(lookupSettings(lookup, options))
  const predicate = (origin: string) => cache.answer(origin)
  return Object.assign(predicate, {
    invalidate: (origin: string) => cache.invalidate(origin),
    invalidateAll: () => cache.invalidateAll(),
    [KNOWN_ANSWER]: (origin: string) => cache.live(origin),
  })
}

class AnswerCache {
  private answers: BoundedCache<Entry>
  /** Lookups in flight, by origin, at most maxEntries; each removed when it settles or times out. */
  private readonly pending = new Map<string, Promise<boolean>>()
  private readonly now: () => number

  constructor(private readonly settings: LookupSettings) {
    this.answers = this.emptyCache()
    this.now = settings.now ?? coarseNow
  }

  /** Two generations of half the entries each: at most `maxEntries` answers whatever origins arrive. */
  private emptyCache(): BoundedCache<Entry> {
    return new BoundedCache(Math.floor(this.settings.maxEntries / 2))
  }

  /** The cached answer, unless it has expired. */
  live(origin: string): Entry | undefined {
    const entry = this.answers.get(origin)
    return entry !== undefined && entry.expires > this.now() ? entry : undefined
  }

  answer(origin: string): boolean | Promise<boolean> {
    const known = this.live(origin)
    if (known !== undefined) return known.allowed
    const pending = this.pending.get(origin)
    if (pending !== undefined) return pending
    // corsica calls predicates with well-formed origins only; a direct call may pass anything.
    if (origin === 'null' || scanOrigin(origin) === -1) return false
    // Memory stays bounded while the lookup stalls and distinct origins keep arriving.
    if (this.pending.size >= this.settings.maxEntries) return Promise.reject(tooManyInFlight(origin, this.pending.size))
    const answer = this.settings.lookup(origin)
    if (!isPromiseLike<boolean>(answer)) return this.remember(origin, answer)
    return this.follow(origin, answer)
  }

  /**
   * Shares the lookup's answer with every request for `origin` until it settles or times out.
   * Only the entry still in `pending` settles into the cache: an invalidated or timed-out one
   * answers its callers and is forgotten.
   */
  private follow(origin: string, answer: PromiseLike<boolean>): Promise<boolean> {
    const { timeout } = this.settings
    const settled: Promise<boolean> = new Promise<boolean>((resolve, reject) => {
      const timer = startTimer(() => {
        this.drop(origin, settled)
        reject(new Error(`originLookup: the lookup for ${origin} took longer than ${timeout} ms (the timeout option)`))
      }, timeout)
      Promise.resolve(answer).then(
        (value) => {
          clearTimeout(timer)
          resolve(this.pending.get(origin) === settled ? this.settle(origin, value) : value)
        },
        (error: unknown) => {
          clearTimeout(timer)
          this.drop(origin, settled)
          reject(error)
        },
      )
    })
    this.pending.set(origin, settled)
    return settled
  }

  private drop(origin: string, lookup: Promise<boolean>): void {
    if (this.pending.get(origin) === lookup) this.pending.delete(origin)
  }

  private settle(origin: string, answer: boolean): boolean {
    this.pending.delete(origin)
    return this.remember(origin, answer)
  }

  /**
   * Keeps a boolean answer for its time-to-live. Anything else is returned as it is, uncached:
   * corsica refuses a predicate answer that is not a boolean with a CorsConfigError.
   */
  private remember(origin: string, answer: boolean): boolean {
    if (typeof answer !== 'boolean') return answer
    const ttl = answer ? this.settings.ttl : this.settings.negativeTtl
    if (ttl > 0)
      this.answers.set(origin, { allowed: answer, expires: this.now() + ttl, owner: undefined, decision: undefined })
    return answer
  }

  invalidate(origin: string): void {
    this.answers.delete(origin)
    // A lookup in flight may have read what the invalidation is about: its answer is not kept.
    this.pending.delete(origin)
  }

  invalidateAll(): void {
    this.answers = this.emptyCache()
    this.pending.clear()
  }
}

/** A timer that does not keep a Node process alive (other runtimes return a number). */
function startTimer(run: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(run, ms)
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}

function tooManyInFlight(origin: string, count: number): Error {
  return new Error(
    `originLookup: ${count} lookups are already in flight (at most maxEntries), so none is started for ${origin}; ` +
      'the lookup is slower than requests arrive: make it faster, set a shorter timeout, or raise maxEntries',
  )
}
