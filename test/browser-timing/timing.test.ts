// timingAllowOrigin in a real Chromium: a page on http://localhost:<A> fetches resources from
// corsica on http://127.0.0.1:<B> (another origin) and reads its Resource Timing entries. The
// detailed timings, the sizes and Server-Timing are visible only when corsica sent
// Timing-Allow-Origin; without it Chromium zeroes them. Skipped, with the reason printed, when
// Chromium is missing, unless CORSICA_REQUIRE_BROWSER=1.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../src/index.js'
import { cors } from '../../src/node.js'
import { oracleMissing } from '../cli/chromium-oracle.mjs'
import { CHROMIUM, CHROMIUM_ARGS } from '../support/system.mjs'

const missing = await oracleMissing()
if (missing !== undefined) {
  if (process.env.CORSICA_REQUIRE_BROWSER === '1')
    throw new Error(`Timing-Allow-Origin in Chromium: ${missing} (CORSICA_REQUIRE_BROWSER=1)`)
  console.log(
    `Timing-Allow-Origin in Chromium skipped: ${missing}. Set CORSICA_REQUIRE_BROWSER=1 to make this a failure.`,
  )
}

/** What the page reads from a resource's PerformanceResourceTiming entry. */
interface Timing {
  readonly status: number | 'blocked' | 'loaded'
  readonly requestStart: number
  readonly responseStart: number
  readonly domainLookupStart: number
  readonly connectStart: number
  readonly transferSize: number
  readonly serverTiming: readonly string[]
}

/** A script: Opaque Response Blocking lets a no-cors load of one through (it would drop text/plain). */
const BODY = `// ${'x'.repeat(2048)}\n`

async function listen(server: http.Server): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
}

/** corsica on one port: the path's first segment picks the policy. */
function resourceServer(policies: Readonly<Record<string, CorsOptions>>): http.Server {
  const handlers = new Map(Object.entries(policies).map(([name, options]) => [name, cors(options)]))
  return http.createServer(async (req, res) => {
    const handle = handlers.get(new URL(req.url ?? '/', 'http://x').pathname.slice(1))
    if (handle === undefined || (await handle(req, res))) return res.headersSent ? undefined : res.end()
    res.setHeader('server-timing', 'app;dur=12')
    res.setHeader('cache-control', 'no-store')
    res.setHeader('content-type', 'text/javascript')
    res.end(BODY)
  })
}

describe.skipIf(missing !== undefined)('Timing-Allow-Origin in Chromium', () => {
  let close: () => Promise<void>
  let timing: (path: string, mode: 'cors' | 'script') => Promise<Timing>

  beforeAll(async () => {
    const { chromium } = await import('playwright-core')
    const page = await listen(http.createServer((_req, res) => res.end('<!doctype html><title>timing</title>')))
    const pageOrigin = `http://localhost:${page.port}`
    const resources = await listen(
      resourceServer({
        listed: { origin: [pageOrigin] },
        'listed-timing': { origin: [pageOrigin], timingAllowOrigin: true },
        any: {},
        'any-timing': { timingAllowOrigin: true },
      }),
    )
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const tab = await browser.newPage()
    await tab.goto(`${pageOrigin}/`)
    let request = 0
    timing = (path, mode) =>
      tab.evaluate(
        async ({ url, mode }) => {
          let status: number | 'blocked' | 'loaded' = 'blocked'
          if (mode === 'cors') {
            try {
              const response = await fetch(url, { mode })
              await response.text()
              status = response.status
            } catch {}
          } else {
            // A <script>: loaded without CORS, and without an Origin header.
            const script = document.createElement('script')
            script.src = url
            status = await new Promise((done) => {
              script.onload = () => done('loaded')
              script.onerror = () => done('blocked')
              document.head.append(script)
            })
          }
          // An opaque (no-cors) response's entry may land a moment after the body: wait for it, briefly.
          let entry: PerformanceResourceTiming | undefined
          for (let tries = 0; entry === undefined && tries < 50; tries++) {
            entry = (performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[])[0]
            if (entry === undefined) await new Promise((done) => setTimeout(done, 20))
          }
          if (entry === undefined) throw new Error(`no Resource Timing entry for ${url}`)
          return {
            status,
            requestStart: entry.requestStart,
            responseStart: entry.responseStart,
            domainLookupStart: entry.domainLookupStart,
            connectStart: entry.connectStart,
            transferSize: entry.transferSize,
            serverTiming: entry.serverTiming.map((metric) => `${metric.name};dur=${metric.duration}`),
          }
        },
        // A fresh query per fetch: each gets its own entry, and no cache answers for another.
        { url: `http://127.0.0.1:${resources.port}/${path}?n=${++request}`, mode },
      )
    close = async () => {
      await browser.close()
      await Promise.all([page.close(), resources.close()])
    }
  }, 30_000)

  afterAll(() => close?.())

  /** The entry's details as Chromium shows them to a page that passed the timing-allow check. */
  function expectDetailed(entry: Timing): void {
    expect(entry.requestStart).toBeGreaterThan(0)
    expect(entry.responseStart).toBeGreaterThanOrEqual(entry.requestStart)
    expect(entry.domainLookupStart).toBeGreaterThan(0)
    expect(entry.connectStart).toBeGreaterThan(0)
    expect(entry.transferSize).toBeGreaterThan(BODY.length)
    expect(entry.serverTiming).toEqual(['app;dur=12'])
  }

  /** The entry as Chromium shows it when the check failed: start and end times alone. */
  function expectOpaque(entry: Timing): void {
    expect(entry).toMatchObject({
      requestStart: 0,
      responseStart: 0,
      domainLookupStart: 0,
      connectStart: 0,
      transferSize: 0,
      serverTiming: [],
    })
  }

  it('a listed origin with timingAllowOrigin: readable, and every detail visible', async () => {
    const entry = await timing('listed-timing', 'cors')
    expect(entry.status).toBe(200)
    expectDetailed(entry)
  })

  it('the same origin without it: readable, but the details are hidden', async () => {
    const entry = await timing('listed', 'cors')
    expect(entry.status).toBe(200)
    expectOpaque(entry)
  })

  it("'*' with timingAllowOrigin: Timing-Allow-Origin: * shows the details", async () => {
    const entry = await timing('any-timing', 'cors')
    expect(entry.status).toBe(200)
    expectDetailed(entry)
  })

  it("'*' without it: the details are hidden", async () => {
    expectOpaque(await timing('any', 'cors'))
  })

  it("a <script> (no CORS, no Origin sent) under '*' with timingAllowOrigin: the details show", async () => {
    const entry = await timing('any-timing', 'script')
    expect(entry.status).toBe('loaded')
    expectDetailed(entry)
  })

  it("a <script> under '*' without it: hidden", async () => {
    expectOpaque(await timing('any', 'script'))
  })

  it('a <script> under an origin list, even with timingAllowOrigin: hidden (it sends no Origin to answer)', async () => {
    const entry = await timing('listed-timing', 'script')
    expect(entry.status).toBe('loaded')
    expectOpaque(entry)
  })
})
