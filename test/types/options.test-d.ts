// The option types shared by every adapter, and options they must refuse. See api.test-d.ts.
import { expectTypeOf } from 'vitest'
import { createCors, type CorsOptions, type CorsRejectEvent, type ListOption, type RejectReason } from 'corsica'
import { cors as nodeCors } from 'corsica/node'
import { cors as fetchCors } from 'corsica/fetch'

// List options: one comma-separated string, or an array (mutable or readonly).
expectTypeOf<ListOption>().toEqualTypeOf<string | readonly string[]>()
expectTypeOf<CorsOptions['methods']>().toEqualTypeOf<string | readonly string[] | undefined>()
expectTypeOf<CorsOptions['allowedHeaders']>().toEqualTypeOf<string | readonly string[] | undefined>()
expectTypeOf<CorsOptions['exposedHeaders']>().toEqualTypeOf<string | readonly string[] | undefined>()
const verbs = ['GET', 'POST'] as const
const headerNames: string[] = ['Content-Type', 'Authorization']
createCors({ methods: 'GET,POST', allowedHeaders: 'Content-Type', exposedHeaders: 'X-Total' })
createCors({ methods: verbs, allowedHeaders: headerNames, exposedHeaders: ['X-Total'] as readonly string[] })

// Numbers and flags.
expectTypeOf<CorsOptions['maxAge']>().toEqualTypeOf<number | undefined>()
expectTypeOf<CorsOptions['optionsSuccessStatus']>().toEqualTypeOf<number | undefined>()
expectTypeOf<CorsOptions['credentials']>().toEqualTypeOf<boolean | undefined>()
createCors({
  maxAge: 600,
  optionsSuccessStatus: 200,
  credentials: true,
  preflightContinue: false,
  privateNetwork: true,
})

// onReject receives a CorsRejectEvent whose reason is a RejectReason.
expectTypeOf<RejectReason>().toEqualTypeOf<'origin' | 'method' | 'headers' | 'private-network' | 'malformed'>()
expectTypeOf<CorsRejectEvent['reason']>().toEqualTypeOf<RejectReason>()
expectTypeOf<NonNullable<CorsOptions['onReject']>>().parameter(0).toEqualTypeOf<CorsRejectEvent>()
createCors({
  onReject: (event) => {
    expectTypeOf(event).toEqualTypeOf<CorsRejectEvent>()
    expectTypeOf(event.reason).toEqualTypeOf<RejectReason>()
    expectTypeOf(event.kind).toEqualTypeOf<'preflight' | 'actual'>()
    expectTypeOf(event.origin).toEqualTypeOf<string>()
  },
})

// The origin forms.
createCors({ origin: '*' })
createCors({ origin: true })
createCors({ origin: false })
createCors({ origin: 'https://*.example' })
createCors({ origin: /^https:\/\/[a-z]+\.example$/ })
createCors({ origin: ['https://a.example', /^https:\/\/b\.example$/] })

// Refused at compile time, in every adapter.
// @ts-expect-error: unknown option (the name is allowedHeaders)
createCors({ allowHeaders: ['Content-Type'] })
// @ts-expect-error: unknown option (the name is allowedHeaders)
nodeCors({ allowHeaders: ['Content-Type'] })
// @ts-expect-error: unknown option (the name is allowedHeaders)
fetchCors({ allowHeaders: ['Content-Type'] })
// @ts-expect-error: unknown option in an annotated object literal
const _misspelled: CorsOptions = { allowHeaders: 'Content-Type' }
// @ts-expect-error: an origin is not a number
createCors({ origin: 42 })
// @ts-expect-error: an origin is not a number
nodeCors({ origin: 42 })
// @ts-expect-error: credentials is a boolean
createCors({ credentials: 'yes' })
// @ts-expect-error: credentials is a boolean
fetchCors({ credentials: 'yes' })
// @ts-expect-error: maxAge is a number of seconds
createCors({ maxAge: '600' })
// @ts-expect-error: a list holds strings
createCors({ methods: ['GET', 1] })
// @ts-expect-error: a corsica predicate answers a boolean, not an origin
createCors({ origin: (origin: string) => origin })
