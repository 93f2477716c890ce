// What the browser, playground and cache suites share about the system pieces they need: where
// the browsers are, how Chromium is launched here, and what to do when a piece is missing.

/** Debian's Chromium unless CHROMIUM names another binary. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'

/** Headless, no sandbox (root), and no background networking: this machine has no internet. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Ends a suite whose system piece is missing: a failure when `requireVariable` is `1` (CI),
 * otherwise a skip with the reason printed (a laptop without the piece).
 * @param {string} suite
 * @param {string} requireVariable
 * @param {string} reason
 * @returns {never}
 */
export function skipOrFail(suite, requireVariable, reason) {
  if (process.env[requireVariable] === '1') {
    console.error(`${suite} FAILED: ${reason} (${requireVariable}=1)`)
    process.exit(1)
  }
  console.log(`${suite} skipped: ${reason}. Set ${requireVariable}=1 to make this a failure.`)
  process.exit(0)
}

/** Debian's Firefox ESR (firefox-esr), driven over WebDriver BiDi by puppeteer-core. */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr'

/** WebKitGTK's WebDriver (webkit2gtk-driver), and the MiniBrowser it drives. */
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver'
export const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'

/** The virtual display MiniBrowser needs when DISPLAY is unset (xvfb). */
export const XVFB = process.env.XVFB ?? '/usr/bin/Xvfb'
