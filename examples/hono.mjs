import { Hono } from 'hono'
import { withCors } from 'corsica/fetch'
import { serveFetch } from './serve-fetch.mjs'

const app = new Hono()
app.get('/items', (c) => c.json([{ id: 1 }]))

// Wrapping app.fetch: preflights are answered before routing; 404s and onError's 500s get CORS headers.
const fetch = withCors(app.fetch, { origin: ['https://app.example.com'], credentials: true })

// Bun, Deno, Workers: `export default { fetch }`. Node 20 needs a small bridge (examples/serve-fetch.mjs).
const server = await serveFetch(fetch, Number(process.env.PORT ?? 3000))
console.log(`listening on http://127.0.0.1:${server.address().port}`)
