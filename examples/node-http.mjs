import http from 'node:http'
import { cors } from 'corsica/node'

const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

const server = http.createServer((req, res) => {
  if (handleCors(req, res)) return // a preflight: answered already
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify([{ id: 1 }]))
})

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
