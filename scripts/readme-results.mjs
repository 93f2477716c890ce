// The README's performance tables, made from bench/RESULTS.md when the README is built, so the
// README never states a figure the last `npm run bench:spread` and `npm run bench:http` did not
// measure. A part asks for a table with a line `<!-- results: summary -->` (or `adapters`).
import { readFileSync } from 'node:fs'

/**
 * A target as RESULTS.md states it: the figure of the run that wrote the file and, for the targets
 * of `npm run bench`, the median over the spread's runs and how many met it.
 * @typedef {{ figure: string, median?: string, metIn?: string, verdict?: string }} Stated
 */

/**
 * The summary's rows: what a reader compares, the target in short, and its name in RESULTS.md.
 * @type {[label: string, goal: string, name: string][]}
 */
const SUMMARY = [
  [
    '`check()` vs a `cors` middleware call, allowed actual request',
    '≥ 20x as fast',
    'check() on an allowed actual request ≥ 20x faster than a `cors` middleware call',
  ],
  [
    'Express-style middleware vs `cors`, allowed actual request',
    '≥ 5x as fast',
    'corsica/express ≥ 5x faster than `cors`, actual request',
  ],
  [
    'Express-style middleware vs `cors`, preflight',
    '≥ 5x as fast',
    'corsica/express ≥ 5x faster than `cors`, preflight',
  ],
  [
    '`withCors` vs `hono/cors`, time added, actual request',
    '≤ 1/3 of it',
    'time added by withCors ≤ 1/3 of hono/cors, actual request',
  ],
  [
    '`withCors` vs the floor, time added, allowed GET',
    '≤ 1.25x',
    'corsica/fetch, allowed GET: withCors adds ≤ 1.25x what the floor adds',
  ],
  [
    '`withCors` vs the floor, time added, refused origin',
    '≤ 1.25x',
    'corsica/fetch, refused origin: withCors adds ≤ 1.25x what the floor adds',
  ],
  [
    '10,000 origins + 1,000 patterns vs 2 origins, rejected origin',
    '≤ 1.5x',
    'large list within 1.5x of the 2-origin list, rejected origin',
  ],
  [
    '10,000 origins + 1,000 patterns vs 2 origins, 10,000 origins in turn',
    '≤ 1.5x',
    'large list within 1.5x of the 2-origin list, 10,000 origins in turn',
  ],
  [
    '100,000 distinct subdomains, `*.` pattern, vs `cors` with a RegExp',
    '≥ 1x as fast',
    "100,000 distinct subdomains through a 'https://*.example.com' pattern: corsica/express not slower than `cors`",
  ],
  [
    '100,000 distinct subdomains, RegExp, vs `cors`',
    '≥ 1x as fast',
    '100,000 distinct subdomains through a RegExp: corsica/express not slower than `cors`',
  ],
  [
    'A refused origin seen before, vs an allowed one',
    '≤ 1.5x',
    'check(): a refused origin seen before within 1.5x of an allowed one',
  ],
  [
    '64 KiB hostile `Access-Control-Request-Headers`, listed headers',
    '< 20 µs',
    '64 KiB hostile header rejected in < 20 µs (allowedHeaders listed)',
  ],
  [
    '`node:http` requests per second with corsica, share of bare',
    '≥ 98%',
    'node:http + corsica keeps ≥ 98% of bare throughput (median of per-round shares)',
  ],
]

/**
 * The adapters' table: a row per framework group, as its targets' names begin.
 * @type {[label: string, prefix: string][]}
 */
const ADAPTERS = [
  ['`corsica/node`', 'node:http listener on'],
  ['`corsica/express` (Express 5 app)', 'Express 5 app on'],
  ['`corsica/fastify`, `fastify.routing`', 'Fastify 5, its request listener'],
  ['`corsica/fastify`, `fastify.inject()`', 'Fastify 5, fastify.inject()'],
  ['`corsica/koa`', 'Koa 3, app.callback()'],
  ['`corsica/hono`', 'Hono 4, app.fetch(request)'],
]
const KINDS = ['allowed actual', 'allowed preflight', 'refused origin', 'no Origin']

/**
 * Every target row of RESULTS.md, by name; a target of the spread section gets its median too.
 * @param {string} markdown
 * @returns {Map<string, Stated>}
 */
export function statedTargets(markdown) {
  /** @type {Map<string, Stated>} */
  const stated = new Map()
  const spreadStart = markdown.indexOf('<!-- bench:spread -->')
  const spreadEnd = markdown.indexOf('<!-- /bench:spread -->')
  for (const match of markdown.matchAll(/^\| (.+) \|$/gm)) {
    const cells = match[1]?.split(' | ') ?? []
    const [name, figure, third, fourth] = cells
    if (name === undefined || figure === undefined || cells.length < 3 || /^-+$/.test(figure)) continue
    const at = match.index ?? 0
    if (at > spreadStart && at < spreadEnd && fourth !== undefined) {
      const median = third?.split(' / ')[1]
      stated.set(name, { ...stated.get(name), figure, median: median ?? third, metIn: fourth })
    } else if (!stated.has(name)) stated.set(name, { figure, verdict: third })
  }
  return stated
}

/**
 * The table a `<!-- results: … -->` line asks for.
 * @param {'summary' | 'adapters'} which
 * @param {string} resultsPath
 */
export function resultsTable(which, resultsPath) {
  const stated = statedTargets(readFileSync(resultsPath, 'utf8'))
  return which === 'summary' ? summaryTable(stated) : adaptersTable(stated)
}

/** @param {Map<string, Stated>} stated */
function summaryTable(stated) {
  const rows = SUMMARY.map(([label, goal, name]) => {
    const target = find(stated, name)
    const result = target.metIn === undefined ? `${target.verdict} (one run)` : `met in ${target.metIn} runs`
    return `| ${label} | ${figureOf(target)} | ${goal} | ${result} |`
  })
  return ['| what | figure (median of the runs) | target | result |', '| --- | --- | --- | --- |', ...rows].join('\n')
}

/** @param {Map<string, Stated>} stated */
function adaptersTable(stated) {
  const header = `| adapter | ${KINDS.map((kind) => `${kind}: vs floor / vs peer`).join(' | ')} |`
  const rows = ADAPTERS.map(([label, prefix]) => {
    const cells = KINDS.map((kind) => {
      const floor = findByPrefix(stated, prefix, `, ${kind}: `, 'adds ≤ 1.25x what the floor adds')
      const peer = findByPrefix(stated, prefix, `, ${kind}: `, 'adds ≤ 0.5x what')
      return `${cell(floor, 1.25)} / ${cell(peer, 0.5)}`
    })
    return `| ${label} | ${cells.join(' | ')} |`
  })
  return [header, `| --- |${' --- |'.repeat(KINDS.length)}`, ...rows].join('\n')
}

/** A median ratio, with a tick when it meets `limit`. */
function cell(/** @type {Stated} */ target, /** @type {number} */ limit) {
  const median = Number(target.median)
  return `${median.toFixed(2)}x${median <= limit ? ' ✓' : ''}`
}

/**
 * The spread's median in the figure's own unit ("4.93x", "0.99x as fast"); the written run's
 * figure where the spread has no number (a time, "0.11 of it") or no row (`bench:http`).
 */
function figureOf(/** @type {Stated} */ target) {
  const median = Number(target.median)
  if (target.median === undefined || Number.isNaN(median)) return target.figure.replace(/ \(.*\)$/, '')
  const unit = /^[\d.-]+(x(?: as fast)?)/.exec(target.figure)?.[1] ?? ''
  return `${median.toFixed(2)}${unit}`
}

/**
 * @param {Map<string, Stated>} stated
 * @param {string} name
 */
function find(stated, name) {
  const target = stated.get(name)
  if (target === undefined) throw new Error(`bench/RESULTS.md states no target "${name}"`)
  return target
}

/**
 * @param {Map<string, Stated>} stated
 * @param {string} prefix
 * @param {string} kind
 * @param {string} ending
 */
function findByPrefix(stated, prefix, kind, ending) {
  for (const [name, target] of stated)
    if (name.startsWith(prefix) && name.includes(kind) && name.includes(ending)) return target
  throw new Error(`bench/RESULTS.md states no target "${prefix}…${kind}…${ending}"`)
}
