#!/usr/bin/env node
// Size budget: bundles and minifies each public entry from source (esbuild, ESM, platform
// neutral), gzips it at level 9, prints a table and exits 1 when an entry is over budget.
// Builds in memory only, so it never touches dist/. Run: node scripts/check-size.mjs
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const KiB = 1024

/** Budgets in min+gzip bytes. Each adapter bundles the core it uses, so its budget includes it. */
const entries = [
  { name: 'corsica (core)', file: 'src/index.ts', budget: 5 * KiB },
  { name: 'corsica/node', file: 'src/node.ts', budget: 6 * KiB },
  { name: 'corsica/express', file: 'src/express.ts', budget: 6 * KiB },
  { name: 'corsica/fetch', file: 'src/fetch.ts', budget: 6 * KiB },
]

const rows = []
for (const entry of entries) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry.file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  const gzip = gzipSync(code, { level: 9 }).length
  rows.push({ ...entry, min: code.length, gzip })
}

const pad = (text, width, right = false) => (right ? String(text).padStart(width) : String(text).padEnd(width))
console.log(`${pad('entry', 18)} ${pad('min', 8, true)} ${pad('min+gzip', 9, true)} ${pad('budget', 8, true)}`)
for (const row of rows) {
  const flag = row.gzip > row.budget ? '  OVER BUDGET' : ''
  console.log(`${pad(row.name, 18)} ${pad(row.min, 8, true)} ${pad(row.gzip, 9, true)} ${pad(row.budget, 8, true)}${flag}`)
}
const over = rows.filter((row) => row.gzip > row.budget)
if (over.length > 0) {
  console.error(`\nsize budget exceeded: ${over.map((row) => `${row.name} ${row.gzip} B > ${row.budget} B`).join('; ')}`)
  // --report prints the verdict without failing: CI uses it while the core is over its budget.
  if (!process.argv.includes('--report')) process.exit(1)
} else {
  console.log('\nall entries within budget (bytes; core 5 KiB, each adapter 6 KiB including the core it bundles)')
}
