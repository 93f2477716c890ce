// corsica/hono: the middleware fits `app.use` and route handlers, and an origin predicate receives
// Hono's Context, typed with the application's Env. See api.test-d.ts for how this folder runs.
import { Hono, type Context, type Env, type MiddlewareHandler } from 'hono'
import { expectTypeOf } from 'vitest'
import type { CorsOptions as SharedOptions } from 'corsica'
import { cors, type CorsConfigError, type CorsOptions } from 'corsica/hono'

expectTypeOf<InstanceType<typeof CorsConfigError>>().toExtend<Error>()
expectTypeOf(cors()).toExtend<MiddlewareHandler>()

const app = new Hono()
app.use('*', cors())
app.use('/api/*', cors({ origin: ['https://a.example'], credentials: true, vary: ['X-Tenant'] }))
app.get('/route', cors({ origin: 'https://a.example' }), (c) => c.text('route'))

// The predicate's second argument is the Context.
app.use(
  '/tenant/*',
  cors({
    origin: (origin, c) => {
      expectTypeOf(origin).toEqualTypeOf<string>()
      expectTypeOf(c).toEqualTypeOf<Context<Env>>()
      return c.req.header('host') === 'api.example' && c.req.path.startsWith('/tenant/')
    },
  }),
)
app.use(cors({ origin: async (_origin, c) => c.req.method !== 'DELETE' }))

// An application's Env: bindings and variables typed in the predicate through the type argument.
interface AppEnv {
  Bindings: { ALLOWED: string }
  Variables: { tenant: string }
}
const typed = new Hono<AppEnv>()
typed.use(
  '*',
  cors<AppEnv>({
    origin: (origin, c) => {
      expectTypeOf(c).toEqualTypeOf<Context<AppEnv>>()
      expectTypeOf(c.get('tenant')).toEqualTypeOf<string>()
      return c.env.ALLOWED === origin
    },
  }),
)
expectTypeOf(cors<AppEnv>()).toEqualTypeOf<MiddlewareHandler<AppEnv>>()

// Shared options (context unknown) fit.
declare const shared: SharedOptions
app.use(cors(shared))
expectTypeOf<SharedOptions>().toExtend<CorsOptions<Context>>()

// @ts-expect-error: unknown option (the name is allowedHeaders)
cors({ allowHeaders: ['Content-Type'] })
// @ts-expect-error: an origin is not a number
cors({ origin: 1 })
// @ts-expect-error: the Context has no Node headers object
cors({ origin: (_origin, c) => c.headers.host === 'x' })
