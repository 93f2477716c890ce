import { Hono } from 'hono'
import { cors } from 'corsica/hono'
import { serveFetch } from './serve-fetch.mjs'

const app = new Hono()
// Before the routes it covers: notFound, onError and redirects get the CORS headers too.
app.use('*', cors({ origin: ['https://app.example.com'], credentials: true }))
app.get('/items', (c) => c.json([{ id: 1 }]))

// Bun, Deno, Workers: `export default app`. Node 20 needs a small bridge (examples/serve-fetch.mjs).
const server = await serveFetch(app.fetch, Number(process.env.PORT ?? 3000))
console.log(`listening on http://127.0.0.1:${server.address().port}`)
