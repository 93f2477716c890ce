// Firefox ESR (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi: one browser, a
// fresh browser context (a BiDi user context: its own cookie jar and caches) per tab.
import { existsSync } from 'node:fs'
import { FIREFOX } from '../../support/system.mjs'
import { pageTab } from './page-tab.mjs'

/**
 * @typedef {import('./index.mjs').Engine} Engine
 */

/** @type {Engine} */
export const firefox = {
  name: 'firefox',
  title: 'Firefox',
  async missing() {
    if (!existsSync(FIREFOX)) return `no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX)`
    return import('puppeteer-core').then(
      () => undefined,
      () => 'puppeteer-core is not installed (npm install)',
    )
  },
  async launch() {
    const { default: puppeteer } = await import('puppeteer-core')
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true, // the HTTP/2 rows' throwaway certificate
      // No background traffic: this machine has no internet, and a stray request only slows the run.
      extraPrefsFirefox: { 'network.captive-portal-service.enabled': false, 'app.update.enabled': false },
    })
    const version = await browser.version()
    // Creating a context while another closes can fail in Firefox's BiDi ("BrowsingContext does no
    // longer exist"): tabs are opened and closed one at a time, and only the rows run in parallel.
    let queue = Promise.resolve()
    const serial = (/** @type {() => Promise<any>} */ task) => {
      const run = queue.then(task)
      queue = run.then(
        () => {},
        () => {},
      )
      return run
    }
    return {
      engine: 'firefox',
      version: `Firefox ${version.replace(/^firefox\//i, '')}`,
      parallel: 3,
      isolation: 'a fresh browser context (BiDi user context) per row',
      mobile: false,
      async tab(options = {}) {
        /** @type {{ context: import('puppeteer-core').BrowserContext, page: import('puppeteer-core').Page }} */
        const { context, page } = await serial(async () => {
          const context = await browser.createBrowserContext()
          return { context, page: await context.newPage() }
        })
        if (options.viewport) await page.setViewport(options.viewport)
        return pageTab(page, {
          setCookie: (cookie) => context.setCookie(cookie),
          close: () => serial(() => context.close()),
        })
      },
      close: () => browser.close(),
    }
  },
}
