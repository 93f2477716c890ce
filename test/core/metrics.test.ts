// Counters: every decision counted once, by kind and reason, on the cached paths too; readable
// at any time, a snapshot frozen at the moment it is taken.
import { describe, expect, it } from 'vitest'
import { corsMetrics, type CorsMetricsSnapshot, type CorsRequest, createCors } from '../../src/index.js'
import { APP, EVIL } from './support.js'

const get = (origin?: string): CorsRequest => ({ method: 'GET', origin })
const preflight = (requestMethod: string, extra: Partial<CorsRequest> = {}): CorsRequest => ({
  method: 'OPTIONS',
  origin: APP,
  requestMethod,
  ...extra,
})

const ZERO: CorsMetricsSnapshot = {
  allowed: 0,
  refused: { origin: 0, method: 0, headers: 0, 'private-network': 0, malformed: 0 },
  preflights: 0,
  notCors: 0,
  errors: 0,
  candidateDiffers: 0,
  candidateErrors: 0,
}

describe('corsMetrics', () => {
  it('counts allowed, refused by reason, preflights and requests with no Origin, each time', () => {
    const metrics = corsMetrics()
    const policy = createCors({ origin: [APP], methods: 'GET', allowedHeaders: ['x-a'], metrics })
    const requests = [
      get(APP),
      get(EVIL),
      get(`${APP}/`),
      get(),
      preflight('GET'),
      preflight('PUT'),
      preflight('GET', { requestHeaders: 'x-b' }),
      preflight('GET', { requestPrivateNetwork: 'true' }),
      preflight('G T'),
    ]
    for (let round = 0; round < 3; round++) for (const request of requests) policy.check(request)
    expect(metrics.snapshot()).toStrictEqual({
      ...ZERO,
      allowed: 6,
      refused: { origin: 3, method: 3, headers: 3, 'private-network': 3, malformed: 6 },
      preflights: 15,
      notCors: 3,
    })
    expect(metrics.allowed).toBe(6)
    expect(metrics.refused.origin).toBe(3)
  })

  it('under CORS off, every request is notCors', () => {
    const metrics = corsMetrics()
    createCors({ origin: false, metrics }).check(get(APP))
    expect(metrics.notCors).toBe(1)
  })

  it('counts async decisions when they settle, and failures as errors', async () => {
    const metrics = corsMetrics()
    const policy = createCors({ origin: async (origin) => origin === APP, metrics })
    await policy.check(get(APP))
    await policy.check(get(EVIL))
    const failing = createCors({ origin: async () => Promise.reject(new Error('down')), metrics })
    await expect(failing.check(get(APP))).rejects.toThrow('down')
    expect(metrics.snapshot()).toStrictEqual({
      ...ZERO,
      allowed: 1,
      refused: { ...ZERO.refused, origin: 1 },
      errors: 1,
    })
  })

  it('a snapshot is a frozen copy of that moment; one object serves several policies', () => {
    const metrics = corsMetrics()
    const first = createCors({ origin: '*', metrics })
    const second = createCors({ origin: [APP], metrics })
    first.check(get(APP))
    const before = metrics.snapshot()
    second.check(get(EVIL))
    expect(Object.isFrozen(before) && Object.isFrozen(before.refused)).toBe(true)
    expect(before.allowed).toBe(1)
    expect(before.refused.origin).toBe(0)
    expect([metrics.allowed, metrics.refused.origin]).toStrictEqual([1, 1])
  })

  it('decisions are the same with and without metrics', () => {
    const plain = createCors({ origin: [APP] })
    const counted = createCors({ origin: [APP], metrics: corsMetrics() })
    for (const request of [get(APP), get(EVIL), get(), preflight('PUT')])
      expect(counted.check(request)).toStrictEqual(plain.check(request))
  })

  it("accepts another copy of corsica's counters (the global brand), nothing else", () => {
    const foreign = Object.assign(Object.create(null), ZERO, {
      refused: { ...ZERO.refused },
      [Symbol.for('corsica.metrics.v1')]: true,
    })
    createCors({ origin: [APP], metrics: foreign }).check(get(APP))
    expect(foreign.allowed).toBe(1)
    expect(() => createCors({ metrics: { ...ZERO } as never })).toThrow(
      'metrics: must be counters made by corsMetrics()',
    )
  })
})
