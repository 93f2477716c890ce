// An origin lookup (originLookup) against a listed origin: a cached answer is returned as a
// boolean and the engine answers an origin allowed before from the decision it cached, so a
// cached lookup should cost what a listed origin costs. A miss (the lookup resolving at once) is
// shown for scale: it goes through a Promise.
import { do_not_optimize } from 'mitata'
import { ALLOWED, originCopies } from '../lib/fixtures.mjs'
import { checksInTurn, timeGroup } from '../lib/measure.mjs'
import { ratio, timesBlock } from '../lib/results.mjs'

const COPIES = 1024

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {import('../lib/framework-group.mjs').Bench} bench
 */
export async function lookup(corsica, bench) {
  const { createCors, originLookup } = corsica.core
  const listed = createCors({ origin: [ALLOWED], credentials: true })
  const tenants = originLookup(async (/** @type {string} */ origin) => origin === ALLOWED)
  const looked = createCors({ origin: tenants, credentials: true })
  const exact = originLookup(async (/** @type {string} */ origin) => origin === ALLOWED, { now: Date.now })
  const exactClock = createCors({ origin: exact, credentials: true })
  // Each call gets its own request holding its own copy of the origin, as a server reads it.
  const requests = originCopies(ALLOWED, COPIES)
  const [one, two] = requests
  if (one === undefined || two === undefined) throw new Error('no requests')
  for (const policy of [looked, exactClock]) {
    const first = await policy.check(one)
    const cached = policy.check(two)
    if (!first.allowed || cached instanceof Promise || !cached.allowed)
      throw new Error('originLookup: a cached origin is not answered synchronously')
  }
  const times = await timeGroup(
    {
      listed: checksInTurn(listed, requests),
      cached: checksInTurn(looked, requests),
      exactClock: checksInTurn(exactClock, requests),
      miss: async () => {
        tenants.invalidate(ALLOWED)
        return do_not_optimize(await looked.check(one))
      },
    },
    bench.config,
  )
  bench.block(
    timesBlock(
      'check(): an origin from an origin lookup against a listed one',
      [
        ['listed origin (createCors({ origin: [origin] }))', times.listed],
        ['the same origin, cached by originLookup (default clock)', times.cached],
        ['the same, originLookup with now: Date.now (the clock read per request)', times.exactClock],
        ['a cache miss: invalidated, the lookup resolving at once (awaited)', times.miss],
      ],
      "A cached answer is a boolean, so check() stays synchronous; the default clock is read at most once a millisecond, since reading it costs more than the cached answer. A miss goes through the lookup's Promise.",
    ),
  )
  const cost = times.cached / times.listed
  bench.target(
    'check(): a cached originLookup answer costs at most 1.25x a listed origin',
    ratio(cost),
    cost <= 1.25,
    'one Map lookup either way; the lookup adds two calls, the clock reading and the expiry and owner checks of its entry (about 7 ns here)',
    cost,
  )
}
