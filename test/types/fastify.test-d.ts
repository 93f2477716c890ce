// corsica/fastify: the plugin's options as `app.register` reads them, the FastifyRequest as an
// origin predicate's context, and the `config.cors` route option declared on FastifyContextConfig.
// See api.test-d.ts for how this folder runs.
import Fastify, { type FastifyPluginCallback, type FastifyRequest } from 'fastify'
import { expectTypeOf } from 'vitest'
import type { CorsOptions as SharedOptions } from 'corsica'
import cors, {
  cors as namedCors,
  type CorsConfigError,
  type FastifyCorsOptions,
  type FastifyPluginOptions,
  type RouteCorsConfig,
} from 'corsica/fastify'

expectTypeOf(cors).toEqualTypeOf(namedCors)
expectTypeOf(cors).toEqualTypeOf<FastifyPluginCallback<FastifyPluginOptions>>()
expectTypeOf<RouteCorsConfig>().toEqualTypeOf<false | FastifyCorsOptions>()
expectTypeOf<InstanceType<typeof CorsConfigError>>().toExtend<Error>()

const app = Fastify()

// Plain options, and register's own options beside them.
await app.register(cors, { origin: ['https://a.example'], credentials: true, maxAge: 600, vary: ['X-Tenant'] })
await app.register(cors, { origin: 'https://a.example', prefix: '/api', logLevel: 'warn' })
await app.register(cors)

// The predicate's second argument is the FastifyRequest, typed from context.
await app.register(cors, {
  origin: (origin, request) => {
    expectTypeOf(origin).toEqualTypeOf<string>()
    expectTypeOf(request).toEqualTypeOf<FastifyRequest>()
    return request.headers.host === 'api.example' && request.url.startsWith('/tenant/')
  },
})
await app.register(cors, { origin: async (_origin, request) => request.routeOptions.url === '/x' })

// Options shared between adapters (no type argument: the context is unknown) fit here too.
declare const shared: SharedOptions
await app.register(cors, shared)
expectTypeOf<SharedOptions>().toExtend<FastifyCorsOptions>()

// @ts-expect-error: unknown option (the name is allowedHeaders)
await app.register(cors, { allowHeaders: ['Content-Type'] })
// @ts-expect-error: an origin is not a number
await app.register(cors, { origin: 1 })
// @ts-expect-error: the predicate's context is a FastifyRequest, not a Koa ctx
await app.register(cors, { origin: (_origin, request) => request.path === '/x' })

// config.cors on a route: false, or options whose predicate receives the FastifyRequest.
app.get('/off', { config: { cors: false } }, async () => 'off')
app.get('/admin', { config: { cors: { origin: 'https://admin.example', credentials: true } } }, async () => 'admin')
app.route({
  method: ['GET', 'POST'],
  url: '/tenant/:id',
  config: {
    cors: {
      origin: (_origin, request) => {
        expectTypeOf(request).toEqualTypeOf<FastifyRequest>()
        return request.url.length > 0
      },
    },
  },
  handler: async () => 'tenant',
})
// A handler reads the route's policy from its config, typed by the declaration merging.
app.get('/read', async (request) => {
  expectTypeOf(request.routeOptions.config.cors).toEqualTypeOf<RouteCorsConfig | undefined>()
  return 'read'
})
// @ts-expect-error: an origin is not a number
app.get('/bad', { config: { cors: { origin: 1 } } }, async () => 'bad')
// @ts-expect-error: an origin is not a number, in route()
app.route({ method: 'GET', url: '/bad-route', config: { cors: { origin: 1 } }, handler: async () => 'bad' })

// Note, not a test: `config: { cors: true }` and a misspelled option such as
// `config: { cors: { allowHeaders: 'x' } }` compile. Fastify types `config` as
// `FastifyContextConfig & ContextConfig`, with ContextConfig inferred from the literal itself, so
// the literal is checked against a type made from it. Both throw CorsConfigError at registration.
