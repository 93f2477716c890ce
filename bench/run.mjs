// `npm run bench`: corsica side by side with its peers and the hand-written floor, in one run (each
// group in a fresh process of its own).
// Cases of a group run in interleaved rounds (bench/lib/measure.mjs); every target is a ratio of
// figures from this run. Each group first checks that the libraries compared do the same job.
//   node bench/run.mjs           full run, writes bench/RESULTS.md
//   node bench/run.mjs --smoke   every group, very briefly: checks nothing about speed
//   node bench/run.mjs --only scale   one group (engine, express, fetch, scale, hostile, allocation,
//     frameworks or one of node, express-app, fastify-inject, fastify, koa, hono; losses, lookup,
//     rollout)
//   node bench/run.mjs --json <file>  also writes the targets, with their figures, as JSON
//   node bench/run.mjs --no-write     leaves bench/RESULTS.md as it was (bench/spread.mjs runs it so)
// CORSICA_DIST=<folder> measures another build than dist/ (e.g. `npx tsup --out-dir .cache/dist-bench`).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { strict as assert } from 'node:assert'
import corsPackage from 'cors'
import { Hono } from 'hono'
import { cors as honoCors } from 'hono/cors'
import { do_not_optimize } from 'mitata'
import {
  ALLOWED,
  corsRequest,
  FakeResponse,
  fakeRequest,
  fetchRequest,
  HONO_OPTIONS,
  OPTIONS,
  parsedCopy,
  REQUESTS,
} from './lib/fixtures.mjs'
import { DIST, loadCorsica, machine, versionOf } from './lib/load.mjs'
import { checksInTurn, pairedSettings, requestSettings, settings, timeGroup } from './lib/measure.mjs'
import { ns, ratio, table, timesBlock, verdict, writeSection } from './lib/results.mjs'
import { runApart } from './lib/apart.mjs'
import { runFramework } from './lib/framework-group.mjs'
import { FRAMEWORK_IDS, frameworks } from './frameworks/index.mjs'
import { fetchFloor } from './groups/fetch-floor.mjs'
import { lookup } from './groups/lookup.mjs'
import { refusedSeen } from './groups/refused-seen.mjs'
import { rollout } from './groups/rollout.mjs'
import { subdomains } from './groups/subdomains.mjs'

/**
 * @typedef {import('corsica').CorsRequest} CorsRequest
 * An Express-style middleware, as the benchmarks call it: with the doubles of lib/fixtures.mjs.
 * @typedef {(req: ReturnType<typeof fakeRequest>, res: FakeResponse, next: () => void) => void} Middleware
 */

const smoke = process.argv.includes('--smoke')
// --only <group> runs one group (see the list above); nothing is written.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined
// A full run has each group measured in its own process (lib/apart.mjs) and only assembles here.
const apart = !smoke && only === undefined
const want = (/** @type {string} */ group) =>
  !apart && (only === undefined || only === group || (only === 'frameworks' && FRAMEWORK_IDS.includes(group)))
const option = (/** @type {string} */ name) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined
const jsonFile = option('--json')
const write = !smoke && only === undefined && !process.argv.includes('--no-write')
const config = settings(smoke)
const corsica = await loadCorsica()
/** @type {string[]} */
const report = [] // markdown blocks for RESULTS.md
/** @type {string[][]} */
const targets = [] // [target, figure, met, why]
/** @type {{ name: string, figure: string, met: boolean, value: number | undefined }[]} */
const measured = [] // the same, with each figure's number, for --json (bench/spread.mjs)

function log(line = '') {
  console.log(line)
}
/**
 * @param {string} title
 * @param {[name: string, nanoseconds: number][]} rows
 * @param {string} [note]
 */
function section(title, rows, note) {
  report.push(timesBlock(title, rows, note))
  log(`\n## ${title}`)
  for (const [name, value] of rows) log(`  ${name.padEnd(58)} ${ns(value).padStart(10)}`)
}
/**
 * `why` is printed beside a missed target: how it can be missed, so a reader can judge the figure.
 * @param {string} name
 * @param {string} figure
 * @param {boolean} met
 * @param {string} [why]
 * @param {number} [value] the figure as a number, for the spread over runs
 */
function target(name, figure, met, why = '', value = undefined) {
  targets.push([name, figure, verdict(met), met ? '' : why])
  measured.push({ name, figure, met, value })
  log(`  target: ${name}: ${figure}${smoke ? '' : ` (${met ? 'met' : 'MISSED'})`}`)
}

// ---- Engine: policy.check() ------------------------------------------------------------------

const policy = corsica.core.createCors(OPTIONS)
const corsMiddleware = corsPackage(OPTIONS)
const corsicaMiddleware = corsica.express.cors(OPTIONS)

/**
 * The name of a case that timeGroup timed: every case has its figure.
 * @param {Record<string, number>} times
 * @param {string} name
 */
function figure(times, name) {
  const value = times[name]
  if (value === undefined) throw new Error(`no figure for ${name}`)
  return value
}

/**
 * @param {Middleware} middleware
 * @param {CorsRequest} request
 */
function expressCase(middleware, request) {
  const req = fakeRequest(request)
  const res = new FakeResponse()
  let nexts = 0
  const next = () => nexts++
  return () => {
    middleware(req, res, next)
    res.reset()
    return nexts
  }
}

// Both middlewares must do the same job before their speed is compared.
/** @type {[string, Middleware][]} */
const middlewares = [
  ['corsica', corsicaMiddleware],
  ['cors', corsMiddleware],
]
for (const [name, middleware] of middlewares) {
  const res = new FakeResponse()
  let called = false
  middleware(fakeRequest(REQUESTS.actual), res, () => (called = true))
  assert.ok(
    called &&
      res.getHeader('access-control-allow-origin') === ALLOWED &&
      res.getHeader('access-control-allow-credentials') === 'true',
    `${name}: actual`,
  )
  const pre = new FakeResponse()
  middleware(fakeRequest(REQUESTS.preflight), pre, () => assert.fail(`${name}: preflight reached next`))
  assert.ok(
    pre.ended && pre.statusCode === 204 && String(pre.getHeader('access-control-allow-methods')).includes('PUT'),
    `${name}: preflight`,
  )
}
assert.equal(policy.check(REQUESTS.actual).allowed, true)
assert.equal(policy.check(REQUESTS.preflight).status, 204)
assert.equal(policy.check(REQUESTS.rejected).reason, 'origin')
assert.equal(policy.check(REQUESTS.malformed).reason, 'malformed')

if (want('engine')) {
  const times = await timeGroup(
    {
      allowedActual: () => do_not_optimize(policy.check(REQUESTS.actual)),
      allowedPreflight: () => do_not_optimize(policy.check(REQUESTS.preflight)),
      rejected: () => do_not_optimize(policy.check(REQUESTS.rejected)),
      malformed: () => do_not_optimize(policy.check(REQUESTS.malformed)),
      corsActual: expressCase(corsMiddleware, REQUESTS.actual),
    },
    config,
  )
  section('Engine: policy.check()', [
    ['check(): allowed actual request', times.allowedActual],
    ['check(): allowed preflight', times.allowedPreflight],
    ['check(): rejected origin', times.rejected],
    ['check(): malformed origin (two origins joined by a comma)', times.malformed],
    ['`cors` middleware call, allowed actual request (reference)', times.corsActual],
  ])
  const speedup = times.corsActual / times.allowedActual
  target(
    'check() on an allowed actual request ≥ 20x faster than a `cors` middleware call',
    ratio(speedup),
    speedup >= 20,
  )
}

// ---- Express-style middleware ----------------------------------------------------------------

if (want('express')) {
  const times = await timeGroup(
    {
      corsicaActual: expressCase(corsicaMiddleware, REQUESTS.actual),
      corsActual: expressCase(corsMiddleware, REQUESTS.actual),
      corsicaPreflight: expressCase(corsicaMiddleware, REQUESTS.preflight),
      corsPreflight: expressCase(corsMiddleware, REQUESTS.preflight),
      harness: expressCase((_req, _res, next) => next(), REQUESTS.actual),
      writes: expressCase((_req, res, next) => {
        res.setHeader('access-control-allow-origin', ALLOWED)
        res.setHeader('access-control-allow-credentials', 'true')
        res.setHeader('vary', res.getHeader('vary') ?? 'Origin')
        next()
      }, REQUESTS.actual),
    },
    config,
  )
  section(
    'Express-style middleware, same request/response objects',
    [
      ['corsica/express: actual request', times.corsicaActual],
      ['cors: actual request', times.corsActual],
      ['corsica/express: preflight', times.corsicaPreflight],
      ['cors: preflight', times.corsPreflight],
      ['harness alone (empty middleware + response reset)', times.harness],
      ['floor: the three header writes of an allowed actual response, nothing else', times.writes],
    ],
    'Each call includes resetting the response double (counted for both libraries; the harness row shows its cost). The floor row is what any middleware pays to write the headers an allowed credentialed actual response needs.',
  )
  const actual = times.corsActual / times.corsicaActual
  const preflight = times.corsPreflight / times.corsicaPreflight
  const floorWhy = `both figures include the response's own header writes (floor row: ${ns(times.writes)}), a cost no middleware avoids`
  target('corsica/express ≥ 5x faster than `cors`, actual request', ratio(actual), actual >= 5, floorWhy)
  target('corsica/express ≥ 5x faster than `cors`, preflight', ratio(preflight), preflight >= 5, floorWhy)
}

// ---- Fetch: time added to a bare handler -----------------------------------------------------

if (want('fetch')) {
  const handler = (/** @type {Request} */ _request) => new Response('ok')
  const wrapped = corsica.fetch.withCors(handler, OPTIONS)
  const bareHono = new Hono().all('*', (c) => c.text('ok'))
  const corsHono = new Hono().use('*', honoCors(HONO_OPTIONS)).all('*', (c) => c.text('ok'))
  const actual = fetchRequest(REQUESTS.actual)
  const preflight = fetchRequest(REQUESTS.preflight)
  /** @type {[string, (request: Request) => Response | Promise<Response>][]} */
  const fetchHandlers = [
    ['withCors', wrapped],
    ['hono/cors', (request) => corsHono.fetch(request)],
  ]
  for (const [name, fetch] of fetchHandlers) {
    const got = await fetch(actual)
    assert.equal(got.headers.get('access-control-allow-origin'), ALLOWED, `${name}: actual`)
    const pre = await fetch(preflight)
    assert.ok(
      pre.status === 204 && String(pre.headers.get('access-control-allow-methods')).includes('PUT'),
      `${name}: preflight`,
    )
  }
  // Every case is awaited, whether its result is a Promise or not, so all pay the same await.
  const times = await timeGroup(
    {
      bareActual: async () => do_not_optimize(await handler(actual)),
      corsicaActual: async () => do_not_optimize(await wrapped(actual)),
      honoBareActual: async () => do_not_optimize(await bareHono.fetch(actual)),
      honoActual: async () => do_not_optimize(await corsHono.fetch(actual)),
      barePreflight: async () => do_not_optimize(await handler(preflight)),
      corsicaPreflight: async () => do_not_optimize(await wrapped(preflight)),
      honoBarePreflight: async () => do_not_optimize(await bareHono.fetch(preflight)),
      honoPreflight: async () => do_not_optimize(await corsHono.fetch(preflight)),
    },
    config,
  )
  const added = {
    corsicaActual: times.corsicaActual - times.bareActual,
    honoActual: times.honoActual - times.honoBareActual,
    corsicaPreflight: times.corsicaPreflight - times.barePreflight,
    honoPreflight: times.honoPreflight - times.honoBarePreflight,
  }
  section(
    'Fetch: time added to a bare handler',
    [
      ['bare handler, actual request', times.bareActual],
      ['withCors(handler), actual request', times.corsicaActual],
      ['bare Hono app, actual request', times.honoBareActual],
      ['Hono app + hono/cors, actual request', times.honoActual],
      ['bare handler, preflight', times.barePreflight],
      ['withCors(handler), preflight', times.corsicaPreflight],
      ['bare Hono app, preflight', times.honoBarePreflight],
      ['Hono app + hono/cors, preflight', times.honoPreflight],
      ['added by withCors, actual', added.corsicaActual],
      ['added by hono/cors, actual', added.honoActual],
      ['added by withCors, preflight', added.corsicaPreflight],
      ['added by hono/cors, preflight', added.honoPreflight],
    ],
    'Added = with CORS − bare, same request object reused. A preflight is answered without calling the handler, so the "added" time of a preflight is the cost of answering it minus the cost of the handler it replaces (it can be negative).',
  )
  const actualShare = added.corsicaActual / added.honoActual
  const preflightShare = added.corsicaPreflight / added.honoPreflight
  target(
    'time added by withCors ≤ 1/3 of hono/cors, actual request',
    `${actualShare.toFixed(2)} of it`,
    actualShare <= 1 / 3,
  )
  target(
    'time added by withCors ≤ 1/3 of hono/cors, preflight',
    `${preflightShare.toFixed(2)} of it`,
    preflightShare <= 1 / 3,
  )
}

// ---- Scale: 10,000 origins + 1,000 patterns vs 2 origins --------------------------------------

if (want('scale')) {
  const exact = Array.from({ length: 10_000 }, (_, i) => `https://tenant${i}.example.com`)
  const patterns = Array.from({ length: 1_000 }, (_, i) => `https://*.customer${i}.example.net`)
  const exactHit = 'https://tenant7777.example.com'
  const patternHit = 'https://shop.customer777.example.net'
  const big = corsica.core.createCors({ origin: [...exact, ...patterns], credentials: true })
  // Two of the large list's origins, so both lists answer identical requests; the pattern case
  // swaps one for the pattern its request hits.
  const small = corsica.core.createCors({ origin: [exactHit, 'https://tenant1.example.com'], credentials: true })
  const smallWithPattern = corsica.core.createCors({
    origin: [exactHit, 'https://*.customer777.example.net'],
    credentials: true,
  })
  // A server reads every Origin into a new string: requests carry copies, not the listed strings.
  // Both rotations send 10,000 distinct request objects and strings; only the list differs.
  const rotating = exact.map((origin) => corsRequest({ method: 'GET', origin: parsedCopy(origin) }))
  const smallRotating = exact.map((_, k) =>
    corsRequest({ method: 'GET', origin: parsedCopy(k % 2 ? exactHit : 'https://tenant1.example.com') }),
  )
  const requests = {
    exact: corsRequest({ method: 'GET', origin: parsedCopy(exactHit) }),
    pattern: corsRequest({ method: 'GET', origin: patternHit }),
    rejected: corsRequest({ method: 'GET', origin: 'https://evil.example.org' }),
  }
  for (const list of [big, small, smallWithPattern]) {
    assert.ok(
      list.check(requests.exact).allowed &&
        list.check(requests.pattern).allowed === (list !== small) &&
        !list.check(requests.rejected).allowed,
    )
  }
  const times = await timeGroup(
    {
      bigExact: () => do_not_optimize(big.check(requests.exact)),
      smallExact: () => do_not_optimize(small.check(requests.exact)),
      bigPattern: () => do_not_optimize(big.check(requests.pattern)),
      smallPattern: () => do_not_optimize(smallWithPattern.check(requests.pattern)),
      bigRejected: () => do_not_optimize(big.check(requests.rejected)),
      smallRejected: () => do_not_optimize(small.check(requests.rejected)),
      bigRotating: checksInTurn(big, rotating),
      smallRotating: checksInTurn(small, smallRotating),
    },
    config,
  )
  section(
    'Scale: 10,000 exact origins + 1,000 `*.` patterns vs a 2-origin list',
    [
      ['large list: exact origin', times.bigExact],
      ['2-origin list: same exact origin', times.smallExact],
      ['large list: origin matching a `*.` pattern', times.bigPattern],
      ['1 origin + 1 `*.` pattern: same origin', times.smallPattern],
      ['large list: rejected origin', times.bigRejected],
      ['2-origin list: rejected origin', times.smallRejected],
      ['large list: each of the 10,000 origins in turn', times.bigRotating],
      ['2-origin list: its 2 origins in turn (10,000 request objects)', times.smallRotating],
    ],
    'The small lists hold the very origin (or `*.` pattern) that the request hits in the large list. The rotating rows send a different listed origin on every call.',
  )
  /** @type {[string, number, number][]} */
  const comparisons = [
    ['exact origin', times.bigExact, times.smallExact],
    ['pattern', times.bigPattern, times.smallPattern],
    ['rejected origin', times.bigRejected, times.smallRejected],
    ['10,000 origins in turn', times.bigRotating, times.smallRotating],
  ]
  for (const [name, a, b] of comparisons) {
    const why =
      name === '10,000 origins in turn'
        ? 'every call is one hash lookup in both lists, but a table of 10,000 decisions does not stay in the CPU caches as a table of 2 does: the difference is memory latency'
        : 'one hash lookup in both lists; see the rows above'
    target(`large list within 1.5x of the 2-origin list, ${name}`, ratio(a / b), a / b <= 1.5, why)
  }
}

// ---- Hostile input: Access-Control-Request-Headers of commas and spaces -----------------------

if (want('hostile')) {
  // An attacker varies the value, so no request repeats one: each size comes in 1,024 variants
  // (one tab moved along), sent in turn. Commas and spaces only: a list of empty items.
  const VARIANTS = 1024
  const hostile = (/** @type {number} */ size) =>
    Array.from({ length: VARIANTS }, (_, k) => {
      const value = ', '.repeat(size / 2)
      const at = 1 + 2 * (k % (size / 2))
      return corsRequest({
        method: 'OPTIONS',
        origin: ALLOWED,
        requestMethod: 'PUT',
        requestHeaders: `${value.slice(0, at)}\t${value.slice(at + 1)}`,
      })
    })
  const sizes = { '1 KiB': hostile(1024), '8 KiB': hostile(8192), '64 KiB': hostile(65536) }
  // Reflecting (allowedHeaders unset, as `cors` does) parses the list too; both modes are measured.
  const reflecting = corsica.core.createCors({ ...OPTIONS, allowedHeaders: undefined })
  const [first64] = sizes['64 KiB']
  const [first1] = sizes['1 KiB']
  assert.equal(sizes['64 KiB'][7]?.requestHeaders?.length, 65536)
  assert.ok(first64 !== undefined && first1 !== undefined)
  assert.equal(policy.check(first64).allowed, false)
  assert.equal(policy.check(first1).allowed, true) // empty items are allowed, and cost a full parse
  /** @type {Record<string, () => unknown>} */
  const cases = {}
  for (const [size, requests] of Object.entries(sizes)) {
    cases[`list ${size}`] = checksInTurn(policy, requests)
    cases[`reflect ${size}`] = checksInTurn(reflecting, requests)
  }
  const times = await timeGroup(cases, config)
  section(
    'Hostile input: Access-Control-Request-Headers of commas and spaces',
    Object.keys(cases).map((name) => [
      `preflight, allowedHeaders ${name.replace('list', 'listed:').replace('reflect', 'reflected:')}`,
      figure(times, name),
    ]),
    'Values longer than 4,096 characters are refused before they are read; shorter ones are parsed in one linear pass. Every call sends a value not seen in the last 1,023 calls, so no cache helps.',
  )
  for (const mode of ['list', 'reflect']) {
    const big = figure(times, `${mode} 64 KiB`)
    const growth = big / figure(times, `${mode} 8 KiB`)
    target(
      `64 KiB hostile header rejected in < 20 µs (allowedHeaders ${mode === 'list' ? 'listed' : 'reflected'})`,
      ns(big),
      big < 20_000,
    )
    target(
      `64 KiB costs ≤ 10x the 8 KiB case (allowedHeaders ${mode === 'list' ? 'listed' : 'reflected'})`,
      ratio(growth),
      growth <= 10,
    )
  }
}

// ---- Hostile input: oversized Access-Control-Request-Method and Origin -------------------------

if (want('hostile')) {
  // Each value is refused by its length before it is read, so its cost must not grow with it.
  // `methods: '*'` with credentials echoes the method, the case that once echoed 1 MiB whole.
  const VARIANTS = 16
  const variants = (/** @type {(k: number) => CorsRequest} */ make) =>
    Array.from({ length: VARIANTS }, (_, k) => make(k))
  const padded = (/** @type {number} */ size, /** @type {number} */ k) => `${'A'.repeat(k)}${'B'.repeat(size - k)}`
  const echoing = corsica.core.createCors({ origin: true, methods: '*', credentials: false })
  const credentialed = corsica.core.createCors({ ...OPTIONS, methods: '*' })
  const sizes = { '1 KiB': 1024, '64 KiB': 65536, '1 MiB': 1048576 }
  /** @type {Record<string, () => unknown>} */
  const cases = {}
  for (const [label, size] of Object.entries(sizes)) {
    const methods = variants((k) => corsRequest({ method: 'OPTIONS', origin: ALLOWED, requestMethod: padded(size, k) }))
    const origins = variants((k) =>
      corsRequest({ method: 'GET', origin: `https://${padded(size, k).toLowerCase()}.example` }),
    )
    const [firstMethod] = methods
    const [firstOrigin] = origins
    assert.ok(firstMethod !== undefined && firstOrigin !== undefined)
    assert.equal(credentialed.check(firstMethod).reason, 'malformed')
    assert.equal(echoing.check(firstOrigin).reason, 'malformed')
    cases[`method ${label}`] = checksInTurn(credentialed, methods)
    cases[`origin ${label}`] = checksInTurn(echoing, origins)
  }
  const times = await timeGroup(cases, config)
  section(
    'Hostile input: oversized Access-Control-Request-Method and Origin',
    Object.keys(cases).map((name) => [
      `${name.startsWith('method') ? "preflight, methods '*' with credentials, method of" : 'actual request, origin true, Origin of'} ${name.split(' ').slice(1).join(' ')}`,
      figure(times, name),
    ]),
    'A method longer than 64 characters and an Origin longer than 512 are malformed before any lookup or scan reads them.',
  )
  for (const value of ['method', 'origin']) {
    const growth = figure(times, `${value} 1 MiB`) / figure(times, `${value} 1 KiB`)
    target(
      `a 1 MiB ${value === 'method' ? 'Access-Control-Request-Method' : 'Origin'} costs ≤ 2x a 1 KiB one (flat)`,
      ratio(growth),
      growth <= 2,
    )
  }
}

// ---- Frameworks: time added inside each framework, against the peer and the floor -------------

/** @type {import('./lib/framework-group.mjs').Bench} */
const bench = {
  config: requestSettings(smoke),
  paired: pairedSettings(smoke),
  block: (markdown) => {
    report.push(markdown)
    log(`\n${markdown}`)
  },
  target,
}
for (const framework of await frameworks(corsica, want)) {
  const figures = await runFramework(framework, bench)
  if (framework.id !== 'koa') continue
  // The case the Koa example once lost (0.85x): a refused origin, corsica against @koa/cors.
  const { corsica: ours, peer } = figures.refused.added
  const speed = peer / ours
  target(
    'Koa, refused origin: corsica/koa not slower than @koa/cors (time added)',
    `${ratio(speed)} as fast`,
    speed >= 1,
    'see the Koa table',
    speed,
  )
}

// ---- Where corsica lost: distinct subdomains, fetch header reads, refused origins seen before ---

if (want('losses')) {
  await subdomains(corsica, bench, smoke)
  await fetchFloor(corsica, bench)
  await refusedSeen(corsica, bench)
}

// ---- Dynamic origins: an origin lookup's cached answer against a listed origin ----------------

if (want('lookup')) await lookup(corsica, bench)

// ---- Rollout: check() with metrics and a report-only candidate --------------------------------

if (want('rollout')) await rollout(corsica, bench)

// ---- Allocation: bytes per check(), in a child process with a GC we control -------------------

if (want('allocation')) {
  const calls = smoke ? 10_000 : 1_000_000
  const script = fileURLToPath(new URL('./alloc.mjs', import.meta.url))
  // A young generation big enough that the calls never fill it (smoke mode makes far fewer calls).
  const semiSpace = smoke ? 16 : 256
  const flags = ['--expose-gc', `--min-semi-space-size=${semiSpace}`, `--max-semi-space-size=${semiSpace}`]
  const output = execFileSync(process.execPath, [...flags, script, String(calls)], {
    env: process.env,
    encoding: 'utf8',
  })
  const { results } = JSON.parse(output)
  /** @type {[string, string][]} */
  const rows = Object.entries(results).map(([name, { bytes, collected }]) => [
    name,
    `${bytes.toFixed(3)} B${collected ? ` (GC ran ${collected}x: lower bound)` : ''}`,
  ])
  const note = `Heap difference over ${calls.toLocaleString('en')} calls, no collection in between (young generation set to 256 MiB; a PerformanceObserver confirms no GC ran), after warm-up and two forced full GCs. The calibration row stores one small object per iteration to show the method sees allocations.`
  report.push(`### Allocation per call\n\n${table(['case', 'bytes per call'], rows)}\n\n${note}`)
  log('\n## Allocation per call')
  for (const [name, value] of rows) log(`  ${name.padEnd(58)} ${value}`)
  for (const name of ['check(): allowed actual', 'check(): rejected origin']) {
    const { bytes, collected } = results[name]
    target(`< 1 byte allocated per ${name}`, `${bytes.toFixed(3)} B`, bytes < 1 && collected === 0)
  }
}

// ---- Results -----------------------------------------------------------------------------------

if (apart) {
  const groups = [
    'engine',
    'express',
    'fetch',
    'scale',
    'hostile',
    ...FRAMEWORK_IDS,
    'losses',
    'lookup',
    'rollout',
    'allocation',
  ]
  for (const result of runApart(fileURLToPath(import.meta.url), groups)) {
    report.push(...result.report)
    targets.push(...result.rows)
    measured.push(...result.targets)
  }
}

const env = machine()
const versions = {
  cors: versionOf('cors'),
  hono: versionOf('hono'),
  express: versionOf('express'),
  mitata: versionOf('mitata'),
  fastify: versionOf('fastify'),
  fastifyCors: versionOf('@fastify/cors'),
  koa: versionOf('koa'),
  koaCors: versionOf('@koa/cors'),
}
if (jsonFile !== undefined) writeFileSync(jsonFile, JSON.stringify({ targets: measured, rows: targets, report }))
if (!write) {
  let why = 'one group run: bench/RESULTS.md left as it was.'
  if (smoke) why = 'smoke run: every group ran; no figure is checked in smoke mode.'
  else if (only === undefined) why = '--no-write: bench/RESULTS.md left as it was.'
  log(`\n${why}`)
} else {
  const header = [
    `## \`npm run bench\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${env.cpu}, ${env.memory}, ${env.platform}. Node ${env.node} (V8 ${env.v8}).`,
    `Versions: corsica ${env.corsica}, cors ${versions.cors}, hono ${versions.hono}, express ${versions.express}, fastify ${versions.fastify}, @fastify/cors ${versions.fastifyCors}, koa ${versions.koa}, @koa/cors ${versions.koaCors}, mitata ${versions.mitata}.`,
    `Method: each group in a fresh process. Engine-level cases: mitata, median (p50) time per call; the cases of a group interleaved over ${config.rounds} rounds (order rotated each round); each figure is the lowest of its rounds' medians, since other processes on a shared machine only ever add time. Framework groups: blocks of ${bench.paired.calls} requests, each variant's block between two of the bare app's (${bench.paired.blocks} rounds, order rotated); "added" is the median over the rounds of a block's time per request less the mean of the bare blocks around it.`,
    '',
    '### Targets',
    '',
    table(['target', 'figure', 'verdict', 'if missed, why'], targets),
  ].join('\n')
  writeSection('run', [header, ...report].join('\n\n'))
  log(`\nwrote bench/RESULTS.md (build measured: ${DIST})`)
}
