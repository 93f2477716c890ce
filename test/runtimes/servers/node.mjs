// Node (20, 22, 24) has no built-in server for Fetch handlers: a node:http bridge, the way a
// Node user would serve withCors(handler) without a framework.
import http from 'node:http'
import { Readable } from 'node:stream'
import { app } from './app.mjs'

const server = http.createServer(async (req, res) => {
  try {
    const response = await app(toRequest(req))
    res.statusCode = response.status
    // Iterating Headers yields each Set-Cookie line on its own.
    for (const [name, value] of response.headers) res.appendHeader(name, value)
    if (response.body === null || req.method === 'HEAD') res.end()
    else Readable.fromWeb(response.body).pipe(res)
  } catch (error) {
    console.error(error)
    res.statusCode = 500
    res.end(String(error))
  }
})

function toRequest(req) {
  const headers = new Headers()
  // Raw lines: a repeated header reaches the handler joined by ", ", as Fetch does.
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  const body = hasBody ? Readable.toWeb(req) : undefined
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body, duplex: 'half' })
}

server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`))
