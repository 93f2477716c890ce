// One scenario through one adapter in one engine: start the API origin(s), open a fresh tab on the
// page origin, run the steps in the page, and compare what the page read and what the servers
// counted with the scenario's expectation for that engine. Engine-neutral: it only uses the Tab
// operations of engines/index.mjs.
import http from 'node:http'
import { predict } from './model-check.mjs'
import { describe, runSteps } from './page-steps.mjs'
import { NO_HTTP2, startApi } from './servers.mjs'

const SCENARIO_TIMEOUT_MS = 30_000
const REQUIRE = process.env.CORSICA_REQUIRE_BROWSER === '1'
/** The page's cookie: host-only on localhost, so it goes to every localhost port (one site). */
const COOKIE = { name: 'sid', value: 's1', domain: 'localhost', path: '/', sameSite: /** @type {const} */ ('Lax') }

/**
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 * @typedef {import('./scenarios.mjs').Expect} Expect
 * @typedef {import('./scenarios.mjs').Context} Context
 * @typedef {import('./servers.mjs').Api} Api
 * @typedef {import('./servers.mjs').AdapterName} AdapterName
 * @typedef {import('./servers.mjs').LogEntry} LogEntry
 * @typedef {import('./engines/index.mjs').Browser} Browser
 * @typedef {import('./engines/index.mjs').EngineName} EngineName
 * @typedef {{ page: string, crossSite: string, tls: import('./tls.mjs').Tls }} Env
 * @typedef {object} Row one scenario on one adapter in one engine
 * @property {string} scenario
 * @property {EngineName} engine
 * @property {AdapterName} adapter
 * @property {'browser' | 'server-level' | 'n/a' | 'skipped'} via
 * @property {string} expected
 * @property {string} observed
 * @property {boolean} ok
 * @property {string[]} [errors] the error messages fetch() rejected with (each engine words them its own way)
 * @property {string} [model] what corsica/model predicts this engine shows (outcome and preflights)
 * @property {string} [shown] what the engine showed, in the same terms
 * @property {string} [detail]
 */

/**
 * The scenario's expectation in this engine through this adapter: the common one, with the
 * engine's recorded difference and the adapter's designed one.
 * @param {Scenario} scenario
 * @param {EngineName} engine
 * @param {AdapterName} adapter
 * @returns {Expect}
 */
export function expectationFor(scenario, engine, adapter) {
  const { why: _engineWhy, ...engineDifference } = scenario.engines?.[engine] ?? { why: '' }
  const { why: _adapterWhy, ...adapterDifference } = scenario.adapters?.[adapter] ?? { why: '' }
  return { ...scenario.expect, ...engineDifference, ...adapterDifference }
}

/**
 * What the API servers counted, as the expectation states it and as it happened.
 * @param {Expect} expect
 * @param {[LogEntry[], LogEntry[]]} logs the API's, then the second API origin's
 */
function serverSide(expect, logs) {
  const all = logs.flat()
  const parts = [`preflights=${expect.preflights}`, `handler=${expect.handler}`]
  const seen = [`preflights=${all.filter((r) => r.preflight).length}`, `handler=${all.filter((r) => r.handled).length}`]
  if (expect.cookie !== undefined) {
    parts.push(`cookie=${expect.cookie}`)
    seen.push(`cookie=${all.some((r) => !r.preflight && r.cookie?.includes('sid=s1')) ? 'sent' : 'none'}`)
  }
  if (expect.origin !== undefined) {
    parts.push(`Origin: ${expect.origin}`)
    seen.push(`Origin: ${logs[0][0]?.origin ?? '(none)'}`)
  }
  if (expect.secondOrigin !== undefined) {
    parts.push(`2nd origin saw Origin: ${expect.secondOrigin}`)
    seen.push(`2nd origin saw Origin: ${logs[1]?.[0]?.origin ?? '(nothing)'}`)
  }
  return { expected: parts.join(' '), observed: seen.join(' ') }
}

/**
 * A raw PNA preflight from the runner, for when the browser does not send one.
 * @param {string} apiOrigin
 * @param {string} origin
 * @returns {Promise<string>}
 */
function pnaPreflight(apiOrigin, origin) {
  const headers = { origin, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' }
  return new Promise((done, fail) => {
    const request = http.request(new URL('/api', apiOrigin), { method: 'OPTIONS', headers }, (response) => {
      response.resume()
      const allow = response.headers['access-control-allow-private-network'] ?? 'absent'
      response.on('end', () => done(`preflight ${response.statusCode}; allow-private-network=${allow}`))
    })
    request.on('error', fail)
    request.end()
  })
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {string} what
 */
function withTimeout(promise, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer
  /** @type {Promise<never>} */
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer in ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Starts the scenario's API origin (and the second one, the target of a redirect), and resolves its steps' URLs.
 * @param {import('./servers.mjs').Adapters} adapters
 * @param {Scenario} scenario
 * @param {AdapterName} adapter
 * @param {Env} env
 */
async function startServers(adapters, scenario, adapter, env) {
  /** @type {Context} */
  const ctx = { page: env.page, crossSite: env.crossSite, other: 'https://app.example.com' }
  const second = scenario.second ? await startApi(adapters, adapter, scenario.second(ctx), undefined) : undefined
  ctx.second = second?.origin
  const tls = scenario.tls ? env.tls : undefined
  const api = await startApi(adapters, adapter, scenario.options?.(ctx), tls, scenario.outer?.(ctx)).catch(
    async (error) => {
      await second?.close()
      throw error
    },
  )
  ctx.api = api.origin
  const steps = scenario.steps.map((step) => {
    if (step.wait !== undefined) return step
    const { path = '/api', ...rest } = step
    return { ...rest, url: `${api.origin}${typeof path === 'function' ? path(ctx) : path}` }
  })
  return { api, second, steps }
}

/**
 * @param {Browser} browser
 * @param {import('./servers.mjs').Adapters} adapters
 * @param {Scenario} scenario
 * @param {AdapterName} adapter
 * @param {Env} env
 * @returns {Promise<Row>}
 */
export async function runScenario(browser, adapters, scenario, adapter, env) {
  const expect = expectationFor(scenario, browser.engine, adapter)
  /** @type {Row} */
  const row = {
    scenario: scenario.name,
    engine: browser.engine,
    adapter,
    via: 'browser',
    expected: '',
    observed: '',
    ok: false,
  }
  const noHttp2 = NO_HTTP2[adapter]
  if (scenario.tls && noHttp2) return { ...row, via: 'n/a', expected: 'n/a', observed: `n/a: ${noHttp2}`, ok: true }
  if (scenario.tls && env.tls.error) {
    if (REQUIRE) return { ...row, expected: expect.outcome, observed: env.tls.error }
    return { ...row, via: 'skipped', expected: 'n/a', observed: env.tls.error, ok: true }
  }
  /** @type {Awaited<ReturnType<typeof startServers>> | undefined} */
  let servers
  /** @type {import('./engines/index.mjs').Tab | undefined} */
  let tab
  try {
    servers = await startServers(adapters, scenario, adapter, env)
    const { api, second, steps } = servers
    tab = await browser.tab()
    if (scenario.cookie) await tab.setCookie(COOKIE, `${env.page}/`)
    const pageOrigin = scenario.page === 'cross-site' ? env.crossSite : env.page
    await tab.open(`${pageOrigin}/${scenario.page === 'sandbox' ? 'sandbox' : ''}`)
    // The sandboxed iframe's origin is opaque: its fetches carry `Origin: null`.
    const frame = scenario.page === 'sandbox' ? 'child' : undefined
    const results = await withTimeout(tab.evaluate(runSteps, steps, frame), scenario.name)
    const outcomes = [...new Set(results.map(describe))]
    const server = serverSide(expect, [api.log, second?.log ?? []])
    row.expected = `${expect.outcome} · ${server.expected}`
    row.observed = `${outcomes.join(' / ')} · ${server.observed}`
    row.ok = row.expected === row.observed
    row.errors = results.flatMap((r) => (r.readable ? [] : [r.error]))
    const preflights = [api.log, second?.log ?? []].flat().filter((entry) => entry.preflight).length
    await checkModel(
      row,
      adapters.model,
      steps,
      frame ? 'null' : pageOrigin,
      `${outcomes.join(' / ')} · preflights=${preflights}`,
    )
    if (scenario.pna) await checkPna(row, scenario.pna.expect, api, env.page)
    if (!row.ok) row.detail = JSON.stringify({ results, log: [api.log, second?.log ?? []] })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    row.observed = `error: ${message.split('\n')[0]}`
  } finally {
    await tab?.close().catch(() => {})
    await Promise.all([servers?.api.close(), servers?.second?.close()])
  }
  return row
}

/**
 * The browser model's prediction for this engine, run after the page (so the servers' counts are
 * the browser's alone): it must be what the engine showed.
 * @param {Row} row
 * @param {import('./model-check.mjs').Model} model
 * @param {import('./page-steps.mjs').PageStep[]} steps
 * @param {string} origin
 * @param {string} shown
 */
async function checkModel(row, model, steps, origin, shown) {
  const predicted = await predict(model, steps, origin, row.engine)
  row.model = `${predicted.outcome} · preflights=${predicted.preflights}`
  row.shown = shown
  if (row.model === shown) return
  row.ok = false
  row.observed += ` · model predicted ${row.model}`
}

/**
 * Private Network Access: in the browser when it sends the PNA preflight to loopback; otherwise
 * from the runner, and the row is marked server-level.
 * @param {Row} row
 * @param {string} expected
 * @param {Api} api
 * @param {string} page
 */
async function checkPna(row, expected, api, page) {
  if (api.log.some((entry) => entry.requestPrivateNetwork !== undefined)) {
    // This engine speaks PNA to loopback: the table must say what it does, so fail until it does.
    row.observed += ' · browser sent Access-Control-Request-Private-Network: write browser expectations for this row'
    row.ok = false
    return
  }
  row.via = 'server-level'
  row.expected += ` · ${expected}`
  const raw = await pnaPreflight(api.origin, page)
  row.observed += ` · ${raw}`
  row.ok &&= raw === expected
}
