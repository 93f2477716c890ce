// Functions typed with @types/cors are accepted by corsica/express. See api.test-d.ts.
//
// @types/cors declares `CustomOrigin` at the top of its module but exports only its namespace
// (`export = e`), so `import type { CustomOrigin } from 'cors'` is TS2305 ("Module '"cors"' has no
// exported member 'CustomOrigin'"). Users reach it through `CorsOptions['origin']`; so does this file.
import express from 'express'
import type { CorsOptions as UpstreamCorsOptions } from 'cors'
import { expectTypeOf } from 'vitest'
import cors, { type CorsOptions, type CustomOrigin } from 'corsica/express'

/** @types/cors's CustomOrigin: `(requestOrigin: string | undefined, callback) => void`. */
type UpstreamCustomOrigin = Extract<NonNullable<UpstreamCorsOptions['origin']>, (...args: never[]) => unknown>
expectTypeOf<Parameters<UpstreamCustomOrigin>[0]>().toEqualTypeOf<string | undefined>()

// A function typed with @types/cors's CustomOrigin is accepted as corsica's origin (corsica never
// calls it with undefined: requests without an Origin do not reach it).
const upstreamOrigin: UpstreamCustomOrigin = (requestOrigin, callback) => {
  if (requestOrigin === undefined) return callback(null, false)
  callback(null, requestOrigin.endsWith('.example'))
}
expectTypeOf(upstreamOrigin).toExtend<CustomOrigin>()
const options: CorsOptions = { origin: upstreamOrigin }

const app = express()
app.use(cors(options))
app.use(cors({ origin: upstreamOrigin, credentials: true }))

// The other options of @types/cors's CorsOptions are accepted as they are. Its `origin` is not,
// on purpose: @types/cors lets a configured array hold booleans (`Array<boolean | string | RegExp>`),
// and corsica refuses a boolean inside a configured origin list (a CorsConfigError at run time, so
// `ReadonlyArray<string | RegExp>` in the types). So a value typed as @types/cors's whole
// `CorsOptions`, or a `CorsOptionsDelegate` from 'cors', is a type error with corsica/express;
// code that changes only its import (readme/*.ts) uses corsica's own names and is unaffected.
expectTypeOf<Omit<UpstreamCorsOptions, 'origin'>>().toExtend<Omit<CorsOptions, 'origin'>>()
declare const upstreamRest: Omit<UpstreamCorsOptions, 'origin'>
app.use(cors({ ...upstreamRest, origin: upstreamOrigin }))
