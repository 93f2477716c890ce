// corsica/express: the middleware fits Express 5's types, the `cors`-style origin callback is
// typed from context, per-request delegates are generic over the request, and options are shared
// with the other adapters. See api.test-d.ts for how this folder runs.
import express, { type RequestHandler } from 'express'
import { assertType, expectTypeOf } from 'vitest'
import type { CorsOptions as CoreCorsOptions, CorsRequest as CoreCorsRequest, OriginPredicate } from 'corsica'
import cors, {
  cors as namedCors,
  type CorsMiddleware,
  type CorsOptions,
  type CorsOptionsDelegate,
  type CorsRequest,
  type CustomOrigin,
} from 'corsica/express'
import type { NodeResponseLike } from 'corsica/node'

// The default export and the named export are the same function.
expectTypeOf(cors).toEqualTypeOf(namedCors)

// cors() is an Express 5 RequestHandler.
expectTypeOf(cors()).toExtend<RequestHandler>()
expectTypeOf(cors({ origin: 'https://a.example' })).toExtend<RequestHandler>()
const asHandler: RequestHandler = cors()
assertType<RequestHandler>(cors({ origin: true, credentials: true }))
const app = express()
app.use(cors())
app.use(asHandler)
app.use('/api', cors({ origin: ['https://a.example'], credentials: true }))
app.get('/x', cors(), (_req, res) => {
  res.send('x')
})
express.Router().use(cors())

// The origin callback without annotations: `origin` is a string, the callback takes an error or
// an allow value (true/false, an origin, a RegExp, a list). This is what noImplicitAny checks.
const withCallback: CorsOptions = {
  origin: (origin, callback) => {
    expectTypeOf(origin).toEqualTypeOf<string>()
    expectTypeOf(callback).toBeCallableWith(null, true)
    expectTypeOf(callback).toBeCallableWith(null, false)
    expectTypeOf(callback).toBeCallableWith(new Error('Not allowed by CORS'))
    expectTypeOf(callback).toBeCallableWith(null, 'https://a.example')
    expectTypeOf(callback).toBeCallableWith(null, /\.example$/)
    expectTypeOf(callback).toBeCallableWith(null, ['https://a.example', /\.example$/])
    expectTypeOf(callback).parameter(0).toEqualTypeOf<Error | null>()
    // The callback also carries the request's CORS values (corsica's predicate style).
    expectTypeOf(callback).toExtend<CoreCorsRequest>()
    // @ts-expect-error: the first argument is an Error or null
    callback('not allowed')
    // @ts-expect-error: an allow value is not a number
    callback(null, 42)
    callback(null, true)
  },
}
app.use(cors(withCallback))

// A candidate is written in the same style: a callback origin, typed from context, and `headers`.
app.use(
  cors({
    origin: '*',
    candidate: {
      origin: (origin, callback) => {
        expectTypeOf(origin).toEqualTypeOf<string>()
        callback(null, origin.endsWith('.example'))
      },
      headers: ['x-a'],
    },
    onCandidateDiffers: () => undefined,
  }),
)
// @ts-expect-error: a candidate reports through its policy's options, never by itself
cors({ origin: '*', candidate: { onReject: () => undefined }, onCandidateDiffers: () => undefined })

// Inline in the call, as an arrow, async: the same contextual types.
app.use(
  cors({
    origin: async (origin, callback) => {
      expectTypeOf(origin).toEqualTypeOf<string>()
      callback(null, origin === 'https://a.example')
    },
  }),
)
// Returning the answer instead of calling back.
cors({ origin: (origin) => origin.endsWith('.example') })
cors({ origin: async (origin) => origin.endsWith('.example') })

// Per-request options: the delegate is generic over the request; Express's request flows in.
const delegate: CorsOptionsDelegate<express.Request> = (req, callback) => {
  expectTypeOf(req).toEqualTypeOf<express.Request>()
  expectTypeOf(callback).parameters.toEqualTypeOf<[err: Error | null, options?: CorsOptions<express.Request>]>()
  callback(null, { origin: req.header('Origin') === 'https://a.example' })
}
expectTypeOf(cors(delegate)).toEqualTypeOf<CorsMiddleware<express.Request, NodeResponseLike>>()
expectTypeOf(cors(delegate)).parameter(0).toEqualTypeOf<express.Request>()
app.use(cors(delegate))
// An async delegate.
const asyncDelegate: CorsOptionsDelegate<express.Request> = async (req, callback) => {
  callback(null, { origin: req.hostname === 'api.example' })
}
app.use(cors(asyncDelegate))
// The default request type is the adapter's own CorsRequest.
expectTypeOf<Parameters<CorsOptionsDelegate>[0]>().toEqualTypeOf<CorsRequest>()
expectTypeOf<express.Request>().toExtend<CorsRequest>()

// Shared options across adapters: a corsica predicate `(origin, request) => boolean` is a valid
// express `origin`, and so is an async OriginPredicate.
const sharedPredicate = (origin: string, request: CoreCorsRequest): boolean =>
  origin.endsWith('.example') && request.method !== 'TRACE'
expectTypeOf(sharedPredicate).toExtend<CorsOptions['origin']>()
expectTypeOf<OriginPredicate>().toExtend<CorsOptions['origin']>()
app.use(cors({ origin: sharedPredicate }))
// A core CorsOptions object is an express CorsOptions.
expectTypeOf<CoreCorsOptions>().toExtend<CorsOptions>()
declare const coreOptions: CoreCorsOptions
const fromCore: CorsOptions = coreOptions
app.use(cors(fromCore))

// A CustomOrigin-annotated function.
const customOrigin: CustomOrigin = (origin, callback) => callback(null, origin.startsWith('https://'))
app.use(cors({ origin: customOrigin }))

// @ts-expect-error: unknown option (the name is allowedHeaders)
app.use(cors({ allowHeaders: ['Content-Type'] }))
// @ts-expect-error: an origin is not a number
app.use(cors({ origin: 42 }))
// @ts-expect-error: credentials is a boolean
app.use(cors({ credentials: 'yes' }))
// `cors`'s older name for allowedHeaders is accepted.
app.use(cors({ headers: ['Content-Type'] }))

// The third argument of an origin callback is the request: CorsRequest by default, Express's own
// req with a type argument.
cors({
  origin: (origin, callback, req) => {
    expectTypeOf(req).toEqualTypeOf<CorsRequest>()
    callback(null, req.headers.host === 'api.example' && origin.length > 0)
  },
})
app.use(
  cors<express.Request>({
    origin: (_origin, callback, req) => {
      expectTypeOf(req).toEqualTypeOf<express.Request>()
      callback(null, req.path.startsWith('/tenant/') && req.get('x-tenant') === 'acme')
    },
    vary: ['X-Tenant'],
  }),
)
// Returning a boolean or a Promise of one, reading the request.
app.use(cors<express.Request>({ origin: (_origin, _callback, req) => req.hostname === 'api.example' }))
app.use(cors<express.Request>({ origin: async (_origin, _callback, req) => req.secure }))
const byPath: CustomOrigin<express.Request> = (_origin, callback, req) => callback(null, req.path === '/x')
app.use(cors({ origin: byPath }))
expectTypeOf<Parameters<CustomOrigin<express.Request>>[2]>().toEqualTypeOf<express.Request>()
// @ts-expect-error: without the type argument, req is the adapter's CorsRequest, which has no path
cors({ origin: (_origin, callback, req) => callback(null, req.path === '/x') })
