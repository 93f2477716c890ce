// Precise tests written to kill mutants Stryker found alive in src/core (npm run test:mutation).
// Each asserts an outcome a user can observe: a decision, a configuration problem (code, path,
// suggestion, the words of its message), an onReject event, a merged Vary, or cache identity.
import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../src/core/cache.js'
import { headerText } from '../../src/core/request.js'
import { suggestOrigin } from '../../src/core/origin-diagnosis.js'
import { scanOrigin } from '../../src/core/origin-syntax.js'
import { CorsConfigError, createCors, mergeVary, type CorsConfigProblem, type CorsOptions, type CorsRejectEvent, type CorsRequest } from '../../src/index.js'

const APP = 'https://app.example.com'

/** The problems `createCors(options)` reports; fails the test when it does not throw. */
function problems(options: unknown): CorsConfigProblem[] {
  try {
    createCors(options as CorsOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    return [...(error as CorsConfigError).problems]
  }
  throw new Error(`accepted: ${String(options)}`)
}

function only(options: unknown): CorsConfigProblem {
  const found = problems(options)
  expect(found).toHaveLength(1)
  return found[0]!
}

describe('CorsConfigError', () => {
  it('lists every problem, one line each, with a count', () => {
    const error = (() => {
      try {
        createCors({ maxAge: -1, optionsSuccessStatus: 301 })
      } catch (caught) {
        return caught as CorsConfigError
      }
    })()!
    expect(error.name).toBe('CorsConfigError')
    expect(error.code).toBe('CORS_CONFIG')
    expect(error.message.split('\n')[0]).toBe('Invalid corsica options (2 problems):')
    expect(error.message.split('\n')[1]).toBe('  - maxAge: must be whole seconds from 0 to 86400, got number -1')
    expect(error.message.split('\n')[2]).toBe('  - optionsSuccessStatus: must be a 2xx status, got number 301')
    expect(Object.isFrozen(error.problems)).toBe(true)
    expect(() => createCors({ maxAge: 1.5 })).toThrow(/^Invalid corsica options \(1 problem\):\n {2}- maxAge: .*got number 1\.5$/)
  })
})

describe('options: types and names', () => {
  it.each([
    ['null', null, 'null'],
    ['an array', [], 'an array'],
    ['a string', 'https://a.com', 'the string "https://a.com"'],
    ['a number', 3, 'number 3'],
  ])('options that are %s', (_name, options, described) => {
    const problem = only(options)
    expect(problem).toMatchObject({ code: 'invalid-type', path: '(options)' })
    expect(problem.message).toBe(`options must be an object, got ${described}`)
  })

  it.each([
    ['allowHeaders', 'allowedHeaders'],
    ['headers', 'allowedHeaders'],
    ['exposeHeaders', 'exposedHeaders'],
    ['allowCredentials', 'credentials'],
    ['origins', 'origin'],
    ['Origin', 'origin'],
    ['maxage', 'maxAge'],
    ['methds', 'methods'],
    ['privateNetworks', 'privateNetwork'],
    ['onRejct', 'onReject'],
  ])('the unknown option %s suggests %s', (name, suggestion) => {
    const problem = only({ [name]: 1 })
    expect(problem).toEqual({ code: 'unknown-option', path: name, suggestion, message: `"${name}" is not a corsica option; did you mean "${suggestion}"?` })
  })

  it.each([
    ['allowedheader', 'allowedHeaders'],
    ['allowmethods', 'methods'],
    ['allowedMethods', 'methods'],
    ['method', 'methods'],
    ['exposedheader', 'exposedHeaders'],
    ['allowedOrigins', 'origin'],
    ['allowOrigin', 'origin'],
    ['allowPrivateNetwork', 'privateNetwork'],
  ])('the alias %s points to %s', (name, suggestion) => {
    expect(only({ [name]: 1 }).suggestion).toBe(suggestion)
  })

  it('an unknown option far from every name lists the known ones', () => {
    const problem = only({ timeoutSeconds: 5 })
    expect(problem).not.toHaveProperty('suggestion')
    expect(problem.message).toBe(
      '"timeoutSeconds" is not a corsica option; known options: origin, credentials, methods, allowedHeaders, exposedHeaders, maxAge, preflightContinue, optionsSuccessStatus, privateNetwork, onReject',
    )
  })

  it('a name three edits away is not "near"', () => {
    expect(only({ xyzAge: 1 }).suggestion).toBeUndefined()
    expect(only({ maxAgeSecs: 1 }).suggestion).toBeUndefined()
    expect(only({ maAg: 1 }).suggestion).toBe('maxAge')
    // Two edits at the end of the name: the whole of both names is compared.
    expect(only({ originab: 1 }).suggestion).toBe('origin')
  })

  it.each(['credentials', 'preflightContinue', 'privateNetwork'])('%s must be a boolean', (name) => {
    expect(only({ [name]: 'yes' })).toEqual({ code: 'invalid-type', path: name, message: 'must be true or false, got the string "yes"' })
  })

  it('onReject must be a function', () => {
    expect(only({ onReject: 'log' })).toEqual({ code: 'invalid-type', path: 'onReject', message: 'must be a function, got the string "log"' })
  })

  it('origin of the wrong type, and array entries of the wrong type', () => {
    expect(only({ origin: 42 })).toEqual({
      code: 'invalid-type',
      path: 'origin',
      message: "must be '*', a boolean, an origin, a RegExp, an array or a function, got number 42",
    })
    expect(only({ origin: [APP, 7] })).toMatchObject({ code: 'invalid-type', path: 'origin[1]', message: 'must be an origin or a RegExp, got number 7' })
    expect(only({ origin: [null] })).toMatchObject({ path: 'origin[0]', message: expect.stringContaining('got null') })
  })

  it('list options of the wrong type, and items of the wrong type', () => {
    expect(only({ methods: 5 })).toEqual({ code: 'invalid-type', path: 'methods', message: 'must be a string or an array, got number 5' })
    expect(only({ allowedHeaders: ['x-a', 1] })).toEqual({ code: 'invalid-type', path: 'allowedHeaders[1]', message: 'must be a string, got number 1' })
    expect(only({ exposedHeaders: [/x/] })).toMatchObject({ path: 'exposedHeaders[0]', message: 'must be a string, got a RegExp' })
  })
})

describe('options: origins', () => {
  it('credentials with any origin, named as configured', () => {
    // Unset is not a '*' the user wrote: the message names what is missing.
    expect(only({ credentials: true }).message).toBe('credentials needs origin set to the sites allowed to send them (unset means any site); list origins or patterns, or use a predicate')
    expect(only({ origin: '*', credentials: true }).message).toBe("'*' with credentials lets any site read users' data; list origins or patterns, or use a predicate")
    expect(only({ origin: '*', credentials: true }).code).toBe('credentials-with-any-origin')
    expect(only({ origin: true, credentials: true }).message).toMatch(/^true with credentials lets any site read/)
  })

  it("'null' with credentials", () => {
    expect(only({ origin: [APP, 'null'], credentials: true })).toMatchObject({ code: 'null-origin-with-credentials', path: 'origin[1]', message: expect.stringContaining('sandboxed iframe') })
    expect(only({ origin: 'null', credentials: true }).path).toBe('origin')
  })

  it.each([
    ['https://app.example.com/', 'a trailing slash', APP],
    ['https://app.example.com/api', 'a path, query or fragment', APP],
    ['https://app.example.com?q', 'a path, query or fragment', APP],
    ['https://App.example.com', 'uppercase letters', APP],
    ['HTTPS://app.example.com', 'uppercase letters', APP],
    ['https://app.example.com:443', 'the default port 443', APP],
    ['http://app.example.com:80', 'the default port 80', 'http://app.example.com'],
    ['https://app.example.com.', 'a trailing dot', APP],
    ['https://app.example.com.:8443', 'a trailing dot', 'https://app.example.com:8443'],
    ['app.example.com', 'no scheme', APP],
    ['//app.example.com', 'no scheme, a path, query or fragment', APP],
    [' https://app.example.com', 'whitespace', APP],
    ['https://user@app.example.com', 'user info', undefined],
    ['https://[::1', 'not scheme://host[:port]', undefined],
  ])('%s: %s', (entry, flaw, suggestion) => {
    const problem = only({ origin: [entry] })
    expect(problem.code).toBe('invalid-origin')
    expect(problem.path).toBe('origin[0]')
    expect(problem.message.startsWith(`"${entry}" is not a scheme://host[:port] origin (${flaw})`)).toBe(true)
    expect(problem.suggestion).toBe(suggestion)
    if (suggestion !== undefined) expect(problem.message).toContain(`did you mean "${suggestion}"?`)
    else {
      expect(problem).not.toHaveProperty('suggestion')
      expect(problem.message).not.toContain('did you mean')
    }
  })

  it.each([
    ['AB.example.com', 'no scheme, uppercase letters'],
    ['app.example.com/API', 'no scheme, a path, query or fragment'],
    ['https://app.example.com/API', 'a path, query or fragment'],
    ['ftp://a.com:undefined', 'not scheme://host[:port]'],
  ])('the flaws of %s are exactly: %s', (entry, flaws) => {
    expect(only({ origin: entry }).message.startsWith(`"${entry}" is not a scheme://host[:port] origin (${flaws})`)).toBe(true)
  })

  it('several flaws are all named', () => {
    expect(only({ origin: 'HTTPS://App.Example.com:443/ ' }).message).toContain('(whitespace, a path, query or fragment, uppercase letters, the default port 443)')
  })

  it('comma-joined origins suggest an array', () => {
    const problem = only({ origin: 'https://a.com, https://B.com/' })
    expect(problem).toMatchObject({ code: 'invalid-origin', suggestion: '["https://a.com", "https://b.com"]' })
    expect(problem.message).toBe('"https://a.com, https://B.com/" holds several origins in one string; did you mean ["https://a.com", "https://b.com"]?')
    expect(only({ origin: 'https://a.com, junk junk' }).suggestion).toBe('["https://a.com", "junk junk"]')
  })

  it("'*' inside a list", () => {
    expect(only({ origin: [APP, '*'] })).toMatchObject({ code: 'invalid-origin', path: 'origin[1]', suggestion: '*', message: `'*' cannot be mixed with origins; did you mean "*"?` })
  })

  it.each([
    ['https://a*.example.com', 'invalid-origin-pattern'],
    ['https://*.*.example.com', 'invalid-origin-pattern'],
    ['*.example.com', 'invalid-origin-pattern'],
    ['https://example.*', 'invalid-origin-pattern'],
    ['https://*example.com', 'invalid-origin-pattern'],
    ['https://*.com', 'origin-pattern-too-broad'],
    ['https://*.localhost:*', 'origin-pattern-too-broad'],
    ['https://*.[::1]', 'invalid-origin-pattern'],
    ['https://*.127.0.0.1', 'invalid-origin-pattern'],
  ])('pattern %s is refused (%s)', (entry, code) => {
    expect(only({ origin: [entry] })).toMatchObject({ code, path: 'origin[0]' })
  })

  it('pattern messages say why and what to write', () => {
    expect(only({ origin: '*.example.com' }).message).toBe(
      `"*.example.com": '*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)`,
    )
    expect(only({ origin: 'https://a*.example.com' }).message).toBe(
      `"https://a*.example.com": '*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)`,
    )
    expect(only({ origin: 'https://*.com' }).message).toBe('"https://*.com" covers a whole top-level domain; name a domain: https://*.example.com')
    expect(only({ origin: 'https://*.10.0.0.1' }).message).toBe('"https://*.10.0.0.1": an IP address has no subdomains')
  })

  it('a malformed pattern gets a corrected pattern', () => {
    const problem = only({ origin: 'https://*.Example.com/' })
    expect(problem).toMatchObject({ code: 'invalid-origin-pattern', suggestion: 'https://*.example.com' })
    expect(problem.message).toBe('"https://*.Example.com/" is not a valid pattern (a trailing slash, uppercase letters); did you mean "https://*.example.com"?')
    expect(only({ origin: 'HTTP://localhost:*' }).suggestion).toBe('http://localhost:*')
    expect(only({ origin: 'https://*.example.com:443' }).suggestion).toBe('https://*.example.com')
    expect(only({ origin: 'https://*.exa mple.com' }).suggestion).toBeUndefined()
  })

  it('stateful and unanchored RegExps', () => {
    expect(only({ origin: /^https:\/\/a\.com$/g })).toEqual({
      code: 'stateful-regexp',
      path: 'origin',
      suggestion: '/^https:\\/\\/a\\.com$/',
      message: '/^https:\\/\\/a\\.com$/g is stateful (g flag): test() then misses matches; did you mean /^https:\\/\\/a\\.com$/?',
    })
    expect(only({ origin: [/^https:\/\/a\.com$/iy] })).toMatchObject({ code: 'stateful-regexp', path: 'origin[0]', suggestion: '/^https:\\/\\/a\\.com$/i', message: expect.stringContaining('is stateful (y flag)') })
    const unanchored = only({ origin: /example\.com$/i })
    expect(unanchored).toMatchObject({ code: 'unanchored-regexp', suggestion: '/^https:\\/\\/(?:example\\.com)$/i' })
    expect(unanchored.message).toBe(
      '/example\\.com$/i is not anchored by ^…$: without ^, origins that merely end with a match pass, such as https://attacker-example.com; did you mean /^https:\\/\\/(?:example\\.com)$/i?',
    )
    expect(only({ origin: /^https:\/\/a\.com/ }).suggestion).toBe('/^(?:https:\\/\\/a\\.com)$/')
    expect(only({ origin: /a[^b]$/ }).suggestion).toBe('/^https:\\/\\/(?:a[^b])$/')
  })

  it.each([
    [/^a|b$/, false],
    [/^(a)|b$/, false],
    [/^[a]|b$/, false],
    [/^[a|]$/, true],
    [/^(?:[)|])$/, true],
    [/^(a|b)$/, true],
    [/^[|]$/, true],
    [/^[\]|]$/, true],
    [/^\(|b$/, false],
    [/^a\$/, false],
    [/^a\\$/, true],
    [/^a$|^b$/, false],
    [/a$/, false],
    [/^a/, false],
  ])('%s anchored: %s', (re, anchored) => {
    if (anchored) expect(() => createCors({ origin: re })).not.toThrow()
    else expect(only({ origin: re }).code).toBe('unanchored-regexp')
  })

  it('suggestOrigin corrects what it can and only that', () => {
    expect(suggestOrigin('HTTPS://App.Example.com:443/path')).toBe(APP)
    expect(suggestOrigin('app.example.com/')).toBe(APP)
    expect(suggestOrigin('///app.example.com')).toBe(APP)
    expect(suggestOrigin('https://app.example.com.')).toBe(APP)
    expect(suggestOrigin('wss://a.com:443')).toBe('wss://a.com')
    expect(suggestOrigin('ws://a.com:80')).toBe('ws://a.com')
    expect(suggestOrigin('ws://a.com:443')).toBeUndefined() // already valid: nothing to suggest
    expect(suggestOrigin(APP)).toBeUndefined()
    expect(suggestOrigin('https://a b.com')).toBeUndefined()
    expect(suggestOrigin('app.example.com//x')).toBe(APP)
    expect(suggestOrigin('ftp://a.com:undefined')).toBeUndefined()
  })
})

describe('options: methods and headers', () => {
  it.each([
    ['get', 'non-normalized-method', 'GET'],
    ['Delete', 'non-normalized-method', 'DELETE'],
    ['options', 'non-normalized-method', 'OPTIONS'],
    ['head', 'non-normalized-method', 'HEAD'],
    ['post', 'non-normalized-method', 'POST'],
    ['pUt', 'non-normalized-method', 'PUT'],
    ['TRACE', 'forbidden-method', undefined],
    ['connect', 'forbidden-method', undefined],
    ['track', 'forbidden-method', undefined],
    ['GE T', 'invalid-method', undefined],
  ])('method %s: %s', (method, code, suggestion) => {
    const problem = only({ methods: ['PUT', method] })
    expect(problem).toMatchObject({ code, path: 'methods[1]' })
    expect(problem.suggestion).toBe(suggestion)
  })

  it('method messages', () => {
    expect(only({ methods: 'put' }).message).toBe('"put" never matches: browsers send PUT; did you mean "PUT"?')
    expect(only({ methods: 'TRACE' }).message).toBe('"TRACE" is forbidden: browsers never send it')
    expect(only({ methods: 'A:B' }).message).toBe('"A:B" is not a method name (a token)')
    expect(only({ methods: 'PUT, A:B' }).path).toBe('methods')
  })

  it('patch, PATCH and custom methods are kept as written', () => {
    const policy = createCors({ origin: APP, methods: ' patch , PATCH,,PURGE, patch ' })
    const answer = policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'patch' })
    expect(answer.headers['access-control-allow-methods']).toBe('patch,PATCH,PURGE')
  })

  // Fetch's forbidden request-header names, every one of them.
  it.each([
    'accept-charset',
    'Accept-Encoding',
    'access-control-request-headers',
    'access-control-request-method',
    'connection',
    'content-length',
    'cookie',
    'cookie2',
    'date',
    'dnt',
    'expect',
    'Host',
    'keep-alive',
    'origin',
    'referer',
    'set-cookie',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
    'via',
    'sec-fetch-mode',
    'Proxy-Authorization',
  ])('%s cannot be allowed', (name) => {
    const problem = only({ allowedHeaders: ['x-a', name] })
    expect(problem).toMatchObject({ code: 'forbidden-request-header', path: 'allowedHeaders[1]' })
    expect(problem.message).toBe(`"${name.toLowerCase()}" is forbidden: scripts cannot send it`)
  })

  it('names merely starting like forbidden ones are fine', () => {
    expect(() => createCors({ allowedHeaders: ['x-sec-token', 'secret', 'proxyish', 'x-cookie', 'hosts'] })).not.toThrow()
  })

  it('header-name problems', () => {
    expect(only({ allowedHeaders: 'x a' })).toEqual({ code: 'invalid-header-name', path: 'allowedHeaders', message: '"x a" is not a header name (a token)' })
    expect(only({ exposedHeaders: ['Set-Cookie'] })).toEqual({
      code: 'forbidden-exposed-header',
      path: 'exposedHeaders[0]',
      message: '"set-cookie" is never exposed to scripts',
    })
    expect(only({ exposedHeaders: 'set-cookie2' }).code).toBe('forbidden-exposed-header')
    expect(only({ origin: APP, credentials: true, exposedHeaders: ['x-a', '*'] })).toEqual({
      code: 'credentials-with-expose-wildcard',
      path: 'exposedHeaders',
      message: `'*' with credentials means a header named "*"; list the headers`,
    })
  })

  it('header lists keep the first spelling of each name', () => {
    const policy = createCors({ origin: APP, allowedHeaders: 'X-A, x-a,,x-b', exposedHeaders: ['X-Total', 'x-total', ' '] })
    const preflight = policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-a' })
    expect(preflight.headers['access-control-allow-headers']).toBe('X-A,x-b')
    expect(policy.check({ method: 'GET', origin: APP }).headers['access-control-expose-headers']).toBe('X-Total')
    expect(createCors({ origin: APP, exposedHeaders: [] }).check({ method: 'GET', origin: APP }).headers).toEqual({ 'access-control-allow-origin': APP })
  })

  it("'*' in allowedHeaders, with and without Authorization and credentials", () => {
    const ask = { method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'X-A,authorization' }
    expect(createCors({ origin: APP, allowedHeaders: ['*', 'Authorization'] }).check(ask).headers['access-control-allow-headers']).toBe('*,authorization')
    expect(createCors({ origin: APP, allowedHeaders: '*' }).check({ ...ask, requestHeaders: 'x-a' }).headers['access-control-allow-headers']).toBe('*')
    expect(createCors({ origin: APP, credentials: true, allowedHeaders: ['*', 'authorization'] }).check(ask).headers['access-control-allow-headers']).toBe('x-a,authorization')
    expect(createCors({ origin: APP, credentials: true, allowedHeaders: '*' }).check(ask)).toMatchObject({ allowed: false, reason: 'headers' })
  })

  it('maxAge and optionsSuccessStatus bounds', () => {
    for (const maxAge of [0, 86400]) expect(() => createCors({ maxAge })).not.toThrow()
    for (const maxAge of [-1, 86401, 1.5, '600', Number.NaN]) expect(only({ maxAge }).code).toBe('invalid-max-age')
    for (const optionsSuccessStatus of [200, 299]) expect(() => createCors({ optionsSuccessStatus })).not.toThrow()
    for (const optionsSuccessStatus of [199, 300, 204.5, '204']) expect(only({ optionsSuccessStatus }).code).toBe('invalid-status')
    expect(only({ optionsSuccessStatus: 301 }).message).toBe('must be a 2xx status, got number 301')
    const preflight = { method: 'OPTIONS', origin: APP, requestMethod: 'PUT' }
    expect(createCors({ origin: APP, maxAge: 0 }).check(preflight).headers['access-control-max-age']).toBe('0')
    expect(createCors({ origin: APP, optionsSuccessStatus: 200 }).check(preflight).status).toBe(200)
    expect(createCors({ origin: APP }).check(preflight).status).toBe(204)
  })
})

describe('origin syntax', () => {
  it.each([
    ['ws://a.com', true],
    ['ws://a.com:80', false],
    ['ws://a.com:443', true],
    ['wss://a.com:443', false],
    ['wss://a.com:80', true],
    ['http://a.com:443', true],
    ['https://a.com:80', true],
    ['httpx://a.com:80', true],
    ['httpx://a.com:443', true],
    ['httpsx://a.com:443', true],
    ['wssx://a.com:443', true],
    ['abcd://a.com:80', true],
    ['abcde://a.com:443', true],
    ['abc://a.com:443', true],
    ['xy://a.com:80', true],
    ['ftp://a.com:443', true],
    ['ftp://a.com:1', true],
    ['z://zz.z', true],
    ['https://[::a]', true],
    ['https;//aa.com', false],
    ['https:/aa.com', false],
    ['https:x/a.com', false],
    ['https://a.com/8080', false],
    ['ftp://a.com:21', false], // ftp's default port
    ['http://a.com:1', true],
    ['http://a.com:65535', true],
    ['http://a.com:65536', false],
    ['http://a.com:99999', false],
    ['http://a.com:100000', false],
    ['http://a.com:0', false],
    ['http://a.com:01', false],
    ['http://a.com:', false],
    ['http://a.com:1x', false],
    ['a+b-c.d://h', true],
    ['a://h', true],
    ['a:/h', false],
    ['a:h', false],
    ['a//h', false],
    ['https://a-b_c.d', true],
    ['https://a.b.', false],
    ['https://.', false],
    ['https://[::1]:8080', true],
    ['https://[::1]8080', false],
    ['https://[::g]', false],
    ['https://[1.2.3.4]', false], // URL refuses it: an embedded IPv4 needs six pieces before it
    ['https://[]', false],
    [`https://${'a'.repeat(504)}`, true],
    [`https://${'a'.repeat(505)}`, false],
  ])('%s is a serialized origin: %s', (origin, valid) => {
    expect(scanOrigin(origin) !== -1).toBe(valid)
    const answer = createCors({ origin: true }).check({ method: 'GET', origin })
    expect(answer.headers['access-control-allow-origin']).toBe(valid ? origin : undefined)
  })
})

describe('origin patterns', () => {
  // Built inside each test, so Stryker's per-test coverage sees the compile step too.
  const patterns = () =>
    createCors({
      origin: ['https://*.example.com', 'https://*.example.com:8443', 'http://*.dev.test:*', 'http://localhost:*', 'https://api.example.org:*', 'https://*.a.example.org', 'wss://*.example.com:9000'],
    })

  it.each([
    ['https://a.example.com', true],
    ['https://a.b.example.com', true],
    ['https://example.com', false],
    ['https://aexample.com', false],
    ['https://a.example.com:8443', true],
    ['https://a.example.com:8444', false],
    ['http://a.example.com', false],
    ['http://a.dev.test', true],
    ['http://a.dev.test:1', true],
    ['http://dev.test:1', false],
    ['http://localhost', true],
    ['http://localhost:5173', true],
    ['http://a.localhost:5173', false],
    ['https://localhost:5173', false],
    ['https://api.example.org', true],
    ['https://api.example.org:1234', true],
    ['https://x.api.example.org', false],
    ['https://b.a.example.org', true],
    ['https://a.example.org', false],
    ['wss://a.example.com:9000', true],
    ['wss://a.example.com', false],
    ['https://a.example.co', false],
    ['https://a.xample.com', false],
    // No port is the scheme's default, never confused with an explicit port.
    ['https://a.example.com:1', false],
    ['http://x.dev.test:1', true],
  ])('%s allowed: %s', (origin, allowed) => {
    expect(patterns().check({ method: 'GET', origin }).allowed).toBe(allowed)
  })

  it('a pattern with an explicit port does not accept the default port', () => {
    const portOne = createCors({ origin: ['https://*.example.com:1', 'http://localhost:1'] })
    expect(portOne.check({ method: 'GET', origin: 'https://a.example.com:1' }).allowed).toBe(true)
    expect(portOne.check({ method: 'GET', origin: 'https://a.example.com' }).allowed).toBe(false)
    expect(portOne.check({ method: 'GET', origin: 'http://localhost' }).allowed).toBe(false)
  })

  it('a subdomain pattern and an exact entry for the same host combine', () => {
    const both = createCors({ origin: ['https://*.example.com', 'https://example.com:8443', 'https://example.com:*'] })
    expect(both.check({ method: 'GET', origin: 'https://example.com' }).allowed).toBe(true)
    expect(both.check({ method: 'GET', origin: 'https://a.example.com' }).allowed).toBe(true)
    const exactPort = createCors({ origin: ['https://example.com:*', 'https://*.example.com:8443'] })
    expect(exactPort.check({ method: 'GET', origin: 'https://a.example.com' }).allowed).toBe(false)
    expect(exactPort.check({ method: 'GET', origin: 'https://a.example.com:8443' }).allowed).toBe(true)
  })

  it('RegExps are tried after patterns, and each one counts', () => {
    const mixed = createCors({ origin: ['https://*.example.com', /^https:\/\/one\.test$/, /^https:\/\/two\.test$/] })
    expect(mixed.check({ method: 'GET', origin: 'https://two.test' }).allowed).toBe(true)
    expect(mixed.check({ method: 'GET', origin: 'https://three.test' }).allowed).toBe(false)
  })
})

describe('decisions', () => {
  it('non-CORS requests under origin "*" carry the same headers as CORS ones', () => {
    const policy = createCors({ exposedHeaders: 'x-total' })
    expect(policy.check({ method: 'GET' })).toEqual({ kind: 'none', allowed: true, headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-total' }, vary: undefined, status: undefined, reason: undefined })
    expect(createCors({ origin: APP }).check({ method: 'GET', origin: null })).toMatchObject({ kind: 'none', headers: {}, vary: 'Origin' })
    expect(createCors({ origin: false }).check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT' })).toEqual({ kind: 'none', allowed: true, headers: {}, vary: undefined, status: undefined, reason: undefined })
  })

  it('preflight under origin "*": no Vary: Origin, but the request headers vary', () => {
    const answer = createCors().check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-a' })
    expect(answer.vary).toBe('Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network')
    expect(answer.headers).toEqual({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE', 'access-control-allow-headers': 'x-a' })
  })

  it('empty methods or allowedHeaders lists send no header rather than an empty one', () => {
    const policy = createCors({ origin: APP, methods: [], allowedHeaders: [] })
    const answer = policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'GET' })
    expect(answer).toMatchObject({ allowed: true, headers: { 'access-control-allow-origin': APP } })
    expect(Object.keys(answer.headers)).toEqual(['access-control-allow-origin'])
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT' })).toMatchObject({ allowed: false, reason: 'method' })
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'GET', requestHeaders: 'x-a' })).toMatchObject({ allowed: false, reason: 'headers' })
  })

  it("methods '*' echoes the method with credentials and sends '*' without", () => {
    const ask = { method: 'OPTIONS', origin: APP, requestMethod: 'PURGE' }
    expect(createCors({ origin: APP, methods: '*' }).check(ask).headers['access-control-allow-methods']).toBe('*')
    expect(createCors({ origin: APP, methods: '*', credentials: true }).check(ask).headers['access-control-allow-methods']).toBe('PURGE')
  })

  it('reflected request headers are lowercased and cleaned only when needed', () => {
    const policy = createCors({ origin: APP })
    const reflect = (requestHeaders: string) => policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders }).headers['access-control-allow-headers']
    expect(reflect('x-a,x-b')).toBe('x-a,x-b')
    expect(reflect('X-A,x-b')).toBe('x-a,x-b')
    expect(reflect('x-a, x-b')).toBe('x-a,x-b')
    expect(reflect('x-a,x-b,')).toBe('x-a,x-b')
    expect(reflect(',x-a')).toBe('x-a')
    expect(reflect('x-a\t')).toBe('x-a')
    expect(reflect(' ')).toBeUndefined()
    expect(reflect('')).toBeUndefined()
  })

  it('private network: only an exact "true" asks, and the answer is not cached per origin', () => {
    const policy = createCors({ origin: APP, privateNetwork: true, maxAge: 60 })
    const ask = (requestPrivateNetwork?: string) => policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestPrivateNetwork })
    expect(ask('true').headers['access-control-allow-private-network']).toBe('true')
    expect(ask().headers['access-control-allow-private-network']).toBeUndefined()
    expect(ask('true').headers['access-control-allow-private-network']).toBe('true')
    expect(ask().headers).toEqual({ 'access-control-allow-origin': APP, 'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE', 'access-control-max-age': '60' })
  })

  it('a refused preflight keeps the headers that hold', () => {
    const policy = createCors({ origin: APP, methods: 'PUT', allowedHeaders: 'x-a', credentials: true, maxAge: 60 })
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'DELETE', requestHeaders: 'x-a' }).headers).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'x-a',
    })
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-b' }).headers).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'PUT',
    })
  })

  it('allowed decisions are cached per origin, and the cache forgets its oldest entry when full', () => {
    const policy = createCors({ origin: true })
    const first = policy.check({ method: 'GET', origin: 'https://first.test' })
    expect(policy.check({ method: 'GET', origin: 'https://first.test' })).toBe(first)
    const preflight = policy.check({ method: 'OPTIONS', origin: 'https://first.test', requestMethod: 'PUT' })
    expect(policy.check({ method: 'OPTIONS', origin: 'https://first.test', requestMethod: 'PUT' })).toBe(preflight)
    for (let i = 0; i < 1023; i++) policy.check({ method: 'GET', origin: `https://o${i}.test` })
    expect(policy.check({ method: 'GET', origin: 'https://first.test' })).toBe(first)
    policy.check({ method: 'GET', origin: 'https://one-more.test' })
    const again = policy.check({ method: 'GET', origin: 'https://first.test' })
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
  })

  it('a fixed allow-list keeps room for every listed origin on top of 1024 others', () => {
    const policy = createCors({ origin: [APP, 'https://two.test', 'https://*.example.org'] })
    const first = policy.check({ method: 'GET', origin: APP })
    for (let i = 0; i < 1025; i++) policy.check({ method: 'GET', origin: `https://o${i}.example.org` })
    expect(policy.check({ method: 'GET', origin: APP })).toBe(first)
    policy.check({ method: 'GET', origin: 'https://one-more.example.org' })
    expect(policy.check({ method: 'GET', origin: APP })).not.toBe(first)
  })

  it("a predicate's answer is never cached: revoking an origin takes effect on the next request", () => {
    let allowed = true
    const policy = createCors({ origin: (origin) => allowed && origin === APP })
    expect(policy.check({ method: 'GET', origin: APP }).allowed).toBe(true)
    allowed = false
    expect(policy.check({ method: 'GET', origin: APP }).allowed).toBe(false)
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT' }).allowed).toBe(false)
  })

  it('header names of the same length and first letter are all allowed', () => {
    const policy = createCors({ origin: APP, allowedHeaders: ['x-a', 'x-b', 'X-C', 'x-b'] })
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-c,X-B,x-a' }).allowed).toBe(true)
    expect(policy.check({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-d' }).allowed).toBe(false)
  })

  it('CorsConfigError copies the problem list it is given', () => {
    const given: CorsConfigProblem[] = [{ code: 'invalid-max-age', path: 'maxAge', message: 'm' }]
    const error = new CorsConfigError(given)
    given.push({ code: 'invalid-status', path: 'optionsSuccessStatus', message: 'n' })
    expect(error.problems).toHaveLength(1)
    expect(Object.isFrozen(given)).toBe(false)
  })

  it('BoundedCache keeps at most its capacity', () => {
    const cache = new BoundedCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    expect(cache.set('c', 3)).toBe(3)
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3])
  })
})

describe('onReject', () => {
  function events(options: CorsOptions, requests: CorsRequest[]): CorsRejectEvent[] {
    const seen: CorsRejectEvent[] = []
    const policy = createCors({ ...options, onReject: (event) => seen.push(event) })
    for (const request of requests) policy.check(request)
    return seen
  }

  it('reports every refusal with its reason, kind, origin and a quoted detail', () => {
    const preflight = (extra: Partial<CorsRequest>): CorsRequest => ({ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', ...extra })
    const seen = events({ origin: [APP, 'https://*.example.org'], methods: ['PUT'], allowedHeaders: ['x-a'] }, [
      { method: 'GET', origin: 'https://evil.test' },
      { method: 'GET', origin: 'null' },
      { method: 'GET', origin: 'https://evil.test\r\n' },
      preflight({ origin: 'https://evil.test' }),
      preflight({ origin: 'https://evil.test/' }),
      preflight({ requestMethod: 'DELETE' }),
      preflight({ requestMethod: 'DE LETE' }),
      preflight({ requestHeaders: 'x-a, X-B' }),
      preflight({ requestHeaders: 'x a' }),
      preflight({ requestPrivateNetwork: 'true' }),
      { method: 'GET', origin: APP },
      preflight({}),
    ])
    expect(seen.map(({ reason, kind, origin, detail }) => ({ reason, kind, origin, detail }))).toEqual([
      { reason: 'origin', kind: 'actual', origin: 'https://evil.test', detail: 'origin "https://evil.test" is not allowed' },
      { reason: 'origin', kind: 'actual', origin: 'null', detail: 'origin "null" is not allowed' },
      { reason: 'malformed', kind: 'actual', origin: 'https://evil.test\r\n', detail: 'Origin "https://evil.test\\r\\n" is malformed' },
      { reason: 'origin', kind: 'preflight', origin: 'https://evil.test', detail: 'origin "https://evil.test" is not allowed' },
      { reason: 'malformed', kind: 'preflight', origin: 'https://evil.test/', detail: 'Origin "https://evil.test/" is malformed' },
      { reason: 'method', kind: 'preflight', origin: APP, detail: 'method "DELETE" is not in methods (PUT)' },
      { reason: 'malformed', kind: 'preflight', origin: APP, detail: 'Access-Control-Request-Method "DE LETE" is malformed' },
      { reason: 'headers', kind: 'preflight', origin: APP, detail: 'header "x-b" is not allowed' },
      { reason: 'malformed', kind: 'preflight', origin: APP, detail: 'Access-Control-Request-Headers "x a" is malformed or too long' },
      { reason: 'private-network', kind: 'preflight', origin: APP, detail: 'privateNetwork is off' },
    ])
    expect(seen[0]!.request).toEqual({ method: 'GET', origin: 'https://evil.test' })
  })

  it("names Authorization when '*' did not cover it, and cuts long values", () => {
    const [event] = events({ origin: APP, allowedHeaders: '*' }, [{ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-a,Authorization' }])
    expect(event!.detail).toBe(`header "authorization" is not allowed (Authorization must be listed beside '*')`)
    const long = `https://${'a'.repeat(300)}/`
    const [cut] = events({ origin: APP }, [{ method: 'GET', origin: long }])
    expect(cut!.detail).toBe(`Origin ${JSON.stringify(`${long.slice(0, 200)}…`)} is malformed`)
    const exact = `https://${'a'.repeat(192)}`
    expect(exact).toHaveLength(200)
    const [whole] = events({ origin: APP }, [{ method: 'GET', origin: `${exact}/` }])
    expect(whole!.detail).toBe(`Origin ${JSON.stringify(`${exact}…`)} is malformed`)
    const [fits] = events({ origin: APP }, [{ method: 'GET', origin: `${exact.slice(0, 199)}/` }])
    expect(fits!.detail).toContain(`${exact.slice(0, 199)}/"`)
  })

  it('an absent request method or header list reads as empty in the detail', () => {
    const [event] = events({ origin: APP, allowedHeaders: [] }, [{ method: 'OPTIONS', origin: APP, requestMethod: 'PUT', requestHeaders: 'x-a' }])
    expect(event!.detail).toBe('header "x-a" is not allowed')
  })
})

describe('Vary merging and header reading', () => {
  it.each([
    [undefined, 'Origin', 'Origin'],
    [null, 'Origin', 'Origin'],
    ['', 'Origin', 'Origin'],
    ['  ', 'Origin', 'Origin'],
    ['Accept-Encoding', 'Origin', 'Accept-Encoding, Origin'],
    ['accept-encoding, origin', 'Origin', undefined],
    ['ORIGIN', 'Origin', undefined],
    ['*', 'Origin', undefined],
    ['Accept, *', 'Origin', undefined],
    [' * ', 'Origin', undefined],
    [['Accept', 'Cookie'], 'Origin', 'Accept, Cookie, Origin'],
    [42, 'Origin', '42, Origin'],
    ['Origin', 'Origin, Access-Control-Request-Method', 'Origin, Access-Control-Request-Method'],
    ['Accept', undefined, undefined],
    ['Accept', '', undefined],
  ])('mergeVary(%j, %j) = %j', (existing, tokens, merged) => {
    expect(mergeVary(existing as Parameters<typeof mergeVary>[0], tokens)).toBe(merged)
  })

  it('headerText joins repeated lines and stringifies numbers', () => {
    expect(headerText(['a', 'b'])).toBe('a, b')
    expect(headerText(5)).toBe('5')
    expect(headerText(null)).toBeUndefined()
    expect(headerText(undefined)).toBeUndefined()
    expect(headerText('x')).toBe('x')
  })
})

// Killed after the core was rewritten smaller (Stryker run of 2026-11-24): anchors of the
// name-matching expressions, a port that is only a colon, and corner cases of the diagnostics.
describe('anchors and corners found by the second mutation run', () => {
  it('an origin ending in a bare colon is not a serialized origin', () => {
    expect(scanOrigin('https://a.com:')).toBe(-1)
    expect(scanOrigin('http://[::1]:')).toBe(-1)
  })

  it('an IPv6 host, even IPv4-mapped, takes no subdomain pattern', () => {
    expect(only({ origin: 'https://*.[::ffff:1.2.3.4]' }).code).toBe('invalid-origin-pattern')
  })

  it('a port of -1 is neither a default port nor fixed by dropping it', () => {
    expect(only({ origin: 'ftp://a.com:-1' })).toEqual({ code: 'invalid-origin', path: 'origin', message: '"ftp://a.com:-1" is not a scheme://host[:port] origin (not scheme://host[:port])' })
  })

  it('an unanchored RegExp with one slash after a colon still gets the scheme prefix', () => {
    expect(only({ origin: /a:\/b/ }).suggestion).toBe('/^https:\\/\\/(?:a:\\/b)$/')
  })

  it('option names are loosened only at their start and end', () => {
    expect(only({ xAllowHeaders: 1 })).not.toHaveProperty('suggestion')
  })

  it('forbidden and normalized method names match whole names only', () => {
    const methods = ['XTRACE', 'TRACKING', 'xget', 'getx', 'PROPFIND']
    expect(createCors({ origin: APP, methods }).check({ method: 'OPTIONS', origin: APP, requestMethod: 'xget' }).headers['access-control-allow-methods']).toBe(methods.join(','))
  })

  it('set-cookie is refused as a whole name only', () => {
    const policy = createCors({ origin: APP, exposedHeaders: ['x-set-cookie', 'set-cookie-id'] })
    expect(policy.check({ method: 'GET', origin: APP }).headers['access-control-expose-headers']).toBe('x-set-cookie,set-cookie-id')
  })
})
