import { AutoRouter } from 'itty-router'
import { withCors } from 'corsica/fetch'
import { serveFetch } from './serve-fetch.mjs'

// AutoRouter turns a missing route into a 404 and a throw into a 500 Response; a bare Router
// returns undefined and rethrows, which no wrapper can add headers to.
const router = AutoRouter()
router.get('/items', () => [{ id: 1 }])

// Wrapping router.fetch: preflights are answered before routing; 404s and 500s get CORS headers.
const fetch = withCors(router.fetch, { origin: ['https://app.example.com'], credentials: true })

// Bun, Deno, Workers: `export default { fetch }`. Node 20 needs a small bridge (examples/serve-fetch.mjs).
const server = await serveFetch(fetch, Number(process.env.PORT ?? 3000))
console.log(`listening on http://127.0.0.1:${server.address().port}`)
