import Router from '@koa/router'
import Koa from 'koa'
import { cors } from 'corsica/koa'

const app = new Koa()
const router = new Router()
router.get('/items', (ctx) => {
  ctx.body = [{ id: 1 }]
})

// corsica answers preflights before the router; allowedMethods() answers the other OPTIONS
// requests and 405s, and those responses carry the CORS headers too.
app.use(cors({ origin: ['https://app.example.com'], credentials: true }))
app.use(router.routes())
app.use(router.allowedMethods())

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
