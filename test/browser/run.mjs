#!/usr/bin/env node
// CORS conformance in a real browser: Debian's Chromium (through playwright-core) loads a page on
// one loopback origin and fetch()es an API on another that uses corsica, once per adapter (node,
// express, fetch). Each row compares what the page could read and what the API server saw with the
// scenario's expectation. Prints a table, writes test/browser/RESULTS.md, exits 1 on any mismatch.
//
//   npm run test:browser                     (CORSICA_DIST=dir to test another build)
//   CHROMIUM=/path/to/chromium               (default /usr/bin/chromium)
//   CORSICA_REQUIRE_BROWSER=1                a missing browser fails instead of skipping (CI)
//   CORSICA_BROWSER_ONLY='substring'         run only the scenarios whose name contains it
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM, CHROMIUM_ARGS, skipOrFail } from '../support/system.mjs'
import { scenarios } from './scenarios.mjs'
import { loadAdapters, startApi, startPageServer } from './servers.mjs'

/** @type {('node' | 'express' | 'fetch')[]} */
const ADAPTERS = ['node', 'express', 'fetch']
const REQUIRE = process.env.CORSICA_REQUIRE_BROWSER === '1'
const SCENARIO_TIMEOUT_MS = 30_000
const COOKIE = { name: 'sid', value: 's1', domain: 'localhost', path: '/', sameSite: /** @type {const} */ ('Lax') }

/** @type {(reason: string) => never} */
const skip = (reason) => skipOrFail('test:browser', 'CORSICA_REQUIRE_BROWSER', reason)

/**
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 * @typedef {import('./scenarios.mjs').Context} Context
 * @typedef {import('./servers.mjs').Api} Api
 * @typedef {import('./servers.mjs').LogEntry} LogEntry
 * A step as the page runs it: its path resolved to `url` (every step but a pause has one).
 * @typedef {Omit<import('./scenarios.mjs').Step, 'path'> & { url?: string }} PageStep
 * What the page saw of one fetch: the headers of `read` it could read (null: hidden), or the error.
 * @typedef {{ readable: true, status: number, headers: Record<string, string | null> }
 *   | { readable: false, error: string }} StepResult
 * @typedef {{ key?: Buffer, cert?: Buffer, error?: string }} Tls
 * @typedef {{ page: string, crossSite: string, tls: Tls }} Env
 * @typedef {object} Row one scenario on one adapter
 * @property {string} scenario
 * @property {string} adapter
 * @property {string} via
 * @property {string} expected
 * @property {string} observed
 * @property {boolean} ok
 * @property {string} [detail]
 */

/**
 * Runs in the page (or the sandboxed iframe): the scenario's fetches, in order.
 * @param {PageStep[]} steps
 */
async function runSteps(steps) {
  /** @type {StepResult[]} */
  const results = []
  for (const step of steps) {
    if (step.wait !== undefined) {
      await new Promise((done) => setTimeout(done, step.wait))
      continue
    }
    /** @type {RequestInit & { headers: Record<string, string>, duplex?: 'half' }} */
    const init = {
      method: step.method ?? 'GET',
      headers: { ...step.headers },
      credentials: step.credentials ?? 'same-origin',
    }
    if (step.body === 'text') init.body = 'hello'
    if (step.body === 'json') {
      init.body = '{"a":1}'
      init.headers['content-type'] = 'application/json'
    }
    if (step.body === 'stream') {
      init.body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('hello'))
          controller.close()
        },
      })
      init.duplex = 'half'
    }
    try {
      const response = await fetch(/** @type {string} */ (step.url), init)
      /** @type {Record<string, string | null>} */
      const headers = {}
      for (const name of step.read ?? []) headers[name] = response.headers.get(name)
      await response.text()
      results.push({ readable: true, status: response.status, headers })
    } catch (error) {
      const { name, message } = /** @type {Error} */ (error) // fetch rejects with a TypeError
      results.push({ readable: false, error: `${name}: ${message}` })
    }
  }
  return results
}

/** @param {StepResult} result */
function describe(result) {
  if (!result.readable) return 'blocked'
  let text = result.status === 200 ? 'readable' : `readable ${result.status}`
  for (const [name, value] of Object.entries(result.headers)) text += `; ${name}=${value ?? 'hidden'}`
  return text
}

/**
 * What the API servers counted, as the scenario states it and as it happened.
 * @param {Scenario['expect']} expect
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
  const url = new URL('/api', apiOrigin)
  return new Promise((done, fail) => {
    const request = http.request(
      url,
      {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' },
      },
      (response) => {
        response.resume()
        response.on('end', () =>
          done(
            `preflight ${response.statusCode}; allow-private-network=${response.headers['access-control-allow-private-network'] ?? 'absent'}`,
          ),
        )
      },
    )
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
  const timeout = new Promise(
    (_, fail) =>
      (timer = setTimeout(
        () => fail(new Error(`${what}: no answer in ${SCENARIO_TIMEOUT_MS} ms`)),
        SCENARIO_TIMEOUT_MS,
      )),
  )
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * A throwaway self-signed certificate for localhost (HTTP/2 needs TLS in browsers).
 * @returns {Tls}
 */
function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'corsica-browser-tls-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ],
      { stdio: 'ignore' },
    )
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { error: `openssl could not make a certificate (${message.split('\n')[0]})` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {import('./servers.mjs').Adapters} adapters
 * @param {Scenario} scenario
 * @param {'node' | 'express' | 'fetch'} adapter
 * @param {Env} env
 * @returns {Promise<Row>}
 */
async function runScenario(browser, adapters, scenario, adapter, env) {
  /** @type {Row} */
  const row = { scenario: scenario.name, adapter, via: 'browser', expected: '', observed: '', ok: false }
  if (scenario.tls && adapter === 'express') {
    return { ...row, via: 'n/a', expected: 'n/a', observed: 'n/a: Express does not run on node:http2', ok: true }
  }
  if (scenario.tls && env.tls.error) {
    if (REQUIRE) return { ...row, expected: scenario.expect.outcome, observed: env.tls.error }
    return { ...row, via: 'skipped', expected: 'n/a', observed: env.tls.error, ok: true }
  }
  /** @type {Api[]} */
  const servers = []
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context
  try {
    const pageOrigin = scenario.page === 'cross-site' ? env.crossSite : env.page
    /** @type {Context} */
    const ctx = { page: env.page, crossSite: env.crossSite, other: 'https://app.example.com' }
    if (scenario.second) {
      const second = await startApi(adapters, adapter, scenario.second(ctx), undefined)
      servers.push(second)
      ctx.second = second.origin
    }
    const api = await startApi(
      adapters,
      adapter,
      scenario.options?.(ctx),
      scenario.tls ? env.tls : undefined,
      scenario.outer?.(ctx),
    )
    servers.unshift(api)
    ctx.api = api.origin
    const steps = scenario.steps.map((step) => {
      if (step.wait !== undefined) return step
      const { path = '/api', ...rest } = step
      return { ...rest, url: `${api.origin}${typeof path === 'function' ? path(ctx) : path}` }
    })

    context = await browser.newContext({ ignoreHTTPSErrors: Boolean(scenario.tls) })
    if (scenario.cookie) await context.addCookies([COOKIE])
    const page = await context.newPage()
    await page.goto(`${pageOrigin}/${scenario.page === 'sandbox' ? 'sandbox' : ''}`)
    let frame = page.mainFrame()
    if (scenario.page === 'sandbox') {
      // goto() waits for the load event, which waits for the iframe; its origin is opaque.
      const iframe = page.frames().find((f) => f !== page.mainFrame())
      if (iframe === undefined) throw new Error('the sandboxed iframe did not load')
      frame = iframe
    }
    const results = await withTimeout(frame.evaluate(runSteps, steps), scenario.name)
    const outcomes = [...new Set(results.map(describe))]
    const server = serverSide(scenario.expect, [api.log, servers[1]?.log ?? []])
    row.expected = `${scenario.expect.outcome} · ${server.expected}`
    row.observed = `${outcomes.join(' / ')} · ${server.observed}`
    row.ok = row.expected === row.observed
    if (scenario.pna) {
      const sent = api.log.some((entry) => entry.requestPrivateNetwork !== undefined)
      if (sent) {
        // This Chromium speaks PNA to loopback: the table must say what it does, so fail until it does.
        row.observed +=
          ' · browser sent Access-Control-Request-Private-Network: write browser expectations for this row'
        row.ok = false
      } else {
        row.via = 'server-level'
        row.expected += ` · ${scenario.pna.expect}`
        const raw = await pnaPreflight(api.origin, env.page)
        row.observed += ` · ${raw}`
        row.ok &&= raw === scenario.pna.expect
      }
    }
    if (!row.ok) row.detail = JSON.stringify({ results, log: servers.map((s) => s.log) })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    row.observed = `error: ${message.split('\n')[0]}`
  } finally {
    await context?.close().catch(() => {})
    await Promise.all(servers.map((s) => s.close()))
  }
  return row
}

/** @param {Row[]} rows */
function printTable(rows) {
  const columns = ['scenario', 'adapter', 'via', 'expected', 'observed', 'result']
  const cells = rows.map((r) => [r.scenario, r.adapter, r.via, r.expected, r.observed, r.ok ? 'ok' : 'MISMATCH'])
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)))
  const line = (/** @type {string[]} */ values) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')
  console.log(line(columns))
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'))
  for (const row of cells) console.log(line(row))
}

/**
 * The results table (RESULTS.md): one row per scenario, one column per adapter.
 * @param {Row[]} rows
 * @param {string} version Chromium's
 */
function markdown(rows, version) {
  /** @type {Map<string, Row[]>} */
  const byScenario = new Map()
  for (const row of rows) {
    const group = byScenario.get(row.scenario)
    if (group === undefined) byScenario.set(row.scenario, [row])
    else group.push(row)
  }
  const esc = (/** @type {string} */ text) => text.replaceAll('|', '\\|')
  const lines = [
    `Chromium ${version}, page on \`http://localhost:<port>\`, API on \`http://localhost:<other port>\`. ` +
      '"Expected" is what the page can do (`readable` or `blocked`, with any status or header it read) and what the API server counted. ' +
      'Each adapter cell shows the observed result: ✅ identical to the expectation. ' +
      '`stacked` rows run two corsica layers: node calls the outer then the inner handler on one request, Express has `app.use(cors(outer))` and `cors(inner)` on the route, fetch is `withCors(withCors(app, inner), outer)`.',
    '',
    '| Scenario | Expected (browser · server) | node | express | fetch |',
    '|---|---|---|---|---|',
  ]
  for (const [name, group] of byScenario) {
    const cell = (/** @type {string} */ adapter) => {
      const row = group.find((r) => r.adapter === adapter)
      if (row === undefined) return ''
      if (row.via === 'n/a' || row.via === 'skipped') return esc(row.observed)
      const mark = row.ok ? '✅' : `❌ ${esc(row.observed)}`
      return row.via === 'server-level' ? `${mark} (server-level)` : mark
    }
    const expected = group.find((r) => r.via !== 'n/a' && r.via !== 'skipped')?.expected ?? ''
    lines.push(`| ${esc(name)} | ${esc(expected)} | ${cell('node')} | ${cell('express')} | ${cell('fetch')} |`)
  }
  return `${lines.join('\n')}\n`
}

async function main() {
  if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`)
  /** @type {import('playwright-core').BrowserType} */
  let chromium
  try {
    ;({ chromium } = await import('playwright-core'))
  } catch {
    skip('playwright-core is not installed')
  }
  const adapters = await loadAdapters()
  const only = process.env.CORSICA_BROWSER_ONLY
  const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios
  const tls = selected.some((s) => s.tls) ? makeCertificate() : {}
  const pageServer = await startPageServer()
  /** @type {import('playwright-core').Browser | undefined} */
  let browser
  /** @type {Row[]} */
  const rows = []
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    })
    const env = { page: `http://localhost:${pageServer.port}`, crossSite: `http://127.0.0.1:${pageServer.port}`, tls }
    for (const scenario of selected) {
      for (const adapter of ADAPTERS) {
        const row = await runScenario(browser, adapters, scenario, adapter, env)
        rows.push(row)
        if (!row.ok)
          console.error(
            `MISMATCH ${scenario.name} [${adapter}]\n  expected ${row.expected}\n  observed ${row.observed}${row.detail ? `\n  ${row.detail}` : ''}`,
          )
      }
    }
    const version = browser.version()
    printTable(rows)
    const failed = rows.filter((r) => !r.ok)
    const ran = rows.filter((r) => r.via === 'browser' || r.via === 'server-level').length
    const serverLevel = rows.filter((r) => r.via === 'server-level').length
    const note =
      serverLevel > 0
        ? ` (${serverLevel} of them checked at server level: this Chromium sends no PNA preflight to loopback)`
        : ''
    console.log(
      `\n${selected.length} scenarios × ${ADAPTERS.length} adapters: ${ran - failed.length}/${ran} rows as expected${note}, ${rows.length - ran} not applicable.`,
    )
    console.log(`Chromium ${version}, corsica from ${adapters.dist}`)
    if (!only) writeFileSync(new URL('./RESULTS.md', import.meta.url), markdown(rows, version))
    process.exitCode = failed.length === 0 ? 0 : 1
  } finally {
    await browser?.close()
    await pageServer.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
