import Koa from 'koa'
import { cors } from 'corsica/node'

const app = new Koa()
const handleCors = cors({ origin: ['https://app.example.com'], credentials: true })

app.use(async (ctx, next) => {
  if (await handleCors(ctx.req, ctx.res)) return void (ctx.respond = false) // a preflight
  // Koa's error handler clears every header, then sets err.headers: keep the CORS ones there.
  const corsHeaders = ctx.response.headers
  try {
    await next()
  } catch (err) {
    err.headers = { ...corsHeaders, ...err.headers }
    throw err
  }
})
app.use((ctx) => {
  ctx.body = [{ id: 1 }]
})

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`)
})
