// The two servers of the README's "Debugging CORS" transcripts: an API with corsica and a
// strict list, and one with the `cors` package reflecting any origin, with credentials.
//   node examples/debugging.mjs   (ports 8080 and 8081, or PORT and PORT + 1)
import http from 'node:http'
import corsPackage from 'cors'
import { cors } from 'corsica/node'

const strict = cors({ origin: ['https://app.example.com'], credentials: true, allowedHeaders: ['content-type'] })
const reflectAnyOrigin = corsPackage({ origin: true, credentials: true })

/** The corsica API: a JSON list at every path. */
export const api = http.createServer((req, res) => {
  if (!strict(req, res)) res.end('{"items":[]}')
})

/** The reflecting one: whoever asks reads the user's data. */
export const leaky = http.createServer((req, res) => reflectAnyOrigin(req, res, () => res.end('{"me":"alice"}')))

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080)
  api.listen(port, '127.0.0.1')
  leaky.listen(port + 1, '127.0.0.1', () => console.log(`corsica on :${port}, reflect-any on :${port + 1}`))
}
