// A display for a browser that needs one (WebKitGTK's MiniBrowser): $DISPLAY when it is set,
// otherwise a private Xvfb that picks its own free display number, stopped by `stop()`.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { XVFB } from './system.mjs'

/**
 * @typedef {{ display: string, stop: () => Promise<void> }} Display
 */

/** @returns {Promise<Display>} */
export async function ensureDisplay() {
  const current = process.env.DISPLAY
  if (current) return { display: current, stop: async () => {} }
  if (!existsSync(XVFB)) throw new Error(`DISPLAY is unset and there is no Xvfb at ${XVFB} (apt-get install xvfb)`)
  // -displayfd: Xvfb chooses an unused display and writes its number, so parallel runs never collide.
  const child = spawn(XVFB, ['-displayfd', '1', '-screen', '0', '1366x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise((done) => child.once('exit', done))
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  const number = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Xvfb printed no display in 10 s: ${stderr}`)), 10_000)
    child.stdout.setEncoding('utf8').once('data', (chunk) => {
      clearTimeout(timer)
      done(String(chunk).trim())
    })
    child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${stderr}`)))
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    await exited
  }
  return { display: `:${number}`, stop }
}
