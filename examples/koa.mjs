import Koa from 'koa'
import { cors } from 'corsica/koa'

const app = new Koa()
// First in the chain: preflights are answered before routing; thrown errors keep the CORS headers.
app.use(cors({ origin: ['https://app.example.com'], credentials: true }))
app.use((ctx) => {
  ctx.body = [{ id: 1 }]
})

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
