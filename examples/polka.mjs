import http from 'node:http'
import polka from 'polka'
import { cors } from 'corsica/node'

const server = http.createServer()
const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

// The first middleware runs before routing and before the 404 handler: every preflight is answered here.
// polka 0.5 catches no throw (a throw or a rejection in a handler ends the process): pass errors to
// next(err). Its onError answers them with the CORS headers kept, taking err.code or err.status as the status.
polka({ server })
  .use((req, res, next) => {
    if (!handleCors(req, res)) next() // otherwise a preflight: answered already
  })
  .get('/items', (_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify([{ id: 1 }]))
  })
  .listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
    const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
    console.log(`listening on http://127.0.0.1:${port}`)
  })
