// Chromium (Debian's chromium package) through playwright-core: one browser, a fresh browser
// context per tab, so cookies and the preflight cache never carry over between tabs.
import { existsSync } from 'node:fs'
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/system.mjs'

/**
 * @typedef {import('./index.mjs').Engine} Engine
 * @typedef {import('./index.mjs').LooseEvaluate} LooseEvaluate
 */

/** @type {Engine} */
export const chromium = {
  name: 'chromium',
  title: 'Chromium',
  async missing() {
    if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`
    return import('playwright-core').then(
      () => undefined,
      () => 'playwright-core is not installed (npm install)',
    )
  },
  async launch() {
    const { chromium: type } = await import('playwright-core')
    const browser = await type.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    return {
      engine: 'chromium',
      version: `Chromium ${browser.version()}`,
      parallel: 3,
      isolation: 'a fresh browser context per row',
      mobile: true,
      async tab(options = {}) {
        const context = await browser.newContext({
          ignoreHTTPSErrors: true,
          viewport: options.viewport,
          ...(options.mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { deviceScaleFactor: 1 }),
        })
        const page = await context.newPage()
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
          setCookie: (cookie) => context.addCookies([cookie]),
          screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
          close: () => context.close(),
        }
      },
      close: () => browser.close(),
    }
  },
}
