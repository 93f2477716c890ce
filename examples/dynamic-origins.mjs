import http from 'node:http'
import { createReloadableCors, originLookup } from 'corsica'
import { cors } from 'corsica/node'

// Stands for your database: the origins of your tenants.
const db = {
  origins: new Set(['https://app.example.com']),
  isTenantOrigin: async (/** @type {string} */ origin) => db.origins.has(origin),
}

// One lookup per origin a minute at most (refusals: every 10 s), 10,000 answers kept at most.
const tenants = originLookup((/** @type {string} */ origin) => db.isTenantOrigin(origin), {
  ttl: 60_000,
  negativeTtl: 10_000,
  maxEntries: 10_000,
})
const policy = createReloadableCors({ origin: tenants, credentials: true })
const handleCors = cors(policy)

/** A tenant signed up: allowed from its next request on. @param {string} origin */
export function addTenant(origin) {
  db.origins.add(origin)
  tenants.invalidate(origin)
}

/**
 * A configuration reload: checked first; an invalid one throws and the current policy stays.
 * @param {import('corsica').CorsOptions} options
 */
export function reload(options) {
  policy.replace({ origin: tenants, credentials: true, ...options })
}

export const server = http.createServer(async (req, res) => {
  if (await handleCors(req, res)) return // a preflight: answered already
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify([{ id: 1 }]))
})

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
