// Configuration errors: every unsafe or invalid option is refused at construction, each problem
// with its stable code, its option path and, where there is an obvious fix, the suggestion.
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors, type CorsConfigProblem, type CorsOptions, type SyncCorsOptions } from '../../src/index.js'
import { APP } from './support.js'

type ExpectedProblem = Pick<CorsConfigProblem, 'code' | 'path'> & { suggestion?: string }

interface InvalidRow {
  name: string
  options: unknown
  problems: ExpectedProblem[]
}

/** Calls createCors and returns the CorsConfigError it must throw. */
function configErrorOf(options: unknown): CorsConfigError {
  try {
    createCors(options as CorsOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    return error as CorsConfigError
  }
  throw new Error(`createCors accepted ${String(options)}`)
}

/** The comparable part of each problem; `suggestion` only when the problem has one. */
function summarize(problems: readonly CorsConfigProblem[]): ExpectedProblem[] {
  return problems.map(({ code, path, suggestion }) => (suggestion === undefined ? { code, path } : { code, path, suggestion }))
}

function invalid(name: string, options: unknown, ...problems: ExpectedProblem[]): InvalidRow {
  return { name, options, problems }
}

const ANY_ORIGIN_WITH_CREDENTIALS: ExpectedProblem = { code: 'credentials-with-any-origin', path: 'origin' }

const INVALID: InvalidRow[] = [
  // origin: any origin with credentials
  invalid("origin '*' with credentials", { origin: '*', credentials: true }, ANY_ORIGIN_WITH_CREDENTIALS),
  invalid("credentials with the default origin '*'", { credentials: true }, ANY_ORIGIN_WITH_CREDENTIALS),
  invalid('origin true with credentials (reflects every origin)', { origin: true, credentials: true }, ANY_ORIGIN_WITH_CREDENTIALS),
  invalid("'null' in a list with credentials", { origin: ['null'], credentials: true }, { code: 'null-origin-with-credentials', path: 'origin[0]' }),
  invalid("'null' alone with credentials", { origin: 'null', credentials: true }, { code: 'null-origin-with-credentials', path: 'origin' }),
  // origin: not a serialized origin
  invalid('origin with a trailing slash', { origin: 'https://example.com/' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin with a path, second in a list', { origin: [APP, 'https://example.com/path'] }, { code: 'invalid-origin', path: 'origin[1]', suggestion: 'https://example.com' }),
  invalid('origin with a port and a trailing slash', { origin: 'https://example.com:8080/' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com:8080' }),
  invalid('origin with uppercase letters', { origin: 'https://Example.COM' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin with the https default port', { origin: 'https://example.com:443' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin with the http default port', { origin: ['http://example.com:80'] }, { code: 'invalid-origin', path: 'origin[0]', suggestion: 'http://example.com' }),
  invalid('origin with surrounding whitespace', { origin: ' https://example.com ' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin without a scheme', { origin: 'example.com' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin with a trailing dot', { origin: 'https://example.com.' }, { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' }),
  invalid('origin with user info (no obvious fix)', { origin: 'https://user@example.com' }, { code: 'invalid-origin', path: 'origin' }),
  invalid(
    'two origins in one string',
    { origin: 'https://a.example.com,https://b.example.com' },
    { code: 'invalid-origin', path: 'origin', suggestion: '["https://a.example.com", "https://b.example.com"]' },
  ),
  invalid("'*' as one entry among others", { origin: ['*', APP] }, { code: 'invalid-origin', path: 'origin[0]', suggestion: '*' }),
  invalid("['*'] (read from an environment list) with credentials", { origin: ['*'], credentials: true }, ANY_ORIGIN_WITH_CREDENTIALS),
  invalid('a method longer than any request may ask for', { methods: ['X'.repeat(65)] }, { code: 'invalid-method', path: 'methods[0]' }),
  // origin: patterns
  invalid('wildcard in a middle label', { origin: 'https://foo.*.example.com' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  invalid('wildcard glued to a label', { origin: [APP, 'https://*example.com'] }, { code: 'invalid-origin-pattern', path: 'origin[1]' }),
  invalid('wildcard as the top-level domain', { origin: 'https://example.*' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  invalid('wildcard as the whole host', { origin: 'https://*' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  invalid('pattern without a scheme', { origin: '*.example.com' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  invalid('pattern with a trailing slash', { origin: 'https://*.example.com/' }, { code: 'invalid-origin-pattern', path: 'origin', suggestion: 'https://*.example.com' }),
  invalid('pattern over a bare top-level domain', { origin: 'https://*.com' }, { code: 'origin-pattern-too-broad', path: 'origin' }),
  invalid('subdomain pattern over an IP address', { origin: 'https://*.192.168.0.1' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  // origin: RegExps
  invalid('RegExp without ^', { origin: /example\.com$/ }, { code: 'unanchored-regexp', path: 'origin', suggestion: '/^https:\\/\\/(?:example\\.com)$/' }),
  invalid('RegExp without $', { origin: /^https:\/\/example\.com/ }, { code: 'unanchored-regexp', path: 'origin', suggestion: '/^(?:https:\\/\\/example\\.com)$/' }),
  invalid(
    'RegExp with a top-level alternation',
    { origin: [/^https:\/\/a\.com$|^https:\/\/b\.com$/] },
    { code: 'unanchored-regexp', path: 'origin[0]', suggestion: '/^(?:https:\\/\\/a\\.com$|^https:\\/\\/b\\.com)$/' },
  ),
  invalid('RegExp with the g flag', { origin: /^https:\/\/example\.com$/g }, { code: 'stateful-regexp', path: 'origin', suggestion: '/^https:\\/\\/example\\.com$/' }),
  invalid('RegExp with the y flag, keeping i', { origin: [APP, /^https:\/\/example\.com$/iy] }, { code: 'stateful-regexp', path: 'origin[1]', suggestion: '/^https:\\/\\/example\\.com$/i' }),
  // methods
  invalid('CONNECT in methods', { methods: ['GET', 'CONNECT'] }, { code: 'forbidden-method', path: 'methods[1]' }),
  invalid('TRACE in a methods string', { methods: 'GET, TRACE' }, { code: 'forbidden-method', path: 'methods' }),
  invalid('track in any case', { methods: ['track'] }, { code: 'forbidden-method', path: 'methods[0]' }),
  invalid('lowercase get (browsers send GET)', { methods: ['get'] }, { code: 'non-normalized-method', path: 'methods[0]', suggestion: 'GET' }),
  invalid('mixed-case Delete beside *', { methods: ['*', 'Delete'] }, { code: 'non-normalized-method', path: 'methods[1]', suggestion: 'DELETE' }),
  invalid('a method that is not a token', { methods: ['GET POST'] }, { code: 'invalid-method', path: 'methods[0]' }),
  // allowedHeaders
  invalid('Cookie in allowedHeaders', { allowedHeaders: ['Cookie'] }, { code: 'forbidden-request-header', path: 'allowedHeaders[0]' }),
  invalid('Host in allowedHeaders', { allowedHeaders: ['Host'] }, { code: 'forbidden-request-header', path: 'allowedHeaders[0]' }),
  invalid('a sec- header in allowedHeaders', { allowedHeaders: ['x-a', 'Sec-Fetch-Mode'] }, { code: 'forbidden-request-header', path: 'allowedHeaders[1]' }),
  invalid('a proxy- header in an allowedHeaders string', { allowedHeaders: 'Proxy-Authorization' }, { code: 'forbidden-request-header', path: 'allowedHeaders' }),
  invalid('a header name with a space', { allowedHeaders: ['x a'] }, { code: 'invalid-header-name', path: 'allowedHeaders[0]' }),
  // exposedHeaders
  invalid('Set-Cookie in exposedHeaders', { exposedHeaders: ['Set-Cookie'] }, { code: 'forbidden-exposed-header', path: 'exposedHeaders[0]' }),
  invalid("exposedHeaders '*' with credentials", { origin: [APP], credentials: true, exposedHeaders: '*' }, { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' }),
  invalid('an exposed header name with parentheses', { exposedHeaders: ['x(y)'] }, { code: 'invalid-header-name', path: 'exposedHeaders[0]' }),
  // maxAge, optionsSuccessStatus
  invalid('negative maxAge', { maxAge: -1 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('fractional maxAge', { maxAge: 1.5 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge over a day', { maxAge: 86401 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge as a string', { maxAge: '600' }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge NaN', { maxAge: Number.NaN }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('optionsSuccessStatus 301 (a redirect fails the preflight)', { optionsSuccessStatus: 301 }, { code: 'invalid-status', path: 'optionsSuccessStatus' }),
  invalid('optionsSuccessStatus 199', { optionsSuccessStatus: 199 }, { code: 'invalid-status', path: 'optionsSuccessStatus' }),
  invalid('optionsSuccessStatus as a string', { optionsSuccessStatus: '204' }, { code: 'invalid-status', path: 'optionsSuccessStatus' }),
  // unknown options and wrong types
  invalid('allowHeaders typo', { allowHeaders: ['x-a'] }, { code: 'unknown-option', path: 'allowHeaders', suggestion: 'allowedHeaders' }),
  invalid('origns typo', { origns: APP }, { code: 'unknown-option', path: 'origns', suggestion: 'origin' }),
  invalid('an unrelated option name', { foo: 1 }, { code: 'unknown-option', path: 'foo' }),
  invalid('options that are not an object', null, { code: 'invalid-type', path: '(options)' }),
  invalid('credentials as a string', { credentials: 'true' }, { code: 'invalid-type', path: 'credentials' }),
  invalid('origin as a number', { origin: 42 }, { code: 'invalid-type', path: 'origin' }),
  invalid('a number inside the origin list', { origin: [APP, 42] }, { code: 'invalid-type', path: 'origin[1]' }),
  invalid('methods as a number', { methods: 5 }, { code: 'invalid-type', path: 'methods' }),
  invalid('a number inside methods', { methods: ['GET', 5] }, { code: 'invalid-type', path: 'methods[1]' }),
  invalid('preflightContinue as a string', { preflightContinue: 'yes' }, { code: 'invalid-type', path: 'preflightContinue' }),
  invalid('privateNetwork as a number', { privateNetwork: 1 }, { code: 'invalid-type', path: 'privateNetwork' }),
  invalid('onReject that is not a function', { onReject: 'log' }, { code: 'invalid-type', path: 'onReject' }),
  invalid(
    "credentials with the default origin and exposedHeaders '*'",
    { credentials: true, exposedHeaders: '*' },
    ANY_ORIGIN_WITH_CREDENTIALS,
    { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' },
  ),
  invalid(
    'many problems at once are all listed, in option order',
    {
      origin: ['https://app.example.com/', 'null', /example\.com$/, 'https://*.com'],
      credentials: true,
      methods: ['get', 'TRACE'],
      allowedHeaders: ['Cookie', 'x a'],
      exposedHeaders: ['Set-Cookie', '*'],
      maxAge: -5,
      optionsSuccessStatus: 404,
      privateNetwork: 'yes',
      allowHeaders: ['x-a'],
    },
    { code: 'unknown-option', path: 'allowHeaders', suggestion: 'allowedHeaders' },
    { code: 'invalid-origin', path: 'origin[0]', suggestion: 'https://app.example.com' },
    { code: 'null-origin-with-credentials', path: 'origin[1]' },
    { code: 'unanchored-regexp', path: 'origin[2]', suggestion: '/^https:\\/\\/(?:example\\.com)$/' },
    { code: 'origin-pattern-too-broad', path: 'origin[3]' },
    { code: 'non-normalized-method', path: 'methods[0]', suggestion: 'GET' },
    { code: 'forbidden-method', path: 'methods[1]' },
    { code: 'forbidden-request-header', path: 'allowedHeaders[0]' },
    { code: 'invalid-header-name', path: 'allowedHeaders[1]' },
    { code: 'forbidden-exposed-header', path: 'exposedHeaders[0]' },
    { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' },
    { code: 'invalid-max-age', path: 'maxAge' },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
    { code: 'invalid-type', path: 'privateNetwork' },
  ),
]

describe('CorsConfigError: invalid configurations', () => {
  it.each(INVALID)('$name', ({ options, problems }) => {
    const error = configErrorOf(options)
    expect(summarize(error.problems)).toStrictEqual(problems)
    for (const { path, suggestion } of problems) {
      expect(error.message).toContain(`${path}: `)
      if (suggestion !== undefined) expect(error.message).toContain(suggestion)
    }
  })

  it('covers at least 40 invalid configurations', () => {
    expect(INVALID.length).toBeGreaterThanOrEqual(40)
  })

  it('is a named error with a stable code, a count in its message and a frozen problem list', () => {
    const error = configErrorOf({ maxAge: -1, optionsSuccessStatus: 500 })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CorsConfigError')
    expect(error.code).toBe('CORS_CONFIG')
    expect(error.message).toMatch(/^Invalid corsica options \(2 problems\):\n/)
    expect(Object.isFrozen(error.problems)).toBe(true)
    for (const problem of error.problems) expect(problem.message.length).toBeGreaterThan(0)
  })

  it('says "did you mean" with the corrected origin', () => {
    expect(configErrorOf({ origin: 'https://Example.com/' }).message).toContain('did you mean "https://example.com"?')
  })
})

describe('messages name what the user wrote', () => {
  it.each([
    ['an undefined list item', { origin: [APP, undefined] }, 'origin[1]: must be an origin or a RegExp, got undefined'],
    ['an undefined method', { methods: ['GET', undefined] }, 'methods[1]: must be a string, got undefined'],
    ['a function where a list goes', { exposedHeaders: () => 'x' }, 'exposedHeaders: must be a string or an array, got a function'],
    ['an object where an origin goes', { origin: [{}] }, 'origin[0]: must be an origin or a RegExp, got an object'],
    ['credentials with origin unset', { credentials: true }, 'origin: credentials needs origin set to the sites allowed to send them (unset means any site)'],
  ])('%s', (_, options, message) => {
    expect(configErrorOf(options).message).toContain(message)
  })

  it("origin ['*'] means '*', not a list mixing '*' with origins", () => {
    const decision = createCors({ origin: ['*'] }).check({ method: 'GET', origin: APP })
    expect(decision.headers).toEqual({ 'access-control-allow-origin': '*' })
  })
})

describe('valid edge configurations do not throw', () => {
  const VALID: ReadonlyArray<readonly [string, SyncCorsOptions | undefined]> = [
    ['no options at all', undefined],
    ['an empty object', {}],
    ["methods '*' with credentials (the method is echoed)", { origin: [APP], credentials: true, methods: '*' }],
    ["allowedHeaders '*' with credentials (the headers are echoed)", { origin: [APP], credentials: true, allowedHeaders: '*' }],
    ["allowedHeaders ['*', 'authorization']", { origin: [APP], allowedHeaders: ['*', 'authorization'] }],
    ["allowedHeaders ['*', 'Authorization'] with credentials", { origin: [APP], credentials: true, allowedHeaders: ['*', 'Authorization'] }],
    ['exposing Content-Length (a no-op, not an error)', { exposedHeaders: ['Content-Length'] }],
    ["exposedHeaders '*' without credentials", { exposedHeaders: '*' }],
    ['maxAge 0', { maxAge: 0 }],
    ['maxAge 86400', { maxAge: 86400 }],
    ['optionsSuccessStatus 200', { optionsSuccessStatus: 200 }],
    ['optionsSuccessStatus 299', { optionsSuccessStatus: 299 }],
    ["'null' without credentials", { origin: 'null' }],
    ['an IPv6 origin with a port', { origin: 'http://[::1]:8080' }],
    ['localhost on any port', { origin: 'http://localhost:*' }],
    ['subdomains on any port', { origin: 'https://*.example.com:*' }],
    ['subdomains of a two-label public suffix', { origin: 'https://*.example.co.uk' }],
    ['a browser-extension origin', { origin: 'chrome-extension://abcdefghijklmnop' }],
    ['an anchored RegExp with an alternation inside a group', { origin: /^https:\/\/(app|admin)\.example\.com$/ }],
    ['a predicate with credentials', { origin: (origin) => origin === APP, credentials: true }],
    ['origin true without credentials', { origin: true }],
    ['CORS off with credentials set', { origin: false, credentials: true }],
    ['a lowercase extension method and an unknown one', { methods: ['patch', 'PROPFIND'] }],
    ['empty lists', { methods: [], allowedHeaders: [], exposedHeaders: [] }],
    ['list options as comma-separated strings', { methods: 'GET, PUT', allowedHeaders: 'Content-Type, X-Trace', exposedHeaders: 'X-Total-Count' }],
    ['every boolean option set', { preflightContinue: true, privateNetwork: true, credentials: false }],
  ]
  it.each(VALID)('%s', (_, options) => {
    expect(() => createCors(options)).not.toThrow()
  })
})
