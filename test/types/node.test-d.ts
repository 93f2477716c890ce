// corsica/node: `cors(options)` returns `(req, res) => handled`. A boolean for synchronous options
// (so `if (handle(req, res)) return` is right); `boolean | Promise<boolean>` with an async
// predicate (to be awaited). See api.test-d.ts for how this folder runs.
import http from 'node:http'
import http2 from 'node:http2'
import { expectTypeOf } from 'vitest'
import { cors, type CorsOptions, type NodeCorsHandler, type NodeRequestLike, type NodeResponseLike } from 'corsica/node'

const handle = cors({ origin: 'https://a.example' })
expectTypeOf(handle).toEqualTypeOf<NodeCorsHandler<boolean>>()
expectTypeOf(handle).toEqualTypeOf<(req: NodeRequestLike, res: NodeResponseLike) => boolean>()
expectTypeOf(cors()).toEqualTypeOf<NodeCorsHandler<boolean>>()
expectTypeOf(cors({ origin: (o) => o.endsWith('.example') })).returns.toEqualTypeOf<boolean>()

const asyncHandle = cors({ origin: async (o) => o === 'https://a.example' })
expectTypeOf(asyncHandle).toEqualTypeOf<NodeCorsHandler>()
expectTypeOf(asyncHandle).toEqualTypeOf<(req: NodeRequestLike, res: NodeResponseLike) => boolean | Promise<boolean>>()

// Options typed as the wide CorsOptions may hold an async predicate: the wide handler.
declare const configured: CorsOptions
expectTypeOf(cors(configured)).returns.toEqualTypeOf<boolean | Promise<boolean>>()

// The node:http shape the README shows, synchronous handler: the result is a plain boolean.
http.createServer((req, res) => {
  if (handle(req, res)) return
  const handled: boolean = handle(req, res)
  res.end(String(handled))
})

// The async handler, awaited.
http.createServer(async (req, res) => {
  if (await asyncHandle(req, res)) return
  res.end('ok')
})

// Note, not a test: `if (asyncHandle(req, res))` without await also compiles. TS2801 ("This
// condition will always return true since this 'Promise<boolean>' is always defined") fires only
// for a type that is a Promise, not for `boolean | Promise<boolean>`, so no @ts-expect-error here.
http.createServer((req, res) => {
  if (asyncHandle(req, res)) return
  res.end()
})

// Only a handler known to be synchronous gives a boolean.
http.createServer((req, res) => {
  // @ts-expect-error: the async handler's result may be a Promise
  const handled: boolean = asyncHandle(req, res)
  res.end(String(handled))
})

// http2's compatibility API passes the same request and response shapes.
http2.createServer((req, res) => {
  if (handle(req, res)) return
  res.end('ok')
})

// The predicate's second argument is the request: NodeRequestLike by default, the listener's
// IncomingMessage (or Http2ServerRequest) with a type argument.
cors({
  origin: (_origin, req) => {
    expectTypeOf(req).toEqualTypeOf<NodeRequestLike>()
    return req.headers['x-tenant'] === 'acme'
  },
  vary: ['X-Tenant'],
})
const byUrl = cors<http.IncomingMessage>({
  origin: (_origin, req) => {
    expectTypeOf(req).toEqualTypeOf<http.IncomingMessage>()
    return req.url?.startsWith('/tenant/') === true
  },
})
expectTypeOf(byUrl).toEqualTypeOf<NodeCorsHandler<boolean, http.IncomingMessage>>()
http.createServer((req, res) => {
  if (byUrl(req, res)) return
  res.end('ok')
})
cors<http2.Http2ServerRequest>({ origin: (_origin, req) => req.authority === 'api.example' })
// @ts-expect-error: NodeRequestLike has no url without the type argument
cors({ origin: (_origin, req) => req.url === '/x' })
