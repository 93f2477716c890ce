// Node's own IncomingMessage and ServerResponse with no socket, for handlers timed in process:
// the request's headers arrive as the parser leaves them (raw lines, built into req.headers on
// first read), and the response serialises its head and queues its body, sending nothing.
import http from 'node:http'
import { SPECS } from './policy.mjs'

/** IncomingMessage takes null for its socket. */
const NO_SOCKET = /** @type {import('node:net').Socket} */ (/** @type {unknown} */ (null))
/** @typedef {http.IncomingMessage & { _addHeaderLines(lines: string[], count: number): void }} ParsedRequest */
/** @typedef {import('./policy.mjs').Spec} Spec */

/**
 * A request as node:http's parser makes it: `_addHeaderLines` is what the parser calls (internal,
 * stable since Node 15).
 * @param {Spec} spec
 * @param {string[]} [raw] the spec's header lines, flattened once by the caller
 */
export function incoming(spec, raw = rawLines(spec)) {
  const req = /** @type {ParsedRequest} */ (new http.IncomingMessage(NO_SOCKET))
  req.method = spec.method
  req.url = '/'
  req.httpVersionMajor = 1
  req.httpVersionMinor = 1
  req.httpVersion = '1.1'
  req._addHeaderLines(raw, raw.length)
  return req
}

/** @param {Spec} spec */
export function rawLines(spec) {
  return Object.entries(spec.headers).flat()
}

/** A ServerResponse that says when it is ended: frameworks end it from a callback or a promise. */
export class BenchResponse extends http.ServerResponse {
  /** @type {(() => void) | undefined} */
  onEnd = undefined
  /**
   * @override
   * @param {any[]} args
   */
  end(...args) {
    super.end(...args)
    this.onEnd?.()
    return this
  }
}

/**
 * A listener (node:http, Express, Fastify's routing, Koa's callback) on a new request and
 * response; resolves once the response is ended (at once when the listener ended it).
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => unknown} Listener
 * @param {Listener} listener
 * @param {Spec} spec
 * @param {string[]} raw
 * @returns {BenchResponse | Promise<BenchResponse>}
 */
export function serve(listener, spec, raw) {
  const req = incoming(spec, raw)
  const res = new BenchResponse(req)
  const returned = listener(req, res)
  if (res.writableEnded) return res
  return new Promise((resolve, reject) => {
    res.onEnd = () => resolve(res)
    if (returned instanceof Promise) returned.then(() => res.writableEnded && resolve(res), reject)
  })
}

/**
 * The status and headers a response serialised (lowercase names): read from the head itself,
 * since a framework may pass its headers to writeHead without storing them.
 * @param {http.ServerResponse} res
 * @returns {{ status: number, headers: Record<string, string> }}
 */
export function answerOf(res) {
  const head = /** @type {{ _header?: string | null }} */ (/** @type {unknown} */ (res))._header ?? ''
  const [statusLine = '', ...lines] = head.split('\r\n')
  /** @type {Record<string, string>} */
  const headers = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { status: Number(statusLine.split(' ')[1]), headers }
}

/**
 * A framework group's caller for a Node listener: a new request and response per call.
 * @param {Listener} listener
 * @returns {import('./framework-group.mjs').Caller}
 */
export function listenerCaller(listener) {
  return (kind) => {
    const spec = SPECS[kind]
    const raw = rawLines(spec)
    return () => serve(listener, spec, raw)
  }
}

/**
 * The engine's part alone, for the table: reading a request (headers already parsed) + check().
 * @param {(req: http.IncomingMessage) => unknown} check
 * @returns {import('./framework-group.mjs').Caller}
 */
export function nodeEngineCaller(check) {
  return (kind) => {
    const req = incoming(SPECS[kind])
    if (req.headers === undefined) throw new Error('no headers')
    return () => check(req)
  }
}
