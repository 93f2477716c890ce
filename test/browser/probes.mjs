// What the engines themselves do with raw CORS headers, without corsica: a node:http server sends
// exactly the headers of each probe. These rows show the leniencies corsica must not rely on (its
// own answer is checked by the scenarios); each probe states what every engine does today, so a
// change in an engine shows up as a failed row.
import http from 'node:http'
import { describe, runSteps } from './page-steps.mjs'

/**
 * @typedef {import('./engines/index.mjs').EngineName} EngineName
 * @typedef {import('./engines/index.mjs').Browser} Browser
 * @typedef {object} Probe
 * @property {string} name
 * @property {(page: string) => Record<string, string>} preflight the preflight's response headers
 * @property {import('./scenarios.mjs').Step} step what the page fetches (on /probe)
 * @property {Record<EngineName, string>} expect outcome (`readable` or `blocked`) per engine, after one preflight
 * @property {string} meaning what the result tells a corsica user
 * @typedef {{ probe: string, engine: EngineName, expected: string, observed: string, ok: boolean,
 *   error?: string }} ProbeRow
 */

/** @type {Probe[]} */
export const probes = [
  {
    name: 'raw `Access-Control-Allow-Headers: *`, request sends Authorization',
    preflight: (page) => ({ 'access-control-allow-origin': page, 'access-control-allow-headers': '*' }),
    step: { headers: { authorization: 'Bearer t' } },
    // The Fetch Standard says blocked; every engine here lets it through.
    expect: { chromium: 'readable', firefox: 'readable', webkit: 'readable' },
    meaning:
      'all three engines are more lenient than the Fetch Standard, by which `*` never covers Authorization; ' +
      "corsica does not rely on it: allowedHeaders '*' refuses Authorization unless it is listed by name",
  },
  {
    name: 'raw `Access-Control-Allow-Headers: *, authorization`, request sends Authorization',
    preflight: (page) => ({ 'access-control-allow-origin': page, 'access-control-allow-headers': '*, authorization' }),
    step: { headers: { authorization: 'Bearer t' } },
    expect: { chromium: 'readable', firefox: 'readable', webkit: 'readable' },
    meaning: "what corsica sends for allowedHeaders ['*', 'Authorization']",
  },
]

/**
 * A server that answers every preflight with `preflight` and every other request with the page's ACAO.
 * @param {Record<string, string>} preflight
 * @param {string} page
 * @returns {Promise<{ origin: string, preflights: () => number, close: () => Promise<void> }>}
 */
function rawServer(preflight, page) {
  let preflights = 0
  const server = http.createServer((req, res) => {
    const isPreflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
    if (isPreflight) preflights++
    res.writeHead(isPreflight ? 204 : 200, isPreflight ? preflight : { 'access-control-allow-origin': page })
    res.end(isPreflight ? undefined : 'ok')
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
      const close = () => new Promise((closed) => server.close(() => closed(undefined))).then(() => {})
      done({ origin: `http://localhost:${port}`, preflights: () => preflights, close })
    }),
  )
}

/**
 * Every probe in one engine, one after another.
 * @param {Browser} browser
 * @param {string} page the page origin
 * @returns {Promise<ProbeRow[]>}
 */
export async function runProbes(browser, page) {
  /** @type {ProbeRow[]} */
  const rows = []
  for (const probe of probes) {
    const server = await rawServer(probe.preflight(page), page)
    const tab = await browser.tab()
    const expected = `${probe.expect[browser.engine]} · preflights=1`
    try {
      await tab.open(`${page}/`)
      const [result] = await tab.evaluate(runSteps, [{ ...probe.step, url: `${server.origin}/probe` }])
      const observed = `${result === undefined ? 'no result' : describe(result)} · preflights=${server.preflights()}`
      const error = result !== undefined && !result.readable ? result.error : undefined
      rows.push({ probe: probe.name, engine: browser.engine, expected, observed, ok: observed === expected, error })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      rows.push({ probe: probe.name, engine: browser.engine, expected, observed: `error: ${message}`, ok: false })
    } finally {
      await tab.close().catch(() => {})
      await server.close()
    }
  }
  return rows
}
