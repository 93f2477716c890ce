import Fastify from 'fastify'
import cors from 'corsica/fastify'

const app = Fastify()
// Registered before the routes and the auth hooks: every preflight is answered first, routed or not.
await app.register(cors, { origin: ['https://app.example.com'], credentials: true })
app.get('/items', async () => [{ id: 1 }])

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
console.log(`listening on ${address}`)
