// node:http: a listener on Node's own IncomingMessage/ServerResponse, with no socket.
// corsica/node against `cors` (called as a plain middleware) and the floor.
import corsPackage from 'cors'
import { answerOf, listenerCaller, nodeEngineCaller } from '../lib/node-objects.mjs'
import { floorFor, POLICY } from '../lib/policy.mjs'

/**
 * The app: "ok" to GET, 204 with no body to OPTIONS.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function reply(req, res) {
  if (req.method === 'OPTIONS') {
    res.statusCode = 204
    res.end()
    return
  }
  res.setHeader('content-type', 'text/plain')
  res.end('ok')
}

/**
 * The floor on Node's objects: the headers read from req.headers, the precomputed ones set.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @returns {boolean} true when it answered a preflight
 */
export function nodeFloor(req, res) {
  const headers = req.headers
  const answer = floorFor(req.method ?? 'GET', (name) => /** @type {string | undefined} */ (headers[name]))
  for (const [name, value] of answer.headers) res.setHeader(name, value)
  if (!answer.preflight) return false
  res.statusCode = 204
  res.end()
  return true
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {import('../lib/framework-group.mjs').Framework}
 */
export function nodeFramework(corsica) {
  const handleCors = corsica.node.cors(POLICY)
  const middleware = corsPackage(POLICY)
  const policy = corsica.core.createCors(POLICY)
  return {
    id: 'node',
    title: "node:http listener on Node's own IncomingMessage/ServerResponse (no socket)",
    adapter: 'corsica/node',
    peer: 'cors',
    variants: {
      bare: listenerCaller(reply),
      corsica: listenerCaller((req, res) => handleCors(req, res) || reply(req, res)),
      peer: listenerCaller((req, res) => middleware(req, res, () => reply(req, res))),
      floor: listenerCaller((req, res) => nodeFloor(req, res) || reply(req, res)),
    },
    answer: answerOf,
    engine: nodeEngineCaller((req) => policy.check(corsica.node.readNodeRequest(req))),
    note: "Every call builds a new request from raw header lines (as the parser does; req.headers is built on first read) and a new response, runs the listener, serialises the head and queues the body. The bare app answers OPTIONS with an empty 204 itself, so a preflight's added time is the CORS work alone.",
  }
}
