// check() with and without what watches it: the counters of `metrics`, and a candidate policy
// checked beside the enforced one (report-only). The same three requests in turn for each case:
// an allowed actual request, a refused origin, an allowed preflight; the candidate (one origin
// fewer) answers all three as the enforced policy does, as it does for nearly every request of
// a rollout, so the figure is the cost of checking, not of reporting.
import { do_not_optimize } from 'mitata'
import { REQUESTS } from '../lib/fixtures.mjs'
import { checksInTurn, timeGroup } from '../lib/measure.mjs'
import { POLICY } from '../lib/policy.mjs'
import { ratio, timesBlock } from '../lib/results.mjs'

const SET = [REQUESTS.actual, REQUESTS.rejected, REQUESTS.preflight]

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {import('../lib/framework-group.mjs').Bench} bench
 */
export async function rollout(corsica, bench) {
  const { createCors, corsMetrics } = corsica.core
  let differences = 0
  const candidate = { ...POLICY, origin: POLICY.origin.slice(0, 1) }
  const policies = {
    plain: createCors(POLICY),
    metrics: createCors({ ...POLICY, metrics: corsMetrics() }),
    candidate: createCors({ ...POLICY, candidate, onCandidateDiffers: () => differences++ }),
    both: createCors({ ...POLICY, candidate, onCandidateDiffers: () => differences++, metrics: corsMetrics() }),
  }
  // Same job: identical decisions, and no difference for the candidate to report.
  for (const request of SET) {
    const expected = JSON.stringify(policies.plain.check(request))
    for (const policy of Object.values(policies))
      if (JSON.stringify(policy.check(request)) !== expected)
        throw new Error('rollout: a watched policy decided otherwise')
  }
  if (differences !== 0) throw new Error('rollout: the candidate should answer the request set alike')
  /** The floor of a candidate: the enforced check run twice on each request. */
  const twice = () => {
    let i = 0
    return () => {
      i = (i + 1) % SET.length
      const request = /** @type {import('corsica').CorsRequest} */ (SET[i])
      return do_not_optimize([policies.plain.check(request), policies.plain.check(request)])
    }
  }
  const times = await timeGroup(
    {
      plain: checksInTurn(policies.plain, SET),
      twice: twice(),
      metrics: checksInTurn(policies.metrics, SET),
      candidate: checksInTurn(policies.candidate, SET),
      both: checksInTurn(policies.both, SET),
    },
    bench.config,
  )
  bench.block(
    timesBlock(
      'check() watched: metrics and a report-only candidate',
      [
        ['enforced policy alone (allowed, refused, preflight in turn)', times.plain],
        ['the enforced check and a second one (the floor of any candidate)', times.twice],
        ['with metrics', times.metrics],
        ['with a candidate (answering alike)', times.candidate],
        ['with a candidate and metrics', times.both],
      ],
      'The candidate is the same policy with one origin fewer; it is checked in full on every request beside the enforced one.',
    ),
  )
  const candidateAdds = (times.candidate - times.plain) / times.plain
  bench.target(
    "check(): a candidate adds at most 1.75x the enforced check's own time",
    ratio(Math.max(candidateAdds, 0)),
    candidateAdds <= 1.75,
    'the candidate is a second full check (1x, the floor) plus the comparison and the wrapper around both',
    candidateAdds,
  )
  const metricsAdds = (times.metrics - times.plain) / times.plain
  bench.target(
    'check(): metrics add at most 0.5x the enforced check',
    ratio(Math.max(metricsAdds, 0)),
    metricsAdds <= 0.5,
    'a few increments and one closure call; a miss on a busy machine is noise',
    metricsAdds,
  )
}
