// WebKit: WebKitGTK's MiniBrowser (Debian's webkit2gtk-driver) through WebKitWebDriver and the
// small W3C WebDriver client in test/support. MiniBrowser needs a display: Xvfb when DISPLAY is
// unset. A WebDriver session is one browser doing one command at a time, so tabs run one after
// another; each tab clears the cookies it set when it closes, and every row's API listens on a
// fresh port, so no preflight cache entry can carry over.
import { existsSync } from 'node:fs'
import { ensureDisplay } from '../../support/display.mjs'
import { MINIBROWSER, WEBKIT_DRIVER, XVFB } from '../../support/system.mjs'
import { executeAsync, newSession, startDriver } from '../../support/webdriver.mjs'

/**
 * @typedef {import('./index.mjs').Engine} Engine
 * @typedef {import('../../support/webdriver.mjs').Session} Session
 */

/** @type {Engine} */
export const webkit = {
  name: 'webkit',
  title: 'WebKit',
  async missing() {
    if (!existsSync(WEBKIT_DRIVER))
      return `no WebKitWebDriver at ${WEBKIT_DRIVER} (apt-get install webkit2gtk-driver, or set WEBKIT_DRIVER)`
    if (!existsSync(MINIBROWSER)) return `no MiniBrowser at ${MINIBROWSER} (apt-get install webkit2gtk-driver)`
    if (!process.env.DISPLAY && !existsSync(XVFB)) return `DISPLAY is unset and there is no Xvfb at ${XVFB}`
    return undefined
  },
  async launch() {
    const display = await ensureDisplay()
    /** @type {Awaited<ReturnType<typeof startDriver>> | undefined} */
    let driver
    try {
      driver = await startDriver(WEBKIT_DRIVER, { ...process.env, DISPLAY: display.display })
      const session = await newSession(driver.url, {
        browserName: 'MiniBrowser',
        acceptInsecureCerts: true, // the HTTP/2 rows' throwaway certificate
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      await session.send('POST', '/timeouts', { script: 60_000, pageLoad: 30_000 })
      const stopped = driver
      return {
        engine: 'webkit',
        version: `WebKitGTK ${session.capabilities.browserVersion} (MiniBrowser)`,
        parallel: 1,
        isolation: 'one WebDriver session, rows one at a time, cookies deleted after each row',
        mobile: false,
        tab: (options = {}) => openTab(session, options),
        async close() {
          await session.end().catch(() => {})
          await stopped.stop()
          await display.stop()
        },
      }
    } catch (error) {
      await driver?.stop()
      await display.stop()
      throw error
    }
  },
}

/**
 * @param {Session} session
 * @param {import('./index.mjs').TabOptions} options
 * @returns {Promise<import('./index.mjs').Tab>}
 */
async function openTab(session, options) {
  if (options.viewport) await session.send('POST', '/window/rect', options.viewport)
  /** @type {string | undefined} */
  let cookieUrl
  const open = async (/** @type {string} */ url) => void (await session.send('POST', '/url', { url }))
  return {
    consoleErrors: undefined, // WebDriver classic has no console log
    screenshot: undefined,
    open,
    evaluate(fn, arg, frame) {
      if (frame === undefined) return executeAsync(session, fn, arg)
      const back = () => session.send('POST', '/frame/parent', {})
      return session.send('POST', '/frame', { id: 0 }).then(() => executeAsync(session, fn, arg).finally(back))
    },
    async setCookie(cookie, url) {
      // WebDriver sets cookies for the current document's host only: go there first.
      await open(url)
      cookieUrl = url
      await session.send('POST', '/cookie', { cookie })
    },
    async close() {
      if (cookieUrl !== undefined) {
        await open(cookieUrl)
        await session.send('DELETE', '/cookie')
      }
      await open('about:blank')
    },
  }
}
