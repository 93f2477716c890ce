// What a person does on the playground page, in any engine: each action is a function evaluated in
// the page (engines/index.mjs Tab.evaluate), so one test runs in Chromium, Firefox and WebKit.

/** @typedef {import('../browser/engines/index.mjs').Tab} Tab */

/**
 * @param {Tab} tab
 * @param {string} selector
 */
export async function click(tab, selector) {
  const found = await tab.evaluate((sel) => {
    const element = /** @type {HTMLElement | null} */ (document.querySelector(sel))
    element?.click()
    return element !== null
  }, selector)
  if (!found) throw new Error(`nothing to click at ${selector}`)
}

/**
 * Types a value as a person would: the field's value, then the input and change events.
 * @param {Tab} tab
 * @param {string} selector
 * @param {string} value
 */
export async function fill(tab, selector, value) {
  const found = await tab.evaluate(
    ([sel, text]) => {
      const field = /** @type {HTMLInputElement | null} */ (document.querySelector(/** @type {string} */ (sel)))
      if (field === null) return false
      field.focus()
      field.value = /** @type {string} */ (text)
      field.dispatchEvent(new Event('input', { bubbles: true }))
      field.dispatchEvent(new Event('change', { bubbles: true }))
      return true
    },
    [selector, value],
  )
  if (!found) throw new Error(`no field at ${selector}`)
}

/**
 * Waits until `selector` matches, polling inside the page (bounded by `timeout` ms).
 * @param {Tab} tab
 * @param {string} selector
 * @param {number} [timeout]
 */
export async function waitFor(tab, selector, timeout = 15_000) {
  const found = await tab.evaluate(
    ([sel, ms]) =>
      new Promise((done) => {
        const started = Date.now()
        const poll = () => {
          if (document.querySelector(/** @type {string} */ (sel)) !== null) return done(true)
          if (Date.now() - started > Number(ms)) return done(false)
          setTimeout(poll, 25)
        }
        poll()
      }),
    [selector, timeout],
  )
  if (!found) throw new Error(`${selector} did not appear in ${timeout} ms`)
}

/**
 * @param {Tab} tab
 * @param {string} selector
 */
export function text(tab, selector) {
  return tab.evaluate((sel) => document.querySelector(sel)?.textContent ?? null, selector)
}

/**
 * Records the page's uncaught errors from now on, for `pageErrors`.
 * @param {Tab} tab
 */
export function watchErrors(tab) {
  return tab.evaluate(() => {
    const errors = /** @type {string[]} */ ([])
    Object.assign(window, { corsicaTestErrors: errors })
    window.addEventListener('error', (event) => errors.push(event.message))
    window.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)))
  }, undefined)
}

/**
 * The uncaught errors recorded since `watchErrors`.
 * @param {Tab} tab
 * @returns {Promise<string[]>}
 */
export function pageErrors(tab) {
  return tab.evaluate(
    () => /** @type {string[]} */ (/** @type {{ corsicaTestErrors?: string[] }} */ (window).corsicaTestErrors ?? []),
    undefined,
  )
}
