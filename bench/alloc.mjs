// Bytes allocated per call, run by run.mjs in a child process:
//   node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 bench/alloc.mjs [calls]
// Method: warm the code up (so it is optimised as in a server), force a full GC twice, read
// heapUsed, make N calls with no GC in between (the young generation is made large enough to
// hold everything they allocate, and a PerformanceObserver confirms no collection ran), read
// heapUsed again: the difference over N is the bytes each call allocated. A calibration row
// (a loop storing one small object per iteration) shows what the method reports for a known cost.
import { PerformanceObserver } from 'node:perf_hooks'
import { loadCorsica } from './lib/load.mjs'
import { fakeRequest, OPTIONS, REQUESTS } from './lib/fixtures.mjs'

if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc')
const gc = globalThis.gc
const calls = Number(process.argv[2] ?? 1e6)
const { core, node } = await loadCorsica()
const policy = core.createCors(OPTIONS)

let collections = 0
const observer = new PerformanceObserver((list) => (collections += list.getEntries().length))
observer.observe({ entryTypes: ['gc'] })

let sink
const inertResponse = {
  statusCode: 200,
  setHeader() {},
  getHeader() {
    return undefined
  },
  removeHeader() {},
  end() {},
}
const handleCors = node.cors(OPTIONS)
/** @type {Record<string, (i: number) => unknown>} */
const cases = {
  'calibration: one {i} object per iteration': (i) => (sink = { i }),
  'check(): allowed actual': () => (sink = policy.check(REQUESTS.actual)),
  'check(): allowed preflight': () => (sink = policy.check(REQUESTS.preflight)),
  'check(): rejected origin': () => (sink = policy.check(REQUESTS.rejected)),
  'check(): malformed origin': () => (sink = policy.check(REQUESTS.malformed)),
  // The response double does nothing, so the row counts what the adapter itself allocates.
  'node adapter: allowed actual': () => (sink = handleCors(actualRequest, inertResponse)),
}
const actualRequest = fakeRequest(REQUESTS.actual)

/** @param {(i: number) => unknown} fn */
async function perCall(fn) {
  for (let i = 0; i < 200_000; i++) fn(i) // warm-up: optimised code, caches filled
  gc()
  gc()
  await new Promise((resolve) => setTimeout(resolve, 10)) // let the entries of those collections arrive
  const before = collections
  const start = process.memoryUsage().heapUsed
  for (let i = 0; i < calls; i++) fn(i)
  const end = process.memoryUsage().heapUsed
  await new Promise((resolve) => setTimeout(resolve, 10))
  return { bytes: (end - start) / calls, collected: collections - before }
}

/** @type {Record<string, { bytes: number, collected: number }>} */
const results = {}
for (const [name, fn] of Object.entries(cases)) results[name] = await perCall(fn)
observer.disconnect()
process.stdout.write(JSON.stringify({ calls, sink: sink === undefined ? 0 : 1, results }))
