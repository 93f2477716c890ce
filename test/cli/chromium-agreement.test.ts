// Every probe verdict compared with what a real Chromium does: one headless Chromium, one blank
// page on http://localhost:<port>, a fetch() per row to the servers on http://127.0.0.1:<port>.
// Each row's URL has its own query, so Chromium's preflight cache never answers for another row.
// Prints the table (server × request → probe vs Chromium). Skipped, with the reason printed, when
// Chromium is missing, unless CORSICA_REQUIRE_BROWSER=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProbe } from '../../src/cli/probe.js'
import { createSend } from '../../src/cli/http-client.js'
import { launchOracle, oracleMissing, type Oracle } from './chromium-oracle.mjs'
import { CASES, type Case, NGINX_CASES, probeArgs, startFleet, type Fleet } from './servers/fleet.js'
import { nginxMissing, startNginx } from './servers/nginx.js'
import type { Running } from './servers/listen.js'

const missing = await oracleMissing()
if (missing !== undefined) {
  if (process.env.CORSICA_REQUIRE_BROWSER === '1')
    throw new Error(`Chromium agreement: ${missing} (CORSICA_REQUIRE_BROWSER=1)`)
  console.log(`Chromium agreement skipped: ${missing}. Set CORSICA_REQUIRE_BROWSER=1 to make this a failure.`)
}
const withNginx = nginxMissing() === undefined

interface Row {
  readonly row: Case
  readonly probe: string
  readonly chromium: string
  readonly console: string
  readonly modelConsole: string
}

describe.skipIf(missing !== undefined)('probe agrees with Chromium', () => {
  let oracle: Oracle
  let fleet: Fleet
  let nginx: Running | undefined
  const rows: Row[] = []

  beforeAll(async () => {
    ;[oracle, fleet, nginx] = await Promise.all([
      launchOracle(),
      startFleet(),
      withNginx ? startNginx() : Promise.resolve(undefined),
    ])
  }, 30_000)

  afterAll(async () => {
    await Promise.all([oracle?.close(), fleet?.close(), nginx?.close()])
    if (rows.length === 0) return
    const lines = rows.map(
      ({ row, probe, chromium }) =>
        `| ${row.server} | ${row.path} | ${row.request} | ${probe} | ${chromium} | ${probe.split(':')[0] === chromium ? 'yes' : 'NO'} |`,
    )
    console.log(
      [
        `Chromium ${oracle.version}, page ${oracle.pageOrigin}`,
        '| server | path | request | probe (chromium) | Chromium | agree |',
        '| --- | --- | --- | --- | --- | --- |',
        ...lines,
      ].join('\n'),
    )
    const differing = rows.filter((r) => r.console !== r.modelConsole && r.console !== '')
    for (const r of differing) {
      console.log(
        `console text differs for ${r.row.server} ${r.row.path} ${r.row.request}:\n  chromium: ${r.console}\n  model:    ${r.modelConsole}`,
      )
    }
  })

  const all = [...CASES, ...(withNginx ? NGINX_CASES : [])]
  it(`${all.length} rows: the model's Chromium verdict is Chromium's`, async () => {
    const send = createSend({ timeout: 5000 })
    let n = 0
    for (const row of all) {
      const base = row.server === 'nginx' ? nginx?.url : fleet.urls[row.server]
      const url = `${base}${row.path}?row=${n++}`
      const args = probeArgs(row.request)
      const result = await runProbe({ url, origin: oracle.pageOrigin, ...args }, send)
      const engine = result.simulation?.engines.chromium
      const probe = engine?.verdict === 'blocked' ? `blocked:${engine.problem?.code}` : 'readable'
      const answer = await oracle.fetch({
        url,
        method: args.method,
        headers: args.headers,
        credentials: args.credentials ? 'include' : 'same-origin',
      })
      rows.push({
        row,
        probe,
        chromium: answer.verdict,
        console: answer.console[0] ?? '',
        modelConsole: engine?.message ?? '',
      })
    }
    const disagreements = rows.filter((r) => r.probe.split(':')[0] !== r.chromium)
    expect(
      disagreements.map(
        (r) => `${r.row.server} ${r.row.path} ${r.row.request}: probe ${r.probe}, Chromium ${r.chromium}`,
      ),
    ).toEqual([])
    // Chromium's console error, up to its last full stop, begins the model's (which may add a hint).
    expect(
      rows
        .filter((r) => r.console !== '' && !r.modelConsole.startsWith(r.console.replace(/\.$/, '')))
        .map(
          (r) =>
            `${r.row.server} ${r.row.path} ${r.row.request}:\n  Chromium: ${r.console}\n  model:    ${r.modelConsole}`,
        ),
    ).toEqual([])
    // The table's expectations are Chromium's verdicts, and the model's reasons.
    expect(
      rows
        .filter((r) => r.probe !== r.row.expect)
        .map((r) => `${r.row.server} ${r.row.path} ${r.row.request}: ${r.probe}`),
    ).toEqual([])
  }, 60_000)
})
