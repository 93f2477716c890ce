// corsica/fetch: `withCors` keeps the wrapped handler's extra arguments (Workers' env and ctx);
// `cors(options).handle(request, next)` is a step for middleware chains. See api.test-d.ts.
import { expectTypeOf } from 'vitest'
import { cors, withCors, type FetchCors } from 'corsica/fetch'

interface Env {
  readonly ALLOWED_ORIGIN: string
}
interface Ctx {
  waitUntil(promise: Promise<unknown>): void
}

const worker = withCors((_request: Request, env: Env, _ctx: Ctx) => new Response(env.ALLOWED_ORIGIN), {
  origin: 'https://a.example',
})
expectTypeOf(worker).toEqualTypeOf<(request: Request, env: Env, ctx: Ctx) => Response | Promise<Response>>()
expectTypeOf(worker).parameters.toEqualTypeOf<[request: Request, env: Env, ctx: Ctx]>()

// One argument, an async handler, no options.
expectTypeOf(withCors(async (request: Request) => new Response(request.url))).toEqualTypeOf<
  (request: Request) => Response | Promise<Response>
>()

// The Workers module shape: `export default { fetch }`, with the handler's parameters typed from context.
export default {
  fetch: withCors<[Env, Ctx]>((request, env, ctx) => {
    expectTypeOf(request).toEqualTypeOf<Request>()
    expectTypeOf(env).toEqualTypeOf<Env>()
    ctx.waitUntil(Promise.resolve())
    return new Response('ok')
  }),
}

// cors(options): a step with `handle(request, next)`.
const step = cors({ origin: ['https://a.example'], credentials: true })
expectTypeOf(step).toEqualTypeOf<FetchCors>()
expectTypeOf(step.handle).toEqualTypeOf<
  (request: Request, next: () => Response | Promise<Response>) => Response | Promise<Response>
>()
expectTypeOf(cors().handle).parameter(1).toEqualTypeOf<() => Response | Promise<Response>>()

export async function route(request: Request): Promise<Response> {
  return step.handle(request, async () => new Response('ok'))
}

// An async predicate is allowed here too (the handler already returns a Promise when needed).
cors({ origin: async (origin, request) => origin.endsWith('.example') && request.method !== 'DELETE' })

// The predicate's second argument is the Fetch Request.
cors({
  origin: (_origin, request) => {
    expectTypeOf(request).toEqualTypeOf<Request>()
    return new URL(request.url).pathname.startsWith('/tenant/') && request.headers.get('x-tenant') === 'acme'
  },
  vary: 'X-Tenant',
})
withCors(() => new Response('ok'), { origin: (_origin, request) => request.headers.has('x-tenant') })
// @ts-expect-error: a Request's headers are a Headers object, not Node's record
cors({ origin: (_origin, request) => request.headers['x-tenant'] === 'acme' })
