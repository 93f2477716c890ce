#!/usr/bin/env node
// Size check: watches each public entry for accidental growth; it is not a target to squeeze
// (readability comes first, CONTRIBUTING.md, Size). Run: node scripts/check-size.mjs
//
// Each entry and each peer is bundled with esbuild (ESM, es2020, platform neutral, minified)
// from source, in memory (dist/ is never touched), then gzipped at level 9. The report gives,
// per entry, its min and min+gzip size, the source modules bundled into it with their share
// (esbuild's metafile), and its ratio to CORS packages people pick instead, measured the same
// way in the same run. It fails only when an entry's min+gzip size is over its ceiling.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Ceiling headroom: a new ceiling is the measured min+gzip size plus 15%, rounded up to 100 B. */
export const HEADROOM = 0.15

/**
 * The public entries, with their min+gzip ceilings in bytes. Each adapter bundles the core it
 * uses, so its size includes it. A ceiling is a size plus HEADROOM: fixes fit under it, an
 * unexplained jump does not. Raising a ceiling is a reviewed change: say in the pull request
 * what grew and why it is worth its bytes, and update `reason` with the new measured size.
 */
export const ENTRIES = [
  {
    name: 'corsica',
    file: 'src/index.ts',
    ceiling: 14_100,
    reason:
      'core measured 12,244 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/node',
    file: 'src/node.ts',
    ceiling: 13_100,
    reason:
      'core + node:http header writing, measured 11,363 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/express',
    file: 'src/express.ts',
    ceiling: 14_500,
    reason:
      'node adapter + Express glue and content keys, measured 12,541 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/fetch',
    file: 'src/fetch.ts',
    ceiling: 13_300,
    reason:
      'core + Request/Response wrapping, measured 11,527 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/fastify',
    file: 'src/fastify.ts',
    ceiling: 14_700,
    reason:
      'core + the plugin and its route-level policies, measured 12,757 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/koa',
    file: 'src/koa.ts',
    ceiling: 13_400,
    reason:
      'core + Koa middleware and error headers, measured 11,616 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/hono',
    file: 'src/hono.ts',
    ceiling: 13_300,
    reason:
      'core + Hono middleware on the Fetch response writer, measured 11,552 B with the production options (candidate, metrics, debug, reloadable policies, Timing-Allow-Origin), +15% rounded up',
  },
  {
    name: 'corsica/model',
    file: 'src/model/index.ts',
    ceiling: 11_400,
    reason:
      'the browser model (checks, engine deviations, console messages, explain), measured 9,848 B, +15% rounded up',
  },
  {
    name: 'corsica/upgrade',
    file: 'src/upgrade.ts',
    ceiling: 13_900,
    reason: 'core + the WebSocket upgrade guards (Node, ws, Fetch), measured 12,060 B, +15% rounded up',
  },
]

/**
 * Peers, each bundled as a user's bundler would bundle it: with its dependencies, except those
 * in `external`, which stay imports and are not counted. `versus` is the corsica entry a user
 * of that peer would pick instead (README, Quickstarts).
 * @type {{ name: string, entry: string, external: string[], versus: string }[]}
 */
export const PEERS = [
  { name: 'cors', entry: 'cors', external: [], versus: 'corsica/express' },
  // Only the hono/cors entry, not the Hono framework around it.
  { name: 'hono/cors', entry: 'hono/cors', external: [], versus: 'corsica/hono' },
  // A Fastify plugin needs Fastify itself and fastify-plugin's wrapper, which the app already has.
  { name: '@fastify/cors', entry: '@fastify/cors', external: ['fastify', 'fastify-plugin'], versus: 'corsica/fastify' },
  { name: '@koa/cors', entry: '@koa/cors', external: [], versus: 'corsica/koa' },
]

/**
 * What bundle() measured: `min` and `gzip` sizes, `inputs` (each module bundled, with its bytes in
 * the min output) and `imported` (the externals the bundle imports).
 * @typedef {{ min: number, gzip: number, inputs: { path: string, bytes: number }[], imported: string[] }} Bundle
 * @typedef {(typeof ENTRIES)[number] & Bundle} EntryRow
 * @typedef {(typeof PEERS)[number] & Bundle & { packages: string[] }} PeerRow
 */

/**
 * `'ok'` at or under the ceiling, `'over ceiling'` above it (sizes in bytes).
 * @param {number} size
 * @param {number} ceiling
 */
export function ceilingVerdict(size, ceiling) {
  return size > ceiling ? 'over ceiling' : 'ok'
}

/**
 * The ceiling a measured min+gzip size would get today: size + HEADROOM, rounded up to 100 B.
 * @param {number} size
 */
export function ceilingFor(size) {
  return Math.ceil((size * (1 + HEADROOM)) / 100) * 100
}

/**
 * Bundles one entry point (a file or a package path) in memory; `min`, `gzip` and what went in.
 * @param {string} entryPoint
 * @param {string[]} [external]
 * @returns {Promise<Bundle>}
 */
async function bundle(entryPoint, external = []) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'], // platform neutral reads none by default; the CommonJS peers have only main
    target: 'es2020',
    external,
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const [file] = result.outputFiles
  const [output] = Object.values(result.metafile.outputs)
  if (file === undefined || output === undefined) throw new Error(`esbuild wrote no output for ${entryPoint}`)
  const code = file.contents
  const inputs = Object.entries(output.inputs).map(([path, input]) => ({ path, bytes: input.bytesInOutput }))
  const imported = output.imports.filter((item) => item.external).map((item) => item.path)
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs, imported }
}

/**
 * Measures every entry: ENTRIES rows plus `min`, `gzip` and `inputs` (src path, bytes in the min output).
 * @returns {Promise<EntryRow[]>}
 */
export async function measureEntries() {
  const rows = []
  for (const entry of ENTRIES) rows.push({ ...entry, ...(await bundle(entry.file)) })
  return rows
}

/**
 * The package a module path (`cors/lib/index.js`, `node_modules/@koa/cors/index.js`) belongs to.
 * @param {string} path
 */
function packageName(path) {
  const [first = '', second] = (path.split('node_modules/').pop() ?? path).split('/')
  return first.startsWith('@') ? `${first}/${second}` : first
}

/**
 * `name version` of an installed package.
 * @param {string} name
 */
function withVersion(name) {
  return `${name} ${JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')).version}`
}

/**
 * Measures every peer: PEERS rows plus `min`, `gzip`, `packages` bundled (its own first) and `imported` externals.
 * @returns {Promise<PeerRow[]>}
 */
export async function measurePeers() {
  const rows = []
  for (const peer of PEERS) {
    const measured = await bundle(peer.entry, peer.external)
    const own = packageName(peer.entry)
    const dependencies = [...new Set(measured.inputs.map((input) => packageName(input.path)))]
      .filter((name) => name !== own)
      .sort()
    rows.push({ ...peer, ...measured, packages: [own, ...dependencies].map(withVersion) })
  }
  return rows
}

/** @param {number} n */
const group = (n) => n.toLocaleString('en-US')
/** @type {(part: number, whole: number) => string} */
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`
/** @type {(a: number, b: number) => string} */
const ratio = (a, b) => `${(a / b).toFixed(2)}x`

/**
 * Text table; `align` has one letter per column, `l` (text) or `r` (numbers).
 * @param {string} align
 * @param {string[]} header
 * @param {(string | number)[][]} body
 */
function table(align, header, body) {
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((line) => String(line[i]).length)))
  /** @type {(cell: string | number, i: number) => string} */
  const pad = (cell, i) =>
    align[i] === 'r' ? String(cell).padStart(widths[i] ?? 0) : String(cell).padEnd(widths[i] ?? 0)
  const format = (/** @type {(string | number)[]} */ line) => line.map(pad).join('  ').trimEnd()
  return [format(header), ...body.map(format)]
}

/**
 * What each entry bundles: one row per source module, bytes in each entry's min output and share.
 * @param {EntryRow[]} entries
 */
function contentsTable(entries) {
  const paths = [...new Set(entries.flatMap((row) => row.inputs.map((input) => input.path)))]
  /** @type {(row: EntryRow, path: string) => number} */
  const bytesIn = (row, path) => row.inputs.find((input) => input.path === path)?.bytes ?? 0
  const largest = (/** @type {string} */ path) => Math.max(...entries.map((row) => bytesIn(row, path)))
  paths.sort((a, b) => largest(b) - largest(a) || a.localeCompare(b))
  /** @type {(row: EntryRow, bytes: number) => string} */
  const cell = (row, bytes) => (bytes === 0 ? '-' : `${group(bytes)} ${percent(bytes, row.min).padStart(5)}`)
  const glue = (/** @type {EntryRow} */ row) => row.min - row.inputs.reduce((sum, input) => sum + input.bytes, 0)
  return table(
    `l${'r'.repeat(entries.length)}`,
    ['module', ...entries.map((row) => row.name)],
    [
      ...paths.map((path) => [path, ...entries.map((row) => cell(row, bytesIn(row, path)))]),
      ['(esbuild glue between modules)', ...entries.map((row) => cell(row, glue(row)))],
      ['total (min)', ...entries.map((row) => cell(row, row.min))],
    ],
  )
}

/**
 * The report and verdict for measured entries and peers (either list may be empty): the lines
 * to print, and `failed` when an entry is over its ceiling.
 * @param {EntryRow[]} entries
 * @param {PeerRow[]} peers
 */
export function sizeReport(entries, peers) {
  const lines = ['corsica size check: esbuild bundle + minify (ESM, es2020, platform neutral), then gzip -9; bytes', '']
  lines.push(
    ...table(
      'lrrrll',
      ['entry', 'min', 'min+gzip', 'ceiling', 'verdict', 'why this ceiling'],
      entries.map((row) => [
        row.name,
        group(row.min),
        group(row.gzip),
        group(row.ceiling),
        ceilingVerdict(row.gzip, row.ceiling),
        row.reason,
      ]),
    ),
  )
  if (entries.length > 0) {
    lines.push(
      '',
      'What each entry contains: bytes of its min output per source module (share of its min size)',
      ...contentsTable(entries),
    )
  }
  if (peers.length > 0) {
    lines.push('', 'Peers, measured the same way in this run (external: left as an import, not counted)')
    lines.push(
      ...table(
        'lrrll',
        ['peer', 'min', 'min+gzip', 'bundled (package version)', 'external'],
        peers.map((peer) => [
          peer.name,
          group(peer.min),
          group(peer.gzip),
          peer.packages.join(', '),
          peer.external.length === 0
            ? 'none'
            : peer.external
                .map((name) => `${name} (${peer.imported.includes(name) ? 'imported' : 'not imported'})`)
                .join(', '),
        ]),
      ),
    )
    if (entries.length > 0) {
      lines.push('', 'Ratio, corsica entry / peer: min+gzip (min); * the entry a user of that peer would pick')
      lines.push(
        ...table(
          `l${'l'.repeat(peers.length)}`,
          ['entry', ...peers.map((peer) => peer.name)],
          entries.map((row) => [
            row.name,
            ...peers.map(
              (peer) =>
                `${ratio(row.gzip, peer.gzip)} (${ratio(row.min, peer.min)})${peer.versus === row.name ? '*' : ' '}`,
            ),
          ]),
        ),
      )
    }
  }
  lines.push('')
  const over = entries.filter((row) => ceilingVerdict(row.gzip, row.ceiling) === 'over ceiling')
  for (const row of over) {
    lines.push(
      `over ceiling: ${row.name} ${group(row.gzip)} B > ${group(row.ceiling)} B. See what grew in "What each entry contains";`,
    )
    lines.push(
      `  if the growth is worth its bytes, raise the ceiling to ${group(ceilingFor(row.gzip))} B (size + 15%) in a reviewed change.`,
    )
  }
  for (const row of entries) {
    if (row.gzip * (1 + 2 * HEADROOM) < row.ceiling) {
      lines.push(
        `note: ${row.name} has over twice the usual headroom; lower its ceiling to ${group(ceilingFor(row.gzip))} B so growth is caught.`,
      )
    }
  }
  if (over.length === 0)
    lines.push('all entries under their ceilings (the check guards against growth; there is no size target)')
  return { lines, failed: over.length > 0 }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { lines, failed } = sizeReport(await measureEntries(), await measurePeers())
  console.log(lines.join('\n'))
  if (failed) process.exit(1)
}
