// Report-only rollout: a candidate policy checked beside the enforced one never changes a
// decision, and every request the two answer differently is reported, sync or async.
import { describe, expect, it, vi } from 'vitest'
import {
  type CandidateDifference,
  CorsConfigError,
  type CorsOptions,
  type CorsRequest,
  corsMetrics,
  createCors,
} from '../../src/index.js'
import { ADMIN, APP, EVIL } from './support.js'

const actual = (origin?: string): CorsRequest => ({ method: 'GET', origin })
const preflight = (origin: string, requestMethod: string, extra: Partial<CorsRequest> = {}): CorsRequest => ({
  method: 'OPTIONS',
  origin,
  requestMethod,
  ...extra,
})

/** Allowed, refused and preflight requests of every kind, each sent twice (the second from a cache). */
const REQUESTS: readonly CorsRequest[] = [
  actual(),
  actual(APP),
  actual(ADMIN),
  actual(EVIL),
  actual(`${APP}/`),
  actual('null'),
  preflight(APP, 'PUT'),
  preflight(APP, 'PATCH'),
  preflight(EVIL, 'GET'),
  preflight(APP, 'GET', { requestHeaders: 'x-token' }),
  preflight(APP, 'GET', { requestHeaders: 'x y' }),
  preflight(APP, 'GET', { requestPrivateNetwork: 'true' }),
  preflight(APP, 'GE T'),
  { method: 'OPTIONS', origin: APP },
].flatMap((request) => [request, { ...request }])

const ENFORCED: ReadonlyArray<readonly [string, CorsOptions]> = [
  ["origin '*'", { origin: '*' }],
  ['origin true', { origin: true, exposedHeaders: 'x-total' }],
  ['a list', { origin: [APP, ADMIN], allowedHeaders: ['x-token'], methods: 'GET,PUT' }],
  ['a predicate', { origin: (origin) => origin !== EVIL }],
  ['CORS off', { origin: false }],
]

const CANDIDATE = { origin: [APP], methods: ['GET'], allowedHeaders: [] }

describe('a candidate never changes a decision', () => {
  for (const [name, options] of ENFORCED) {
    it(`enforced ${name}: every decision equals the one without a candidate`, () => {
      const plain = createCors(options)
      const events: CandidateDifference[] = []
      const watched = createCors({ ...options, candidate: CANDIDATE, onCandidateDiffers: (e) => events.push(e) })
      for (const request of REQUESTS) expect(watched.check(request)).toStrictEqual(plain.check(request))
      expect(events.length).toBeGreaterThan(0)
    })
  }

  it('nor does an async candidate that never settles: the decision comes at once', () => {
    const options: CorsOptions = { origin: '*' }
    const onCandidateDiffers = vi.fn()
    const watched = createCors({
      ...options,
      candidate: { origin: () => new Promise<boolean>(() => {}) },
      onCandidateDiffers,
    })
    const plain = createCors(options)
    for (const request of REQUESTS) expect(watched.check(request)).toStrictEqual(plain.check(request))
    // Only the origins refused before any predicate is asked: malformed ones, and 'null'.
    const heard = onCandidateDiffers.mock.calls.map((call) => (call[0] as CandidateDifference).candidate.reason)
    expect(new Set(heard)).toStrictEqual(new Set(['malformed', 'origin']))
    expect(heard).toHaveLength(4)
  })
})

describe('differences are reported', () => {
  it("origin '*' with a list as candidate: the forgotten origin, every time it comes", () => {
    const events: CandidateDifference[] = []
    const policy = createCors({ origin: '*', candidate: { origin: [APP] }, onCandidateDiffers: (e) => events.push(e) })
    const request = actual(EVIL)
    expect(policy.check(request).headers).toEqual({ 'access-control-allow-origin': '*' })
    policy.check(actual(APP))
    policy.check(actual())
    policy.check(actual(EVIL))
    expect(events).toStrictEqual([
      {
        origin: EVIL,
        kind: 'actual',
        enforced: { allowed: true, reason: undefined },
        candidate: { allowed: false, reason: 'origin', detail: `origin "${EVIL}" is not allowed` },
        request,
      },
      expect.objectContaining({ candidate: expect.objectContaining({ detail: `origin "${EVIL}" is not allowed` }) }),
    ])
  })

  it('a preflight the candidate would refuse names the method, the header, the private network', () => {
    const events: CandidateDifference[] = []
    const policy = createCors({
      origin: [APP],
      privateNetwork: true,
      candidate: { origin: [APP], methods: ['GET'], allowedHeaders: ['x-a'] },
      onCandidateDiffers: (e) => events.push(e),
    })
    policy.check(preflight(APP, 'PUT'))
    policy.check(preflight(APP, 'GET', { requestHeaders: 'x-a, x-b' }))
    policy.check(preflight(APP, 'GET', { requestPrivateNetwork: 'true', requestHeaders: 'x-a' }))
    expect(events.map((e) => [e.kind, e.candidate.reason, e.candidate.detail])).toStrictEqual([
      ['preflight', 'method', 'method "PUT" is not in methods (GET)'],
      ['preflight', 'headers', 'header "x-b" is not allowed'],
      ['preflight', 'private-network', 'privateNetwork is off'],
    ])
  })

  it('the other way: what the enforced policy refuses and the candidate would allow', () => {
    const events: CandidateDifference[] = []
    const metrics = corsMetrics()
    const policy = createCors({
      origin: [APP],
      candidate: { origin: [APP, ADMIN] },
      onCandidateDiffers: (e) => events.push(e),
      metrics,
    })
    expect(policy.check(actual(ADMIN)).allowed).toBe(false)
    expect(policy.check(actual(EVIL)).allowed).toBe(false)
    expect(events).toStrictEqual([
      expect.objectContaining({
        origin: ADMIN,
        enforced: { allowed: false, reason: 'origin' },
        candidate: { allowed: true, reason: undefined, detail: undefined },
      }),
    ])
    expect(metrics.candidateDiffers).toBe(1)
  })

  it('two refusals for different reasons are not a difference; no Origin never is', () => {
    const onCandidateDiffers = vi.fn()
    const policy = createCors({ origin: [APP], methods: 'GET', candidate: { origin: [ADMIN] }, onCandidateDiffers })
    policy.check(preflight(APP, 'PUT'))
    policy.check(actual())
    expect(onCandidateDiffers).not.toHaveBeenCalled()
  })

  it("the candidate's predicate receives the check's context", () => {
    const seen: unknown[] = []
    const context = { tenant: 't1' }
    const policy = createCors<{ tenant: string }>({
      origin: '*',
      candidate: { origin: (_origin, ctx) => seen.push(ctx) > 99 },
      onCandidateDiffers: () => {},
    })
    policy.check(actual(APP), context)
    expect(seen).toStrictEqual([context])
  })

  it("a reporter's throw is dropped: the decision stands", () => {
    const policy = createCors({
      origin: '*',
      candidate: { origin: [APP] },
      onCandidateDiffers: () => {
        throw new Error('reporter bug')
      },
    })
    expect(policy.check(actual(EVIL)).allowed).toBe(true)
  })
})

/** A promise with its resolve and reject. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

describe('an async candidate', () => {
  it('is compared when it settles, after the decision was returned', async () => {
    const answer = deferred<boolean>()
    const events: CandidateDifference[] = []
    const policy = createCors({
      origin: '*',
      candidate: { origin: () => answer.promise },
      onCandidateDiffers: (e) => events.push(e),
    })
    const decided = policy.check(actual(EVIL))
    expect(decided).not.toBeInstanceOf(Promise)
    expect(events).toStrictEqual([])
    answer.resolve(false)
    await vi.waitFor(() => expect(events).toHaveLength(1))
    expect(events[0]?.candidate).toStrictEqual({
      allowed: false,
      reason: 'origin',
      detail: `origin "${EVIL}" is not allowed`,
    })
  })

  it('that rejects is reported with its error, never thrown into the request', async () => {
    const failure = new Error('tenant store down')
    const events: CandidateDifference[] = []
    const metrics = corsMetrics()
    const policy = createCors({
      origin: '*',
      candidate: { origin: async () => Promise.reject(failure) },
      onCandidateDiffers: (e) => events.push(e),
      metrics,
    })
    expect(policy.check(actual(APP)).allowed).toBe(true)
    await vi.waitFor(() => expect(events).toHaveLength(1))
    expect(events[0]?.candidate).toStrictEqual({
      allowed: false,
      reason: undefined,
      detail: "the candidate's origin predicate failed (see error)",
      error: failure,
    })
    expect([metrics.candidateErrors, metrics.candidateDiffers, metrics.errors]).toStrictEqual([1, 0, 0])
  })

  it('beside an async enforced policy: the decision waits for the enforced one only', async () => {
    const enforced = deferred<boolean>()
    const events: CandidateDifference[] = []
    const policy = createCors({
      origin: () => enforced.promise,
      candidate: { origin: () => new Promise<boolean>(() => {}) },
      onCandidateDiffers: (e) => events.push(e),
    })
    const decided = policy.check(actual(APP))
    enforced.resolve(true)
    expect((await decided).allowed).toBe(true)
    expect(events).toStrictEqual([])
  })

  it('both async: reported once both settled, whichever settles last', async () => {
    const candidate = deferred<boolean>()
    const events: CandidateDifference[] = []
    const policy = createCors({
      origin: async () => true,
      candidate: { origin: () => candidate.promise },
      onCandidateDiffers: (e) => events.push(e),
    })
    expect((await policy.check(actual(EVIL))).allowed).toBe(true)
    expect(events).toStrictEqual([])
    candidate.resolve(false)
    await vi.waitFor(() => expect(events).toHaveLength(1))
  })

  it('an enforced policy that rejects rejects the check as before; the candidate is left unheard', async () => {
    const metrics = corsMetrics()
    const onCandidateDiffers = vi.fn()
    const policy = createCors({
      origin: async () => Promise.reject(new Error('enforced failed')),
      candidate: { origin: async () => Promise.reject(new Error('candidate failed')) },
      onCandidateDiffers,
      metrics,
    })
    await expect(policy.check(actual(APP))).rejects.toThrow('enforced failed')
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(onCandidateDiffers).not.toHaveBeenCalled()
    expect(metrics.errors).toBe(1)
  })
})

describe('a candidate that fails synchronously', () => {
  it('throwing: reported with its error', () => {
    const events: CandidateDifference[] = []
    const failure = new Error('bug')
    const policy = createCors({
      origin: '*',
      candidate: {
        origin: () => {
          throw failure
        },
      },
      onCandidateDiffers: (e) => events.push(e),
    })
    expect(policy.check(actual(APP)).allowed).toBe(true)
    expect(events[0]?.candidate.error).toBe(failure)
  })

  it('answering neither true nor false: the CorsConfigError it would throw enforced', () => {
    const events: CandidateDifference[] = []
    const policy = createCors({
      origin: '*',
      candidate: { origin: (() => 'https://app.example.com') as unknown as () => boolean },
      onCandidateDiffers: (e) => events.push(e),
    })
    expect(policy.check(actual(APP)).allowed).toBe(true)
    expect(events[0]?.candidate.error).toBeInstanceOf(CorsConfigError)
  })

  it('an enforced policy that throws still throws, counted as an error', () => {
    const metrics = corsMetrics()
    const policy = createCors({
      origin: () => {
        throw new Error('enforced bug')
      },
      metrics,
    })
    expect(() => policy.check(actual(APP))).toThrow('enforced bug')
    expect(metrics.errors).toBe(1)
  })
})

describe('an enforced policy that fails beside a candidate, without metrics', () => {
  it('throws or rejects as it would alone', async () => {
    const onCandidateDiffers = vi.fn()
    const candidate = { origin: [APP] }
    const throwing = createCors({
      origin: () => {
        throw new Error('sync')
      },
      candidate,
      onCandidateDiffers,
    })
    expect(() => throwing.check(actual(APP))).toThrow('sync')
    const rejecting = createCors({
      origin: async () => Promise.reject(new Error('async')),
      candidate,
      onCandidateDiffers,
    })
    await expect(rejecting.check(actual(APP))).rejects.toThrow('async')
    expect(onCandidateDiffers).not.toHaveBeenCalled()
  })
})

describe('candidate options are validated like any options', () => {
  const problemsOf = (options: unknown) => {
    try {
      createCors(options as CorsOptions)
    } catch (error) {
      if (error instanceof CorsConfigError) return error.problems.map(({ code, path }) => `${code} ${path}`)
    }
    return []
  }
  const report = { onCandidateDiffers: () => {} }

  it('paths under candidate.', () => {
    expect(
      problemsOf({
        candidate: { origin: ['https://a.example', 'https://b.example/'], maxAge: -1, methds: 'GET' },
        ...report,
      }),
    ).toStrictEqual([
      'unknown-option candidate.methds',
      'invalid-origin candidate.origin[1]',
      'invalid-max-age candidate.maxAge',
    ])
    expect(problemsOf({ candidate: { origin: '*', credentials: true }, ...report })).toStrictEqual([
      'credentials-with-any-origin candidate.origin',
    ])
  })

  it('a candidate that is not an options object', () => {
    for (const candidate of [null, 'https://a.example', ['https://a.example'], 3])
      expect(problemsOf({ candidate, ...report })).toStrictEqual(['invalid-type candidate'])
  })

  it('the options that report or write headers have no place in it', () => {
    const inner = {
      candidate: {},
      onCandidateDiffers: () => {},
      onReject: () => {},
      metrics: corsMetrics(),
      debug: true,
    }
    expect(problemsOf({ candidate: { origin: [APP], ...inner }, ...report })).toStrictEqual(
      Object.keys(inner).map((name) => `misplaced-candidate-option candidate.${name}`),
    )
    // Set to undefined, they are simply unset.
    expect(problemsOf({ candidate: { origin: [APP], onReject: undefined }, ...report })).toStrictEqual([])
  })

  it('a candidate holding itself is reported, not followed', () => {
    const candidate: Record<string, unknown> = { origin: [APP] }
    candidate.candidate = candidate
    expect(problemsOf({ candidate, ...report })).toStrictEqual(['misplaced-candidate-option candidate.candidate'])
  })

  it('a candidate must report somewhere; a reporter needs a candidate; metrics alone will do', () => {
    expect(problemsOf({ candidate: { origin: [APP] } })).toStrictEqual(['candidate-unreported candidate'])
    expect(problemsOf({ onCandidateDiffers: () => {} })).toStrictEqual(['candidate-missing onCandidateDiffers'])
    expect(problemsOf({ onCandidateDiffers: 'log', candidate: {} })).toStrictEqual(['invalid-type onCandidateDiffers'])
    const metrics = corsMetrics()
    const policy = createCors({ origin: '*', candidate: { origin: [APP] }, metrics })
    policy.check(actual(EVIL))
    expect(metrics.candidateDiffers).toBe(1)
  })
})

describe('a reporter that is an async function and rejects (a log sink that is down)', () => {
  it.each([
    [
      'onCandidateDiffers',
      { candidate: { origin: [APP] }, onCandidateDiffers: async () => Promise.reject(new Error('down')) },
    ],
    ['onReject', { onReject: async () => Promise.reject(new Error('down')) }],
  ] as const)('%s: the decision stands and no rejection is left unhandled', async (_name, reporting) => {
    const policy = createCors({ origin: [ADMIN], ...reporting } as CorsOptions)
    const decision = await policy.check(actual(EVIL))
    expect([decision.allowed, decision.reason]).toEqual([false, 'origin'])
    // An unhandled rejection would fail this test run: give it the turns to surface.
    for (let turn = 0; turn < 3; turn++) await new Promise((done) => setImmediate(done))
  })
})
