// The `corsica` command from the packed tarball, as `npx corsica` runs it in a project that
// installed the package: `explain` offline, `probe` and `audit` against a corsica server on
// loopback, under each Node given (the oldest supported, 18, among them when installed).
import { execFile } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)
const ORIGIN = 'https://app.example.com'
const MESSAGE =
  "Access to fetch at 'http://127.0.0.1/items' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."

/**
 * @typedef {{ label: string, path: string }} NodeBinary
 * @typedef {(name: string, ok: boolean, detail?: string) => void} Record
 */

/**
 * Installs the tarball into a new project under `folder` and runs the command there.
 * @param {string} tarball
 * @param {string} folder
 * @param {NodeBinary[]} nodes
 * @param {Record} record
 * @param {typeof import('../dist/node.js')} corsicaNode the build that serves the probed API
 */
export async function checkCliFromTarball(tarball, folder, nodes, record, corsicaNode) {
  const project = path.join(folder, 'cli-project')
  mkdirSync(project, { recursive: true })
  await exec('npm', ['init', '-y'], { cwd: project })
  await exec('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline'], { cwd: project })
  const bin = path.join(project, 'node_modules/.bin/corsica')
  const handle = corsicaNode.cors({ origin: [ORIGIN], allowedHeaders: ['content-type'] })
  const server = http.createServer((req, res) => handle(req, res) || res.end('[]'))
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)))
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}/items`
  try {
    for (const node of nodes) {
      const cases = [
        { what: 'explain', args: ['explain', MESSAGE], status: 0, shows: 'allow-origin-missing' },
        { what: 'probe (readable)', args: ['probe', url, '--origin', ORIGIN], status: 0, shows: 'readable' },
        {
          what: 'probe (blocked)',
          args: ['probe', url, '--origin', ORIGIN, '--header', 'x-trace: 1'],
          status: 1,
          shows: 'list `x-trace` in `allowedHeaders`',
        },
        { what: 'audit', args: ['audit', url, '--origin', ORIGIN], status: 0, shows: 'no findings' },
      ]
      for (const { what, args, status, shows } of cases) {
        const result = await exec(node.path, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' } }).then(
          ({ stdout }) => ({ code: 0, stdout }),
          (error) => ({ code: Number(error.code), stdout: String(error.stdout ?? error.message) }),
        )
        const ok = result.code === status && result.stdout.includes(shows)
        record(`npx corsica ${what}, ${node.label}`, ok, `exit ${result.code}:\n${result.stdout}`)
      }
    }
  } finally {
    server.close()
  }
}
