import { withCors } from 'corsica/fetch'
import { serveFetch } from './serve-fetch.mjs'

const handler = withCors((request) => Response.json([{ id: 1, path: new URL(request.url).pathname }]), {
  origin: ['https://app.example.com'],
  credentials: true,
})

// Bun, Deno, Workers: `export default { fetch: handler }`. Node 20 needs a small bridge (examples/serve-fetch.mjs).
const server = await serveFetch(handler, Number(process.env.PORT ?? 3000))
console.log(`listening on http://127.0.0.1:${server.address().port}`)
