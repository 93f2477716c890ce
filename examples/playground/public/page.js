// The playground page. It sets the API's policy through a same-origin control endpoint, fires
// real cross-origin requests with fetch, then asks the page server what the API saw, and shows
// both sides: what the browser did, and what corsica decided and why.
import { presets } from './presets.js'

/**
 * @typedef {import('./presets.js').Policy} Policy
 * @typedef {import('./presets.js').Step} Step
 * @typedef {import('./presets.js').Preset} Preset
 */
/**
 * The API's record of one request, from /control/log (RequestRecord in ../server.mjs).
 * @typedef {object} ApiRecord
 * @property {'preflight' | 'actual' | 'none'} kind
 * @property {boolean} allowed
 * @property {string | null} reason
 * @property {string | null} detail
 * @property {string} method
 * @property {string | null} requestMethod
 * @property {string | null} requestHeaders
 * @property {boolean} cookie
 * @property {boolean} authorization
 * @property {boolean} handlerRan
 * @property {number} status
 * @property {Record<string, string | number | string[]>} responseHeaders
 */
/**
 * What the page script saw of a response: headers and body when it may read them, else the error.
 * @typedef {{ outcome: 'allowed', status: number, headers: [string, string][], body: string }
 *   | { outcome: 'blocked', error: string, headers?: undefined }} BrowserResult
 */
/**
 * The server's answer to a policy: applied, or refused with the CorsConfigError's message.
 * @typedef {{ applied: true } | PolicyRefused} PolicyAnswer
 * @typedef {{ applied: false, message: string }} PolicyRefused
 */
/**
 * The policy form and its fields, as index.html has them.
 * @typedef {HTMLFormElement & { elements: { origin: HTMLTextAreaElement, credentials: HTMLInputElement,
 *   methods: HTMLInputElement, allowedHeaders: HTMLInputElement, exposedHeaders: HTMLInputElement,
 *   maxAge: HTMLInputElement } }} PolicyForm
 */

/**
 * The element for `selector`: index.html has every one this script asks for.
 * @param {string} selector
 */
function $(selector) {
  const element = document.querySelector(selector)
  if (!(element instanceof HTMLElement)) throw new Error(`index.html has no ${selector}`)
  return element
}
const policyForm = /** @type {PolicyForm} */ ($('#policy-form'))
const requestForm = /** @type {HTMLFormElement} */ ($('#request-form'))
const results = $('#results')

const state = await fetch('/control/state').then((response) => response.json())
// This page's origin is the one the browser sends in Origin: whatever address it was opened at
// (localhost, 127.0.0.1, ::1), never a name the server guessed. The API is on the same host at
// its own port: another origin, but the same site, so the page's cookie goes with credentialed requests.
const pageOrigin = location.origin
const apiOrigin = originOnPort(location, state.apiPort)
const PRESETS = presets({ pageOrigin })
const session = Date.now().toString(36)
let runs = 0
/**
 * Runs one at a time: the API has one policy, and the log is read by position.
 * @type {Promise<unknown>}
 */
let queue = Promise.resolve()

$('#page-origin').textContent = pageOrigin
$('#api-origin').textContent = apiOrigin
fillPolicyForm(state.policy)
showPolicySource(state.policy)

for (const preset of PRESETS) {
  const button = el(
    'button',
    { type: 'button', class: 'preset', 'data-preset': preset.id, title: preset.explain },
    preset.title,
  )
  button.addEventListener('click', () => enqueue(() => runPreset(preset)))
  $('#presets').append(button)
}
$('#run-all').addEventListener('click', () => {
  for (const preset of PRESETS) enqueue(() => runPreset(preset))
})
$('#clear').addEventListener('click', () => {
  results.replaceChildren()
})
policyForm.addEventListener('submit', (event) => {
  event.preventDefault()
  enqueue(() => applyPolicy(readPolicyForm()))
})
requestForm.addEventListener('submit', (event) => {
  event.preventDefault()
  const step = readRequestForm()
  enqueue(() =>
    runPreset(
      { id: 'custom', title: `Your request: ${step.method}`, policy: readPolicyForm(), steps: [step], explain: '' },
      { keepForm: true },
    ),
  )
})

/** @param {() => Promise<unknown>} task */
function enqueue(task) {
  queue = queue.then(task).catch((error) => console.error(error))
  return queue
}

// ---- the policy ---------------------------------------------------------------------------

/** The form as corsica options (JSON): blank fields are left out, so corsica's defaults apply. */
function readPolicyForm() {
  const data = new FormData(policyForm)
  /** @type {Policy} */
  const policy = {}
  const origins = lines(data.get('origin'))
  const [only] = origins
  if (origins.length === 1 && (only === '*' || only === 'true' || only === 'false'))
    policy.origin = only === '*' ? '*' : only === 'true'
  else if (origins.length > 0) policy.origin = origins
  if (data.get('credentials') === 'on') policy.credentials = true
  for (const name of /** @type {const} */ (['methods', 'allowedHeaders', 'exposedHeaders'])) {
    const items = String(data.get(name))
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
    if (items.length > 0) policy[name] = items.length === 1 && items[0] === '*' ? '*' : items
  }
  const maxAge = String(data.get('maxAge')).trim()
  if (maxAge !== '') policy.maxAge = /^-?\d+(\.\d+)?$/.test(maxAge) ? Number(maxAge) : maxAge
  return policy
}

/** @param {Policy} policy */
function fillPolicyForm(policy) {
  policyForm.elements.origin.value = fieldText(policy.origin, '\n')
  policyForm.elements.credentials.checked = policy.credentials === true
  policyForm.elements.methods.value = fieldText(policy.methods, ', ')
  policyForm.elements.allowedHeaders.value = fieldText(policy.allowedHeaders, ', ')
  policyForm.elements.exposedHeaders.value = fieldText(policy.exposedHeaders, ', ')
  policyForm.elements.maxAge.value = policy.maxAge === undefined ? '' : String(policy.maxAge)
}

/**
 * An option as its form field shows it: blank when unset, an array's items joined by `separator`.
 * @param {unknown} value
 * @param {string} separator
 */
function fieldText(value, separator) {
  if (value === undefined) return ''
  return Array.isArray(value) ? value.join(separator) : String(value)
}

/**
 * Sends the policy to the API; resolves to the server's answer (`applied`, or the CorsConfigError).
 * @param {Policy} policy
 * @returns {Promise<PolicyAnswer>}
 */
async function applyPolicy(policy) {
  const response = await fetch('/control/policy', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(policy),
  })
  const answer = await response.json()
  const status = $('#policy-status')
  showPolicySource(policy)
  if (answer.applied) {
    status.className = 'policy-status ok'
    status.textContent = 'Applied: the API now uses this policy.'
  } else {
    status.className = 'policy-status error'
    status.replaceChildren(
      el('strong', {}, 'corsica refused this policy; the API keeps the previous one.'),
      el('pre', {}, answer.message),
    )
  }
  return answer
}

/** @param {Policy} policy */
function showPolicySource(policy) {
  const entries = Object.entries(policy).map(([name, value]) => `  ${name}: ${literal(value)},`)
  $('#policy-source').textContent = entries.length === 0 ? 'createCors()' : `createCors({\n${entries.join('\n')}\n})`
}

/**
 * `value` as JavaScript source: strings quoted, except a RegExp literal's `/…/flags`.
 * @param {unknown} value
 * @returns {string}
 */
function literal(value) {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (typeof value === 'string')
    return /^\/.+\/[a-z]*$/s.test(value) ? value : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return String(value)
}

// ---- requests -----------------------------------------------------------------------------

/** @returns {Step} */
function readRequestForm() {
  const data = new FormData(requestForm)
  /** @type {Record<string, string>} */
  const headers = {}
  for (const line of lines(data.get('headers'))) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  // The <select>'s values are the three RequestCredentials.
  const credentials = /** @type {RequestCredentials} */ (String(data.get('credentials')))
  return { method: String(data.get('method')).trim() || 'GET', headers, credentials }
}

/**
 * @param {Preset} preset
 * @param {{ keepForm?: boolean }} [options] `keepForm`: apply the policy the form shows, not the preset's
 */
async function runPreset(preset, { keepForm = false } = {}) {
  const run = ++runs
  const card = resultCard(preset, run)
  if (!keepForm) fillPolicyForm(preset.policy)
  const applied = await applyPolicy(keepForm ? preset.policy : readPolicyForm())
  if (!applied.applied) {
    card.body.append(configError(applied))
    card.finish()
    return
  }
  let url
  for (const [index, step] of preset.steps.entries()) {
    if (step.policy !== undefined) {
      fillPolicyForm(step.policy)
      const changed = await applyPolicy(readPolicyForm())
      if (!changed.applied) {
        card.body.append(configError(changed))
        break
      }
    }
    if (!(step.sameUrl && url)) url = `${apiOrigin}/items?run=${session}-${run}-${index + 1}`
    const { next } = await fetch('/control/state').then((response) => response.json())
    const browser = await fire(url, step)
    const { records } = await fetch(`/control/log?since=${next}`).then((response) => response.json())
    card.body.append(stepView(index, step, url, browser, records))
  }
  card.finish()
}

/**
 * Fires the request as a page script would, and keeps only what a script can see.
 * @param {string} url
 * @param {Step} step
 * @returns {Promise<BrowserResult>}
 */
async function fire(url, step) {
  // No `cache: 'no-store'`: Chromium would skip its preflight cache too, and maxAge would show nothing.
  /** @type {RequestInit} */
  const init = { method: step.method, headers: step.headers ?? {}, credentials: step.credentials ?? 'same-origin' }
  if (step.body !== undefined) init.body = step.body
  try {
    const response = await fetch(url, init)
    return { outcome: 'allowed', status: response.status, headers: [...response.headers], body: await response.text() }
  } catch (error) {
    return { outcome: 'blocked', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

// ---- results ------------------------------------------------------------------------------

/**
 * @param {Preset} preset
 * @param {number} run
 */
function resultCard(preset, run) {
  const body = el('div', { class: 'steps' })
  const card = el(
    'article',
    { class: 'result', 'data-preset': preset.id, 'data-run': String(run), 'data-state': 'running' },
    el('header', {}, el('h3', {}, preset.title), el('span', { class: 'run' }, `#${run}`)),
    preset.explain ? el('p', { class: 'explain' }, preset.explain) : '',
    body,
  )
  results.querySelector('.empty')?.remove()
  results.prepend(card)
  return { body, finish: () => card.setAttribute('data-state', 'done') }
}

/** @param {PolicyRefused} answer */
function configError(answer) {
  return el(
    'div',
    { class: 'config-error', 'data-field': 'config-error' },
    el('strong', {}, 'createCors threw CorsConfigError: no request was sent'),
    el('pre', {}, answer.message),
  )
}

/**
 * @param {number} index
 * @param {Step} step
 * @param {string} url
 * @param {BrowserResult} browser
 * @param {ApiRecord[]} records what the API recorded for this step's requests
 */
function stepView(index, step, url, browser, records) {
  const preflight = records.find((record) => record.kind === 'preflight')
  const actual = records.find((record) => record.kind !== 'preflight')
  const deciding = preflight && !preflight.allowed ? preflight : (actual ?? preflight)
  let corsica = 'no request arrived'
  if (deciding !== undefined) corsica = deciding.allowed ? 'allowed' : `refused: ${deciding.reason}`
  const consoleText = browser.outcome === 'blocked' ? predictConsole(url, step, preflight, actual) : ''

  const headerNames = Object.keys(step.headers ?? {})
  const request = el(
    'p',
    { class: 'request' },
    el('code', { class: `method` }, step.method),
    ' ',
    el('code', {}, url.replace(apiOrigin, '')),
    headerNames.length > 0 ? el('span', { class: 'muted' }, ` headers: ${headerNames.join(', ')}`) : '',
    step.credentials === 'include' ? el('span', { class: 'muted' }, " credentials: 'include'") : '',
  )

  const sentHidden =
    actual === undefined
      ? []
      : Object.keys(actual.responseHeaders).filter(
          (name) => !isCorsHeader(name) && !browser.headers?.some(([readable]) => readable === name),
        )
  const browserSide = el(
    'section',
    { class: 'side browser' },
    el('h4', {}, 'Browser'),
    el(
      'p',
      {},
      badge(browser.outcome, browser.outcome === 'allowed' ? 'good' : 'bad', 'browser'),
      ' ',
      el(
        'span',
        { 'data-field': 'status' },
        browser.outcome === 'allowed' ? `status ${browser.status}` : 'the script gets no response',
      ),
    ),
    browser.outcome === 'allowed'
      ? el(
          'div',
          {},
          el('p', { class: 'label' }, 'Headers the script can read'),
          headerTable(browser.headers, 'readable'),
          sentHidden.length > 0
            ? el(
                'p',
                { class: 'hidden-headers', 'data-field': 'hidden' },
                `Sent but hidden from the script: ${sentHidden.join(', ')}`,
              )
            : '',
          el('p', { class: 'label' }, 'Body'),
          el('pre', { class: 'body' }, browser.body),
        )
      : el(
          'div',
          {},
          el('p', { class: 'label' }, 'fetch rejected with'),
          el('pre', { class: 'body' }, browser.error),
          el('p', { class: 'label' }, 'DevTools console says'),
          el('pre', { class: 'console', 'data-field': 'console' }, consoleText),
        ),
  )

  const serverSide = el(
    'section',
    { class: 'side server' },
    el('h4', {}, 'corsica'),
    el(
      'p',
      {},
      badge(corsica, deciding?.allowed ? 'good' : 'bad', 'corsica'),
      ' ',
      el('span', { 'data-field': 'preflight' }, preflight ? 'preflight sent' : 'no preflight'),
    ),
    ...records.map(recordView),
  )

  return el(
    'div',
    { class: 'step', 'data-step': String(index) },
    request,
    el('p', { class: 'verdict', 'data-field': 'verdict' }, verdict(browser, deciding, preflight)),
    el('div', { class: 'sides' }, browserSide, serverSide),
  )
}

/** @param {ApiRecord} record */
function recordView(record) {
  const title =
    record.kind === 'preflight'
      ? `OPTIONS preflight`
      : `${record.method} ${record.kind === 'none' ? 'request without Origin' : 'request'}`
  /** @type {[string, unknown][]} */
  const asked = []
  if (record.kind === 'preflight') {
    asked.push(['access-control-request-method', record.requestMethod])
    if (record.requestHeaders) asked.push(['access-control-request-headers', record.requestHeaders])
  }
  const sent = Object.entries(record.responseHeaders).filter(([name]) => isCorsHeader(name))
  const handler = record.handlerRan
    ? `handler ran${record.cookie ? ', cookie received' : ''}${record.authorization ? ', Authorization received' : ''}`
    : 'handler not run: corsica answered the preflight'
  return el(
    'div',
    { class: `record ${record.allowed ? 'allowed' : 'refused'}`, 'data-kind': record.kind },
    el(
      'p',
      { class: 'record-title' },
      el('strong', {}, title),
      ' ',
      el(
        'span',
        { class: record.allowed ? 'ok-text' : 'bad-text' },
        record.allowed ? 'allowed' : `refused (${record.reason})`,
      ),
    ),
    record.detail ? el('p', { class: 'detail', 'data-field': 'detail' }, `onReject: ${record.detail}`) : '',
    asked.length > 0 ? el('div', {}, el('p', { class: 'label' }, 'Asked'), headerTable(asked)) : '',
    el('p', { class: 'label' }, `Answered ${record.status} with`),
    sent.length > 0 ? headerTable(sent) : el('p', { class: 'muted none' }, 'no CORS headers'),
    el('p', { class: 'handler', 'data-field': 'handler' }, handler),
  )
}

/**
 * @param {BrowserResult} browser
 * @param {ApiRecord | undefined} deciding the record whose decision settled the outcome
 * @param {ApiRecord | undefined} preflight
 */
function verdict(browser, deciding, preflight) {
  if (deciding === undefined) return 'The request never reached the API.'
  if (browser.outcome === 'allowed')
    return preflight
      ? 'Allowed: corsica accepted the preflight, then the request; the page reads the response.'
      : 'Allowed: the page reads the response.'
  if (!deciding.allowed) {
    return deciding.kind === 'preflight'
      ? `Blocked: corsica refused the preflight (${deciding.reason}), so the browser never sent the request itself.`
      : `Blocked: corsica refused the origin, so the response has no CORS headers and the browser hides it.`
  }
  return 'Blocked by the browser although corsica allowed it: see the console message.'
}

/**
 * The message Chromium's console shows for this outcome, derived from what the API answered.
 * @param {string} url
 * @param {Step} step
 * @param {ApiRecord | undefined} preflight
 * @param {ApiRecord | undefined} actual
 */
function predictConsole(url, step, preflight, actual) {
  const prefix = `Access to fetch at '${url}' from origin '${pageOrigin}' has been blocked by CORS policy: `
  const includes = step.credentials === 'include'
  if (preflight && !preflight.allowed) {
    switch (preflight.reason) {
      case 'method':
        return `${prefix}Method ${preflight.requestMethod} is not allowed by Access-Control-Allow-Methods in preflight response.`
      case 'headers':
        return `${prefix}Request header field ${/header "([^"]+)"/.exec(preflight.detail ?? '')?.[1] ?? '…'} is not allowed by Access-Control-Allow-Headers in preflight response.`
      default:
        return `${prefix}Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`
    }
  }
  /** @type {ApiRecord['responseHeaders']} */
  const answer = actual?.responseHeaders ?? {}
  const allowOrigin = answer['access-control-allow-origin']
  if (allowOrigin === undefined)
    return `${prefix}No 'Access-Control-Allow-Origin' header is present on the requested resource.`
  if (allowOrigin === '*' && includes) {
    return `${prefix}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`
  }
  if (includes && answer['access-control-allow-credentials'] !== 'true') {
    return `${prefix}The value of the 'Access-Control-Allow-Credentials' header in the response is '${answer['access-control-allow-credentials'] ?? ''}' which must be 'true' when the request's credentials mode is 'include'.`
  }
  return `${prefix}(see the DevTools console)`
}

// ---- small DOM helpers ----------------------------------------------------------------------

/**
 * `location`'s origin with another port.
 * @param {Location} location
 * @param {number} port
 */
function originOnPort(location, port) {
  const url = new URL(location.origin)
  url.port = String(port)
  return url.origin
}

/** @param {string} name */
function isCorsHeader(name) {
  return name.startsWith('access-control-') || name === 'vary'
}

/**
 * @param {[string, unknown][]} entries header name → value
 * @param {string} [field] the `data-field` the tests read it by
 */
function headerTable(entries, field) {
  if (entries.length === 0) return el('p', { class: 'muted none' }, 'none')
  /** @type {Record<string, string>} */
  const attributes = field ? { class: 'headers', 'data-field': field } : { class: 'headers' }
  return el(
    'table',
    attributes,
    ...entries.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, String(value)))),
  )
}

/**
 * @param {string} text
 * @param {'good' | 'bad'} tone
 * @param {string} field the `data-field` the tests read it by
 */
function badge(text, tone, field) {
  return el('span', { class: `badge ${tone}`, 'data-field': field }, text)
}

/**
 * The non-blank lines of a form value, trimmed.
 * @param {FormDataEntryValue | null} value
 */
function lines(value) {
  return String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

/**
 * A new element with these attributes and children ('' children are left out).
 * @param {string} tag
 * @param {Record<string, string>} attributes
 * @param {...(Node | string)} children
 */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.append(...children.filter((child) => child !== ''))
  return node
}
