// corsica/fetch (withCors) on GET requests against the floor: the same handler, the headers read
// through Headers.get and written from precomputed strings. Rows for Headers.get itself show
// what each request header read costs.
import { do_not_optimize } from 'mitata'
import { fetchAnswer, fetchRequest } from '../frameworks/hono.mjs'
import { assertSame, normalise } from '../lib/equivalence.mjs'
import { timeGroup, timePairedAsync } from '../lib/measure.mjs'
import { floorFor, POLICY } from '../lib/policy.mjs'
import { ns, timesBlock } from '../lib/results.mjs'

/** @typedef {(request: Request) => Response | Promise<Response>} Handler */

// A 200 with no body: a body makes undici build a ReadableStream per Response, whose cost (µs,
// and garbage) scatters the figures by more than the CORS work measured; that work is the same.
const handler = (/** @type {Request} */ _request) => new Response(null)

/** @type {Handler} */
function floor(request) {
  const headers = request.headers
  const answer = floorFor(request.method, (name) => headers.get(name))
  if (answer.preflight) return new Response(null, { status: 204, headers: answer.headers })
  const response = handler(request)
  for (const [name, value] of answer.headers) response.headers.set(name, value)
  return response
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {import('../lib/framework-group.mjs').Bench} bench
 */
export async function fetchFloor(corsica, bench) {
  const withCors = corsica.fetch.withCors(handler, POLICY)
  const requests = { actual: fetchRequest('actual'), refused: fetchRequest('refused') }
  for (const [kind, request] of Object.entries(requests)) {
    const answers = { corsica: normalise(fetchAnswer(await withCors(request))) }
    assertSame(`fetch, ${kind}`, 'floor', { floor: normalise(fetchAnswer(await floor(request))), ...answers })
  }
  // Each handler's blocks sit between two of the bare handler's (measure.mjs timePairedAsync): a
  // Response costs microseconds and leaves garbage, which unpaired medians scatter by 2x and more.
  /** @type {Record<string, { time: number, added: number }>} */
  const paired = {}
  for (const [kind, request] of Object.entries(requests)) {
    const call = (/** @type {Handler} */ run) => () => run(request)
    const figures = await timePairedAsync(
      ['bare', call(handler)],
      { corsica: call(withCors), floor: call(floor) },
      bench.paired,
    )
    for (const [name, figure] of Object.entries(figures)) paired[`${name} ${kind}`] = figure
  }
  const headers = requests.actual.headers
  const reads = await timeGroup(
    {
      'get origin': () => do_not_optimize(headers.get('origin')),
      'get absent': () => do_not_optimize(headers.get('access-control-request-method')),
    },
    bench.config,
  )
  const times = { ...reads, ...Object.fromEntries(Object.entries(paired).map(([name, { time }]) => [name, time])) }
  const at = (/** @type {string} */ name) => /** @type {Record<string, number>} */ (times)[name] ?? Number.NaN
  const added = (/** @type {string} */ name, /** @type {string} */ kind) =>
    paired[`${name} ${kind}`]?.added ?? Number.NaN
  bench.block(
    timesBlock(
      'corsica/fetch: withCors(handler) against the floor, GET requests',
      [
        ['bare handler, allowed GET', at('bare actual')],
        ['withCors(handler), allowed GET', at('corsica actual')],
        ['floor by hand, allowed GET', at('floor actual')],
        ['bare handler, refused origin', at('bare refused')],
        ['withCors(handler), refused origin', at('corsica refused')],
        ['floor by hand, refused origin', at('floor refused')],
        ["Headers.get('origin'), present", at('get origin')],
        ['Headers.get of a header the request lacks', at('get absent')],
      ],
      'The floor reads Origin (and the preflight headers only for OPTIONS) and sets the response headers from precomputed strings; each extra Headers.get costs what the last two rows say. The handlers are timed in blocks paired with the bare handler\'s, as the framework groups are; "adds" below is the median of a block less the bare blocks around it.',
    ),
  )
  for (const kind of ['actual', 'refused']) {
    const ours = added('corsica', kind)
    const limit = added('floor', kind)
    bench.target(
      `corsica/fetch, ${kind === 'actual' ? 'allowed GET' : 'refused origin'}: withCors adds ≤ 1.25x what the floor adds`,
      `${(ours / limit).toFixed(2)}x (${ns(ours)} vs ${ns(limit)})`,
      ours <= 1.25 * limit,
      `${ns(ours - 1.25 * limit)} over 1.25x the floor's`,
      ours / limit,
    )
  }
}
