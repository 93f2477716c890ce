// Chromium (Debian's chromium package) through playwright-core: one browser, a fresh browser
// context per tab, so cookies and the preflight cache never carry over between tabs.
import { existsSync } from 'node:fs'
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/system.mjs'
import { pageTab } from './page-tab.mjs'

/**
 * @typedef {import('./index.mjs').Engine} Engine
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
        return pageTab(page, {
          setCookie: (cookie) => context.addCookies([cookie]),
          close: () => context.close(),
        })
      },
      close: () => browser.close(),
    }
  },
}
