#!/usr/bin/env node
// npm run test:packaging — checks the package as it would be published, from one `npm pack` tarball:
//   1. publint --strict on the packed files (exports map, file formats, missing files)
//   2. @arethetypeswrong/cli on the tarball: types resolve for node10, node16 (CJS and ESM) and bundlers
//   3. require() and import of every entry point of the installed tarball, each with one real
//      call (test/runtimes/module-formats), under this Node and, when test:runtimes installed
//      them, Node 22 and 24.
//   4. `npx corsica explain|probe|audit` in a project that installed the tarball, under the same
//      Nodes, Node 18 (the oldest supported) among them (scripts/check-cli-package.mjs)
//   5. `npm pack` in a copy of the checkout without dist/ (a fresh clone): prepack builds it, so
//      the tarball holds every entry point.
// Uses the current dist/ (CI builds first); CORSICA_KEEP_PACK=1 keeps the temporary folder.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { checkCliFromTarball } from './check-cli-package.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules/.bin', name)
const temp = mkdtempSync(path.join(os.tmpdir(), 'corsica-pack-'))
/** @type {{ name: string, ok: boolean }[]} */
const results = []

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} [options]
 */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 180_000, ...options })
  return {
    ok: result.status === 0,
    stdout: result.stdout ?? '',
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim(),
  }
}

/**
 * @param {string} name
 * @param {boolean} ok
 * @param {string} [detail] shown when the check failed
 */
function record(name, ok, detail = '') {
  results.push({ name, ok })
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail && !ok ? `\n${detail.replace(/^/gm, '     ')}` : ''}`)
}

try {
  for (const file of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
    if (!existsSync(path.join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first`)
  }

  // One tarball for every check: what `npm publish` would upload.
  const pack = run('npm', ['pack', '--json', '--pack-destination', temp])
  if (!pack.ok) throw new Error(`npm pack failed:\n${pack.output}`)
  const [{ filename, files }] = JSON.parse(pack.stdout)
  const tarball = path.join(temp, filename)
  console.log(`packed ${filename}: ${files.length} files`)
  const install = path.join(temp, 'install')
  const packageDir = path.join(install, 'node_modules/corsica')
  mkdirSync(packageDir, { recursive: true })
  const untar = run('tar', ['xzf', tarball, '-C', packageDir, '--strip-components=1'])
  if (!untar.ok) throw new Error(`tar failed: ${untar.output}`)

  const publint = run(bin('publint'), [packageDir, '--pack', 'false', '--strict'])
  record('publint --strict', publint.ok && /All good/.test(publint.output), publint.output)

  const attw = run(bin('attw'), [tarball, '--format', 'table'], {
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  record('attw (node10, node16 CJS/ESM, bundler)', attw.ok && /No problems found/.test(attw.output), attw.output)

  // require() and import of the installed tarball, each entry point called for real.
  cpSync(path.join(root, 'test/runtimes/module-formats'), install, { recursive: true })
  const nodes = [{ label: `Node ${process.version}`, path: process.execPath }]
  for (const alias of ['node18', 'node22', 'node24']) {
    const candidate = path.join(root, '.cache/runtimes/node_modules', alias, 'bin/node')
    if (existsSync(candidate)) nodes.push({ label: `Node ${alias.slice(4)} (.cache/runtimes)`, path: candidate })
    // CI runs test:runtimes first: the oldest supported Node must then be there.
    else if (alias === 'node18' && process.env.CORSICA_REQUIRE_RUNTIMES === '1')
      record('Node 18 from test:runtimes (.cache/runtimes/node_modules/node18)', false, 'not installed')
  }
  for (const node of nodes) {
    for (const [file, what] of Object.entries({ 'require.cjs': 'require()', 'import.mjs': 'import' })) {
      const check = run(node.path, [file], { cwd: install })
      let problems
      try {
        problems = JSON.parse(check.stdout.trim().split('\n').at(-1) ?? '').problems
      } catch {
        problems = [check.output]
      }
      record(`${what} of every entry point, ${node.label}`, check.ok && problems.length === 0, problems.join('\n'))
    }
  }
  const corsicaNode = await import(pathToFileURL(path.join(root, 'dist/node.js')).href)
  await checkCliFromTarball(tarball, temp, nodes, record, corsicaNode)
  packFromCleanCheckout()
} catch (error) {
  record('package checks', false, error instanceof Error ? error.message : String(error))
} finally {
  if (process.env.CORSICA_KEEP_PACK === '1') console.log(`kept ${temp}`)
  else rmSync(temp, { recursive: true, force: true })
}

/** Packs a copy of the tracked files, with no dist/: what `npm pack` on a fresh clone ships. */
function packFromCleanCheckout() {
  const checkout = path.join(temp, 'checkout')
  const tracked = run('git', ['ls-files', '-z'])
  if (!tracked.ok) return record('npm pack on a fresh clone builds dist/ (prepack)', false, tracked.output)
  for (const file of tracked.stdout.split('\0').filter((name) => name !== '' && existsSync(path.join(root, name)))) {
    cpSync(path.join(root, file), path.join(checkout, file))
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(checkout, 'node_modules'))
  const pack = run('npm', ['pack', '--json', '--dry-run'], { cwd: checkout })
  /** @type {{ files: { path: string }[] }[]} */
  const dryRun = pack.ok ? JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) : []
  const packed = dryRun[0]?.files.map((file) => file.path) ?? []
  const missing = [
    'index.js',
    'index.cjs',
    'express.d.ts',
    'node.js',
    'fetch.cjs',
    'fastify.js',
    'koa.cjs',
    'hono.d.ts',
    'model.js',
    'upgrade.js',
    'cli.js',
  ]
    .map((file) => `dist/${file}`)
    .filter((file) => !packed.includes(file))
  record(
    'npm pack on a fresh clone builds dist/ (prepack)',
    pack.ok && missing.length === 0,
    pack.ok ? `missing: ${missing.join(', ')}` : pack.output,
  )
}

const failed = results.filter((result) => !result.ok).length
console.log(`packaging: ${results.length - failed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
