// corsica/koa: the middleware fits Koa's `app.use` and @koa/router, and an origin predicate receives
// Koa's ctx, typed with the application's state. See api.test-d.ts for how this folder runs.
import Router from '@koa/router'
import Koa, { type Context, type Middleware, type ParameterizedContext } from 'koa'
import { expectTypeOf } from 'vitest'
import type { CorsOptions as SharedOptions } from 'corsica'
import { cors, type CorsConfigError, type CorsOptions } from 'corsica/koa'

expectTypeOf<InstanceType<typeof CorsConfigError>>().toExtend<Error>()
expectTypeOf(cors()).toEqualTypeOf<Middleware<Context['state'], Context>>()

const app = new Koa()
app.use(cors())
app.use(cors({ origin: ['https://a.example'], credentials: true, vary: 'X-Tenant', optionsSuccessStatus: 200 }))

// The predicate's second argument is ctx.
app.use(
  cors({
    origin: (origin, ctx) => {
      expectTypeOf(origin).toEqualTypeOf<string>()
      expectTypeOf(ctx).toEqualTypeOf<Context>()
      return ctx.get('x-tenant') === 'acme' && ctx.path.startsWith('/api')
    },
  }),
)
app.use(cors({ origin: async (_origin, ctx) => ctx.host === 'api.example' }))

// An application's own context type: state typed, through the type argument.
interface State {
  tenant: string
}
type AppContext = ParameterizedContext<State>
const typedApp = new Koa<State>()
typedApp.use(
  cors<AppContext>({
    origin: (_origin, ctx) => {
      expectTypeOf(ctx.state.tenant).toEqualTypeOf<string>()
      return ctx.state.tenant === 'acme'
    },
  }),
)

// With @koa/router: before routes() and allowedMethods(), or on one route.
const router = new Router()
router.get('/items', cors({ origin: 'https://a.example' }), (ctx) => {
  ctx.body = 'items'
})
app
  .use(cors({ origin: 'https://a.example' }))
  .use(router.routes())
  .use(router.allowedMethods())

// Shared options (context unknown) fit.
declare const shared: SharedOptions
app.use(cors(shared))
expectTypeOf<SharedOptions>().toExtend<CorsOptions<Context>>()

// @ts-expect-error: unknown option (the name is allowedHeaders)
cors({ allowHeaders: ['Content-Type'] })
// @ts-expect-error: an origin is not a number
cors({ origin: 1 })
// @ts-expect-error: the context is Koa's ctx, not a Fetch Request
cors({ origin: (_origin: string, request: Request) => request.url === '/x' })
