// The predicate's context and the `vary` option: `check(request, context)` hands `context` to an
// origin predicate (each adapter passes its framework's request there), `check(request)` hands
// the request itself; `vary` names the request headers such a predicate reads, and they go into
// Vary wherever Origin does.
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors, type CorsRequest, type SyncCorsOptions } from '../../src/index.js'
import {
  ACAO,
  APP,
  EVIL,
  PREFLIGHT_VARY_TOKENS,
  actualRequest as actual,
  checkNow,
  preflightRequest as preflight,
} from './support.js'

describe('check(request, context): what an origin predicate receives', () => {
  interface Tenant {
    readonly tenant: string
  }

  it('passes the context, not the request, as the second argument', () => {
    const seen: unknown[] = []
    const policy = createCors<Tenant>({
      origin: (origin, context) => {
        seen.push(context)
        return context.tenant === 'acme' && origin === APP
      },
    })
    const request = actual(APP)
    const acme = { tenant: 'acme' }
    expect(policy.check(request, acme).headers[ACAO]).toBe(APP)
    expect(policy.check(request, { tenant: 'other' }).headers[ACAO]).toBeUndefined()
    expect(seen[0]).toBe(acme)
  })

  it('passes the request itself when no context is given', () => {
    const seen: unknown[] = []
    const policy = createCors({
      origin: (_origin, request) => {
        seen.push(request)
        return request.method === 'GET'
      },
    })
    const get = actual(APP, 'GET')
    expect(checkNow(policy, get).headers[ACAO]).toBe(APP)
    expect(checkNow(policy, actual(APP, 'DELETE')).headers[ACAO]).toBeUndefined()
    expect(seen[0]).toBe(get)
  })

  it('passes the context to a preflight decision too, and to an async predicate', async () => {
    const seen: unknown[] = []
    const policy = createCors<Tenant>({
      origin: async (_origin, context) => {
        seen.push(context)
        return context.tenant === 'acme'
      },
    })
    const acme = { tenant: 'acme' }
    const answer = await policy.check(preflight(APP, 'PUT'), acme)
    expect([answer.kind, answer.status, answer.headers[ACAO]]).toEqual(['preflight', 204, APP])
    expect((await policy.check(preflight(APP, 'PUT'), { tenant: 'x' })).headers[ACAO]).toBeUndefined()
    expect(seen[0]).toBe(acme)
  })

  it('an explicit undefined context falls back to the request (a default parameter)', () => {
    let seen: unknown
    const policy = createCors<CorsRequest | undefined>({
      origin: (_origin, context) => {
        seen = context
        return true
      },
    })
    const request = actual(APP)
    policy.check(request, undefined)
    expect(seen).toBe(request)
  })
})

describe('the vary option: request headers the answer depends on, besides Origin', () => {
  const tenantPolicy = (options: SyncCorsOptions = {}) =>
    createCors({ origin: (origin) => origin === APP, vary: ['X-Tenant'], ...options })

  it.each([
    { name: 'an allowed actual request', request: actual(APP), vary: 'Origin, X-Tenant' },
    { name: 'a refused actual request', request: actual(EVIL), vary: 'Origin, X-Tenant' },
    { name: 'a request without Origin', request: actual(null), vary: 'Origin, X-Tenant' },
    {
      name: 'an allowed preflight',
      request: preflight(APP, 'PUT'),
      vary: `Origin, X-Tenant, ${PREFLIGHT_VARY_TOKENS}`,
    },
    {
      name: 'a refused preflight',
      request: preflight(EVIL, 'PUT'),
      vary: `Origin, X-Tenant, ${PREFLIGHT_VARY_TOKENS}`,
    },
  ])('is in Vary beside Origin on $name', ({ request, vary }) => {
    expect(checkNow(tenantPolicy(), request).vary).toBe(vary)
  })

  it("is not added where nothing varies on Origin: origin '*' actual requests", () => {
    const policy = createCors({ origin: '*', vary: 'X-Tenant' })
    expect(checkNow(policy, actual(APP)).vary).toBeUndefined()
    expect(checkNow(policy, actual(null)).vary).toBeUndefined()
    expect(checkNow(policy, preflight(APP, 'PUT')).vary).toBe(PREFLIGHT_VARY_TOKENS)
  })

  it('takes a comma-separated string, keeping each name once whatever its case', () => {
    expect(checkNow(tenantPolicy({ vary: 'X-Tenant, x-tenant,Accept-Language' }), actual(APP)).vary).toBe(
      'Origin, X-Tenant, Accept-Language',
    )
    expect(checkNow(tenantPolicy({ vary: ['X-Tenant', 'X-TENANT', ' x-tenant '] }), actual(APP)).vary).toBe(
      'Origin, X-Tenant',
    )
  })

  it('adds nothing corsica already varies on: Origin and the preflight request headers', () => {
    const policy = tenantPolicy({ vary: ['origin', 'X-Tenant', 'access-control-request-method'] })
    expect(checkNow(policy, actual(APP)).vary).toBe('Origin, X-Tenant, access-control-request-method')
    expect(checkNow(policy, preflight(APP, 'PUT')).vary).toBe(
      `Origin, X-Tenant, access-control-request-method, ${PREFLIGHT_VARY_TOKENS.replace('Access-Control-Request-Method, ', '')}`,
    )
  })

  it('refuses a name that is not a token (invalid-header-name, at its index)', () => {
    const error = catchConfigError(() => createCors({ vary: ['X-Tenant', 'x tenant'] }))
    expect(error.problems.map(({ code, path }) => [code, path])).toEqual([['invalid-header-name', 'vary[1]']])
  })

  it("refuses '*' with a message that says why and what to do", () => {
    const error = catchConfigError(() => createCors({ vary: '*' }))
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0]).toMatchObject({ code: 'invalid-header-name', path: 'vary' })
    expect(error.problems[0]?.message).toMatch(/uncacheable/)
    expect(error.problems[0]?.message).toMatch(/name the request headers/)
  })

  it('refuses a value that is not a list', () => {
    const error = catchConfigError(() => createCors({ vary: 42 as unknown as string }))
    expect(error.problems.map(({ path }) => path)).toEqual(['vary'])
  })
})

function catchConfigError(build: () => unknown): CorsConfigError {
  try {
    build()
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    return error as CorsConfigError
  }
  throw new Error('expected a CorsConfigError')
}
