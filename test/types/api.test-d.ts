// Type tests for corsica's public API, as a user's compiler sees it.
//
// How they run: `npm run test:types` (run.mjs) compiles this folder with plain `tsc`, once with
// tsconfig.json (Bundler resolution) and once with tsconfig.node16.json, rebuilding dist first
// when it is stale. Nothing here is executed: `expectTypeOf` and `assertType` come from vitest
// for their types only.
//
// Why tsc rather than `vitest --typecheck`: these tests are about what `tsc` says, so tsc is the
// runner. `vitest --typecheck` would itself spawn tsc and parse its output, adding vitest's
// startup and a second set of include rules and settings to keep in line with the tsconfig. A
// `// @ts-expect-error` that no longer finds its error is TS2578 under plain tsc, so the negative
// cases bite without vitest. A failed `expectTypeOf` is a TS2344/TS2345 error at its line.
//
// The imports go through the package name (`corsica`, `corsica/node`, `corsica/express`,
// `corsica/fetch`), so they resolve via package.json `exports` to dist/*.d.ts, the declarations a
// user installs, not src/. The root `npm run typecheck` also compiles this folder (tsconfig.json
// includes `test`), under its stricter flags; the files pass both.
//
// Files: readme/*.ts, the cors README examples with only the import changed (drop-in);
// api.test-d.ts (this file), the core `createCors`; node, fetch and express adapters and the
// option types in their own .test-d.ts files. File names end in .test-d.ts, so `vitest run`
// (which collects test/**/*.test.ts) never picks them up.
import { expectTypeOf } from 'vitest'
import {
  createCors,
  type CorsDecision,
  type CorsOptions,
  type CorsPolicy,
  type CorsRequest,
  type OriginPredicate,
  type SyncCorsOptions,
  type SyncCorsPolicy,
} from 'corsica'

// No options, a list, a synchronous predicate: the policy's check answers directly.
expectTypeOf(createCors()).toEqualTypeOf<SyncCorsPolicy>()
expectTypeOf(createCors().check).returns.toEqualTypeOf<CorsDecision>()
expectTypeOf(createCors().check).parameter(0).toEqualTypeOf<CorsRequest>()

expectTypeOf(createCors({ origin: ['https://a.example'] })).toEqualTypeOf<SyncCorsPolicy>()
expectTypeOf(createCors({ origin: ['https://a.example'] }).check).returns.toEqualTypeOf<CorsDecision>()

expectTypeOf(createCors({ origin: (o) => o.endsWith('.example') })).toEqualTypeOf<SyncCorsPolicy>()
expectTypeOf(createCors({ origin: (o) => o.endsWith('.example') }).check).returns.toEqualTypeOf<CorsDecision>()

// The predicate's parameters are typed from context, the request included.
createCors({
  origin: (origin, request) => {
    expectTypeOf(origin).toEqualTypeOf<string>()
    expectTypeOf(request).toEqualTypeOf<CorsRequest>()
    return request.method !== 'DELETE'
  },
})

// An async predicate: the decision may come as a Promise.
expectTypeOf(createCors({ origin: async (o) => o === 'https://a.example' })).toEqualTypeOf<CorsPolicy>()
expectTypeOf(createCors({ origin: async () => true }).check).returns.toEqualTypeOf<
  CorsDecision | Promise<CorsDecision>
>()

// A synchronous check is usable without await; the async one is awaited.
const decision: CorsDecision = createCors({ origin: 'https://a.example' }).check({
  method: 'GET',
  origin: 'https://a.example',
})
expectTypeOf(decision.allowed).toEqualTypeOf<boolean>()
export async function decideLater(): Promise<boolean> {
  const later = await createCors({ origin: async () => true }).check({ method: 'GET', origin: 'https://a.example' })
  return later.allowed
}

// Options held in variables: the declared type picks the overload. `CorsOptions` without a type
// argument has context `unknown` (portable between adapters), so its policy's context is unknown.
declare const syncOptions: SyncCorsOptions
declare const anyOptions: CorsOptions
expectTypeOf(createCors(syncOptions)).toEqualTypeOf<SyncCorsPolicy<unknown>>()
expectTypeOf(createCors(anyOptions)).toEqualTypeOf<CorsPolicy<unknown>>()
expectTypeOf(createCors(anyOptions).check).returns.toEqualTypeOf<CorsDecision | Promise<CorsDecision>>()
expectTypeOf<CorsOptions>().toEqualTypeOf<CorsOptions<unknown>>()
expectTypeOf<NonNullable<CorsOptions['origin']>>().toExtend<
  string | boolean | RegExp | readonly (string | RegExp)[] | OriginPredicate<unknown>
>()

// check(request, context?): the context defaults to the request while it is the request type.
const policy = createCors({ origin: 'https://a.example' })
expectTypeOf(policy).toEqualTypeOf<SyncCorsPolicy<CorsRequest>>()
expectTypeOf(policy.check).parameters.toEqualTypeOf<[request: CorsRequest, context?: CorsRequest | undefined]>()
policy.check({ method: 'GET' })
policy.check({ method: 'GET' }, { method: 'GET', origin: 'https://a.example' })

// A context of another type: the predicate receives it, and check() requires it.
interface Tenant {
  readonly id: string
}
const byTenant = createCors<Tenant>({
  origin: (origin, tenant) => {
    expectTypeOf(tenant).toEqualTypeOf<Tenant>()
    return origin.endsWith(`.${tenant.id}.example`)
  },
})
expectTypeOf(byTenant).toEqualTypeOf<SyncCorsPolicy<Tenant>>()
expectTypeOf(byTenant.check).parameters.toEqualTypeOf<[request: CorsRequest, context: Tenant]>()
byTenant.check({ method: 'GET', origin: 'https://x.acme.example' }, { id: 'acme' })
// @ts-expect-error: the context is required when it is not the request
byTenant.check({ method: 'GET', origin: 'https://x.acme.example' })
// @ts-expect-error: a context of the wrong type
byTenant.check({ method: 'GET' }, { name: 'acme' })
// An async predicate with a context: a CorsPolicy whose check takes it.
const asyncTenant = createCors<Tenant>({ origin: async (_origin, tenant) => tenant.id === 'acme' })
expectTypeOf(asyncTenant).toEqualTypeOf<CorsPolicy<Tenant>>()
expectTypeOf(asyncTenant.check).returns.toEqualTypeOf<CorsDecision | Promise<CorsDecision>>()

// The vary option is a list option.
expectTypeOf<CorsOptions['vary']>().toEqualTypeOf<string | readonly string[] | undefined>()
createCors({ origin: (origin) => origin.length > 0, vary: ['X-Tenant'] })
createCors({ vary: 'X-Tenant, Accept-Language' })
// @ts-expect-error: vary lists header names
createCors({ vary: [1] })
