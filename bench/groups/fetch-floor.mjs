// corsica/fetch (withCors) on GET requests against the floor: the same handler, the headers read
// through Headers.get and written from precomputed strings. Rows for Headers.get itself show
// what each request header read costs.
import { do_not_optimize } from 'mitata'
import { fetchAnswer, fetchRequest } from '../frameworks/hono.mjs'
import { assertSame, normalise } from '../lib/equivalence.mjs'
import { timeGroup } from '../lib/measure.mjs'
import { floorFor, POLICY } from '../lib/policy.mjs'
import { ns, timesBlock } from '../lib/results.mjs'

/** @typedef {(request: Request) => Response | Promise<Response>} Handler */

const handler = (/** @type {Request} */ _request) => new Response('ok')

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
  /** @type {Record<string, Handler>} */
  const handlers = { bare: handler, corsica: withCors, floor }
  const requests = { actual: fetchRequest('actual'), refused: fetchRequest('refused') }
  for (const [kind, request] of Object.entries(requests)) {
    const answers = { corsica: normalise(fetchAnswer(await withCors(request))) }
    assertSame(`fetch, ${kind}`, 'floor', { floor: normalise(fetchAnswer(await floor(request))), ...answers })
  }
  /** @type {Record<string, () => unknown>} */
  const cases = {}
  for (const [kind, request] of Object.entries(requests))
    for (const [name, run] of Object.entries(handlers))
      cases[`${name} ${kind}`] = async () => do_not_optimize(await run(request))
  const headers = requests.actual.headers
  cases['get origin'] = () => do_not_optimize(headers.get('origin'))
  cases['get absent'] = () => do_not_optimize(headers.get('access-control-request-method'))
  const times = await timeGroup(cases, bench.config)
  const at = (/** @type {string} */ name) => times[name] ?? Number.NaN
  const added = (/** @type {string} */ name, /** @type {string} */ kind) => at(`${name} ${kind}`) - at(`bare ${kind}`)
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
      'The floor reads Origin (and the preflight headers only for OPTIONS) and sets the response headers from precomputed strings; each extra Headers.get costs what the last two rows say.',
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
