import http from 'node:http'
import { parseOrigins } from 'corsica'
import { cors } from 'corsica/node'

// CORS_ORIGINS="https://app.example.com https://*.example.org": commas, spaces or both between them.
// Unset, empty or holding a typo, it stops the server here with a CorsConfigError that names it.
const origin = parseOrigins(process.env.CORS_ORIGINS, 'CORS_ORIGINS')
const handleCors = cors({ origin, credentials: true, timingAllowOrigin: true })

const server = http.createServer((req, res) => {
  if (handleCors(req, res)) return // a preflight: answered already
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify([{ id: 1 }]))
})

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
