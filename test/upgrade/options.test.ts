// The upgrade guards' options: the origin option as corsica validates it, compiled as credentialed
// (a handshake always carries cookies), so '*', true, unset and 'null' are refused with a reason;
// false too (it would turn the check off); CORS-only options are named as such. Every guard
// validates when it is built.
import { describe, expect, it } from 'vitest'
import {
  CorsConfigError,
  fetchUpgradeGuard,
  upgradeGuard,
  verifyClient,
  verifyClientAsync,
  type UpgradeOptions,
} from '../../src/upgrade.js'

const GUARDS: readonly ((options: { origin: string }) => unknown)[] = [
  upgradeGuard,
  verifyClient,
  verifyClientAsync,
  fetchUpgradeGuard,
]

/** The problems the options raise, as `[code, path, message]`. */
function problemsOf(options: unknown): [string, string, string][] {
  try {
    upgradeGuard(options as UpgradeOptions)
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error
    return error.problems.map((found) => [found.code, found.path, found.message])
  }
  throw new Error('the options were accepted')
}

const HIJACK = "would let a page on any site open a WebSocket with your users' cookies"
const FIX = "list the origins of your pages (e.g. ['https://app.example.com']) or use a predicate"
const TOKENS = '(a socket that authenticates by token, not cookies, needs no origin guard)'

describe('upgrade guard options', () => {
  it.each([
    ["'*'", '*', `'*' ${HIJACK}; ${FIX} ${TOKENS}`],
    ["['*']", ['*'], `'*' ${HIJACK}; ${FIX} ${TOKENS}`],
    ['true', true, `true ${HIJACK}; ${FIX} ${TOKENS}`],
    ['unset', undefined, `origin is required: unset ${HIJACK}; ${FIX} ${TOKENS}`],
    ['false', false, `false turns the check off and ${HIJACK}; ${FIX}`],
  ])('refuse origin %s', (_name, origin, message) => {
    expect(problemsOf({ origin })).toEqual([['upgrade-any-origin', 'origin', message]])
  })

  it("refuse 'null', which any site can send", () => {
    expect(problemsOf({ origin: ['https://app.example.com', 'null'] })).toEqual([
      [
        'null-origin-with-credentials',
        'origin[1]',
        "'null' is the origin of any sandboxed iframe or data: document, so any site can send it, with your users' cookies; remove it",
      ],
    ])
  })

  it('report every problem at once, origin problems as corsica words them', () => {
    const found = problemsOf({
      origin: ['https://app.example.com/', 'https://*.com'],
      credentials: true,
      requireOrigin: 'yes',
      onReject: 'log',
      verify: true,
    })
    expect(found.map(([code, path]) => [code, path])).toEqual([
      ['unknown-option', 'credentials'],
      ['unknown-option', 'verify'],
      ['invalid-type', 'requireOrigin'],
      ['invalid-type', 'onReject'],
      ['invalid-origin', 'origin[0]'],
      ['origin-pattern-too-broad', 'origin[1]'],
    ])
    expect(found[0]?.[2]).toBe(
      '"credentials" is a CORS option, and an upgrade has no CORS headers; pass only origin, requireOrigin, onReject',
    )
    expect(found[1]?.[2]).toBe('"verify" is not an upgrade guard option; pass only origin, requireOrigin, onReject')
    expect(found[2]?.[2]).toBe('must be true or false, got the string "yes"')
    expect(found[3]?.[2]).toBe('must be a function, got the string "log"')
  })

  it.each([
    ['nothing', undefined],
    ['an array', ['https://app.example.com']],
    ['a string', 'https://app.example.com'],
  ])('refuse %s as the options', (_name, options) => {
    const found = problemsOf(options)
    expect(found[0]?.slice(0, 2)).toEqual(['invalid-type', '(options)'])
    expect(found.at(-1)?.[0]).toBe('upgrade-any-origin')
  })

  it.each(GUARDS.map((guard) => [guard.name, guard] as const))('%s validates when it is built', (_name, guard) => {
    expect(() => guard({ origin: '*' })).toThrow(CorsConfigError)
    expect(() => guard({ origin: 'https://app.example.com' })).not.toThrow()
  })

  it('reads only own option properties', () => {
    const inherited = Object.create({ origin: 'https://app.example.com' }) as UpgradeOptions
    expect(problemsOf(inherited).map(([code]) => code)).toEqual(['upgrade-any-origin'])
  })

  it('does not catch what is not a configuration error', () => {
    const origin = ['https://app.example.com']
    Object.defineProperty(origin, 0, {
      get() {
        throw new RangeError('getter')
      },
    })
    expect(() => upgradeGuard({ origin })).toThrow(RangeError)
  })
})
