import { H3 } from 'h3'
import { withCors } from 'corsica/fetch'
import { serveFetch } from './serve-fetch.mjs'

const app = new H3()
app.get('/items', () => [{ id: 1 }])

// Wrapping app.fetch, not app.use(): h3 middleware gets a route's return value (an array here), not
// the Response, and h3 turns errors into Responses after the middleware. Around app.fetch, corsica
// answers preflights before routing and adds its headers to 404s and errors.
const fetch = withCors(app.fetch, { origin: ['https://app.example.com'], credentials: true })

// Bun, Deno, Workers: `export default { fetch }`. Node 20 needs a small bridge (examples/serve-fetch.mjs).
const server = await serveFetch(fetch, Number(process.env.PORT ?? 3000))
console.log(`listening on http://127.0.0.1:${server.address().port}`)
