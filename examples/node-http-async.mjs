import http from 'node:http'
import { cors } from 'corsica/node'

// Allowed origins live in a store; the lookup is asynchronous.
const tenants = new Set(['https://app.example.com'])
const handleCors = cors({ origin: async (origin) => tenants.has(origin), credentials: true })

const server = http.createServer(async (req, res) => {
  // With an async predicate the answer may be a Promise, and a Promise is always truthy: await it.
  if (await handleCors(req, res)) return // a preflight: answered already
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify([{ id: 1 }]))
})

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
