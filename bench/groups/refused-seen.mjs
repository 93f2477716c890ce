// check() on a refused origin seen before against an allowed one. A server reads every Origin into
// a new string, so each call gets a request object of its own holding a copy of the same value.
import { ALLOWED, originCopies } from '../lib/fixtures.mjs'
import { checksInTurn, timeGroup } from '../lib/measure.mjs'
import { POLICY, REFUSED } from '../lib/policy.mjs'
import { ratio, timesBlock } from '../lib/results.mjs'

const COPIES = 1024

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {import('../lib/framework-group.mjs').Bench} bench
 */
export async function refusedSeen(corsica, bench) {
  const policy = corsica.core.createCors(POLICY)
  const allowed = originCopies(ALLOWED, COPIES)
  const refused = originCopies(REFUSED, COPIES)
  const [oneAllowed, oneRefused] = [allowed[0], refused[0]]
  if (!oneAllowed || !oneRefused || !policy.check(oneAllowed).allowed || policy.check(oneRefused).allowed)
    throw new Error('check(): the allowed and refused origins are not what they should be')
  const times = await timeGroup(
    { allowed: checksInTurn(policy, allowed), refused: checksInTurn(policy, refused) },
    bench.config,
  )
  bench.block(
    timesBlock(
      'check(): a refused origin seen before against an allowed one',
      [
        ['allowed origin (1,024 request objects, each its own copy of the string)', times.allowed],
        ['refused origin, seen before (the same)', times.refused],
      ],
      'Every value has been seen before: the refused one should cost what the allowed one does.',
    ),
  )
  const growth = times.refused / times.allowed
  bench.target(
    'check(): a refused origin seen before within 1.5x of an allowed one',
    ratio(growth),
    growth <= 1.5,
    'both are answered by one lookup in the same cache: a miss is the hashing of each request copy of the string, or noise',
    growth,
  )
}
