// Node 20 has no built-in server for Fetch handlers: this bridge serves `(Request) => Response`
// with node:http. Bun and Deno serve the same handler with `Bun.serve` / `Deno.serve`.
import http from 'node:http'
import { Readable } from 'node:stream'

/** Starts a node:http server for a Fetch handler; resolves with the server once it listens. */
export function serveFetch(handler, port = 0, host = '127.0.0.1') {
  const server = http.createServer(async (req, res) => {
    try {
      writeResponse(await handler(toRequest(req)), req, res)
    } catch (error) {
      console.error(error)
      res.statusCode = 500
      res.end()
    }
  })
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)))
}

function toRequest(req) {
  const headers = new Headers()
  // Raw lines, so a repeated header reaches the handler joined by ", " as Fetch does.
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  const body = hasBody ? Readable.toWeb(req) : undefined
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body, duplex: 'half' })
}

function writeResponse(response, req, res) {
  res.statusCode = response.status
  // Iterating Headers yields each Set-Cookie line on its own.
  for (const [name, value] of response.headers) res.appendHeader(name, value)
  // A HEAD response has headers only, whatever body the handler attached.
  if (response.body === null || req.method === 'HEAD') res.end()
  else Readable.fromWeb(response.body).pipe(res)
}
