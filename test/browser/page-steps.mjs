// What runs inside the page: a scenario's fetches, in order, and how their outcome is written.
// runSteps travels to the browser as source text (every engine driver serializes it), so it uses
// nothing but the page's globals.

/**
 * A step as the page runs it: its path resolved to `url` (every step but a pause has one).
 * @typedef {Omit<import('./scenarios.mjs').Step, 'path'> & { url?: string }} PageStep
 * What the page saw of one fetch: the headers of `read` it could read (null: hidden), or the error.
 * @typedef {{ readable: true, status: number, headers: Record<string, string | null> }
 *   | { readable: false, error: string }} StepResult
 */

/**
 * Runs in the page (or the sandboxed iframe): the scenario's fetches, in order.
 * @param {PageStep[]} steps
 */
export async function runSteps(steps) {
  /** @type {StepResult[]} */
  const results = []
  for (const step of steps) {
    if (step.wait !== undefined) {
      await new Promise((done) => setTimeout(done, step.wait))
      continue
    }
    /** @type {RequestInit & { headers: Record<string, string>, duplex?: 'half' }} */
    const init = {
      method: step.method ?? 'GET',
      headers: { ...step.headers },
      credentials: step.credentials ?? 'same-origin',
    }
    if (step.body === 'text') init.body = 'hello'
    if (step.body === 'json') {
      init.body = '{"a":1}'
      init.headers['content-type'] = 'application/json'
    }
    if (step.body === 'stream') {
      init.body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('hello'))
          controller.close()
        },
      })
      init.duplex = 'half'
    }
    try {
      const response = await fetch(/** @type {string} */ (step.url), init)
      /** @type {Record<string, string | null>} */
      const headers = {}
      for (const name of step.read ?? []) headers[name] = response.headers.get(name)
      await response.text()
      results.push({ readable: true, status: response.status, headers })
    } catch (error) {
      const { name, message } = /** @type {Error} */ (error) // fetch rejects with a TypeError
      results.push({ readable: false, error: `${name}: ${message}` })
    }
  }
  return results
}

/**
 * One step's outcome as the tables write it: `blocked`, or `readable[ status][; header=value|hidden]`.
 * @param {StepResult} result
 */
export function describe(result) {
  if (!result.readable) return 'blocked'
  let text = result.status === 200 ? 'readable' : `readable ${result.status}`
  for (const [name, value] of Object.entries(result.headers)) text += `; ${name}=${value ?? 'hidden'}`
  return text
}
