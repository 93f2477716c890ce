// The timingAllowOrigin option: a boolean, on every adapter's options. See api.test-d.ts.
import { expectTypeOf } from 'vitest'
import { createCors, type CorsOptions } from 'corsica'
import { cors as fetchCors } from 'corsica/fetch'
import { cors as nodeCors } from 'corsica/node'

expectTypeOf<CorsOptions['timingAllowOrigin']>().toEqualTypeOf<boolean | undefined>()
createCors({ origin: ['https://app.example.com'], timingAllowOrigin: true })
nodeCors({ timingAllowOrigin: false })
fetchCors({ timingAllowOrigin: true })
// @ts-expect-error: a boolean, not the header's value
createCors({ timingAllowOrigin: '*' })
