// Browser test of the `npm start` playground: starts examples/server.mjs as a child process on
// free ports, opens it in Chromium, Firefox and WebKit (one after another, through the engine
// drivers of test/browser/engines), runs every preset, checks what the page shows (the browser's
// outcome, corsica's decision, the preflight, the console message), saves docs/playground.png
// (Chromium's), and checks that Ctrl-C stops the playground with exit code 0. Also: the page works opened at
// http://localhost:<port> and at http://127.0.0.1:<port> (its origin is location.origin), the
// servers answer on every loopback address and no other, header values carry no invisible
// characters (they would be copied with the value), and a 390 px phone viewport never scrolls sideways.
//
//   node test/playground/playground.browser.mjs
//
// An engine that is missing is skipped with the reason (exit 0 when none can run), unless
// CORSICA_REQUIRE_BROWSER=1. CORSICA_ENGINES picks engines (default all three); CHROMIUM, FIREFOX,
// WEBKIT_DRIVER, MINIBROWSER where they are. The phone check needs phone emulation (Chromium) and
// the console wording is Chromium's, so both are Chromium's only. CORSICA_DIST the built package (default dist/, built
// into .cache/dist-playground when absent); PLAYGROUND_SCREENSHOT where to save the screenshot;
// PLAYGROUND_PHONE_SCREENSHOT, when set, where to save one of the page at phone width.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { presets } from '../../examples/playground/public/presets.js'
import { availability, selectedEngines } from '../browser/engines/index.mjs'
import { skipOrFail } from '../support/system.mjs'
import { click, fill, pageErrors, text, waitFor, watchErrors } from './actions.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SCREENSHOT = path.resolve(ROOT, process.env.PLAYGROUND_SCREENSHOT ?? 'docs/playground.png')
const PRESET_TIMEOUT = 15_000
/** Zero-width and other invisible format characters: copied along with a header value, they corrupt it. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/u
/** A phone: the width of an iPhone 12 to 15. */
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1360, height: 900 }
/** The newest result card: the one a click on a preset or a form adds. */
const FIRST_CARD = '#results article.result'
/** @param {string} id */
const done = (id) => `#results article.result:first-child[data-preset="${id}"][data-state="done"]`

/**
 * @typedef {import('../browser/engines/index.mjs').Browser} Browser
 * @typedef {import('../browser/engines/index.mjs').Tab} Tab
 */

/**
 * One step of a preset as the page must show it (the fields left out are not checked).
 * @typedef {object} ExpectedStep
 * @property {string} browser
 * @property {string} preflight
 * @property {string} corsica
 * @property {string} [status]
 * @property {string} [detail] part of onReject's detail
 * @property {string[]} [handlers] the server log's handler lines
 * @property {string} [console]
 * @property {string[]} [readable] response headers the script can read
 * @property {string[]} [notReadable] sent, but hidden from the script
 * @typedef {ExpectedStep[] | { configError: string }} Expectation
 * @typedef {ReturnType<typeof readCard>} Card
 */

/**
 * What the page must show for each preset, step by step. Written from the rules, not read from
 * presets.js, so a preset whose outcome drifts fails here. `console` is the part of Chromium's
 * console message after "blocked by CORS policy: ", and must also be what Chromium really logged.
 * @type {Record<string, Expectation>}
 */
const EXPECTED = {
  'simple-get': [
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'no preflight',
      corsica: 'allowed',
      handlers: ['handler ran'],
    },
  ],
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
  credentials: [
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'no preflight',
      corsica: 'allowed',
      handlers: ['handler ran, cookie received'],
    },
  ],
  'credentials-wildcard': [
    {
      browser: 'blocked',
      preflight: 'no preflight',
      corsica: 'allowed',
      handlers: ['handler ran, cookie received'],
      console:
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    },
  ],
  'config-error': { configError: "origin: '*' with credentials lets any site read users' data" },
  'put-preflight': [
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'preflight sent',
      corsica: 'allowed',
      handlers: ['handler not run: corsica answered the preflight', 'handler ran'],
    },
  ],
  'patch-case': [
    {
      browser: 'blocked',
      preflight: 'preflight sent',
      corsica: 'refused: method',
      detail: 'method "patch" is not in methods (GET,PATCH)',
      handlers: ['handler not run: corsica answered the preflight'],
      console: 'Method patch is not allowed by Access-Control-Allow-Methods in preflight response.',
    },
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'preflight sent',
      corsica: 'allowed',
      handlers: ['handler not run: corsica answered the preflight', 'handler ran'],
    },
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
  'exposed-headers': [
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'no preflight',
      corsica: 'allowed',
      readable: ['x-request-id', 'content-type'],
      notReadable: ['x-total-count'],
    },
  ],
  'authorization-wildcard': [
    {
      browser: 'blocked',
      preflight: 'preflight sent',
      corsica: 'refused: headers',
      detail: "Authorization must be listed beside '*'",
      console:
        'Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.',
    },
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'preflight sent',
      corsica: 'allowed',
      handlers: ['handler not run: corsica answered the preflight', 'handler ran, Authorization received'],
    },
  ],
  'max-age': [
    { browser: 'allowed', status: 'status 200', preflight: 'preflight sent', corsica: 'allowed' },
    {
      browser: 'allowed',
      status: 'status 200',
      preflight: 'no preflight',
      corsica: 'allowed',
      handlers: ['handler ran'],
    },
  ],
}

/** @type {string[]} */
const failures = []
/** The engine under test, in front of every failure it causes. */
let engineName = ''
const check = (/** @type {unknown} */ ok, /** @type {string} */ message) => {
  if (!ok) failures.push(`[${engineName}] ${message}`)
}

const { usable, missing } = await availability(selectedEngines())
if (missing.length > 0 && process.env.CORSICA_REQUIRE_BROWSER === '1')
  skipOrFail('playground browser test', 'CORSICA_REQUIRE_BROWSER', missing.join('; '))
for (const reason of missing) console.log(`playground browser test: skipping ${reason}`)
if (usable.length === 0)
  skipOrFail('playground browser test', 'CORSICA_REQUIRE_BROWSER', 'no browser engine can run here')

const distDir = findDist()
const server = await startServer(distDir)
const pagePort = Number(new URL(server.url).port)
const apiPort = await checkListening(pagePort)
// One engine at a time: the playground's server log is shared by every page that talks to it.
for (const engine of usable) {
  engineName = engine.name
  const started = Date.now()
  const browser = await engine.launch()
  try {
    await runIn(browser, server.url)
  } finally {
    await browser.close()
  }
  console.log(`${browser.version}: done in ${Math.round((Date.now() - started) / 1000)} s`)
}

/**
 * Everything the page must do in one engine.
 * @param {Browser} browser
 * @param {string} url
 */
async function runIn(browser, url) {
  // The addresses people type: each must name its own origin and get an allowed first preset.
  for (const host of ['localhost', '127.0.0.1']) await checkOpenedAt(browser, `http://${host}:${pagePort}/`, apiPort)

  const tab = await browser.tab({ viewport: DESKTOP })
  await tab.open(url)
  await watchErrors(tab)
  await waitFor(tab, '#presets .preset')

  const pageOrigin = await tab.evaluate(() => location.origin, undefined)
  const ids = presets({ pageOrigin }).map((preset) => preset.id)
  check(ids.length >= 8, `expected at least 8 presets, found ${ids.length}`)
  for (const id of ids) check(id in EXPECTED, `preset "${id}" has no expectation in this test`)
  for (const id of Object.keys(EXPECTED)) check(ids.includes(id), `expected preset "${id}" is missing from the page`)

  for (const id of ids.filter((id) => id in EXPECTED)) {
    const before = tab.consoleErrors?.length ?? 0
    await click(tab, `#presets .preset[data-preset="${id}"]`)
    await waitFor(tab, done(id), PRESET_TIMEOUT)
    const shown = await tab.evaluate(readCard, FIRST_CARD)
    // Chromium logs a CORS failure a moment after fetch rejects.
    await new Promise((resolve) => setTimeout(resolve, 150))
    const logged = browser.engine === 'chromium' ? tab.consoleErrors?.slice(before) : undefined
    const ok = compare(id, /** @type {Expectation} */ (EXPECTED[id]), shown, logged)
    console.log(`${ok ? 'ok  ' : 'FAIL'} [${browser.engine}] ${id}: ${summary(shown)}`)
  }

  await checkForms(tab, pageOrigin)
  if (browser.engine === 'chromium') await screenshot(tab)
  for (const error of await pageErrors(tab)) check(false, `page script error: ${error}`)
  await tab.close()
  if (browser.mobile) await checkPhone(browser, url)
  else console.log(`skip [${browser.engine}] phone layout: no phone emulation in this driver (checked in Chromium)`)
}

const exitCode = await server.stop()
check(exitCode === 0, `the playground exited with ${exitCode} on SIGINT, expected 0`)

if (failures.length > 0) {
  console.error(
    `\nplayground browser test: ${failures.length} failure(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`,
  )
  process.exit(1)
}
console.log(
  `\nplayground browser test: all ${Object.keys(EXPECTED).length} presets show the expected outcome in ${usable.map((e) => e.title).join(', ')}; screenshot: ${path.relative(ROOT, SCREENSHOT)}`,
)

/**
 * Runs in the page: what a result card shows, field by field.
 * @param {string} selector the card's
 */
function readCard(selector) {
  const card = document.querySelector(selector)
  if (card === null) throw new Error(`no result card at ${selector}`)
  const text = (/** @type {Element} */ root, /** @type {string} */ field) =>
    root.querySelector(`[data-field="${field}"]`)?.textContent?.trim()
  return {
    configError: text(card, 'config-error'),
    // Every value in every header table, exactly as a reader would select and copy it.
    headerValues: [...card.querySelectorAll('.headers td')].map((node) => node.textContent),
    verdicts: [...card.querySelectorAll('[data-field="verdict"]')].map((node) => node.textContent),
    text: card.textContent,
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

/**
 * Checks a card against its expectation; true when it matched.
 * @param {string} id
 * @param {Expectation} expected
 * @param {Card} shown
 * @param {string[] | undefined} logged what Chromium's console logged meanwhile (undefined: another
 *   engine, whose wording the page does not predict)
 */
function compare(id, expected, shown, logged) {
  const count = failures.length
  for (const value of shown.headerValues)
    check(
      !INVISIBLE.test(value),
      `${id}: the header value ${escapeInvisible(value)} contains an invisible character, which a copy would carry`,
    )
  check(
    !INVISIBLE.test(shown.text),
    `${id}: the result card contains an invisible character: ${escapeInvisible(shown.text.match(new RegExp(`.{0,30}${INVISIBLE.source}.{0,30}`, 'u'))?.[0] ?? '')}`,
  )
  if (!Array.isArray(expected)) {
    check(
      shown.configError?.includes(expected.configError),
      `${id}: expected the CorsConfigError "${expected.configError}", page shows ${JSON.stringify(shown.configError)}`,
    )
    check(shown.steps.length === 0, `${id}: no request should be sent with an invalid policy`)
    return failures.length === count
  }
  // WebDriver sends an absent field as null, the others as undefined: both mean none.
  check(!shown.configError, `${id}: unexpected configuration error ${shown.configError}`)
  check(
    shown.steps.length === expected.length,
    `${id}: expected ${expected.length} step(s), page shows ${shown.steps.length}`,
  )
  expected.forEach((want, index) => {
    /** @type {Partial<Card['steps'][number]>} */
    const got = shown.steps[index] ?? {}
    const where = `${id} step ${index + 1}`
    for (const field of /** @type {const} */ (['browser', 'preflight', 'corsica']))
      check(got[field] === want[field], `${where}: ${field} should be "${want[field]}", page shows "${got[field]}"`)
    if (want.status)
      check(got.status === want.status, `${where}: status should be "${want.status}", page shows "${got.status}"`)
    if (want.detail)
      check(
        got.details?.some((detail) => detail.includes(/** @type {string} */ (want.detail))),
        `${where}: onReject detail should mention ${JSON.stringify(want.detail)}, page shows ${JSON.stringify(got.details)}`,
      )
    if (want.handlers)
      check(
        JSON.stringify(got.handlers) === JSON.stringify(want.handlers),
        `${where}: server log should be ${JSON.stringify(want.handlers)}, page shows ${JSON.stringify(got.handlers)}`,
      )
    for (const name of want.readable ?? [])
      check(
        got.readable?.includes(name),
        `${where}: ${name} should be readable, readable: ${JSON.stringify(got.readable)}`,
      )
    for (const name of want.notReadable ?? []) {
      check(!got.readable?.includes(name), `${where}: ${name} should not be readable`)
      check(
        got.hidden?.includes(name),
        `${where}: ${name} should be listed as sent but hidden, page shows ${JSON.stringify(got.hidden)}`,
      )
    }
    if (want.console) {
      check(
        got.console?.endsWith(want.console),
        `${where}: the page should predict the console message "${want.console}", shows ${JSON.stringify(got.console)}`,
      )
      check(
        logged === undefined || logged.some((message) => message.includes(/** @type {string} */ (want.console))),
        `${where}: Chromium should have logged "${want.console}", it logged ${JSON.stringify(logged)}`,
      )
    }
  })
  return failures.length === count
}

/** @param {Card} shown */
function summary(shown) {
  if (shown.configError) return 'CorsConfigError shown'
  return shown.steps.map((step) => `browser ${step.browser} / corsica ${step.corsica} / ${step.preflight}`).join('; ')
}

/**
 * The hand-edited path: a policy typed into the form, a request built in the request form.
 * @param {Tab} tab
 * @param {string} pageOrigin
 */
async function checkForms(tab, pageOrigin) {
  await fill(tab, '#policy-form [name=origin]', pageOrigin)
  await fill(tab, '#policy-form [name=methods]', 'GET, POST')
  await fill(tab, '#policy-form [name=allowedHeaders]', '')
  await fill(tab, '#policy-form [name=exposedHeaders]', '')
  await fill(tab, '#policy-form [name=maxAge]', '90000')
  await click(tab, '#policy-form button[type=submit]')
  await waitFor(tab, '#policy-status.error')
  const refused = await text(tab, '#policy-status')
  check(
    refused?.includes('maxAge: must be whole seconds from 0 to 86400, got number 90000'),
    `form: maxAge 90000 should show corsica's CorsConfigError, status shows ${JSON.stringify(refused)}`,
  )

  await fill(tab, '#policy-form [name=maxAge]', '')
  await fill(tab, '#request-form [name=method]', 'DELETE')
  await click(tab, '#request-form button[type=submit]')
  await waitFor(tab, done('custom'), PRESET_TIMEOUT)
  const shown = await tab.evaluate(readCard, FIRST_CARD)
  const ok = compare(
    'custom request',
    [
      {
        browser: 'blocked',
        preflight: 'preflight sent',
        corsica: 'refused: method',
        detail: 'method "DELETE" is not in methods (GET,POST)',
      },
    ],
    shown,
    [],
  )
  console.log(`${ok ? 'ok  ' : 'FAIL'} [${engineName}] form: typed policy and request: ${summary(shown)}`)
}

/**
 * The README's screenshot: the policy form, the presets, and one blocked and one allowed result.
 * @param {Tab} tab
 */
async function screenshot(tab) {
  if (tab.screenshot === undefined) throw new Error('this engine takes no screenshot')
  await click(tab, '#clear')
  for (const id of ['put-preflight', 'header-not-allowed']) {
    await click(tab, `#presets .preset[data-preset="${id}"]`)
    await waitFor(tab, done(id), PRESET_TIMEOUT)
  }
  await tab.evaluate(() => window.scrollTo(0, 0), undefined)
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true })
  await tab.screenshot(SCREENSHOT)
}

/**
 * `\u200b` and friends spelled out, so a failure message shows where they are.
 * @param {string} text
 */
function escapeInvisible(text) {
  return JSON.stringify(text).replace(
    new RegExp(INVISIBLE.source, 'gu'),
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Where the servers listen: both ports answer on 127.0.0.1 and, when this machine has it, on ::1
 * (what `localhost` resolves to first on macOS and many Linux systems), and on no other address.
 * Resolves to the API's port.
 * @param {number} port the page server's
 * @returns {Promise<number>}
 */
async function checkListening(port) {
  const state = await fetch(`http://127.0.0.1:${port}/control/state`).then((response) => response.json())
  const apiPort = state.apiPort
  check(Number.isInteger(apiPort), `/control/state should give the API's port, gave ${JSON.stringify(state)}`)
  const interfaces = Object.values(os.networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined)
  const loopback = ['127.0.0.1', ...(interfaces.some((entry) => entry.address === '::1') ? ['::1'] : [])]
  // Link-local addresses need a zone to connect to; the others are enough to prove "loopback only".
  const others = interfaces
    .filter((entry) => !entry.internal && !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address)
  const count = failures.length
  /** @type {[string, number][]} */
  const servers = [
    ['page', port],
    ['API', apiPort],
  ]
  for (const [name, number] of servers) {
    for (const address of loopback)
      check(await reachable(address, number), `the ${name} server should answer on ${address} port ${number}`)
    for (const address of others)
      check(
        !(await reachable(address, number)),
        `the ${name} server should listen on loopback only, but answers on ${address} port ${number}`,
      )
  }
  console.log(
    `${failures.length === count ? 'ok  ' : 'FAIL'} listening: page ${port} and API ${apiPort} checked on ${loopback.join(', ')}; not reachable on ${others.join(', ') || '(no other address)'}`,
  )
  return apiPort
}

/**
 * @param {string} address
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function reachable(address, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 1_000 })
    const done = (/** @type {boolean} */ result) => {
      socket.destroy()
      resolve(result)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
    socket.once('timeout', () => done(false))
  })
}

/**
 * Opens the page at `url` in a fresh context: it must show its own origin (location.origin) and an
 * API on the same host, and the first preset and the credentialed one must come out as expected
 * (the page's origin allowed, the cookie sent: page and API are one site).
 * @param {Browser} browser
 * @param {string} url
 * @param {number} apiPort
 */
async function checkOpenedAt(browser, url, apiPort) {
  const tab = await browser.tab({ viewport: DESKTOP })
  await tab.open(url)
  await watchErrors(tab)
  await waitFor(tab, '#presets .preset')
  const where = await tab.evaluate(
    () => ({
      location: location.origin,
      hostname: location.hostname,
      pageOrigin: /** @type {Element} */ (document.querySelector('#page-origin')).textContent,
      apiOrigin: /** @type {Element} */ (document.querySelector('#api-origin')).textContent,
      first: /** @type {HTMLElement | null} */ (document.querySelector('#presets .preset'))?.dataset.preset,
    }),
    undefined,
  )
  const count = failures.length
  check(
    where.pageOrigin === where.location,
    `${url}: the page should show its origin ${where.location} (location.origin), shows ${where.pageOrigin}`,
  )
  check(
    where.apiOrigin === `http://${where.hostname}:${apiPort}`,
    `${url}: the page should name the API http://${where.hostname}:${apiPort} (its own host, the API's port), shows ${where.apiOrigin}`,
  )
  /** @type {string[]} */
  const ran = []
  for (const id of [where.first, 'credentials']) {
    await click(tab, `#presets .preset[data-preset="${id}"]`)
    await waitFor(tab, done(String(id)), PRESET_TIMEOUT)
    const shown = await tab.evaluate(readCard, FIRST_CARD)
    compare(`${url} ${id}`, /** @type {Expectation} */ (EXPECTED[String(id)]), shown, [])
    for (const text of shown.verdicts)
      check(
        text.startsWith('Allowed'),
        `${url} ${id}: the verdict should read "Allowed…", page shows ${JSON.stringify(text)}`,
      )
    ran.push(`${id}: ${summary(shown)}`)
  }
  console.log(
    `${failures.length === count ? 'ok  ' : 'FAIL'} [${engineName}] opened at ${url}: page origin ${where.pageOrigin}, API ${where.apiOrigin}; ${ran.join('; ')}`,
  )
  for (const error of await pageErrors(tab)) check(false, `${url}: page script error: ${error}`)
  await tab.close()
}

/**
 * A phone, 390 px wide: the page never scrolls sideways, nothing sticks out of the viewport
 * except inside a box that scrolls itself, and the columns stack. Results with the longest
 * lines (URLs, console messages, long header lists, a CorsConfigError) are on the page first.
 * @param {Browser} browser
 * @param {string} url
 */
async function checkPhone(browser, url) {
  const tab = await browser.tab({ viewport: PHONE, mobile: true })
  await tab.open(url)
  await watchErrors(tab)
  await waitFor(tab, '#presets .preset')
  for (const id of ['config-error', 'credentials-wildcard', 'put-preflight', 'header-not-allowed']) {
    await click(tab, `#presets .preset[data-preset="${id}"]`)
    await waitFor(tab, done(id), PRESET_TIMEOUT)
  }
  const layout = await tab.evaluate(() => {
    const width = document.documentElement.clientWidth
    const scrollsItself = (/** @type {Element} */ node) => {
      for (
        let parent = node.parentElement;
        parent !== null && parent !== document.body;
        parent = parent.parentElement
      ) {
        const overflow = getComputedStyle(parent).overflowX
        if ((overflow === 'auto' || overflow === 'scroll') && parent.getBoundingClientRect().right <= width + 0.5)
          return true
      }
      return false
    }
    const describe = (/** @type {Element} */ node) =>
      `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.classList.length > 0 ? `.${[...node.classList].join('.')}` : ''}`
    const sticking = [...document.body.querySelectorAll('*')]
      .filter((node) => {
        const box = node.getBoundingClientRect()
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5) && !scrollsItself(node)
      })
      .map(
        (node) =>
          `${describe(node)} (${Math.round(node.getBoundingClientRect().left)}..${Math.round(node.getBoundingClientRect().right)})`,
      )
    const box = (/** @type {string} */ selector) => document.querySelector(selector)?.getBoundingClientRect()
    /** @type {(upper: DOMRect | undefined, lower: DOMRect | undefined) => boolean} */
    const below = (upper, lower) => upper !== undefined && lower !== undefined && lower.top >= upper.bottom - 0.5
    const sides = document.querySelectorAll('#results .sides > .side')
    const row = document.querySelectorAll('#request-form .row > label')
    // A header value squeezed into a column a few characters wide is on the page but unreadable.
    const narrowValues = [...document.querySelectorAll('.headers td')]
      .filter(
        (cell) =>
          cell.getBoundingClientRect().width <
          /** @type {Element} */ (cell.closest('table')).getBoundingClientRect().width / 2,
      )
      .map(
        (cell) => `${cell.previousElementSibling?.textContent}: ${Math.round(cell.getBoundingClientRect().width)} px`,
      )
    // Safari on iOS zooms into a focused field whose text is under 16 px, and the page then scrolls sideways.
    const smallFields = [
      .../** @type {NodeListOf<HTMLInputElement>} */ (
        document.querySelectorAll('input:not([type=checkbox]), textarea, select')
      ),
    ]
      .filter((field) => parseFloat(getComputedStyle(field).fontSize) < 16)
      .map((field) => `${field.closest('form')?.id ?? ''} ${field.name}: ${getComputedStyle(field).fontSize}`)
    return {
      narrowValues,
      smallFields,
      scrollWidth: document.documentElement.scrollWidth,
      bodyScrollWidth: document.body.scrollWidth,
      innerWidth,
      sticking: sticking.slice(0, 8),
      stuck: sticking.length,
      stacked: {
        'the policy and request column above the results': below(box('aside.controls'), box('.results-area')),
        'the browser side above the corsica side':
          sides.length >= 2 && below(sides[0]?.getBoundingClientRect(), sides[1]?.getBoundingClientRect()),
        'the request form fields one under another':
          row.length >= 2 && below(row[0]?.getBoundingClientRect(), row[1]?.getBoundingClientRect()),
      },
    }
  }, undefined)
  const count = failures.length
  check(
    layout.innerWidth === PHONE.width,
    `phone: the layout viewport should be ${PHONE.width} px wide, is ${layout.innerWidth}`,
  )
  check(
    layout.scrollWidth <= PHONE.width,
    `phone: document.documentElement.scrollWidth is ${layout.scrollWidth}, wider than the ${PHONE.width} px viewport (the page scrolls sideways)`,
  )
  check(
    layout.bodyScrollWidth <= PHONE.width,
    `phone: document.body.scrollWidth is ${layout.bodyScrollWidth}, wider than ${PHONE.width} px`,
  )
  check(
    layout.stuck === 0,
    `phone: ${layout.stuck} element(s) stick out of the ${PHONE.width} px viewport, e.g. ${layout.sticking.join(', ')}`,
  )
  for (const [what, ok] of Object.entries(layout.stacked)) check(ok, `phone: ${what} should stack at ${PHONE.width} px`)
  check(
    layout.narrowValues.length === 0,
    `phone: ${layout.narrowValues.length} header value(s) get less than half their table's width, e.g. ${layout.narrowValues.slice(0, 4).join(', ')}`,
  )
  check(
    layout.smallFields.length === 0,
    `phone: form fields under 16 px (Safari zooms in on focus): ${layout.smallFields.join(', ')}`,
  )
  if (process.env.PLAYGROUND_PHONE_SCREENSHOT)
    await tab.screenshot?.(path.resolve(ROOT, process.env.PLAYGROUND_PHONE_SCREENSHOT))
  console.log(
    `${failures.length === count ? 'ok  ' : 'FAIL'} phone ${PHONE.width}x${PHONE.height}: scrollWidth ${layout.scrollWidth}, ${layout.stuck} element(s) outside the viewport`,
  )
  for (const error of await pageErrors(tab)) check(false, `phone: page script error: ${error}`)
  await tab.close()
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

/**
 * Starts `node examples/server.mjs` on free ports; resolves once it printed its URL.
 * @param {string} distDir
 * @returns {Promise<{ url: string, stop: () => Promise<number | string | null> }>}
 */
function startServer(distDir) {
  const child = spawn(process.execPath, [path.join(ROOT, 'examples/server.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PAGE_PORT: '0', API_PORT: '0', CORSICA_DIST: distDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  /** @type {Promise<number | NodeJS.Signals | null>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the playground printed no URL in 15 s:\n${output}`)), 15_000)
    const onData = (/** @type {string} */ chunk) => {
      output += chunk
      const match = /open (http:\/\/\S+)/.exec(output)
      if (match === null) return
      const [, url = ''] = match
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.stdout.resume()
      resolve({
        url,
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
