// Calls the exports of examples/next-route.ts (compiled next to this file as next-route.mjs) with
// Request objects, as Next.js does, and prints the results as JSON. Run under each Node version.
import { APP, EVIL, compareResponse, exampleCases } from './scenarios.mjs'
import * as route from './next-route.mjs'

const url = 'http://localhost:3000/api/hello'
/** @type {import('./scenarios.mjs').Result[]} */
const results = []
/**
 * @param {string} name
 * @param {'GET' | 'POST' | 'OPTIONS'} method the route's export to call
 * @param {import('./scenarios.mjs').RequestSpec} request
 * @param {import('./scenarios.mjs').Expect} expect
 * @param {string} [bodyIncludes]
 */
async function check(name, method, request, expect, bodyIncludes) {
  /** @type {string[]} */
  const problems = []
  try {
    const response = await route[method](new Request(url, request))
    const body = await response.text()
    problems.push(...compareResponse(response, body, expect))
    if (bodyIncludes !== undefined && !body.includes(bodyIncludes))
      problems.push(`body ${JSON.stringify(body)} lacks ${JSON.stringify(bodyIncludes)}`)
  } catch (error) {
    problems.push(`threw ${/** @type {{ stack?: unknown } | null | undefined} */ (error)?.stack ?? error}`)
  }
  results.push({ name: `next route: ${name}`, problems })
}

const [allowedGet, refusedGet, preflight, refusedPreflight] = exampleCases
await check('GET, allowed origin', 'GET', allowedGet.request, allowedGet.expect, 'hello from Next.js')
await check('GET, refused origin', 'GET', refusedGet.request, refusedGet.expect, 'hello from Next.js')
await check('OPTIONS preflight answered by corsica', 'OPTIONS', preflight.request, preflight.expect)
await check('OPTIONS preflight, refused origin', 'OPTIONS', refusedPreflight.request, refusedPreflight.expect)
await check(
  'POST JSON body reaches the handler',
  'POST',
  { method: 'POST', headers: { origin: APP, 'content-type': 'application/json' }, body: JSON.stringify({ n: 1 }) },
  {
    status: 201,
    cors: { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true' },
    vary: 'Origin',
  },
  '"received":{"n":1}',
)
await check(
  'plain OPTIONS (no Access-Control-Request-Method) reaches the route',
  'OPTIONS',
  { method: 'OPTIONS', headers: { origin: EVIL } },
  { status: 204, cors: {}, vary: 'Origin' },
)
console.log(JSON.stringify(results))
