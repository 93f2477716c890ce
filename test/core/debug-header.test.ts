// debug: every refusal names its reason in Corsica-Refusal, a valid header value whatever the
// request sent; allowed answers never carry it, nor does any answer without the option.
import { validateHeaderValue } from 'node:http'
import { describe, expect, it } from 'vitest'
import { type CorsRequest, createCors, type SyncCorsOptions } from '../../src/index.js'
import { APP, EVIL } from './support.js'

const HEADER = 'corsica-refusal'
const OPTIONS: SyncCorsOptions = { origin: [APP], methods: 'GET,PUT', allowedHeaders: ['x-a'] }

const get = (origin: string): CorsRequest => ({ method: 'GET', origin })
const preflight = (requestMethod: string, extra: Partial<CorsRequest> = {}): CorsRequest => ({
  method: 'OPTIONS',
  origin: APP,
  requestMethod,
  ...extra,
})

const REFUSALS: ReadonlyArray<readonly [string, CorsRequest, string]> = [
  ['an origin not listed', get(EVIL), `origin: origin "${EVIL}" is not allowed`],
  ['a malformed origin', get(`${APP}/`), `malformed: Origin "${APP}/" is malformed`],
  [
    'a preflight from an origin not listed',
    { ...preflight('GET'), origin: EVIL },
    `origin: origin "${EVIL}" is not allowed`,
  ],
  ['a method not listed', preflight('PATCH'), 'method: method "PATCH" is not in methods (GET,PUT)'],
  ['a malformed method', preflight('G T'), 'malformed: Access-Control-Request-Method "G T" is malformed'],
  ['a header not listed', preflight('GET', { requestHeaders: 'x-a,x-b' }), 'headers: header "x-b" is not allowed'],
  [
    'a malformed header list',
    preflight('GET', { requestHeaders: 'x a' }),
    'malformed: Access-Control-Request-Headers "x a" is malformed or too long',
  ],
  [
    'a private network request',
    preflight('GET', { requestPrivateNetwork: 'true' }),
    'private-network: privateNetwork is off',
  ],
]

const ALLOWED: readonly CorsRequest[] = [
  get(APP),
  preflight('PUT', { requestHeaders: 'x-a' }),
  { method: 'GET' },
  { method: 'OPTIONS', origin: APP },
]

describe('debug: the Corsica-Refusal header', () => {
  for (const [name, request, value] of REFUSALS) {
    it(`names the reason of ${name}, with debug only`, () => {
      const debug = createCors({ ...OPTIONS, debug: true })
      const plain = createCors(OPTIONS)
      const refused = debug.check(request)
      expect(refused.headers[HEADER]).toBe(value)
      const without = plain.check(request)
      expect(without.headers[HEADER]).toBeUndefined()
      // Everything else is the answer without debug.
      const { [HEADER]: _, ...rest } = refused.headers
      expect({ ...refused, headers: rest }).toStrictEqual({ ...without, headers: { ...without.headers } })
      expect(Object.isFrozen(refused) && Object.isFrozen(refused.headers)).toBe(true)
    })
  }

  it('never on an allowed answer, nor under debug: false', () => {
    const debug = createCors({ ...OPTIONS, debug: true })
    for (const request of ALLOWED) expect(Object.keys(debug.check(request).headers)).not.toContain(HEADER)
    expect(createCors({ ...OPTIONS, debug: false }).check(get(EVIL)).headers).toStrictEqual({})
  })

  it('a refused origin seen again names that origin again (the remembered answer is per origin)', () => {
    const policy = createCors({ ...OPTIONS, debug: true })
    for (const origin of [EVIL, 'https://other.example', EVIL])
      expect(policy.check(get(origin)).headers[HEADER]).toBe(`origin: origin "${origin}" is not allowed`)
  })

  it('beside onReject, both hear the same sentence', () => {
    const details: string[] = []
    const policy = createCors({ ...OPTIONS, debug: true, onReject: (e) => details.push(e.detail) })
    expect(policy.check(preflight('PATCH')).headers[HEADER]).toBe(`method: ${details[0]}`)
  })

  const HOSTILE = [
    `${APP}\r\nSet-Cookie: a=b`,
    `${APP}\u0000\u0007\u001b[31m`,
    `${APP}\u007f`,
    'https://évil.example',
    `https://${'\u2028'}x.example`,
    `https://x.example/${'\ud800'}`,
    `https://${'a'.repeat(500)}.example`,
  ]

  it('a hostile value is escaped into printable ASCII: no header can be split or injected', () => {
    const policy = createCors({ ...OPTIONS, debug: true })
    const requests = HOSTILE.flatMap((value) => [
      get(value),
      preflight(value),
      preflight('GET', { requestHeaders: value }),
    ])
    for (const request of requests) {
      const value = policy.check(request).headers[HEADER] ?? ''
      expect(value).toMatch(/^[\x20-\x7e]+$/)
      expect(() => validateHeaderValue(HEADER, value)).not.toThrow()
      expect(() => new Headers({ [HEADER]: value })).not.toThrow()
      expect(value.length).toBeLessThan(300)
    }
    expect(policy.check(get(HOSTILE[0] ?? '')).headers[HEADER]).toBe(
      `malformed: Origin "${APP}\\r\\nSet-Cookie: a=b" is malformed`,
    )
    expect(policy.check(get(HOSTILE[2] ?? '')).headers[HEADER]).toBe(`malformed: Origin "${APP}\\u007f" is malformed`)
    expect(policy.check(get(HOSTILE[3] ?? '')).headers[HEADER]).toBe(
      'malformed: Origin "https://\\u00e9vil.example" is malformed',
    )
    expect(policy.check(get(HOSTILE[6] ?? '')).headers[HEADER]).toMatch(/\.\.\."$|\.\.\." is malformed$/)
  })
})
