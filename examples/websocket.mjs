import http from 'node:http'
import { WebSocketServer } from 'ws'
import { cors } from 'corsica/node'
import { upgradeGuard } from 'corsica/upgrade'

const origin = ['https://app.example.com']
const handleCors = cors({ origin, credentials: true })
const allowUpgrade = upgradeGuard({ origin })
const wss = new WebSocketServer({ noServer: true })

const server = http.createServer((req, res) => {
  if (handleCors(req, res)) return
  // Server-sent events: a plain CORS GET, decided by handleCors above.
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
  res.write('data: hello\n\n')
})

server.on('upgrade', (req, socket, head) => {
  if (!allowUpgrade(req, socket)) return // refused: answered 403, socket closed
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('message', (data) => ws.send(`echo: ${data}`))
  })
})

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
