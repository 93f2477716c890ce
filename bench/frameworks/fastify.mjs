// Fastify 5, two ways: fastify.inject() (light-my-request's request and response), and
// fastify.routing (the server's request listener) on Node's own objects with no socket.
import fastifyCors from '@fastify/cors'
import Fastify from 'fastify'
import { answerOf, listenerCaller, nodeEngineCaller } from '../lib/node-objects.mjs'
import { floorFor, POLICY, SPECS } from '../lib/policy.mjs'

/** @typedef {import('fastify').FastifyInstance} App */
/** @typedef {import('../lib/framework-group.mjs').Variant} Variant */
/** @typedef {Variant | 'floorWithReads'} AppVariant */

/** @type {import('fastify').onRequestHookHandler} */
export function fastifyFloor(request, reply, done) {
  const headers = request.headers
  const answer = floorFor(request.method, (name) => /** @type {string | undefined} */ (headers[name]))
  for (const [name, value] of answer.headers) reply.header(name, value)
  if (answer.preflight) reply.code(204).send()
  else done()
}

/**
 * The floor, plus the read of Fastify's public API that corsica/fastify makes and the floor
 * skips: the reply's headers (two object spreads), to remove CORS headers an earlier layer set
 * and merge Vary. (A route's config, `request.routeOptions`, is read only once a route has
 * `config.cors`; no route of these apps has one.)
 * @type {import('fastify').onRequestHookHandler}
 */
export function fastifyFloorWithReads(request, reply, done) {
  // A call V8 does not drop. What corsica then does with the names is its own work.
  void Object.keys(reply.getHeaders())
  fastifyFloor.call(this, request, reply, done)
}

/**
 * The app in one variant, ready: "ok" to GET /, an empty 204 to OPTIONS / (bench/http-server.mjs
 * serves it too).
 * @param {AppVariant} variant
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 */
export async function fastifyApp(variant, corsica) {
  const server = Fastify()
  if (variant === 'corsica') await server.register(corsica.fastify.default, POLICY)
  if (variant === 'peer') await server.register(fastifyCors, POLICY)
  if (variant === 'floor') server.addHook('onRequest', fastifyFloor)
  if (variant === 'floorWithReads') server.addHook('onRequest', fastifyFloorWithReads)
  server.get('/', (_request, reply) => {
    reply.type('text/plain').send('ok')
  })
  server.options('/', (_request, reply) => {
    reply.code(204).send()
  })
  await server.ready()
  return server
}

/** @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica */
async function apps(corsica) {
  const variants = /** @type {AppVariant[]} */ (['bare', 'corsica', 'peer', 'floor', 'floorWithReads'])
  const built = await Promise.all(variants.map((variant) => fastifyApp(variant, corsica)))
  return /** @type {Record<AppVariant, App>} */ (Object.fromEntries(variants.map((variant, i) => [variant, built[i]])))
}

/**
 * @param {Record<AppVariant, App>} servers
 * @param {(server: App) => import('../lib/framework-group.mjs').Caller} caller
 */
const each = (servers, caller) => ({
  bare: caller(servers.bare),
  corsica: caller(servers.corsica),
  peer: caller(servers.peer),
  floor: caller(servers.floor),
})

/** @param {App} server @returns {import('../lib/framework-group.mjs').Caller} */
const injectCaller = (server) => (kind) => {
  const { method, headers } = SPECS[kind]
  const options = { method: /** @type {'GET' | 'OPTIONS'} */ (method), url: '/', headers }
  return () => server.inject(options)
}

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {Promise<import('../lib/framework-group.mjs').Framework[]>} inject(), then the listener
 */
export async function fastifyFrameworks(corsica) {
  const servers = await apps(corsica)
  const policy = corsica.core.createCors(POLICY)
  const reads = 'floor + reply.getHeaders()'
  const common = { adapter: 'corsica/fastify', peer: '@fastify/cors' }
  return [
    {
      ...common,
      id: 'fastify-inject',
      title: 'Fastify 5, fastify.inject()',
      variants: each(servers, injectCaller),
      floorWithReads: { label: reads, variant: injectCaller(servers.floorWithReads) },
      answer: (/** @type {import('light-my-request').Response} */ response) => ({
        status: response.statusCode,
        headers: /** @type {Record<string, string>} */ (response.headers),
      }),
    },
    {
      ...common,
      id: 'fastify',
      title:
        "Fastify 5, its request listener (fastify.routing) on Node's own IncomingMessage/ServerResponse (no socket)",
      variants: each(servers, (server) =>
        listenerCaller(/** @type {import('../lib/node-objects.mjs').Listener} */ (server.routing)),
      ),
      floorWithReads: {
        label: reads,
        variant: listenerCaller(
          /** @type {import('../lib/node-objects.mjs').Listener} */ (servers.floorWithReads.routing),
        ),
      },
      answer: answerOf,
      engine: nodeEngineCaller((req) => policy.check(corsica.node.readNodeRequest(req))),
    },
  ]
}
