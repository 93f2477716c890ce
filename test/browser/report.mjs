// How a browser run is shown: a plain-text table on the console, and test/browser/RESULTS.md
// (an engine × adapter summary, the engine differences the scenarios record, and every scenario
// with one cell per engine holding one mark per adapter).
import { probes as PROBES } from './probes.mjs'
import { expectationFor } from './row.mjs'
import { ADAPTERS } from './servers.mjs'

/**
 * @typedef {import('./row.mjs').Row} Row
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 * @typedef {import('./probes.mjs').ProbeRow} ProbeRow
 * @typedef {{ engine: import('./engines/index.mjs').EngineName, version: string, isolation: string,
 *   seconds: number }} EngineRun
 */

const ran = (/** @type {Row} */ row) => row.via === 'browser' || row.via === 'server-level'
const esc = (/** @type {string} */ text) => text.replaceAll('|', '\\|')
const TITLES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' }

/** @param {Row[]} rows */
export function printTable(rows) {
  const columns = ['engine', 'scenario', 'adapter', 'via', 'expected', 'observed', 'result']
  const cells = rows.map((r) => [
    r.engine,
    r.scenario,
    r.adapter,
    r.via,
    r.expected,
    r.observed,
    r.ok ? 'ok' : 'MISMATCH',
  ])
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)))
  const line = (/** @type {string[]} */ values) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')
  console.log(line(columns))
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'))
  for (const row of cells) console.log(line(row))
}

/** @param {ProbeRow[]} rows */
export function printProbes(rows) {
  console.log('\nengine probes (raw headers, no corsica):')
  for (const r of rows)
    console.log(
      `  ${r.ok ? 'ok      ' : 'MISMATCH'} [${r.engine}] ${r.probe}: expected ${r.expected}, observed ${r.observed}`,
    )
}

/**
 * "passed/ran" for a set of rows, with the not-applicable count.
 * @param {Row[]} rows
 */
export function tally(rows) {
  const counted = rows.filter(ran)
  const passed = counted.filter((r) => r.ok).length
  const na = rows.length - counted.length
  return { passed, ran: counted.length, na, text: `${passed}/${counted.length}${na > 0 ? ` (${na} n/a)` : ''}` }
}

/**
 * @param {Row[]} rows
 * @param {EngineRun[]} runs
 */
function summary(rows, runs) {
  const lines = [
    `| Engine | Version | ${ADAPTERS.join(' | ')} | all | seconds (engines side by side) |`,
    `|---|---|${ADAPTERS.map(() => '---|').join('')}---|---|`,
  ]
  for (const run of runs) {
    const mine = rows.filter((r) => r.engine === run.engine)
    const cells = ADAPTERS.map((adapter) => {
      const t = tally(mine.filter((r) => r.adapter === adapter))
      return `${t.passed === t.ran ? '✅' : '❌'} ${t.text}`
    })
    const all = tally(mine)
    lines.push(`| ${TITLES[run.engine]} | ${run.version} | ${cells.join(' | ')} | ${all.text} | ${run.seconds} |`)
  }
  return lines
}

/**
 * The scenarios where an engine's expectation differs from the common one, as they are recorded.
 * @param {Scenario[]} scenarios
 * @param {EngineRun[]} runs
 */
function differences(scenarios, runs) {
  const lines = [
    `| Scenario | ${runs.map((r) => TITLES[r.engine]).join(' | ')} | why |`,
    `|---|${runs.map(() => '---|').join('')}---|`,
  ]
  for (const scenario of scenarios.filter((s) => s.engines !== undefined)) {
    const cells = runs.map((run) => {
      const e = expectationFor(scenario, run.engine, 'node')
      return esc(`${e.outcome} · preflights=${e.preflights} handler=${e.handler}`)
    })
    const why = Object.entries(scenario.engines ?? {})
      .map(([engine, d]) => `${TITLES[/** @type {keyof TITLES} */ (engine)]}: ${d.why}`)
      .join(' ')
    lines.push(`| ${esc(scenario.name)} | ${cells.join(' | ')} | ${esc(why)} |`)
  }
  return lines
}

/**
 * One engine's cell of a scenario: a mark per adapter, in ADAPTERS order.
 * @param {Row[]} group the scenario's rows in that engine
 */
function engineCell(group) {
  const marks = ADAPTERS.map((adapter) => {
    const row = group.find((r) => r.adapter === adapter)
    if (row === undefined) return ''
    if (row.via === 'n/a') return '–'
    if (row.via === 'skipped') return '⏭'
    const mark = row.ok ? '✅' : `❌ (${adapter}: ${esc(row.observed)})`
    return row.via === 'server-level' ? `${mark}ˢ` : mark
  })
  return marks.join(' ')
}

/**
 * The probes: what each engine does with raw headers.
 * @param {ProbeRow[]} rows
 * @param {EngineRun[]} runs
 */
function probeTable(rows, runs) {
  const lines = [
    `| Raw headers (no corsica) | ${runs.map((r) => TITLES[r.engine]).join(' | ')} | so |`,
    `|---|${runs.map(() => '---|').join('')}---|`,
  ]
  for (const probe of PROBES) {
    const cells = runs.map((run) => {
      const row = rows.find((r) => r.probe === probe.name && r.engine === run.engine)
      if (row === undefined) return ''
      return row.ok ? `✅ ${row.observed}` : `❌ ${esc(row.observed)} (expected ${row.expected})`
    })
    lines.push(`| ${esc(probe.name)} | ${cells.join(' | ')} | ${esc(probe.meaning)} |`)
  }
  return lines
}

/**
 * How each engine words a blocked fetch(): the distinct rejection messages its rows saw.
 * @param {Row[]} rows
 * @param {EngineRun[]} runs
 */
function wording(rows, runs) {
  const lines = ['| Engine | fetch() rejects with |', '|---|---|']
  for (const run of runs) {
    const messages = new Set(rows.filter((r) => r.engine === run.engine).flatMap((r) => r.errors ?? []))
    lines.push(`| ${TITLES[run.engine]} | ${[...messages].map((m) => `\`${esc(m)}\``).join(', ')} |`)
  }
  return lines
}

/**
 * Per engine: the rows where the model's prediction is what the engine showed.
 * @param {Row[]} rows
 * @param {EngineRun[]} runs
 */
export function modelAgreement(rows, runs) {
  return runs.map((run) => {
    const predicted = rows.filter((r) => r.engine === run.engine && r.model !== undefined)
    const agreed = predicted.filter((r) => r.model === r.shown).length
    return `- ${TITLES[run.engine]}: the model predicted ${agreed} of ${predicted.length} rows as the engine showed them.`
  })
}

/**
 * The results page, RESULTS.md.
 * @param {{ rows: Row[], probes: ProbeRow[], scenarios: Scenario[], runs: EngineRun[], dist: string }} run
 */
export function markdown({ rows, probes, scenarios, runs, dist }) {
  const lines = [
    '# Browser conformance results',
    '',
    'Written by `npm run test:browser`. Page on `http://localhost:<port>`, API on `http://localhost:<other port>`; ' +
      `corsica from \`${dist}\`. Every scenario of \`scenarios.mjs\` runs in every engine through every adapter; ` +
      'a row passes when what the page could read and what the API server counted are identical to the expectation.',
    '',
    ...summary(rows, runs),
    '',
    `Isolation between rows: ${runs.map((r) => `${TITLES[r.engine]}, ${r.isolation}`).join('; ')}.`,
    '',
    '## The browser model against the engines',
    '',
    'After each row, the same steps go through `corsica/model` (its `simulate()`, with Node as the network, against ' +
      'the same servers): the outcome and the preflight count it predicts for that engine must be what the engine showed, ' +
      'or the row fails.',
    '',
    ...modelAgreement(rows, runs),
    '',
    '## Where the engines differ',
    '',
    'Each of these scenarios records every engine’s real outcome; corsica’s configuration in it is the one that works in all three.',
    '',
    ...differences(scenarios, runs),
    '',
    ...probeTable(probes, runs),
    '',
    'A request CORS blocks looks the same to the page in every engine: fetch() rejects with a TypeError. Its message ' +
      '(and the console text a developer sees) is each engine’s own, so no code should match on it. Messages seen in this run:',
    '',
    ...wording(rows, runs),
    '',
    'Preflight cache caps (`Access-Control-Max-Age` above them is cut down), from the engines’ sources, not measured here ' +
      '(it would take hours): WebKit 600 s, Chromium 7200 s, Firefox 86400 s. Measured: `maxAge 0` preflights every request ' +
      'in all three; without the header all three reuse a preflight for requests sent right after it (`maxAge absent`; ' +
      'the Fetch Standard’s default is 5 s); `maxAge 1` has expired after 2.5 s in all three.',
    '',
    '## Every scenario',
    '',
    `Each engine cell has one mark per adapter (${ADAPTERS.join(', ')}): ✅ as expected, ❌ not (with what was observed), ` +
      '– not applicable (no HTTP/2 server), ˢ checked at server level (the engine sends no PNA preflight to loopback). ' +
      'An engine whose expectation differs from the common one is listed above. ' +
      '`stacked` rows run two corsica layers: node calls the outer then the inner handler on one request, Express has ' +
      '`app.use(cors(outer))` and `cors(inner)` on the route, fetch is `withCors(withCors(app, inner), outer)`.',
    '',
    `| Scenario | Expected (browser · server) | ${runs.map((r) => TITLES[r.engine]).join(' | ')} |`,
    `|---|---|${runs.map(() => '---|').join('')}`,
  ]
  for (const scenario of scenarios) {
    const group = rows.filter((r) => r.scenario === scenario.name)
    // The common expectation: from an engine that records no difference for this scenario.
    const common = group.find((r) => ran(r) && scenario.engines?.[r.engine] === undefined) ?? group.find(ran)
    const expected = common?.expected ?? ''
    const cells = runs.map((run) => engineCell(group.filter((r) => r.engine === run.engine)))
    lines.push(`| ${esc(scenario.name)} | ${esc(expected)} | ${cells.join(' | ')} |`)
  }
  return `${lines.join('\n')}\n`
}
