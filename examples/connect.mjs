import connect from 'connect'
import { cors } from 'corsica/node'

const app = connect()
const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

// First middleware: runs for every path, so preflights to paths nothing serves are answered too.
// Connect's final handler (404s, thrown errors, next(err)) keeps the headers set here. It does not
// catch a rejected Promise: in async middleware, pass the error on with next(err).
app.use((req, res, next) => {
  if (!handleCors(req, res)) next() // otherwise a preflight: answered already
})
// Connect has no router: app.use('/items', …) serves /items and the paths under it, for any method.
app.use('/items', (req, res, next) => {
  if (req.method !== 'GET') return next()
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify([{ id: 1 }]))
})

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
