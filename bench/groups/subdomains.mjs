// 100,000 distinct subdomains through a `*.` pattern and through a RegExp: every request's
// origin is new to any cache, as on a multi-tenant service. corsica/express against `cors`
// (which takes only the RegExp), on the request/response doubles of the express group.
import corsPackage from 'cors'
import { FakeResponse, fakeRequest, corsRequest, parsedCopy } from '../lib/fixtures.mjs'
import { timeGroup } from '../lib/measure.mjs'
import { POLICY } from '../lib/policy.mjs'
import { ratio, timesBlock } from '../lib/results.mjs'

/** @typedef {(req: ReturnType<typeof fakeRequest>, res: FakeResponse, next: () => void) => void} Middleware */

const PATTERN = 'https://*.example.com'
const REGEXP = /^https:\/\/[a-z0-9-]+\.example\.com$/

/**
 * Calls `middleware` on each request in turn, one response double reset between calls.
 * @param {Middleware} middleware
 * @param {ReturnType<typeof fakeRequest>[]} requests
 */
function rotating(middleware, requests) {
  const res = new FakeResponse()
  let i = 0
  let nexts = 0
  const next = () => nexts++
  return () => {
    i = (i + 1) % requests.length
    middleware(/** @type {ReturnType<typeof fakeRequest>} */ (requests[i]), res, next)
    res.reset()
    return nexts
  }
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {import('../lib/framework-group.mjs').Bench} bench
 * @param {boolean} smoke
 */
export async function subdomains(corsica, bench, smoke) {
  const count = smoke ? 1000 : 100_000
  // Built as a parser would: each origin its own flat string.
  const requests = Array.from({ length: count }, (_, i) =>
    fakeRequest(corsRequest({ method: 'GET', origin: parsedCopy(`https://tenant${i}.example.com`) })),
  )
  /** @type {Record<string, Middleware>} */
  const middlewares = {
    corsicaPattern: corsica.express.cors({ ...POLICY, origin: PATTERN }),
    corsicaRegExp: corsica.express.cors({ ...POLICY, origin: REGEXP }),
    cors: corsPackage({ ...POLICY, origin: REGEXP }),
    harness: (_req, _res, next) => next(),
  }
  for (const [name, middleware] of Object.entries(middlewares)) check(name, middleware)
  const times = await timeGroup(
    Object.fromEntries(Object.entries(middlewares).map(([name, middleware]) => [name, rotating(middleware, requests)])),
    bench.config,
  )
  bench.block(
    timesBlock(
      `${count.toLocaleString('en')} distinct subdomains, each new to any cache (corsica/express vs \`cors\`)`,
      [
        [`corsica/express, origin '${PATTERN}'`, times.corsicaPattern ?? Number.NaN],
        [`corsica/express, origin ${REGEXP}`, times.corsicaRegExp ?? Number.NaN],
        [`cors, origin ${REGEXP}`, times.cors ?? Number.NaN],
        ['harness alone (empty middleware, the same rotation)', times.harness ?? Number.NaN],
      ],
      'Each call takes the next of the distinct requests (an allowed actual GET, a credentialed policy); `cors` has no `*.` patterns, so both corsica rows are compared with its RegExp.',
    ),
  )
  /** @type {[name: string, label: string][]} */
  const compared = [
    ['corsicaPattern', `a '${PATTERN}' pattern`],
    ['corsicaRegExp', 'a RegExp'],
  ]
  for (const [name, label] of compared) {
    const speed = (times.cors ?? Number.NaN) / (times[name] ?? Number.NaN)
    bench.target(
      `${count.toLocaleString('en')} distinct subdomains through ${label}: corsica/express not slower than \`cors\``,
      `${ratio(speed)} as fast`,
      speed >= 1,
      'a brand-new origin pays for the full origin-syntax check, a frozen decision and a cache entry, where `cors` runs one RegExp; the two scatter by about ±15% between runs (see the spread)',
      speed,
    )
  }
}

/**
 * @param {string} name
 * @param {Middleware} middleware
 */
function check(name, middleware) {
  const res = new FakeResponse()
  let called = false
  middleware(fakeRequest(corsRequest({ method: 'GET', origin: 'https://tenant7.example.com' })), res, () => {
    called = true
  })
  const allowed = name === 'harness' || res.getHeader('access-control-allow-origin') === 'https://tenant7.example.com'
  if (!called || !allowed) throw new Error(`${name}: does not allow a subdomain`)
}
