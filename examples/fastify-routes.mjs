import Fastify from 'fastify'
import cors from 'corsica/fastify'

const app = Fastify()
// Tenants by Host: the predicate gets the FastifyRequest. The URL (Host included) keys every
// cache already; `vary` names any other request header a predicate reads.
const tenants = new Map([['api.example.com', 'https://app.example.com']])
await app.register(cors, {
  origin: (origin, request) => tenants.get(request.hostname) === origin || origin === 'https://app.example.com',
  credentials: true,
})
app.get('/items', async () => [{ id: 1 }])
// A stricter policy for one route, compiled now: it answers this route's preflights too.
app.delete('/items/:id', { config: { cors: { origin: 'https://admin.example.com' } } }, async () => ({ ok: true }))
// No CORS at all for a route only servers call.
app.post('/webhook', { config: { cors: false } }, async () => ({ ok: true }))

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
console.log(`listening on ${address}`)
