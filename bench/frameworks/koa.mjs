// Koa 3: app.callback() on Node's own IncomingMessage/ServerResponse, with no socket.
import { createRequire } from 'node:module'
import Koa from 'koa'
import { answerOf, listenerCaller, nodeEngineCaller } from '../lib/node-objects.mjs'
import { floorFor, KOA_POLICY, POLICY } from '../lib/policy.mjs'

/** @typedef {import('koa').Middleware} Middleware */

/** `@koa/cors` ships no types: its one export, as the group calls it. */
const koaCors = /** @type {(options: object) => Middleware} */ (createRequire(import.meta.url)('@koa/cors'))

/** The app: "ok" to GET, an empty 204 to OPTIONS. @type {Middleware} */
function reply(ctx) {
  if (ctx.method === 'OPTIONS') {
    ctx.status = 204
    return
  }
  ctx.type = 'text/plain'
  ctx.body = 'ok'
}

/**
 * The floor: the headers read from ctx.req.headers and set on ctx.res, a preflight answered the
 * way the app answers OPTIONS (Koa ends the response, as it does for the bare app).
 * @type {Middleware}
 */
function floor(ctx, next) {
  const headers = ctx.req.headers
  const answer = floorFor(ctx.method, (name) => /** @type {string | undefined} */ (headers[name]))
  for (const [name, value] of answer.headers) ctx.res.setHeader(name, value)
  if (!answer.preflight) return next()
  ctx.status = 204
  return undefined
}

/**
 * The app in one variant, as node:http's request listener (bench/http-server.mjs serves it too).
 * @param {import('../lib/framework-group.mjs').Variant} variant
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 */
export function koaApp(variant, corsica) {
  const server = new Koa()
  if (variant === 'corsica') server.use(/** @type {Middleware} */ (corsica.koa.cors(POLICY)))
  if (variant === 'peer') server.use(koaCors(KOA_POLICY))
  if (variant === 'floor') server.use(floor)
  server.use(reply)
  return server.callback()
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {import('../lib/framework-group.mjs').Framework}
 */
export function koaFramework(corsica) {
  const policy = corsica.core.createCors(POLICY)
  return {
    id: 'koa',
    title: "Koa 3, app.callback() on Node's own IncomingMessage/ServerResponse (no socket)",
    adapter: 'corsica/koa',
    peer: '@koa/cors',
    variants: {
      bare: listenerCaller(koaApp('bare', corsica)),
      corsica: listenerCaller(koaApp('corsica', corsica)),
      peer: listenerCaller(koaApp('peer', corsica)),
      floor: listenerCaller(koaApp('floor', corsica)),
    },
    answer: answerOf,
    engine: nodeEngineCaller((req) => policy.check(corsica.node.readNodeRequest(req))),
    note: '`@koa/cors` takes an allow-list as a function of the context (returning "" for an origin not listed).',
  }
}
