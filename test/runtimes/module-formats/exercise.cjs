// One real call through each entry point: the engine, the Node http adapter, the Express
// adapter (over a real loopback socket), the Fetch adapter, and the framework adapters, whose
// frameworks are optional peers and absent here: a Hono middleware call on a Request, a Koa
// middleware call on the parts of ctx it uses, the Fastify plugin's registration marks; and the
// browser model reading a canned answer. Shared
// by require.cjs and import.mjs, so the CommonJS and the ES module builds answer the same questions.
'use strict'
const http = require('node:http')

const APP = 'https://app.example.com'

/**
 * @typedef {{ index: typeof import('corsica'), node: typeof import('corsica/node'),
 *   express: typeof import('corsica/express'), fetch: typeof import('corsica/fetch'),
 *   fastify: typeof import('corsica/fastify'), koa: typeof import('corsica/koa'), hono: typeof import('corsica/hono'),
 *   model: typeof import('corsica/model') }} Entries
 * @param {Entries} entries
 * @returns {Promise<string[]>} problems; empty when every entry point works.
 */
async function exercise({ index, node, express, fetch: fetchEntry, fastify, koa, hono, model }) {
  /** @type {string[]} */
  const problems = []
  /** @type {(what: string, got: unknown, want: unknown) => void} */
  const expectEqual = (what, got, want) => {
    if (got !== want) problems.push(`${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
  }

  // corsica: createCors + CorsConfigError.
  const decision = index.createCors({ origin: [APP] }).check({ method: 'GET', origin: APP })
  expectEqual('corsica createCors ACAO', decision.headers['access-control-allow-origin'], APP)
  try {
    index.createCors({ origin: '*', credentials: true })
    problems.push('corsica: unsafe options accepted')
  } catch (error) {
    expectEqual(
      'corsica CorsConfigError',
      error instanceof index.CorsConfigError && error.problems[0]?.code,
      'credentials-with-any-origin',
    )
  }

  // corsica/fetch: withCors answers a preflight, cors().handle decorates a response.
  const preflight = await fetchEntry.withCors(() => new Response('no'), { origin: [APP] })(
    new Request('http://localhost/', {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    }),
  )
  expectEqual('corsica/fetch withCors preflight status', preflight.status, 204)
  expectEqual('corsica/fetch withCors ACAO', preflight.headers.get('access-control-allow-origin'), APP)
  const actual = await fetchEntry
    .cors({ origin: [APP] })
    .handle(new Request('http://localhost/', { headers: { origin: APP } }), () => new Response('ok'))
  expectEqual('corsica/fetch cors().handle vary', actual.headers.get('vary'), 'Origin')

  // corsica/node and corsica/express behind one real node:http server.
  const nodeCors = node.cors({ origin: [APP] })
  const expressCors = express.cors({ origin: [APP], credentials: true })
  const server = http.createServer(async (req, res) => {
    if (req.url === '/node') {
      if (!(await nodeCors(req, res))) res.end('node ok')
    } else {
      expressCors(req, res, () => res.end('express ok'))
    }
  })
  await /** @type {Promise<void>} */ (new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)))
  try {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
    const base = `http://127.0.0.1:${port}`
    const fromNode = await fetch(`${base}/node`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'DELETE' },
    })
    expectEqual('corsica/node preflight status', fromNode.status, 204)
    expectEqual('corsica/node ACAO', fromNode.headers.get('access-control-allow-origin'), APP)
    const fromExpress = await fetch(`${base}/express`, { headers: { origin: APP } })
    expectEqual('corsica/express body', await fromExpress.text(), 'express ok')
    expectEqual('corsica/express ACAC', fromExpress.headers.get('access-control-allow-credentials'), 'true')
  } finally {
    server.close()
  }
  problems.push(...(await exerciseFrameworks({ fastify, koa, hono })))
  problems.push(...(await exerciseModel(model)))
  return problems
}

/**
 * corsica/model: a PUT from a listed origin, answered by a canned preflight and response.
 * @param {Entries['model']} model
 * @returns {Promise<string[]>}
 */
async function exerciseModel(model) {
  /** @type {import('corsica/model').HeaderList} */
  const allow = [
    ['Access-Control-Allow-Origin', APP],
    ['Access-Control-Allow-Methods', 'PUT'],
  ]
  const simulation = await model.simulate(
    { url: 'https://api.example.com/items', origin: APP, method: 'PUT' },
    async (request) => ({ status: request.method === 'OPTIONS' ? 204 : 200, headers: allow }),
  )
  const preflights = simulation.steps.filter((step) => step.kind === 'preflight').length
  if (simulation.verdict !== 'readable' || preflights !== 1)
    return [`corsica/model: ${simulation.verdict} with ${preflights} preflights, expected readable after 1`]
  return []
}

/**
 * @param {Pick<Entries, 'fastify' | 'koa' | 'hono'>} entries
 * @returns {Promise<string[]>}
 */
async function exerciseFrameworks({ fastify, koa, hono }) {
  /** @type {string[]} */
  const problems = []
  const preflightHeaders = { origin: APP, 'access-control-request-method': 'PUT' }
  const request = new Request('http://localhost/', { method: 'OPTIONS', headers: preflightHeaders })
  const fromHono = /** @type {Response} */ (
    await hono.cors({ origin: [APP] })(/** @type {never} */ ({ req: { raw: request } }), async () => {})
  )
  if (fromHono?.status !== 204) problems.push(`corsica/hono preflight status: ${fromHono?.status}`)
  /** @type {Map<string, string>} */
  const written = new Map()
  const ctx = {
    req: { method: 'OPTIONS', headers: preflightHeaders },
    res: {
      getHeader: (/** @type {string} */ name) => written.get(name),
      setHeader: (/** @type {string} */ name, /** @type {string} */ value) => written.set(name, value),
      removeHeader: (/** @type {string} */ name) => written.delete(name),
    },
    vary: (/** @type {string} */ value) => written.set('vary', value),
    remove: (/** @type {string} */ name) => written.delete(name),
    body: undefined,
    status: 404,
  }
  await koa.cors({ origin: [APP] })(/** @type {never} */ (ctx), async () => {})
  if (ctx.status !== 204 || written.get('access-control-allow-origin') !== APP)
    problems.push(`corsica/koa preflight: ${ctx.status} ${written.get('access-control-allow-origin')}`)
  const plugin = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (fastify.default))
  if (plugin[Symbol.for('skip-override')] !== true || fastify.cors !== fastify.default)
    problems.push('corsica/fastify: the plugin lacks its skip-override mark, or cors is not the default export')
  return problems
}

module.exports = { exercise }
