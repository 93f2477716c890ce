// The browser model (corsica/model) against the real engines: once a row's page is done and the
// servers' counts are read, the same steps go through the model's simulate() against the same
// API servers, and what the model says this engine shows must be what the engine showed.
import http from 'node:http'
import http2 from 'node:http2'
import { describe } from './page-steps.mjs'

/**
 * @typedef {typeof import('corsica/model')} Model
 * @typedef {import('corsica/model').PageRequest} PageRequest
 * @typedef {import('corsica/model').WireRequest} WireRequest
 * @typedef {import('corsica/model').WireResponse} WireResponse
 * @typedef {import('corsica/model').Simulation} Simulation
 * @typedef {import('./page-steps.mjs').PageStep} PageStep
 * @typedef {import('./page-steps.mjs').StepResult} StepResult
 * @typedef {import('./engines/index.mjs').EngineName} EngineName
 */

/** The bodies runSteps sends, by step body kind, and what fetch() makes of each. */
const BODIES = { text: 'hello', json: '{"a":1}', stream: 'hello' }
/** @type {Record<keyof BODIES, 'text' | 'stream'>} */
const BODY_KINDS = { text: 'text', json: 'text', stream: 'stream' }

/**
 * One step as the model's page request: what runSteps asks fetch() for.
 * @param {PageStep} step
 * @param {string} origin the page's origin ('null' in the sandboxed frame)
 * @returns {PageRequest}
 */
export function pageRequest(step, origin) {
  /** @type {[string, string][]} */
  const headers = Object.entries(step.headers ?? {})
  if (step.body === 'json') headers.push(['content-type', 'application/json'])
  return {
    url: /** @type {string} */ (step.url),
    origin,
    method: step.method ?? 'GET',
    headers,
    credentials: step.credentials ?? 'same-origin',
    body: step.body === undefined ? 'none' : BODY_KINDS[step.body],
  }
}

/**
 * Sends a wire request to a loopback server and returns its raw answer; never follows redirects.
 * HTTP/1.1 for http: URLs; HTTP/2 for https: (the suite's TLS servers, with a certificate made for
 * the run), as the browsers speak to them, and since Node's HTTP/1.1 client upper-cases methods.
 * @param {WireRequest} request
 * @param {string} [body]
 * @returns {Promise<WireResponse>}
 */
export function send(request, body) {
  return new URL(request.url).protocol === 'https:' ? sendHttp2(request, body) : sendHttp1(request, body)
}

/**
 * @param {WireRequest} request
 * @param {string} [body]
 * @returns {Promise<WireResponse>}
 */
function sendHttp1(request, body) {
  const url = new URL(request.url)
  // Raw header lines as the model wrote them; Node adds no Host to a raw list, browsers do.
  const headers = ['host', url.host, ...request.headers.flat()]
  if (body !== undefined) headers.push('content-length', String(Buffer.byteLength(body)))
  return new Promise((done, fail) => {
    const outgoing = http.request(url, { method: request.method, headers, agent: false }, (response) => {
      response.resume()
      /** @type {[string, string][]} */
      const lines = []
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        lines.push([response.rawHeaders[i] ?? '', response.rawHeaders[i + 1] ?? ''])
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: lines }))
    })
    outgoing.on('error', fail)
    outgoing.end(body)
  })
}

/**
 * @param {WireRequest} request
 * @param {string} [body]
 * @returns {Promise<WireResponse>}
 */
function sendHttp2(request, body) {
  const url = new URL(request.url)
  return new Promise((done, fail) => {
    const session = http2.connect(url.origin, { rejectUnauthorized: false })
    session.on('error', fail)
    /** @type {http2.OutgoingHttpHeaders} */
    const headers = { ':method': request.method, ':path': `${url.pathname}${url.search}` }
    for (const [name, value] of request.headers) {
      const lower = name.toLowerCase()
      const had = headers[lower]
      headers[lower] = had === undefined ? value : [...[had].flat().map(String), value]
    }
    const stream = session.request(headers, { endStream: body === undefined })
    stream.on('error', fail)
    stream.on('response', (answer) => {
      /** @type {[string, string][]} */
      const lines = []
      for (const [name, value] of Object.entries(answer)) {
        if (name.startsWith(':') || value === undefined) continue
        for (const item of [value].flat()) lines.push([name, String(item)])
      }
      stream.resume()
      stream.on('end', () => {
        session.close()
        done({ status: Number(answer[':status']), headers: lines })
      })
    })
    if (body !== undefined) stream.end(body)
  })
}

/**
 * What the page would have read, as page-steps.mjs describes a result.
 * @param {Simulation} simulation
 * @param {EngineName} engine
 * @param {string[]} read the response headers the step reads
 * @returns {StepResult}
 */
function resultOf(simulation, engine, read) {
  const outcome = simulation.engines[engine]
  if (outcome.verdict === 'blocked') return { readable: false, error: outcome.problem?.code ?? 'blocked' }
  const last = simulation.steps.filter((step) => step.kind === 'actual' && step.sentBy.includes(engine)).at(-1)
  const lines = last?.response?.headers ?? []
  /** @type {Record<string, string | null>} */
  const headers = {}
  for (const name of read) {
    const values = lines.filter(([line]) => line.toLowerCase() === name).map(([, value]) => value)
    headers[name] = outcome.readable?.includes(name) && values.length > 0 ? values.join(', ') : null
  }
  return { readable: true, status: outcome.status ?? 0, headers }
}

/**
 * The model's run of a row's steps for one engine: the outcomes as the tables write them, and the
 * preflights it sent. Pauses advance the model's clock (its preflight cache) without waiting.
 * @param {Model} model
 * @param {PageStep[]} steps
 * @param {string} origin
 * @param {EngineName} engine
 */
export async function predict(model, steps, origin, engine) {
  let clock = 0
  const cache = new model.PreflightCache()
  /** @type {string[]} */
  const outcomes = []
  let preflights = 0
  for (const step of steps) {
    if (step.wait !== undefined) {
      clock += step.wait
      continue
    }
    const body = step.body === undefined ? undefined : BODIES[step.body]
    // A preflight, or a request a 303 turned into a GET, has no body.
    const sender = (/** @type {WireRequest} */ wire) => send(wire, wire.body === undefined ? undefined : body)
    const simulation = await model.simulate(pageRequest(step, origin), sender, {
      cache,
      now: () => clock,
    })
    preflights += simulation.engines[engine].preflights
    outcomes.push(describe(resultOf(simulation, engine, step.read ?? [])))
  }
  return { outcome: [...new Set(outcomes)].join(' / '), preflights }
}
