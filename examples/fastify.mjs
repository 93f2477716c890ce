import Fastify from 'fastify'
import { cors } from 'corsica/node'

const app = Fastify()
const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

// onRequest hooks run for unknown routes too, so every preflight is answered here.
app.addHook('onRequest', async (request, reply) => {
  if (await handleCors(request.raw, reply.raw)) reply.hijack()
})
app.get('/items', async () => [{ id: 1 }])

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
console.log(`listening on ${address}`)
