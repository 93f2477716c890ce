// A small W3C WebDriver client over fetch: enough to drive WebKitGTK's MiniBrowser through
// WebKitWebDriver (start the driver, one session, send commands). Fewer dependencies than a
// full client, and every command it sends is visible here.
import { spawn } from 'node:child_process'
import net from 'node:net'

/**
 * @typedef {(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<any>} Send
 * @typedef {{ id: string, capabilities: Record<string, unknown>, send: Send, end: () => Promise<void> }} Session
 */

/** A free loopback port (the driver takes its port on the command line). */
function freePort() {
  return new Promise((done, fail) => {
    const server = net.createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address())
      server.close(() => done(port))
    })
  })
}

/**
 * Starts a WebDriver server binary on a free port and waits until /status says it is ready.
 * @param {string} binary
 * @param {NodeJS.ProcessEnv} env
 */
export async function startDriver(binary, env) {
  const port = await freePort()
  const child = spawn(binary, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk))
  const exited = new Promise((done) => child.once('exit', done))
  const url = `http://127.0.0.1:${port}`
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break
    const ready = await fetch(`${url}/status`)
      .then((response) => response.json())
      .then((status) => status.value?.ready === true)
      .catch(() => false)
    if (ready) break
    await new Promise((done) => setTimeout(done, 100))
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    await exited
  }
  if (child.exitCode !== null) throw new Error(`${binary} exited (${child.exitCode}): ${stderr}`)
  return { url, stop }
}

/**
 * Sends one command; a WebDriver error (any non-2xx answer) becomes a thrown Error.
 * @param {string} url
 * @param {'GET' | 'POST' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 */
async function command(url, method, path, body) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
  })
  const answer = await response.json()
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${answer.value?.error}: ${answer.value?.message}`)
  return answer.value
}

/**
 * Opens a session with these capabilities (alwaysMatch).
 * @param {string} url the driver's
 * @param {Record<string, unknown>} capabilities
 * @returns {Promise<Session>}
 */
export async function newSession(url, capabilities) {
  const created = await command(url, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } })
  const id = created.sessionId
  /** @type {Send} */
  const send = (method, path, body) => command(url, method, `/session/${id}${path}`, body)
  return { id, capabilities: created.capabilities, send, end: () => send('DELETE', '').then(() => {}) }
}

/**
 * Runs `fn(arg)` in the current browsing context and resolves to its (awaited) result. The
 * function's source is sent as text, so it must not close over anything.
 * @template A, R
 * @param {Session} session
 * @param {(arg: A) => R | Promise<R>} fn
 * @param {A} arg
 * @returns {Promise<Awaited<R>>}
 */
export async function executeAsync(session, fn, arg) {
  // A rejection is passed back as a value: WebDriver would otherwise report only "javascript error".
  const script = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
  .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`
  const result = await session.send('POST', '/execute/async', { script, args: [arg] })
  if (result?.error !== undefined) throw new Error(result.error)
  return result?.value
}
