// `npm run test:types`: compiles the type tests of this folder with tsc, once per tsconfig (Bundler
// and Node16 resolution). They import corsica by its package name, i.e. dist/*.d.ts, so dist is
// rebuilt first when it is missing or older than a file in src/ (CI has just built it: no rebuild).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const here = relative(root, dirname(fileURLToPath(import.meta.url)))
const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name)

/**
 * The newest modification time (ms) of the files under `dir`.
 * @param {string} dir
 * @returns {number}
 */
function newestIn(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`$ ${[relative(root, command), ...args].join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

const declarations = ['index', 'node', 'express', 'fetch', 'fastify', 'koa', 'hono', 'model', 'upgrade'].map((entry) =>
  join(root, 'dist', `${entry}.d.ts`),
)
const built = declarations.every((file) => existsSync(file))
  ? Math.min(...declarations.map((file) => statSync(file).mtimeMs))
  : 0
if (built < newestIn(join(root, 'src'))) {
  console.log('dist/*.d.ts missing or older than src/: building')
  run(bin('tsup'), ['--silent'])
}

for (const config of ['tsconfig.json', 'tsconfig.node16.json']) run(bin('tsc'), ['-p', join(here, config)])
console.log('type tests passed')
