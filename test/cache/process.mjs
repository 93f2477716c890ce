// What the cache suites share about their child processes and requests: one request with an
// Origin (or none) and what came back, a bounded wait for a server to answer, and a clean stop.
import http from 'node:http'

/**
 * Where a cache listens: a Unix socket (nginx) or a loopback port (Varnish).
 * @typedef {{ socketPath: string } | { host: string, port: number }} Address
 * @typedef {{ status: number | undefined, acao: string | undefined, vary: string | undefined,
 *   cache: string | string[] | undefined }} Answer
 */

/**
 * @param {Address} address
 * @param {string} path
 * @param {string | undefined} origin
 * @returns {Promise<Answer>}
 */
export function request(address, path, origin) {
  return new Promise((done, fail) => {
    const headers = origin === undefined ? {} : { origin }
    const req = http.request({ ...address, path, headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () =>
        done({
          status: res.statusCode,
          acao: res.headers['access-control-allow-origin'],
          vary: res.headers.vary,
          cache: res.headers['x-cache-status'],
        }),
      )
    })
    req.on('error', fail)
    req.end()
  })
}

/**
 * Waits (bounded: 5 s) until `address` answers a request, or the child has exited.
 * @param {import('node:child_process').ChildProcess} child
 * @param {() => Address | undefined} address undefined while not known yet
 */
export async function waitUntilAnswering(child, address) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) return false
    const where = address()
    if (where !== undefined) {
      const answered = await request(where, '/', undefined).then(
        () => true,
        () => false,
      )
      if (answered) return true
    }
    await new Promise((done) => setTimeout(done, 50))
  }
  return false
}

/**
 * A stop function for a child: `signal`, then SIGKILL after 5 s.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} signal
 */
export function stopper(child, signal) {
  const exited = new Promise((done) => child.once('exit', done))
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill(signal)
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

/**
 * What a command prints to stderr and stdout, for version strings.
 * @param {string} binary
 * @param {string[]} args
 * @returns {Promise<string>}
 */
export async function output(binary, args) {
  const { spawn } = await import('node:child_process')
  return new Promise((done) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('close', () => done(text.trim())) // 'close', not 'exit': the output is all read by then
    child.on('error', () => done(''))
  })
}
