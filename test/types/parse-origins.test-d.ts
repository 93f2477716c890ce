// parseOrigins: a variable's value (string or unset) in, an `origin` option out. See api.test-d.ts.
import { expectTypeOf } from 'vitest'
import { createCors, parseOrigins, type CorsOptions, type SyncCorsPolicy } from 'corsica'
import { cors as nodeCors } from 'corsica/node'

expectTypeOf(parseOrigins).parameters.toEqualTypeOf<[value: string | undefined, name: string]>()
expectTypeOf(parseOrigins).returns.toEqualTypeOf<string[] | '*'>()

// What process.env holds goes straight in, and the result is an origin option, synchronous.
declare const env: Record<string, string | undefined>
const origin = parseOrigins(env.CORS_ORIGINS, 'CORS_ORIGINS')
expectTypeOf(origin).toMatchTypeOf<CorsOptions['origin']>()
expectTypeOf(createCors({ origin, credentials: true })).toEqualTypeOf<SyncCorsPolicy>()
nodeCors({ origin })

// The name is required, and must be a string; the value must be a string or undefined.
// @ts-expect-error: no name
parseOrigins(env.CORS_ORIGINS)
// @ts-expect-error: not a string
parseOrigins(['https://a.example'], 'CORS_ORIGINS')
// @ts-expect-error: null is not what process.env holds
parseOrigins(null, 'CORS_ORIGINS')
