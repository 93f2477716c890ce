import Koa from 'koa'
import { cors } from 'corsica/node'

const app = new Koa()
const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

app.use(async (ctx, next) => {
  if (await handleCors(ctx.req, ctx.res)) {
    ctx.respond = false // a preflight: answered already
    return
  }
  // Koa's error handler clears every header, then sets err.headers: keep the CORS ones there.
  const corsHeaders = ctx.response.headers
  try {
    await next()
  } catch (err) {
    const error = /** @type {Error & { headers?: object }} */ (err)
    error.headers = { ...corsHeaders, ...error.headers }
    throw error
  }
})
app.use((ctx) => {
  ctx.body = [{ id: 1 }]
})

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`listening on http://127.0.0.1:${port}`)
})
