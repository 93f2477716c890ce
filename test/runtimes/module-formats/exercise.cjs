// One real call through each entry point: the engine, the Node http adapter, the Express
// adapter (over a real loopback socket) and the Fetch adapter. Shared by require.cjs and import.mjs,
// so the CommonJS and the ES module builds answer the same questions.
'use strict'
const http = require('node:http')

const APP = 'https://app.example.com'

/**
 * @param {{ index: typeof import('corsica'), node: typeof import('corsica/node'), express: typeof import('corsica/express'), fetch: typeof import('corsica/fetch') }} entries
 * @returns {Promise<string[]>} problems; empty when every entry point works.
 */
async function exercise({ index, node, express, fetch: fetchEntry }) {
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
  return problems
}

module.exports = { exercise }
