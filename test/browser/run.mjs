#!/usr/bin/env node
// CORS conformance in real browsers: Chromium, Firefox and WebKit (Debian's packages, see
// engines/) each load a page on one loopback origin and fetch() an API on another that uses
// corsica, once per adapter (servers.mjs: ADAPTERS). Each row compares what the page could read
// and what the API server saw with the scenario's expectation for that engine. One browser launch
// per engine; the engines run side by side, and rows run in parallel where the engine allows.
// Prints a table, writes test/browser/RESULTS.md, exits 1 on any mismatch.
//
//   npm run test:browser                     (CORSICA_DIST=dir to test another build)
//   CORSICA_ENGINES=chromium,firefox,webkit  the engines to run (default all three)
//   CHROMIUM, FIREFOX, WEBKIT_DRIVER, MINIBROWSER, XVFB   where the pieces are (support/system.mjs)
//   CORSICA_REQUIRE_BROWSER=1                a missing engine fails instead of skipping (CI)
//   CORSICA_BROWSER_ONLY='substring'         run only the scenarios whose name contains it
import { writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { skipOrFail } from '../support/system.mjs'
import { availability, ENGINES, selectedEngines } from './engines/index.mjs'
import { runProbes } from './probes.mjs'
import { markdown, modelAgreement, printProbes, printTable, tally } from './report.mjs'
import { runScenario } from './row.mjs'
import { scenarios } from './scenarios.mjs'
import { loadAdapters } from '../support/dist.mjs'
import { ADAPTERS, startPageServer } from './servers.mjs'
import { makeCertificate } from './tls.mjs'

const REQUIRE = process.env.CORSICA_REQUIRE_BROWSER === '1'

/**
 * @typedef {import('./row.mjs').Row} Row
 * @typedef {import('./row.mjs').Env} Env
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 * @typedef {import('./engines/index.mjs').Engine} Engine
 * @typedef {import('./report.mjs').EngineRun} EngineRun
 */

/**
 * Every scenario × adapter in one engine: one launch, `browser.parallel` rows at a time.
 * @param {Engine} engine
 * @param {Scenario[]} selected
 * @param {import('./servers.mjs').Adapters} adapters
 * @param {Env} env
 * @returns {Promise<{ rows: Row[], probes: import('./probes.mjs').ProbeRow[], run: EngineRun }>}
 */
async function runEngine(engine, selected, adapters, env) {
  const started = Date.now()
  const browser = await engine.launch()
  const jobs = selected.flatMap((scenario) => ADAPTERS.map((adapter) => ({ scenario, adapter })))
  /** @type {Row[]} */
  const rows = new Array(jobs.length)
  let next = 0
  const worker = async () => {
    for (let index = next++; index < jobs.length; index = next++) {
      const { scenario, adapter } = /** @type {(typeof jobs)[number]} */ (jobs[index])
      const row = await runScenario(browser, adapters, scenario, adapter, env)
      rows[index] = row
      if (!row.ok) {
        const detail = row.detail ? `\n  ${row.detail}` : ''
        console.error(
          `MISMATCH [${engine.name}] ${row.scenario} [${adapter}]\n  expected ${row.expected}\n  observed ${row.observed}${detail}`,
        )
      }
    }
  }
  /** @type {import('./probes.mjs').ProbeRow[]} */
  let probes = []
  try {
    await Promise.all(Array.from({ length: browser.parallel }, worker))
    probes = await runProbes(browser, env.page)
  } finally {
    await browser.close()
  }
  const seconds = Math.round((Date.now() - started) / 1000)
  console.log(`${engine.title}: ${tally(rows).text} rows as expected in ${seconds} s (${browser.version})`)
  const run = { engine: engine.name, version: browser.version, isolation: browser.isolation, seconds }
  return { rows, probes, run }
}

async function main() {
  const chosen = selectedEngines()
  const { usable, missing } = await availability(chosen)
  if (missing.length > 0 && REQUIRE) skipOrFail('test:browser', 'CORSICA_REQUIRE_BROWSER', missing.join('; '))
  for (const reason of missing) console.log(`test:browser: skipping ${reason}`)
  if (usable.length === 0) skipOrFail('test:browser', 'CORSICA_REQUIRE_BROWSER', 'no browser engine can run here')
  const adapters = await loadAdapters()
  const only = process.env.CORSICA_BROWSER_ONLY
  const selected = only ? scenarios.filter((s) => s.name.includes(only)) : scenarios
  const tls = selected.some((s) => s.tls) ? makeCertificate() : {}
  const pageServer = await startPageServer()
  const env = { page: `http://localhost:${pageServer.port}`, crossSite: `http://127.0.0.1:${pageServer.port}`, tls }
  const started = Date.now()
  try {
    const results = await Promise.all(usable.map((engine) => runEngine(engine, selected, adapters, env)))
    const rows = results.flatMap((r) => r.rows)
    const runs = results.map((r) => r.run)
    const probes = results.flatMap((r) => r.probes)
    printTable(rows)
    printProbes(probes)
    const all = tally(rows)
    const probesOk = probes.every((p) => p.ok)
    console.log(
      `\n${selected.length} scenarios × ${ADAPTERS.length} adapters × ${usable.length} engines: ` +
        `${all.passed}/${all.ran} rows as expected, ${all.na} not applicable, in ${Math.round((Date.now() - started) / 1000)} s.`,
    )
    for (const run of runs) console.log(`  ${run.version}: ${tally(rows.filter((r) => r.engine === run.engine)).text}`)
    for (const line of modelAgreement(rows, runs)) console.log(line)
    console.log(`corsica from ${adapters.dist}`)
    // The committed table is the shipped build's, complete: a filtered, partial or other build's run must not overwrite it.
    if (!only && usable.length === ENGINES.length && process.env.CORSICA_DIST === undefined) {
      const dist = relative(resolve(import.meta.dirname, '../..'), adapters.dist) || '.'
      writeFileSync(
        new URL('./RESULTS.md', import.meta.url),
        markdown({ rows, probes, scenarios: selected, runs, dist }),
      )
    } else console.log('RESULTS.md not written: only a full run of dist/ in all three engines writes it.')
    process.exitCode = all.passed === all.ran && probesOk ? 0 : 1
  } finally {
    await pageServer.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
