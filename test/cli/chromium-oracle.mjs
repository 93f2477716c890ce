// What a real Chromium does with a fetch(): a blank page served from its own loopback server
// (http://localhost:<port>, a different origin from the servers on http://127.0.0.1:<port>), one
// headless Chromium for many fetches from that one page, each answered readable or blocked, with
// the CORS console errors Chromium printed for it.
import { existsSync } from 'node:fs'
import http from 'node:http'
import { CHROMIUM, CHROMIUM_ARGS } from '../support/system.mjs'

/**
 * @typedef {{ url: string, method?: string, headers?: readonly (readonly [string, string])[],
 *   credentials?: 'omit' | 'same-origin' | 'include' }} OracleRequest
 * @typedef {{ verdict: 'readable' | 'blocked', status?: number, error?: string, console: string[] }} OracleAnswer
 * @typedef {{ pageOrigin: string, version: string, fetch: (request: OracleRequest) => Promise<OracleAnswer>,
 *   close: () => Promise<void> }} Oracle
 */

/** Why the oracle cannot run here, or undefined. */
export async function oracleMissing() {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`
  return import('playwright-core').then(
    () => undefined,
    () => 'playwright-core is not installed (npm install)',
  )
}

/** The page: a blank document on 127.0.0.1, reached as http://localhost:<port>. */
async function startPage() {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8')
    res.end('<!doctype html><meta charset="utf-8"><title>corsica oracle</title>')
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done(undefined))
        server.closeAllConnections()
      }),
  }
}

/**
 * Launches Chromium (once) and opens the page.
 * @returns {Promise<Oracle>}
 */
export async function launchOracle() {
  const { chromium } = await import('playwright-core')
  const page = await startPage()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const context = await browser.newContext()
  const tab = await context.newPage()
  /** @type {string[]} */
  let consoleErrors = []
  tab.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await tab.goto(`${page.origin}/`)
  return {
    pageOrigin: page.origin,
    version: browser.version(),
    async fetch(request) {
      consoleErrors = []
      const answer = await tab.evaluate(
        async ({ url, method, headers, credentials }) => {
          try {
            const response = await fetch(url, {
              method,
              headers,
              credentials,
              mode: 'cors',
            })
            await response.text()
            return { verdict: /** @type {const} */ ('readable'), status: response.status }
          } catch (error) {
            return { verdict: /** @type {const} */ ('blocked'), error: String(error) }
          }
        },
        {
          url: request.url,
          method: request.method ?? 'GET',
          headers: (request.headers ?? []).map(([name, value]) => /** @type {[string, string]} */ ([name, value])),
          credentials: request.credentials ?? 'same-origin',
        },
      )
      // Console events come over the protocol after the fetch settles: give them a moment.
      if (answer.verdict === 'blocked') await new Promise((done) => setTimeout(done, 50))
      return { ...answer, console: consoleErrors.filter((text) => text.includes('CORS')) }
    },
    async close() {
      await browser.close()
      await page.close()
    },
  }
}
