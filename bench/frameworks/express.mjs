// Express 5: the app as node:http's request listener, on Node's own objects with no socket.
import corsPackage from 'cors'
import express from 'express'
import { answerOf, listenerCaller, nodeEngineCaller } from '../lib/node-objects.mjs'
import { POLICY } from '../lib/policy.mjs'
import { nodeFloor } from './node.mjs'

/**
 * @param {import('express').RequestHandler | undefined} middleware
 */
function app(middleware) {
  const server = express()
  server.disable('x-powered-by')
  server.disable('etag')
  if (middleware) server.use(middleware)
  server.get('/', (_req, res) => {
    res.type('text/plain').send('ok')
  })
  server.options('/', (_req, res) => {
    res.status(204).end()
  })
  return /** @type {import('../lib/node-objects.mjs').Listener} */ (/** @type {unknown} */ (server))
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {import('../lib/framework-group.mjs').Framework}
 */
export function expressFramework(corsica) {
  const policy = corsica.core.createCors(POLICY)
  /** @type {import('express').RequestHandler} */
  const floor = (req, res, next) => {
    if (!nodeFloor(req, res)) next()
    return undefined
  }
  return {
    id: 'express-app',
    title: "Express 5 app on Node's own IncomingMessage/ServerResponse (no socket)",
    adapter: 'corsica/express',
    peer: 'cors',
    variants: {
      bare: listenerCaller(app(undefined)),
      corsica: listenerCaller(app(/** @type {import('express').RequestHandler} */ (corsica.express.cors(POLICY)))),
      peer: listenerCaller(app(corsPackage(POLICY))),
      floor: listenerCaller(app(floor)),
    },
    answer: answerOf,
    engine: nodeEngineCaller((req) => policy.check(corsica.node.readNodeRequest(req))),
  }
}
