// `npm start`: the corsica playground. A page on one loopback origin, an API on another that
// uses corsica with the policy you edit in the page; every request is shown twice, as the
// browser saw it and as corsica decided it. Both listen on loopback only (127.0.0.1 and ::1),
// so the page opens at http://localhost:<port> or http://127.0.0.1:<port>. Ctrl-C stops it.
//
// Environment: PAGE_PORT (default 5173), API_PORT (default 5174); a taken port falls back to a
// free one, and 0 always picks one. CORSICA_DIST: the built package (default ../dist).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startPlayground } from './playground/server.mjs'

const distDir = process.env.CORSICA_DIST
  ? path.resolve(process.env.CORSICA_DIST)
  : fileURLToPath(new URL('../dist/', import.meta.url))

const playground = await startPlayground({
  distDir,
  pagePort: portFrom('PAGE_PORT', 5173),
  apiPort: portFrom('API_PORT', 5174),
  log: (line) => console.log(line),
})

const [, ...otherUrls] = playground.pageUrls
console.log(
  `\ncorsica playground: open ${playground.pageUrl}${otherUrls.length > 0 ? ` (or ${otherUrls.join(', ')})` : ''}`,
)
console.log(
  `  page port ${playground.pagePort}  ·  API port ${playground.apiPort}, on the host you open the page with (another origin, using corsica)`,
)
console.log('  Loopback only. Ctrl-C stops.\n')

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    playground.close().then(() => {
      console.log('corsica playground: stopped')
      process.exit(0)
    })
  })
}

/**
 * @param {string} name
 * @param {number} fallback
 */
function portFrom(name, fallback) {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(text)}`)
    process.exit(2)
  }
  return port
}
