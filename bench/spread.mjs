// `npm run bench:spread`: `npm run bench` N times (default 3), each in a fresh process; the last run
// writes bench/RESULTS.md as `npm run bench` does, and every target's figure over the N runs
// (min / median / max, and how many runs met it) goes into its own section.
//   node bench/spread.mjs [--runs N]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { median } from './lib/measure.mjs'
import { table, writeSection } from './lib/results.mjs'

/** @typedef {{ name: string, figure: string, met: boolean, value: number | undefined }} Measured */

const at = process.argv.indexOf('--runs')
const runs = at === -1 ? 3 : Number(process.argv[at + 1])
const script = fileURLToPath(new URL('./run.mjs', import.meta.url))
const folder = mkdtempSync(path.join(os.tmpdir(), 'corsica-bench-'))
const started = Date.now()
/** @type {Measured[][]} */
const results = []
try {
  for (let run = 1; run <= runs; run++) {
    const file = path.join(folder, `run-${run}.json`)
    const write = run === runs ? [] : ['--no-write']
    console.log(`run ${run}/${runs}`)
    execFileSync(process.execPath, [script, '--json', file, ...write], { stdio: ['ignore', 'ignore', 'inherit'] })
    results.push(JSON.parse(readFileSync(file, 'utf8')).targets)
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
}

/** @param {string | undefined} text */
function ratioIn(text) {
  return /^-?\d+(\.\d+)?x/.test(text ?? '') ? Number.parseFloat(text ?? '') : Number.NaN
}

/** @param {number} value */
const figure = (value) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2))
const last = results.at(-1) ?? []
const rows = last.map(({ name, figure: written }, index) => {
  // A target without a number of its own is read from its figure when that is a ratio ("5.16x").
  const values = results
    .map((run) => run[index]?.value ?? ratioIn(run[index]?.figure))
    .filter((value) => Number.isFinite(value))
  const met = results.filter((run) => run[index]?.met).length
  const spread = values.length
    ? [Math.min(...values), median(values), Math.max(...values)].map(figure).join(' / ')
    : 'n/a'
  return [name, written, spread, `${met} of ${results.length}`]
})
const minutes = ((Date.now() - started) / 60_000).toFixed(1)
const body = [
  `## Spread over ${results.length} runs of \`npm run bench\` (${new Date().toISOString().slice(0, 10)})`,
  '',
  `\`npm run bench:spread\`: ${results.length} runs, each in a fresh process, one after the other (${minutes} min in all); the figures above are the last run's. The spread column is each target's number (the ratio in its figure) over the runs.`,
  '',
  table(['target', 'figure (written run)', 'min / median / max over the runs', 'met in'], rows),
].join('\n')
writeSection('spread', body)
console.log(body)
