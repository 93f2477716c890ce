// Browser test of the `npm start` playground: starts examples/server.mjs as a child process on
// free ports, opens it in Chromium, runs every preset, checks what the page shows (the browser's
// outcome, corsica's decision, the preflight, the console message), saves docs/playground.png,
// and checks that Ctrl-C stops the playground with exit code 0.
//
//   node test/playground/playground.browser.mjs
//
// Skips (exit 0) when Chromium is missing, unless CORSICA_REQUIRE_BROWSER=1. CHROMIUM picks
// the browser (default /usr/bin/chromium); CORSICA_DIST the built package (default dist/, built
// into .cache/dist-playground when absent); PLAYGROUND_SCREENSHOT where to save the screenshot.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { presets } from '../../examples/playground/public/presets.js'
import { CHROMIUM, CHROMIUM_ARGS, skipOrFail } from '../support/system.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCREENSHOT = path.resolve(ROOT, process.env.PLAYGROUND_SCREENSHOT ?? 'docs/playground.png')
const PRESET_TIMEOUT = 15_000

/**
 * What the page must show for each preset, step by step. Written from the rules, not read from
 * presets.js, so a preset whose outcome drifts fails here. `console` is the part of Chromium's
 * console message after "blocked by CORS policy: ", and must also be what Chromium really logged.
 */
const EXPECTED = {
  'simple-get': [{ browser: 'allowed', status: 'status 200', preflight: 'no preflight', corsica: 'allowed', handlers: ['handler ran'] }],
  'origin-not-listed': [
    {
      browser: 'blocked',
      preflight: 'no preflight',
      corsica: 'refused: origin',
      detail: 'is not allowed',
      handlers: ['handler ran'],
      console: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    },
  ],
  credentials: [{ browser: 'allowed', status: 'status 200', preflight: 'no preflight', corsica: 'allowed', handlers: ['handler ran, cookie received'] }],
  'credentials-wildcard': [
    {
      browser: 'blocked',
      preflight: 'no preflight',
      corsica: 'allowed',
      handlers: ['handler ran, cookie received'],
      console: "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    },
  ],
  'config-error': { configError: "origin: '*' with credentials lets any site read users' data" },
  'put-preflight': [{ browser: 'allowed', status: 'status 200', preflight: 'preflight sent', corsica: 'allowed', handlers: ['handler not run: corsica answered the preflight', 'handler ran'] }],
  'patch-case': [
    {
      browser: 'blocked',
      preflight: 'preflight sent',
      corsica: 'refused: method',
      detail: 'method "patch" is not in methods (GET,PATCH)',
      handlers: ['handler not run: corsica answered the preflight'],
      console: 'Method patch is not allowed by Access-Control-Allow-Methods in preflight response.',
    },
    { browser: 'allowed', status: 'status 200', preflight: 'preflight sent', corsica: 'allowed', handlers: ['handler not run: corsica answered the preflight', 'handler ran'] },
  ],
  'header-not-allowed': [
    {
      browser: 'blocked',
      preflight: 'preflight sent',
      corsica: 'refused: headers',
      detail: 'header "x-trace" is not allowed',
      handlers: ['handler not run: corsica answered the preflight'],
      console: 'Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response.',
    },
  ],
  'exposed-headers': [{ browser: 'allowed', status: 'status 200', preflight: 'no preflight', corsica: 'allowed', readable: ['x-request-id', 'content-type'], notReadable: ['x-total-count'] }],
  'authorization-wildcard': [
    {
      browser: 'blocked',
      preflight: 'preflight sent',
      corsica: 'refused: headers',
      detail: "Authorization must be listed beside '*'",
      console: 'Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.',
    },
    { browser: 'allowed', status: 'status 200', preflight: 'preflight sent', corsica: 'allowed', handlers: ['handler not run: corsica answered the preflight', 'handler ran, Authorization received'] },
  ],
  'max-age': [
    { browser: 'allowed', status: 'status 200', preflight: 'preflight sent', corsica: 'allowed' },
    { browser: 'allowed', status: 'status 200', preflight: 'no preflight', corsica: 'allowed', handlers: ['handler ran'] },
  ],
}

const failures = []
const check = (ok, message) => {
  if (!ok) failures.push(message)
}

if (!fs.existsSync(CHROMIUM)) skipOrFail('playground browser test', 'CORSICA_REQUIRE_BROWSER', `Chromium not found at ${CHROMIUM} (set CHROMIUM)`)

const { chromium } = await import('playwright-core')
const distDir = findDist()
const server = await startServer(distDir)
let browser
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const consoleErrors = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => failures.push(`page script error: ${error.message}`))
  await page.goto(server.url)
  await page.waitForSelector('#presets .preset')

  const pageOrigin = new URL(server.url).origin
  const ids = presets({ pageOrigin }).map((preset) => preset.id)
  check(ids.length >= 8, `expected at least 8 presets, found ${ids.length}`)
  for (const id of ids) check(id in EXPECTED, `preset "${id}" has no expectation in this test`)
  for (const id of Object.keys(EXPECTED)) check(ids.includes(id), `expected preset "${id}" is missing from the page`)

  for (const id of ids.filter((id) => id in EXPECTED)) {
    const before = consoleErrors.length
    await page.click(`#presets .preset[data-preset="${id}"]`)
    const card = page.locator('#results article.result').first()
    await page.waitForSelector(`#results article.result:first-child[data-preset="${id}"][data-state="done"]`, { timeout: PRESET_TIMEOUT })
    const shown = await card.evaluate(readCard)
    // Chromium logs a CORS failure a moment after fetch rejects.
    await page.waitForTimeout(150)
    const logged = consoleErrors.slice(before)
    const ok = compare(id, EXPECTED[id], shown, logged)
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${id}: ${summary(shown)}`)
  }

  await checkForms(page, pageOrigin)
  await screenshot(page)
} finally {
  await browser?.close()
}
const exitCode = await server.stop()
check(exitCode === 0, `the playground exited with ${exitCode} on SIGINT, expected 0`)

if (failures.length > 0) {
  console.error(`\nplayground browser test: ${failures.length} failure(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`)
  process.exit(1)
}
console.log(`\nplayground browser test: all ${Object.keys(EXPECTED).length} presets show the expected outcome; screenshot: ${path.relative(ROOT, SCREENSHOT)}`)

/** Runs in the page: what a result card shows, field by field. */
function readCard(card) {
  const text = (root, field) => root.querySelector(`[data-field="${field}"]`)?.textContent.trim()
  return {
    configError: text(card, 'config-error'),
    steps: [...card.querySelectorAll('.step')].map((step) => ({
      browser: text(step, 'browser'),
      status: text(step, 'status'),
      preflight: text(step, 'preflight'),
      corsica: text(step, 'corsica'),
      console: text(step, 'console'),
      hidden: text(step, 'hidden'),
      details: [...step.querySelectorAll('[data-field="detail"]')].map((node) => node.textContent),
      handlers: [...step.querySelectorAll('[data-field="handler"]')].map((node) => node.textContent),
      readable: [...step.querySelectorAll('[data-field="readable"] th')].map((node) => node.textContent),
    })),
  }
}

function compare(id, expected, shown, logged) {
  const count = failures.length
  if (!Array.isArray(expected)) {
    check(shown.configError?.includes(expected.configError), `${id}: expected the CorsConfigError "${expected.configError}", page shows ${JSON.stringify(shown.configError)}`)
    check(shown.steps.length === 0, `${id}: no request should be sent with an invalid policy`)
    return failures.length === count
  }
  check(shown.configError === undefined, `${id}: unexpected configuration error ${shown.configError}`)
  check(shown.steps.length === expected.length, `${id}: expected ${expected.length} step(s), page shows ${shown.steps.length}`)
  expected.forEach((want, index) => {
    const got = shown.steps[index] ?? {}
    const where = `${id} step ${index + 1}`
    for (const field of ['browser', 'preflight', 'corsica']) check(got[field] === want[field], `${where}: ${field} should be "${want[field]}", page shows "${got[field]}"`)
    if (want.status) check(got.status === want.status, `${where}: status should be "${want.status}", page shows "${got.status}"`)
    if (want.detail) check(got.details?.some((detail) => detail.includes(want.detail)), `${where}: onReject detail should mention ${JSON.stringify(want.detail)}, page shows ${JSON.stringify(got.details)}`)
    if (want.handlers) check(JSON.stringify(got.handlers) === JSON.stringify(want.handlers), `${where}: server log should be ${JSON.stringify(want.handlers)}, page shows ${JSON.stringify(got.handlers)}`)
    for (const name of want.readable ?? []) check(got.readable?.includes(name), `${where}: ${name} should be readable, readable: ${JSON.stringify(got.readable)}`)
    for (const name of want.notReadable ?? []) {
      check(!got.readable?.includes(name), `${where}: ${name} should not be readable`)
      check(got.hidden?.includes(name), `${where}: ${name} should be listed as sent but hidden, page shows ${JSON.stringify(got.hidden)}`)
    }
    if (want.console) {
      check(got.console?.endsWith(want.console), `${where}: the page should predict the console message "${want.console}", shows ${JSON.stringify(got.console)}`)
      check(
        logged.some((message) => message.includes(want.console)),
        `${where}: Chromium should have logged "${want.console}", it logged ${JSON.stringify(logged)}`,
      )
    }
  })
  return failures.length === count
}

function summary(shown) {
  if (shown.configError) return 'CorsConfigError shown'
  return shown.steps.map((step) => `browser ${step.browser} / corsica ${step.corsica} / ${step.preflight}`).join('; ')
}

/** The hand-edited path: a policy typed into the form, a request built in the request form. */
async function checkForms(page, pageOrigin) {
  await page.fill('#policy-form [name=origin]', pageOrigin)
  await page.fill('#policy-form [name=methods]', 'GET, POST')
  await page.fill('#policy-form [name=allowedHeaders]', '')
  await page.fill('#policy-form [name=exposedHeaders]', '')
  await page.fill('#policy-form [name=maxAge]', '90000')
  await page.click('#policy-form button[type=submit]')
  await page.waitForSelector('#policy-status.error')
  const refused = await page.textContent('#policy-status')
  check(refused.includes('maxAge: must be whole seconds from 0 to 86400, got number 90000'), `form: maxAge 90000 should show corsica's CorsConfigError, status shows ${JSON.stringify(refused)}`)

  await page.fill('#policy-form [name=maxAge]', '')
  await page.fill('#request-form [name=method]', 'DELETE')
  await page.click('#request-form button[type=submit]')
  await page.waitForSelector('#results article.result:first-child[data-preset="custom"][data-state="done"]', { timeout: PRESET_TIMEOUT })
  const shown = await page.locator('#results article.result').first().evaluate(readCard)
  const ok = compare('custom request', [{ browser: 'blocked', preflight: 'preflight sent', corsica: 'refused: method', detail: 'method "DELETE" is not in methods (GET,POST)' }], shown, [])
  console.log(`${ok ? 'ok  ' : 'FAIL'} form: typed policy and request: ${summary(shown)}`)
}

/** The README's screenshot: the policy form, the presets, and one blocked and one allowed result. */
async function screenshot(page) {
  await page.click('#clear')
  for (const id of ['put-preflight', 'header-not-allowed']) {
    await page.click(`#presets .preset[data-preset="${id}"]`)
    await page.waitForSelector(`#results article.result:first-child[data-preset="${id}"][data-state="done"]`, { timeout: PRESET_TIMEOUT })
  }
  await page.evaluate(() => window.scrollTo(0, 0))
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true })
  await page.screenshot({ path: SCREENSHOT, fullPage: true })
}

function findDist() {
  if (process.env.CORSICA_DIST) return path.resolve(process.env.CORSICA_DIST)
  const dist = path.join(ROOT, 'dist')
  if (fs.existsSync(path.join(dist, 'node.js'))) return dist
  const cached = path.join(ROOT, '.cache/dist-playground')
  console.log(`dist/ is not built; building into ${path.relative(ROOT, cached)}`)
  const built = spawnSync('npx', ['tsup', '--silent', '--out-dir', cached], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) throw new Error('tsup failed')
  return cached
}

/** Starts `node examples/server.mjs` on free ports; resolves once it printed its URL. */
function startServer(distDir) {
  const child = spawn(process.execPath, [path.join(ROOT, 'examples/server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PAGE_PORT: '0', API_PORT: '0', CORSICA_DIST: distDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the playground printed no URL in 15 s:\n${output}`)), 15_000)
    const onData = (chunk) => {
      output += chunk
      const match = /open (http:\/\/\S+)/.exec(output)
      if (match === null) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.stdout.resume()
      resolve({
        url: match[1],
        stop: () => {
          child.kill('SIGINT')
          const timeout = new Promise((done) => setTimeout(() => done('timeout'), 5_000).unref())
          return Promise.race([exited, timeout])
        },
      })
    }
    child.stdout.setEncoding('utf8').on('data', onData)
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk))
    exited.then((code) => reject(new Error(`the playground exited (${code}) before printing its URL:\n${output}`)))
  })
}
