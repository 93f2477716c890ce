#!/usr/bin/env node
// npm run test:runtimes — the same scenarios on Node 20 (this machine's), Node 22, Node 24, Bun,
// Deno and Cloudflare's workerd, each serving the built package over a real loopback socket.
//
//   node test/runtimes/run.mjs [runtime ...]     e.g. `node test/runtimes/run.mjs bun deno`
//   --docs                                       also write the table into docs/readme-parts/runtimes.md
//   CORSICA_DIST=path                            the build to test (default dist/; CI builds first)
//   CORSICA_REQUIRE_RUNTIMES=1                   a runtime that cannot be installed fails (CI)
//
// The runtimes are npm packages that carry the binaries (the platform packages behind `node`,
// `bun`, `deno` and `workerd`, which have no install scripts), installed on first use into
// .cache/runtimes, outside the project's node_modules: `npm ci && npm test` never downloads them.
// Per runtime: the HTTP rows of scenarios.mjs through withCors and cors().handle, the createCors rows
// run inside the runtime, and the examples in examples/ (plus, under Node, require() and import of
// every entry point). Results go to stdout and test/runtimes/RESULTS.md.
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { httpCases, messageOf, runExampleCases, runHttpCases } from './scenarios.mjs'

/**
 * @typedef {import('./scenarios.mjs').Result} Result
 * @typedef {'node18' | 'node22' | 'node24' | 'bun' | 'deno' | 'workerd'} Alias
 * @typedef {{ id: string, label: string, kind: 'node' | 'bun' | 'deno' | 'workerd', bin: string, package?: Alias }} Runtime
 * @typedef {object} Row a runtime's line of the results table
 * @property {Runtime} runtime
 * @property {string} version
 * @property {Result[]} http
 * @property {Result[]} engine
 * @property {Result[]} examples
 * @property {'pass' | 'fail' | 'skipped'} outcome
 * @property {string} note
 * A child process and what is kept of it: its output so far, and how it exited.
 * @typedef {import('node:child_process').ChildProcess & { log: string, exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }> }} Child
 * @typedef {(child: Child) => Child} Track registers a child with the time box that kills it
 */

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const dist = path.resolve(root, process.env.CORSICA_DIST ?? 'dist')
const cacheDir = path.join(root, '.cache/runtimes')
const work = path.join(root, '.cache/runtimes-work')
const requireAll = process.env.CORSICA_REQUIRE_RUNTIMES === '1'
const writeDocs = process.argv.includes('--docs')
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const TIME_BOX_MS = 90_000
const INSTALL_TIME_BOX_MS = 600_000

// ------------------------------------------------------------------------------------------
// Which packages carry which binary, for this platform.

const platform = process.platform
const arch = process.arch
const hasAvx2 = platform !== 'linux' || arch !== 'x64' || /\bavx2\b/.test(safeRead('/proc/cpuinfo'))

/**
 * The npm package behind each runtime: `alias` is its folder in .cache/runtimes/node_modules.
 * @type {Record<Alias, { name: string, version: string, bin: string }>}
 */
const PACKAGES = {
  node18: { name: `node-${platform}-${arch}`, version: '18.20.8', bin: 'bin/node' },
  node22: { name: `node-${platform}-${arch}`, version: '22.23.3', bin: 'bin/node' },
  node24: { name: `node-${platform}-${arch}`, version: '24.21.0', bin: 'bin/node' },
  bun: {
    name: `@oven/bun-${platform}-${arch === 'arm64' ? 'aarch64' : 'x64'}${hasAvx2 ? '' : '-baseline'}`,
    version: '1.4.5',
    bin: 'bin/bun',
  },
  deno: { name: `@deno/${platform}-${arch}${platform === 'linux' ? '-glibc' : ''}`, version: '2.9.6', bin: 'deno' },
  workerd: {
    name: `@cloudflare/workerd-${platform}-${arch === 'x64' ? '64' : arch}`,
    version: '1.20261117.1',
    bin: 'bin/workerd',
  },
}

/** @type {Runtime[]} */
const RUNTIMES = [
  {
    id: 'node20',
    label: `Node ${process.versions.node.split('.')[0]} (this machine)`,
    kind: 'node',
    bin: process.execPath,
  },
  { id: 'node18', label: 'Node 18 (the oldest supported)', kind: 'node', package: 'node18', bin: binaryOf('node18') },
  { id: 'node22', label: 'Node 22', kind: 'node', package: 'node22', bin: binaryOf('node22') },
  { id: 'node24', label: 'Node 24', kind: 'node', package: 'node24', bin: binaryOf('node24') },
  { id: 'bun', label: 'Bun', kind: 'bun', package: 'bun', bin: binaryOf('bun') },
  { id: 'deno', label: 'Deno', kind: 'deno', package: 'deno', bin: binaryOf('deno') },
  {
    id: 'workerd',
    label: 'workerd (Cloudflare Workers)',
    kind: 'workerd',
    package: 'workerd',
    bin: binaryOf('workerd'),
  },
]

// ------------------------------------------------------------------------------------------

/** @type {Set<Child>} */
const children = new Set()
process.on('exit', () => {
  for (const child of children) killTree(child)
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

async function main() {
  const runtimes = RUNTIMES.filter(
    (runtime) => only.length === 0 || only.includes(runtime.id) || only.includes(runtime.kind),
  )
  if (runtimes.length === 0)
    fail(`no runtime matches ${only.join(', ')}; known: ${RUNTIMES.map((r) => r.id).join(', ')}`)
  for (const file of ['index.js', 'fetch.js', 'index.cjs', 'fetch.cjs', 'node.cjs', 'express.js']) {
    if (!existsSync(path.join(dist, file)))
      fail(`${path.relative(root, dist)}/${file} is missing: run \`npm run build\` first, or set CORSICA_DIST`)
  }

  const packaged = runtimes.flatMap(({ package: alias }) => (alias === undefined ? [] : [alias]))
  const installProblems = await ensureInstalled(packaged)
  await prepareWorkDir()

  /** @type {Row[]} */
  const rows = []
  for (const runtime of runtimes) {
    /** @type {Row} */
    const row = { runtime, version: '', http: [], engine: [], examples: [], outcome: 'pass', note: '' }
    rows.push(row)
    const missing = runtime.package === undefined ? undefined : installProblems.get(runtime.package)
    if (missing !== undefined) {
      row.outcome = requireAll ? 'fail' : 'skipped'
      row.note = missing
      console.log(`\n## ${runtime.label}: ${row.outcome}: ${missing}`)
      continue
    }
    console.log(`\n## ${runtime.label}`)
    const started = Date.now()
    try {
      await withTimeBox(TIME_BOX_MS, async (track) => {
        const [firstLine = ''] = (await output(track, runtime.bin, ['--version'])).split('\n')
        const [version = ''] = firstLine.replace(/^(deno|workerd) /, '').split(' ')
        row.version = version.trim()
        await RUN[runtime.kind](runtime, row, track)
      })
    } catch (error) {
      row.outcome = 'fail'
      const [firstLine = ''] = String(messageOf(error)).split('\n')
      row.note = firstLine
    }
    const failed = [...row.http, ...row.engine, ...row.examples].filter((result) => result.problems.length > 0)
    for (const result of failed) console.log(`  FAIL ${result.name}\n       ${result.problems.join('\n       ')}`)
    if (failed.length > 0) row.outcome = 'fail'
    if (row.http.length < httpCases.length && row.outcome === 'pass') {
      row.outcome = 'fail'
      row.note = 'not every HTTP case ran'
    }
    console.log(
      `  ${row.version}: HTTP ${count(row.http)}, engine ${count(row.engine)}, examples ${count(row.examples)} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${row.outcome}${row.note ? ` (${row.note})` : ''}`,
    )
  }

  const table = renderTable(rows)
  console.log(`\n${table}`)
  writeFileSync(path.join(here, 'RESULTS.md'), `${table}\n`)
  if (writeDocs) updateDocs(table)
  const stale = docsProblems()
  for (const problem of stale) console.log(`FAIL docs/readme-parts/runtimes.md: ${problem} (run with --docs)`)
  const passed = rows.filter((row) => row.outcome === 'pass').length
  const skipped = rows.filter((row) => row.outcome === 'skipped').length
  const failedRows = rows.length - passed - skipped
  console.log(`runtimes: ${passed} passed, ${failedRows} failed${skipped ? `, ${skipped} skipped` : ''}`)
  process.exit(failedRows > 0 || stale.length > 0 ? 1 : 0)
}

// ------------------------------------------------------------------------------------------
// What each kind of runtime runs.

/** @type {Record<Runtime['kind'], (runtime: Runtime, row: Row, track: Track) => Promise<void>>} */
const RUN = {
  async node(runtime, row, track) {
    const server = await startServer(track, runtime.bin, ['server-node.mjs'])
    await scenarioRounds(row, server.base)
    const next = JSON.parse(await output(track, runtime.bin, ['next-route-check.mjs']))
    row.examples.push(...next)
    for (const file of ['module-formats/require.cjs', 'module-formats/import.mjs']) {
      const { format, problems } = JSON.parse(await output(track, runtime.bin, [file]))
      row.examples.push({
        name: `module format: ${format === 'cjs' ? 'require()' : 'import'} of every entry point`,
        problems,
      })
    }
  },
  async bun(runtime, row, track) {
    const env = { DO_NOT_TRACK: '1' }
    const server = await startServer(track, runtime.bin, ['--no-install', 'server-bun.mjs'], { env })
    await scenarioRounds(row, server.base)
    const example = await startServer(track, runtime.bin, ['--no-install', 'bun.ts'], {
      env: { ...env, PORT: '0' },
      listening: /listening on \S+:(\d+)/i,
    })
    row.examples.push(...(await runExampleCases(example.base)).map(label('examples/bun.ts')))
  },
  async deno(runtime, row, track) {
    const env = { DENO_DIR: path.join(cacheDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' }
    const flags = [
      'run',
      '--no-prompt',
      '--no-lock',
      `--allow-read=${work}`,
      '--allow-net=127.0.0.1',
      '--allow-env=PORT',
    ]
    const server = await startServer(track, runtime.bin, [...flags, 'server-deno.mjs'], { env })
    await scenarioRounds(row, server.base)
    const example = await startServer(track, runtime.bin, [...flags, 'deno.ts'], {
      env: { ...env, PORT: '0' },
      listening: /listening on \S+:(\d+)/i,
    })
    row.examples.push(...(await runExampleCases(example.base)).map(label('examples/deno.ts')))
  },
  async workerd(runtime, row, track) {
    const [scenarioPort, examplePort] = [await freePort(), await freePort()]
    writeFileSync(path.join(work, 'workerd.capnp'), workerdConfig(scenarioPort, examplePort))
    const child = spawnTracked(track, runtime.bin, ['serve', 'workerd.capnp', '--verbose'])
    const base = `http://127.0.0.1:${scenarioPort}`
    const exampleBase = `http://127.0.0.1:${examplePort}`
    await waitUntilServing(child, base)
    await scenarioRounds(row, base)
    await waitUntilServing(child, exampleBase)
    const results = (await runExampleCases(exampleBase)).map(label('examples/cloudflare-worker.ts'))
    // `env` reaches the handler through withCors: the GREETING binding is in the answer.
    const body = await (
      await fetch(`${exampleBase}/api/hello`, { headers: { origin: 'https://app.example.com' } })
    ).text()
    results.push({
      name: 'examples/cloudflare-worker.ts: env binding passes through withCors',
      problems: body.includes('hello from workerd') ? [] : [`body ${body}`],
    })
    row.examples.push(...results)
  },
}

/**
 * @param {Row} row
 * @param {string} base the server's URL
 */
async function scenarioRounds(row, base) {
  row.http.push(...(await runHttpCases(base)))
  const response = await fetch(`${base}/__engine`, { signal: AbortSignal.timeout(20_000) })
  if (!response.ok) throw new Error(`/__engine answered ${response.status}: ${(await response.text()).slice(0, 300)}`)
  row.engine.push(...(await response.json()))
}

const label = (/** @type {string} */ prefix) => (/** @type {Result} */ result) => ({
  ...result,
  name: `${prefix}: ${result.name.replace(/^example: /, '')}`,
})

/**
 * @param {number} scenarioPort
 * @param {number} examplePort
 */
function workerdConfig(scenarioPort, examplePort) {
  const date = '2025-01-01'
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "scenarios", worker = (modules = [(name = "worker.js", esModule = embed "worker.bundle.js")], compatibilityDate = "${date}")),
    (name = "example", worker = (
      modules = [(name = "worker.js", esModule = embed "cloudflare-worker.bundle.js")],
      compatibilityDate = "${date}",
      bindings = [(name = "GREETING", text = "hello from workerd")],
    )),
  ],
  sockets = [
    (name = "scenarios", address = "127.0.0.1:${scenarioPort}", http = (), service = "scenarios"),
    (name = "example", address = "127.0.0.1:${examplePort}", http = (), service = "example"),
  ],
);
`
}

// ------------------------------------------------------------------------------------------
// Installing the runtimes into .cache/runtimes.

/** @param {Alias} alias */
function binaryOf(alias) {
  return path.join(cacheDir, 'node_modules', alias, PACKAGES[alias].bin)
}

/** @param {Alias} alias */
function isInstalled(alias) {
  const meta = safeRead(path.join(cacheDir, 'node_modules', alias, 'package.json'))
  if (meta === '') return false
  const { name, version } = JSON.parse(meta)
  // Node 18's package writes its version as `v18.20.8`.
  const installed = String(version).replace(/^v/, '')
  return name === PACKAGES[alias].name && installed === PACKAGES[alias].version && existsSync(binaryOf(alias))
}

/**
 * Installs every missing runtime package in one npm call; returns alias → why it is unavailable.
 * @param {Alias[]} wanted
 */
async function ensureInstalled(wanted) {
  /** @type {Map<Alias, string>} */
  const problems = new Map()
  const missing = wanted.filter((alias) => !isInstalled(alias))
  if (missing.length === 0) return problems
  mkdirSync(cacheDir, { recursive: true })
  // Every runtime stays listed, so installing one never prunes the others.
  const dependencies = Object.fromEntries(
    Object.entries(PACKAGES).map(([alias, pkg]) => [alias, `npm:${pkg.name}@${pkg.version}`]),
  )
  writeFileSync(
    path.join(cacheDir, 'package.json'),
    `${JSON.stringify({ private: true, description: 'Runtimes for test/runtimes/run.mjs', dependencies }, null, 2)}\n`,
  )
  const names = missing.map((alias) => `${PACKAGES[alias].name}@${PACKAGES[alias].version}`)
  console.log(
    `Installing ${names.join(', ')} into ${path.relative(root, cacheDir)} (first run only; about 240 MB to download)`,
  )
  const started = Date.now()
  try {
    await withTimeBox(INSTALL_TIME_BOX_MS, (track) =>
      output(
        track,
        process.platform === 'win32' ? 'npm.cmd' : 'npm',
        ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'],
        { cwd: cacheDir, inherit: true },
      ),
    )
    console.log(`Installed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } catch (error) {
    console.log(`npm install failed: ${messageOf(error)}`)
  }
  for (const alias of missing) {
    if (!isInstalled(alias))
      problems.set(alias, `${PACKAGES[alias].name}@${PACKAGES[alias].version} could not be installed`)
  }
  return problems
}

// ------------------------------------------------------------------------------------------
// The work folder: the built package as node_modules/corsica, the scenario files, the examples.

async function prepareWorkDir() {
  rmSync(work, { recursive: true, force: true })
  const pkgDir = path.join(work, 'node_modules/corsica')
  mkdirSync(pkgDir, { recursive: true })
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(manifest, null, 2))
  cpSync(dist, path.join(pkgDir, 'dist'), { recursive: true })
  // Hono, for the corsica/hono routes: the installed copy, as a user's node_modules would hold it.
  cpSync(path.join(root, 'node_modules/hono'), path.join(work, 'node_modules/hono'), { recursive: true })
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ private: true, type: 'module', dependencies: { corsica: manifest.version } }, null, 2),
  )
  for (const file of ['app.mjs', 'scenarios.mjs', 'next-route-check.mjs'])
    cpSync(path.join(here, file), path.join(work, file))
  for (const file of readdirSync(path.join(here, 'servers')))
    cpSync(path.join(here, 'servers', file), path.join(work, file === 'worker.mjs' ? file : `server-${file}`))
  cpSync(path.join(here, 'module-formats'), path.join(work, 'module-formats'), { recursive: true })
  for (const file of ['bun.ts', 'deno.ts', 'serve-fetch.mjs'])
    cpSync(path.join(root, 'examples', file), path.join(work, file))
  // workerd takes one ES module per worker: bundle corsica in, as wrangler would.
  /** @type {import('esbuild').BuildOptions} */
  const common = { absWorkingDir: work, format: 'esm', logLevel: 'warning' }
  await build({
    ...common,
    entryPoints: ['worker.mjs'],
    bundle: true,
    platform: 'neutral',
    outfile: path.join(work, 'worker.bundle.js'),
  })
  await build({
    ...common,
    entryPoints: [path.join(root, 'examples/cloudflare-worker.ts')],
    bundle: true,
    platform: 'neutral',
    outfile: path.join(work, 'cloudflare-worker.bundle.js'),
    nodePaths: [path.join(work, 'node_modules')],
  })
  // Node 20 runs no TypeScript: strip the types, keep `import 'corsica/fetch'` for Node to resolve.
  await build({
    ...common,
    entryPoints: [path.join(root, 'examples/next-route.ts')],
    bundle: false,
    platform: 'node',
    outfile: path.join(work, 'next-route.mjs'),
  })
}

// ------------------------------------------------------------------------------------------
// Processes: every child is tracked, time-boxed and killed (its whole process group) at the end.

/**
 * Runs `body`, failing it after `ms`; every child it tracks is killed when it ends, either way.
 * @template T
 * @param {number} ms
 * @param {(track: Track) => Promise<T>} body
 * @returns {Promise<T>}
 */
async function withTimeBox(ms, body) {
  /** @type {Set<Child>} */
  const mine = new Set()
  /** @type {Track} */
  const track = (child) => {
    mine.add(child)
    children.add(child)
    return child
  }
  /** @type {NodeJS.Timeout | undefined} */
  let timer
  /** @type {Promise<never>} */
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms)
  })
  try {
    return await Promise.race([body(track), timeout])
  } finally {
    clearTimeout(timer)
    for (const child of mine) {
      killTree(child)
      children.delete(child)
    }
  }
}

/**
 * Spawns a command in its own process group (so killTree ends its children too), keeping its output.
 * @param {Track} track
 * @param {string} command
 * @param {string[]} args
 * @param {SpawnOptions} [options] `inherit`: the child writes to this terminal (then `log` stays empty)
 */
function spawnTracked(track, command, args, { cwd = work, env = {}, inherit = false } = {}) {
  const spawned = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: process.platform !== 'win32',
    stdio: ['ignore', inherit ? 'inherit' : 'pipe', inherit ? 'inherit' : 'pipe'],
  })
  // A Child once `log` and `exited` are set, right below.
  const child = /** @type {Child} */ (spawned)
  child.log = ''
  child.stdout?.on('data', (chunk) => (child.log += chunk))
  child.stderr?.on('data', (chunk) => (child.log += chunk))
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  child.on('error', (error) => (child.log += `\n${error.message}`))
  return track(child)
}

/** @typedef {{ cwd?: string, env?: Record<string, string>, inherit?: boolean }} SpawnOptions */

/**
 * Runs a command to completion and returns its stdout; rejects with its output when it fails.
 * @param {Track} track
 * @param {string} command
 * @param {string[]} args
 * @param {SpawnOptions} [options]
 */
async function output(track, command, args, options = {}) {
  const child = spawnTracked(track, command, args, options)
  let stdout = ''
  child.stdout?.on('data', (chunk) => (stdout += chunk))
  const { code, signal } = await child.exited
  if (code !== 0)
    throw new Error(
      `${path.basename(command)} ${args.join(' ')} exited ${code ?? signal}: ${child.log.trim().slice(-800)}`,
    )
  return stdout
}

/**
 * Starts a server that prints its port, and resolves with its base URL once it has.
 * @param {Track} track
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: Record<string, string>, listening?: RegExp }} [options] `listening`: the line that gives the port
 */
async function startServer(track, command, args, { env, listening = /LISTENING (\d+)/ } = {}) {
  const child = spawnTracked(track, command, args, { env })
  /** @type {number} */
  const port = await new Promise((resolve, reject) => {
    const look = () => {
      const match = listening.exec(child.log)
      if (match) resolve(Number(match[1]))
    }
    child.stdout?.on('data', look)
    child.stderr?.on('data', look)
    child.exited.then(({ code, signal }) =>
      reject(new Error(`${args.at(-1)} exited ${code ?? signal} before listening: ${child.log.trim().slice(-800)}`)),
    )
  })
  return { child, base: `http://127.0.0.1:${port}` }
}

/**
 * @param {Child} child
 * @param {string} base
 */
async function waitUntilServing(child, base) {
  let exited = false
  child.exited.then(() => (exited = true))
  for (let attempt = 0; attempt < 200; attempt++) {
    if (exited) throw new Error(`exited before serving: ${child.log.trim().slice(-800)}`)
    try {
      await fetch(base, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error(`${base} never answered: ${child.log.trim().slice(-800)}`)
}

/** @param {Child} child */
function killTree(child) {
  if (child.exitCode !== null || child.signalCode !== null) return
  try {
    if (process.platform === 'win32') child.kill('SIGKILL')
    else if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL') // no pid: it never started
  } catch {
    // already gone
  }
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

// ------------------------------------------------------------------------------------------
// Reporting.

/** @param {Result[]} results */
function count(results) {
  return `${results.filter((result) => result.problems.length === 0).length}/${results.length}`
}

/** @param {Row[]} rows */
function renderTable(rows) {
  const lines = [
    '| Runtime | Version | HTTP cases (`withCors`, `cors().handle`, `corsica/hono`, `corsica/upgrade`) | `createCors` cases (in the runtime) | Examples and module formats | Result |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  for (const row of rows) {
    const examples = row.examples.length === 0 ? '—' : `${count(row.examples)} (${exampleNames(row)})`
    let result = `❌ fail${row.note ? `: ${row.note}` : ''}`
    if (row.outcome === 'pass') result = '✅ pass'
    else if (row.outcome === 'skipped') result = `⏭ skipped: ${row.note}`
    lines.push(
      `| ${row.runtime.label} | ${row.version || '—'} | ${count(row.http)} | ${count(row.engine)} | ${examples} | ${result} |`,
    )
  }
  return lines.join('\n')
}

/** @param {Row} row */
function exampleNames(row) {
  const names = new Set()
  for (const { name } of row.examples) {
    if (name.startsWith('next route')) names.add('Next.js route')
    else if (name.startsWith('module format')) names.add('`require` + `import`')
    else names.add(`\`${name.split(':')[0]}\``)
  }
  return [...names].join(', ')
}

const DOCS = path.join(root, 'docs/readme-parts/runtimes.md')
const EXAMPLES = ['examples/bun.ts', 'examples/deno.ts', 'examples/cloudflare-worker.ts', 'examples/next-route.ts']
const EXAMPLE_BLOCK = /(<!-- example: (examples\/[\w.-]+) -->\n```ts\n)([\s\S]*?)```/g

/** The quick-starts in docs/readme-parts/runtimes.md must be the example files, verbatim. */
function docsProblems() {
  const text = safeRead(DOCS)
  const blocks = new Map([...text.matchAll(EXAMPLE_BLOCK)].map((match) => [match[2], match[3]]))
  return EXAMPLES.flatMap((file) => {
    if (!blocks.has(file)) return [`${file} has no quick-start block`]
    return blocks.get(file) !== readFileSync(path.join(root, file), 'utf8')
      ? [`the ${file} block differs from the file`]
      : []
  })
}

/**
 * --docs: writes the table and the example files into docs/readme-parts/runtimes.md.
 * @param {string} table
 */
function updateDocs(table) {
  let text = safeRead(DOCS)
  const start = '<!-- runtimes-table:start -->'
  const end = '<!-- runtimes-table:end -->'
  if (!text.includes(start) || !text.includes(end))
    return console.log(`${path.relative(root, DOCS)} has no table markers: not updated`)
  text = `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`
  text = text.replace(EXAMPLE_BLOCK, (whole, head, file) =>
    EXAMPLES.includes(file) ? `${head}${readFileSync(path.join(root, file), 'utf8')}\`\`\`` : whole,
  )
  writeFileSync(DOCS, text)
  console.log(`Updated ${path.relative(root, DOCS)}`)
}

/** @param {string} file */
function safeRead(file) {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`test:runtimes: ${message}`)
  process.exit(1)
}

await main()
