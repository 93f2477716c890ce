// One test per pitfall that other CORS libraries shipped (docs/design.md, "Pitfalls other libraries
// shipped"). Adapter-level pitfalls are tested through what the engine gives the adapters.
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors, mergeVary, type CorsRequest } from '../../src/index.js'
import {
  ACAC,
  ACAM,
  ACAO,
  APP,
  DEFAULT_METHODS,
  EVIL,
  HOSTILE_REQUEST_HEADERS,
  PREFLIGHT_VARY,
  actualRequest as actual,
  allowedActual,
  checkNow,
  notCors,
  preflightRequest as preflight,
  refusedActual,
  refusedPreflight,
} from './support.js'

function codesOf(options: Parameters<typeof createCors>[0]): string[] {
  try {
    createCors(options)
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems.map((problem) => problem.code)
    throw error
  }
  return []
}

describe('Pitfalls other libraries shipped', () => {
  it('reflecting any origin with credentials: refused at construction, and a list never reflects', () => {
    expect(codesOf({ origin: true, credentials: true })).toEqual(['credentials-with-any-origin'])
    expect(codesOf({ origin: '*', credentials: true })).toEqual(['credentials-with-any-origin'])
    expect(codesOf({ origin: 'null', credentials: true })).toEqual(['null-origin-with-credentials'])
    const policy = createCors({ origin: [APP], credentials: true })
    expect(checkNow(policy, actual(EVIL))).toStrictEqual(refusedActual('origin', {}, 'Origin'))
  })

  it('unanchored or /g RegExps: refused, and an anchored one does not match evil-example.com', () => {
    expect(codesOf({ origin: /example\.com$/ })).toEqual(['unanchored-regexp'])
    expect(codesOf({ origin: /^https:\/\/example\.com$/g })).toEqual(['stateful-regexp'])
    const policy = createCors({ origin: /^https:\/\/example\.com$/ })
    expect(checkNow(policy, actual('https://evil-example.com')).allowed).toBe(false)
    // A /g RegExp would alternate between match and miss; an accepted one answers the same every time.
    expect([1, 2, 3].map(() => checkNow(policy, actual('https://example.com')).allowed)).toEqual([true, true, true])
  })

  it('suffix matching without a label boundary: barfoo.com does not match foo.com', () => {
    const policy = createCors({ origin: ['https://foo.com', 'https://*.foo.com'] })
    expect(checkNow(policy, actual('https://barfoo.com'))).toStrictEqual(refusedActual('origin', {}, 'Origin'))
    expect(checkNow(policy, actual('https://bar.foo.com'))).toStrictEqual(
      allowedActual({ [ACAO]: 'https://bar.foo.com' }, 'Origin'),
    )
  })

  it('Vary missing on rejected or non-CORS responses: every response of a varying policy carries Origin', () => {
    const policy = createCors({ origin: [APP] })
    const requests: CorsRequest[] = [
      actual(APP),
      actual(EVIL),
      actual(`${APP}/`),
      actual(null),
      actual('null'),
      preflight(EVIL, 'PUT'),
      preflight(null, 'PUT'),
    ]
    for (const request of requests) expect(checkNow(policy, request).vary).toMatch(/^Origin(, |$)/)
  })

  it('Vary overwritten instead of merged: mergeVary keeps what the response has', () => {
    expect(mergeVary('Accept-Encoding', 'Origin')).toBe('Accept-Encoding, Origin')
    expect(mergeVary('Accept-Encoding, origin', 'Origin')).toBeUndefined()
    expect(mergeVary('*', 'Origin')).toBeUndefined()
  })

  it("the request's own Vary copied into the response: the decision ignores it", () => {
    const policy = createCors({ origin: [APP] })
    const withVary = { ...actual(APP), vary: 'Cookie, Accept-Language' } as CorsRequest
    expect(checkNow(policy, withVary)).toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
    expect(checkNow(policy, preflight(APP, 'PUT', 'vary')).vary).toBe(PREFLIGHT_VARY)
  })

  it('quadratic split on request headers (ReDoS): a 64 KiB hostile list is refused and the check returns', () => {
    const policy = createCors({ origin: [APP] })
    for (const hostile of [HOSTILE_REQUEST_HEADERS, `a${' '.repeat(65536)}b`, `${'a,'.repeat(32768)}`]) {
      expect(checkNow(policy, preflight(APP, 'PUT', hostile))).toStrictEqual(
        refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      )
    }
  })

  it('every OPTIONS treated as a preflight: OPTIONS without ACRM is an actual request with no status', () => {
    const policy = createCors({ origin: [APP] })
    expect(checkNow(policy, actual(APP, 'OPTIONS'))).toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
    expect(
      checkNow(policy, { method: 'OPTIONS', origin: APP, requestMethod: null, requestHeaders: 'x-a' }),
    ).toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
  })

  it('Access-Control-Allow-Credentials sent for disallowed origins: never', () => {
    const policy = createCors({ origin: [APP], credentials: true })
    for (const request of [actual(EVIL), preflight(EVIL, 'PUT'), actual('null'), actual(`${APP} `), actual(null)]) {
      expect(checkNow(policy, request).headers).not.toHaveProperty(ACAC)
    }
    expect(checkNow(policy, actual(APP)).headers).toHaveProperty(ACAC, 'true')
  })

  it('shared header arrays mutated by downstream code: decisions and their headers are frozen', () => {
    const policy = createCors({ origin: [APP] })
    const decision = checkNow(policy, actual(APP))
    const headers = decision.headers as Record<string, string>
    expect(() => {
      headers[ACAO] = '*'
    }).toThrow(TypeError)
    expect(() => {
      headers['x-extra'] = '1'
    }).toThrow(TypeError)
    expect(() => {
      ;(decision as { vary: string | undefined }).vary = undefined
    }).toThrow(TypeError)
    expect(checkNow(policy, actual(APP))).toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
    expect(checkNow(createCors({ origin: false }), actual(APP))).toStrictEqual(notCors({}, undefined))
  })

  it('errors from an origin callback turned into silent fall-through: they reach the caller', async () => {
    const failing = createCors({
      origin: () => {
        throw new Error('lookup failed')
      },
    })
    expect(() => failing.check(preflight(APP, 'PUT'))).toThrow('lookup failed')
    const rejecting = createCors({ origin: () => Promise.reject(new Error('lookup failed')) })
    await expect(rejecting.check(preflight(APP, 'PUT'))).rejects.toThrow('lookup failed')
  })
})
