// Node 20 has no built-in server for Fetch handlers: this bridge serves `(Request) => Response`
// with node:http. Bun and Deno serve the same handler with `Bun.serve` / `Deno.serve`.
import http from 'node:http'
import { Readable } from 'node:stream'

/**
 * Starts a node:http server for a Fetch handler; resolves with the server once it listens.
 * @param {import('./serve-fetch.d.mts').FetchHandler} handler
 * @param {number} [port]
 * @param {string} [host]
 * @returns {Promise<import('./serve-fetch.d.mts').ListeningServer>}
 */
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
  // Listening on host:port, address() is an AddressInfo: the ListeningServer the types promise.
  const listening = /** @type {import('./serve-fetch.d.mts').ListeningServer} */ (server)
  return new Promise((resolve) => server.listen(port, host, () => resolve(listening)))
}

/** @param {http.IncomingMessage} req */
function toRequest(req) {
  const headers = new Headers()
  // Raw lines (name, value, name, value…), so a repeated header reaches the handler joined by ", " as Fetch does.
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.append(String(raw[i]), String(raw[i + 1]))
  const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  // node:stream/web's ReadableStream is the global one; only their types differ.
  const body = hasBody ? /** @type {ReadableStream} */ (Readable.toWeb(req)) : undefined
  // A stream body needs `duplex: 'half'` in Node's fetch; TypeScript's DOM RequestInit has no duplex yet.
  /** @type {RequestInit & { duplex: 'half' }} */
  const init = { method: req.method, headers, body, duplex: 'half' }
  return new Request(`http://${req.headers.host}${req.url}`, init)
}

/**
 * @param {Response} response
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function writeResponse(response, req, res) {
  res.statusCode = response.status
  // Iterating Headers yields each Set-Cookie line on its own.
  for (const [name, value] of response.headers) res.appendHeader(name, value)
  // A HEAD response has headers only, whatever body the handler attached.
  if (response.body === null || req.method === 'HEAD') res.end()
  else Readable.fromWeb(/** @type {import('node:stream/web').ReadableStream} */ (response.body)).pipe(res)
}
