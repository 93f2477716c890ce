// Hono 4: app.fetch(request), one Request per kind reused (as the fetch group does).
import { Hono } from 'hono'
import { cors as honoCors } from 'hono/cors'
import { floorFor, HONO_POLICY, POLICY, SPECS } from '../lib/policy.mjs'

/** @typedef {import('hono').MiddlewareHandler} Middleware */
/** @typedef {import('../lib/policy.mjs').Kind} Kind */

/** The floor: headers read from the raw Request, the precomputed ones set before the handler. @type {Middleware} */
const floor = (c, next) => {
  const headers = c.req.raw.headers
  const answer = floorFor(c.req.method, (name) => headers.get(name))
  if (answer.preflight) return Promise.resolve(new Response(null, { status: 204, headers: answer.headers }))
  for (const [name, value] of answer.headers) c.header(name, value)
  return next()
}

/** @param {Middleware | undefined} middleware */
function app(middleware) {
  const server = new Hono()
  if (middleware) server.use('*', middleware)
  server.get('/', (c) => c.text('ok'))
  server.options('/', (c) => c.body(null, 204))
  return server
}

/** @param {Kind} kind */
export function fetchRequest(kind) {
  const { method, headers } = SPECS[kind]
  const { host: _host, ...sent } = headers
  return new Request('https://api.example.com/', { method, headers: sent })
}

/** @param {Hono} server @returns {import('../lib/framework-group.mjs').Caller} */
const fetchCaller = (server) => (kind) => {
  const request = fetchRequest(kind)
  return () => server.fetch(request)
}

/** @param {Response} response */
export const fetchAnswer = (response) => ({ status: response.status, headers: Object.fromEntries(response.headers) })

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {import('../lib/framework-group.mjs').Framework}
 */
export function honoFramework(corsica) {
  const policy = corsica.core.createCors(POLICY)
  return {
    id: 'hono',
    title: 'Hono 4, app.fetch(request)',
    adapter: 'corsica/hono',
    peer: 'hono/cors',
    variants: {
      bare: fetchCaller(app(undefined)),
      corsica: fetchCaller(app(/** @type {Middleware} */ (corsica.hono.cors(POLICY)))),
      peer: fetchCaller(app(honoCors(HONO_POLICY))),
      floor: fetchCaller(app(floor)),
    },
    answer: fetchAnswer,
    engine: (kind) => {
      const request = fetchRequest(kind)
      return () => policy.check(corsica.fetch.readFetchRequest(request))
    },
  }
}
