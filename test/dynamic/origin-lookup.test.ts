// originLookup: a cached, single-flight origin predicate. Every rule is checked through what
// callers see: the answer (and whether it is synchronous), how many lookups ran, the decision.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { problemsOf } from '../core/support.js'
import {
  CorsConfigError,
  createCors,
  originLookup,
  type CorsDecision,
  type OriginLookupOptions,
} from '../../src/index.js'

const A = 'https://a.example.com'
const B = 'https://b.example.com'

/** A clock the test moves by hand. */
function manualClock(start = 1_000) {
  let now = start
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms
    },
  }
}

/** A lookup answering from `allowed`, counting its calls. */
function counted(allowed: Set<string>, asynchronous = true) {
  const calls: string[] = []
  const lookup = (origin: string) => {
    calls.push(origin)
    return asynchronous ? Promise.resolve(allowed.has(origin)) : allowed.has(origin)
  }
  return { calls, lookup }
}

/** A lookup whose answers the test settles one by one. */
function deferred() {
  const waiting: { origin: string; resolve: (allowed: boolean) => void; reject: (error: unknown) => void }[] = []
  const lookup = (origin: string) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ origin, resolve, reject })
    })
  return { waiting, lookup }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('originLookup: answers', () => {
  it('answers a cached origin synchronously, with a boolean, without a second lookup', async () => {
    const { calls, lookup } = counted(new Set([A]))
    const tenants = originLookup(lookup, { now: manualClock().now })
    const first = tenants(A)
    expect(first).toBeInstanceOf(Promise)
    expect(await first).toBe(true)
    expect(tenants(A)).toBe(true)
    expect(calls).toEqual([A])
  })

  it('keeps a synchronous lookup synchronous, and caches its answer', () => {
    const { calls, lookup } = counted(new Set([A]), false)
    const tenants = originLookup(lookup, { now: manualClock().now })
    expect(tenants(A)).toBe(true)
    expect(tenants(B)).toBe(false)
    expect(tenants(A)).toBe(true)
    expect(tenants(B)).toBe(false)
    expect(calls).toEqual([A, B])
  })

  it('makes check() synchronous once the origin is cached, allowed or refused', async () => {
    const onReject = vi.fn()
    const policy = createCors({ origin: originLookup(counted(new Set([A])).lookup), credentials: true, onReject })
    const pending = policy.check({ method: 'GET', origin: A })
    expect(pending).toBeInstanceOf(Promise)
    expect((await pending).headers['access-control-allow-origin']).toBe(A)
    const cached = policy.check({ method: 'GET', origin: A })
    expect(cached).not.toBeInstanceOf(Promise)
    expect(cached).toMatchObject({ allowed: true, headers: { 'access-control-allow-origin': A } })
    const preflight = policy.check({ method: 'OPTIONS', origin: A, requestMethod: 'PUT' })
    expect(preflight).toMatchObject({ kind: 'preflight', allowed: true, status: 204 })
    expect(await policy.check({ method: 'GET', origin: B })).toMatchObject({ allowed: false, reason: 'origin' })
    // A refusal from the cache is still a refusal onReject hears of, every time.
    expect(policy.check({ method: 'GET', origin: B })).toMatchObject({ allowed: false, reason: 'origin' })
    expect(onReject).toHaveBeenCalledTimes(2)
  })
})

describe('originLookup: shared by several policies', () => {
  it('answers each policy with its own headers, whoever asked first', () => {
    const tenants = originLookup(counted(new Set([A]), false).lookup)
    expect(tenants(A)).toBe(true) // cached before any policy decided A
    const plain = createCors({ origin: tenants })
    const credentialed = createCors({ origin: tenants, credentials: true, exposedHeaders: ['x-id'] })
    for (let i = 0; i < 3; i++) {
      expect(plain.check({ method: 'GET', origin: A })).toMatchObject({ headers: { 'access-control-allow-origin': A } })
      expect(
        (plain.check({ method: 'GET', origin: A }) as CorsDecision).headers['access-control-allow-credentials'],
      ).toBeUndefined()
      expect(credentialed.check({ method: 'GET', origin: A })).toMatchObject({
        headers: { 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'x-id' },
      })
    }
  })
})

describe('originLookup: time to live', () => {
  it('serves an allowed answer for ttl milliseconds, never at or after its expiry', async () => {
    const clock = manualClock()
    const { calls, lookup } = counted(new Set([A]))
    const tenants = originLookup(lookup, { ttl: 100, now: clock.now })
    await tenants(A)
    clock.advance(99)
    expect(tenants(A)).toBe(true)
    clock.advance(1)
    expect(tenants(A)).toBeInstanceOf(Promise)
    expect(calls).toEqual([A, A])
  })

  it('serves a refusal for negativeTtl milliseconds', async () => {
    const clock = manualClock()
    const { calls, lookup } = counted(new Set())
    const tenants = originLookup(lookup, { ttl: 1_000, negativeTtl: 50, now: clock.now })
    expect(await tenants(A)).toBe(false)
    clock.advance(49)
    expect(tenants(A)).toBe(false)
    clock.advance(1)
    expect(await tenants(A)).toBe(false)
    expect(calls).toEqual([A, A])
  })

  it('keeps no refusal with negativeTtl: 0', async () => {
    const { calls, lookup } = counted(new Set())
    const tenants = originLookup(lookup, { negativeTtl: 0, now: manualClock().now })
    await tenants(A)
    await tenants(A)
    expect(calls).toEqual([A, A])
  })

  it('a cached origin that expired is looked up again by check(), and its new answer decides', async () => {
    const clock = manualClock()
    const allowed = new Set([A])
    const policy = createCors({ origin: originLookup(counted(allowed).lookup, { ttl: 10, now: clock.now }) })
    await policy.check({ method: 'GET', origin: A })
    expect(policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: true })
    allowed.delete(A)
    clock.advance(10)
    expect(await policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: false })
  })

  it('reads the default clock (Date.now) for expiry', async () => {
    // A reading taken by an earlier test under the real clock is forgotten after a millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5))
    vi.useFakeTimers({ now: 0 })
    const { calls, lookup } = counted(new Set([A]))
    const tenants = originLookup(lookup, { ttl: 1_000 })
    await tenants(A)
    vi.advanceTimersByTime(999)
    expect(tenants(A)).toBe(true)
    // The default clock is read at most once a millisecond: a timer forgets each reading.
    vi.advanceTimersByTime(2)
    expect(tenants(A)).toBeInstanceOf(Promise)
    expect(calls).toEqual([A, A])
  })
})

describe('originLookup: bounded memory', () => {
  it('keeps at most maxEntries answers, whatever origins arrive', async () => {
    const { calls, lookup } = counted(new Set(), false)
    const tenants = originLookup(lookup, { maxEntries: 10, negativeTtl: 60_000, now: manualClock().now })
    const origins = Array.from({ length: 1_000 }, (_, i) => `https://t${i}.example.com`)
    for (const origin of origins) tenants(origin)
    calls.length = 0
    // Newest first: the answers still cached are the ones not looked up again, at most maxEntries.
    for (const origin of origins.reverse()) tenants(origin)
    expect(origins.length - calls.length).toBeLessThanOrEqual(10)
    expect(origins.length - calls.length).toBeGreaterThan(0)
  })

  it('still finds a recent origin after older ones pushed out', () => {
    const { calls, lookup } = counted(new Set([A]), false)
    const tenants = originLookup(lookup, { maxEntries: 4, now: manualClock().now })
    tenants('https://x.example.com')
    tenants('https://y.example.com')
    tenants(A)
    calls.length = 0
    expect(tenants(A)).toBe(true)
    expect(calls).toEqual([])
  })
})

describe('originLookup: one lookup in flight per origin', () => {
  it('shares one lookup between every concurrent caller', async () => {
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { now: manualClock().now })
    const answers = Array.from({ length: 50 }, () => tenants(A))
    const other = tenants(B)
    expect(waiting.map((entry) => entry.origin)).toEqual([A, B])
    expect(new Set(answers).size).toBe(1)
    waiting[0]?.resolve(true)
    waiting[1]?.resolve(false)
    expect(await Promise.all(answers)).toEqual(Array(50).fill(true))
    expect(await other).toBe(false)
    expect(tenants(A)).toBe(true)
  })

  it('shares one lookup between concurrent requests through check()', async () => {
    const { waiting, lookup } = deferred()
    const policy = createCors({ origin: originLookup(lookup) })
    const decisions = Array.from({ length: 20 }, () => policy.check({ method: 'GET', origin: A }))
    expect(waiting).toHaveLength(1)
    waiting[0]?.resolve(true)
    for (const decision of await Promise.all(decisions)) expect(decision.allowed).toBe(true)
  })
})

describe('originLookup: failures are never cached', () => {
  it('rejects every caller waiting on a failed lookup, and the next call looks up again', async () => {
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { now: manualClock().now })
    const first = tenants(A)
    const second = tenants(A)
    const failure = new Error('database down')
    waiting[0]?.reject(failure)
    await expect(first).rejects.toBe(failure)
    await expect(second).rejects.toBe(failure)
    const retry = tenants(A)
    expect(waiting).toHaveLength(2)
    waiting[1]?.resolve(true)
    expect(await retry).toBe(true)
  })

  it('lets a synchronous throw through, uncached', () => {
    let fail = true
    const tenants = originLookup(
      () => {
        if (fail) throw new Error('no connection')
        return true
      },
      { now: manualClock().now },
    )
    expect(() => tenants(A)).toThrow('no connection')
    fail = false
    expect(tenants(A)).toBe(true)
  })

  it('makes check() reject, as any failing predicate does', async () => {
    const policy = createCors({ origin: originLookup(() => Promise.reject(new Error('timeout'))) })
    await expect(policy.check({ method: 'GET', origin: A })).rejects.toThrow('timeout')
  })

  it('caches no answer that is not a boolean; corsica refuses it with a CorsConfigError', async () => {
    let calls = 0
    const lookup = (() => {
      calls++
      return Promise.resolve('yes')
    }) as unknown as (origin: string) => Promise<boolean>
    const policy = createCors({ origin: originLookup(lookup) })
    await expect(policy.check({ method: 'GET', origin: A })).rejects.toBeInstanceOf(CorsConfigError)
    await expect(policy.check({ method: 'GET', origin: A })).rejects.toThrow(/origin predicate answer/)
    expect(calls).toBe(2)
  })
})

describe('originLookup: a lookup that never settles', () => {
  it('fails its waiting callers after timeout ms, and the next request starts a new lookup', async () => {
    vi.useFakeTimers()
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { timeout: 100, now: manualClock().now })
    const first = tenants(A)
    const second = tenants(A)
    const failed = [
      expect(first).rejects.toThrow(`the lookup for ${A} took longer than 100 ms`),
      expect(second).rejects.toThrow(/longer than 100 ms/),
    ]
    vi.advanceTimersByTime(99)
    expect(tenants(A)).toBe(first)
    vi.advanceTimersByTime(1)
    await Promise.all(failed)
    const retry = tenants(A)
    expect(retry).not.toBe(first)
    expect(waiting).toHaveLength(2)
    waiting[1]?.resolve(true)
    expect(await retry).toBe(true)
    expect(tenants(A)).toBe(true)
  })

  it('does not cache the late answer of a lookup that timed out', async () => {
    vi.useFakeTimers()
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { timeout: 50, now: manualClock().now })
    const stale = tenants(A)
    const failed = expect(stale).rejects.toThrow(/took longer than 50 ms/)
    vi.advanceTimersByTime(50)
    await failed
    waiting[0]?.resolve(true)
    await Promise.resolve()
    expect(tenants(A)).toBeInstanceOf(Promise)
    expect(waiting).toHaveLength(2)
  })

  it('defaults to a 5000 ms timeout, and a lookup that settles in time clears its timer', async () => {
    vi.useFakeTimers()
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { now: manualClock().now })
    const slow = tenants(A)
    const failed = expect(slow).rejects.toThrow(/longer than 5000 ms/)
    const quick = tenants(B)
    waiting[1]?.resolve(true)
    expect(await quick).toBe(true)
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(4_999)
    expect(tenants(A)).toBe(slow)
    vi.advanceTimersByTime(1)
    await failed
    expect(vi.getTimerCount()).toBe(0)
  })

  it('makes check() reject on timeout, so adapters take their failure path', async () => {
    vi.useFakeTimers()
    const policy = createCors({ origin: originLookup(() => new Promise<boolean>(() => {}), { timeout: 10 }) })
    const decision = policy.check({ method: 'GET', origin: A })
    const failed = expect(decision).rejects.toThrow(/took longer than 10 ms/)
    vi.advanceTimersByTime(10)
    await failed
  })

  it('keeps at most maxEntries lookups in flight; past that a request fails at once, without a lookup', async () => {
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { maxEntries: 4, now: manualClock().now })
    const origins = Array.from({ length: 6 }, (_, i) => `https://t${i}.example.com`)
    const answers = origins.map((origin) => tenants(origin))
    expect(waiting).toHaveLength(4)
    await expect(answers[4]).rejects.toThrow(/4 lookups are already in flight .* for https:\/\/t4\.example\.com/)
    await expect(answers[5]).rejects.toThrow(/raise maxEntries/)
    // An origin already in flight still joins its lookup.
    expect(tenants(origins[0] as string)).toBe(answers[0])
    waiting[0]?.resolve(true)
    expect(await answers[0]).toBe(true)
    // One settled: room for one more.
    const next = tenants(origins[4] as string)
    expect(waiting).toHaveLength(5)
    waiting[4]?.resolve(false)
    expect(await next).toBe(false)
  })
})

describe('originLookup: the lookup only sees well-formed origins', () => {
  it.each(['null', 'https://A.example.com', 'https://a.example.com/', 'https://a.example.com, https://b.example.com'])(
    'answers false for %j without a lookup, through check() or called directly',
    async (origin) => {
      const { calls, lookup } = counted(new Set([origin]))
      const tenants = originLookup(lookup)
      expect(tenants(origin)).toBe(false)
      const decision = await createCors({ origin: tenants }).check({ method: 'GET', origin })
      expect(decision.allowed).toBe(false)
      expect(calls).toEqual([])
    },
  )
})

describe('originLookup: invalidation', () => {
  it('invalidate(origin) forgets that origin only', async () => {
    const { calls, lookup } = counted(new Set([A, B]))
    const tenants = originLookup(lookup, { now: manualClock().now })
    await tenants(A)
    await tenants(B)
    tenants.invalidate(A)
    expect(tenants(B)).toBe(true)
    expect(await tenants(A)).toBe(true)
    expect(calls).toEqual([A, B, A])
  })

  it('invalidateAll() forgets every origin', async () => {
    const { calls, lookup } = counted(new Set([A, B]))
    const tenants = originLookup(lookup, { now: manualClock().now })
    await tenants(A)
    await tenants(B)
    tenants.invalidateAll()
    expect(tenants(A)).toBeInstanceOf(Promise)
    expect(tenants(B)).toBeInstanceOf(Promise)
    expect(calls).toEqual([A, B, A, B])
  })

  it.each(['invalidate', 'invalidateAll'] as const)(
    '%s during a lookup: that lookup answers its callers but is not cached',
    async (method) => {
      const { waiting, lookup } = deferred()
      const tenants = originLookup(lookup, { now: manualClock().now })
      const stale = tenants(A)
      if (method === 'invalidate') tenants.invalidate(A)
      else tenants.invalidateAll()
      const fresh = tenants(A)
      expect(waiting).toHaveLength(2)
      waiting[0]?.resolve(true)
      waiting[1]?.resolve(false)
      expect(await stale).toBe(true)
      expect(await fresh).toBe(false)
      expect(tenants(A)).toBe(false)
    },
  )

  it('a failed lookup invalidated meanwhile leaves the newer lookup in place', async () => {
    const { waiting, lookup } = deferred()
    const tenants = originLookup(lookup, { now: manualClock().now })
    const stale = tenants(A)
    tenants.invalidate(A)
    const fresh = tenants(A)
    waiting[0]?.reject(new Error('old'))
    await expect(stale).rejects.toThrow('old')
    expect(tenants(A)).toBe(fresh)
    waiting[1]?.resolve(true)
    expect(await fresh).toBe(true)
  })

  it('check() stops answering from the cache once the origin is invalidated', async () => {
    const allowed = new Set([A])
    const tenants = originLookup(counted(allowed).lookup)
    const policy = createCors({ origin: tenants })
    await policy.check({ method: 'GET', origin: A })
    expect(policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: true })
    allowed.delete(A)
    tenants.invalidate(A)
    expect(await policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: false })
  })
})

describe('originLookup: options', () => {
  const lookup = () => true

  it.each([
    [{ ttl: 0 }, 'invalid-lookup-option', 'originLookup.ttl'],
    [{ ttl: -5 }, 'invalid-lookup-option', 'originLookup.ttl'],
    [{ ttl: Number.POSITIVE_INFINITY }, 'invalid-lookup-option', 'originLookup.ttl'],
    [{ ttl: Number.NaN }, 'invalid-lookup-option', 'originLookup.ttl'],
    [{ ttl: '60000' }, 'invalid-lookup-option', 'originLookup.ttl'],
    [{ negativeTtl: -1 }, 'invalid-lookup-option', 'originLookup.negativeTtl'],
    [{ negativeTtl: Number.POSITIVE_INFINITY }, 'invalid-lookup-option', 'originLookup.negativeTtl'],
    [{ maxEntries: 1 }, 'invalid-lookup-option', 'originLookup.maxEntries'],
    [{ maxEntries: 10.5 }, 'invalid-lookup-option', 'originLookup.maxEntries'],
    [{ maxEntries: Number.POSITIVE_INFINITY }, 'invalid-lookup-option', 'originLookup.maxEntries'],
    [{ timeout: 0 }, 'invalid-lookup-option', 'originLookup.timeout'],
    [{ timeout: Number.NaN }, 'invalid-lookup-option', 'originLookup.timeout'],
    [{ timeout: Number.POSITIVE_INFINITY }, 'invalid-lookup-option', 'originLookup.timeout'],
    [{ timeout: 2 ** 31 }, 'invalid-lookup-option', 'originLookup.timeout'],
    [{ timeout: '5s' }, 'invalid-lookup-option', 'originLookup.timeout'],
    [{ now: 5 }, 'invalid-type', 'originLookup.now'],
    [{ tll: 5 }, 'unknown-option', 'originLookup.tll'],
  ])('refuses %o', (options, code, path) => {
    expect(problemsOf(() => originLookup(lookup, options as OriginLookupOptions))).toEqual([{ code, path }])
  })

  it.each([null, 'fast', [1]])('refuses options %j that are not an object', (options) => {
    expect(problemsOf(() => originLookup(lookup, options as OriginLookupOptions))).toEqual([
      { code: 'invalid-type', path: 'originLookup(options)' },
    ])
  })

  it('refuses a lookup that is not a function, and lists every problem at once', () => {
    const run = () => originLookup('db' as unknown as () => boolean, { ttl: 0, maxEntries: 0 })
    expect(problemsOf(run)).toEqual([
      { code: 'invalid-type', path: 'originLookup(lookup)' },
      { code: 'invalid-lookup-option', path: 'originLookup.ttl' },
      { code: 'invalid-lookup-option', path: 'originLookup.maxEntries' },
    ])
    expect(run).toThrow(/must be a positive number of milliseconds, got number 0/)
  })

  it('accepts the limits: negativeTtl 0, maxEntries 2, the longest timer, fractional milliseconds', () => {
    const limits = { ttl: 0.5, negativeTtl: 0, maxEntries: 2, timeout: 2 ** 31 - 1, now: Date.now }
    expect(() => originLookup(lookup, limits)).not.toThrow()
  })
})
