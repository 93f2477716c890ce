// A Tab over a page of playwright-core (Chromium) or puppeteer-core (Firefox): both name the
// operations a tab needs alike (console events, goto, evaluate in the page or its iframe,
// screenshot), so one wrapper serves both; how cookies are set and a tab is closed is theirs.

/**
 * @typedef {import('./index.mjs').Tab} Tab
 * @typedef {import('./index.mjs').LooseEvaluate} LooseEvaluate
 * @typedef {{ evaluate: Function }} Frame
 * The parts of a playwright or puppeteer Page the wrapper uses.
 * @typedef {object} AutomationPage
 * @property {(event: 'console', listener: (message: { type(): string, text(): string }) => void) => unknown} on
 * @property {(url: string) => Promise<unknown>} goto
 * @property {Function} evaluate
 * @property {() => Frame[]} frames
 * @property {() => Frame} mainFrame
 * @property {(options: { path: string, fullPage: boolean }) => Promise<unknown>} screenshot
 */

/**
 * @param {AutomationPage} page
 * @param {Pick<Tab, 'setCookie' | 'close'>} own
 * @returns {Tab}
 */
export function pageTab(page, own) {
  /** @type {string[]} */
  const consoleErrors = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  return {
    consoleErrors,
    open: async (url) => void (await page.goto(url)),
    async evaluate(fn, arg, frame) {
      if (frame === undefined) return /** @type {LooseEvaluate} */ (page.evaluate.bind(page))(fn, arg)
      // goto() waited for the load event, which waits for the iframe.
      const child = page.frames().find((f) => f !== page.mainFrame())
      if (child === undefined) throw new Error('the page has no iframe')
      return /** @type {LooseEvaluate} */ (child.evaluate.bind(child))(fn, arg)
    },
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    ...own,
  }
}
