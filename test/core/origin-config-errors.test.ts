// Configured origins go through the request grammar: hosts no browser sends are refused at
// construction, with what is wrong and, where the URL parser knows it, the form browsers send.
// Unanchored RegExps are told which anchor is missing, and host suffixes get the `*.` pattern.
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { APP } from './support.js'

/** The one problem createCors reports for `options`. */
function only(options: CorsOptions): CorsConfigProblem {
  try {
    createCors(options)
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    const { problems } = error as CorsConfigError
    expect(problems).toHaveLength(1)
    return problems[0] as CorsConfigProblem
  }
  throw new Error('createCors accepted the options')
}

const notAnOrigin = (entry: string, flaws: string) => `"${entry}" is not a scheme://host[:port] origin (${flaws})`

describe('configured origins written with a flaw', () => {
  // Each flaw is named, in this order; the fix is suggested when there is an obvious one.
  it.each<readonly [string | [string], string, string | undefined]>([
    [[`${APP}/`], 'a trailing slash', APP],
    [[`${APP}/api`], 'a path, query or fragment', APP],
    [[`${APP}?q`], 'a path, query or fragment', APP],
    [['https://App.example.com'], 'uppercase letters', APP],
    [['HTTPS://app.example.com'], 'uppercase letters', APP],
    [[`${APP}:443`], 'the default port 443', APP],
    [['http://app.example.com:80'], 'the default port 80', 'http://app.example.com'],
    [[`${APP}.`], 'a trailing dot', APP],
    [[`${APP}.:8443`], 'a trailing dot', `${APP}:8443`],
    [['app.example.com'], 'no scheme', APP],
    [['//app.example.com'], 'no scheme, a path, query or fragment', APP],
    [[` ${APP}`], 'whitespace', APP],
    [['https://user@app.example.com'], 'user info', undefined],
    [['https://[::1'], 'not scheme://host[:port]', undefined],
    ['AB.example.com', 'no scheme, uppercase letters', 'https://ab.example.com'],
    ['app.example.com/API', 'no scheme, a path, query or fragment', APP],
    [`${APP}/API`, 'a path, query or fragment', APP],
    [
      'HTTPS://App.Example.com:443/ ',
      'whitespace, a path, query or fragment, uppercase letters, the default port 443',
      APP,
    ],
    ['ftp://a.com:undefined', 'not scheme://host[:port]', undefined],
    // A port of -1 is neither a default port nor fixed by dropping it, even where the scheme has no default port.
    ['ftp://a.com:-1', 'not scheme://host[:port]', undefined],
    ['foo://a.com:-1', 'not scheme://host[:port]', undefined],
    // Only http(s), ws(s) and ftp have IP hosts: another scheme's host is kept as written.
    ['FOO://1.2.3', 'uppercase letters', 'foo://1.2.3'],
    // A valid punycode host is no flaw beside another.
    [['https://xn--bcher-kva.example/'], 'a trailing slash', 'https://xn--bcher-kva.example'],
    // A second port is not read as an address, nor brackets that enclose part of the host as IPv6.
    ['http://1:2:3', 'not scheme://host[:port]', undefined],
    ['http://a[::1]', 'not scheme://host[:port]', undefined],
    ['http://[::1]a', 'not scheme://host[:port]', undefined],
  ])('%j: %s', (origin, flaws, suggestion) => {
    const [entry, path] = typeof origin === 'string' ? [origin, 'origin'] : [origin[0], 'origin[0]']
    const message = notAnOrigin(entry, flaws)
    expect(only({ origin })).toStrictEqual(
      suggestion === undefined
        ? { code: 'invalid-origin', path, message }
        : { code: 'invalid-origin', path, message: `${message}; did you mean "${suggestion}"?`, suggestion },
    )
  })
})

describe('configured origins with a host no browser sends', () => {
  it.each<readonly [string, string, string | undefined]>([
    ['http://999.999.999.999', 'a host no browser sends (not a valid IPv4 address)', undefined],
    ['http://1.2.3.4.5', 'a host no browser sends (not a valid IPv4 address)', undefined],
    ['https://a.123', 'a host no browser sends (not a valid IPv4 address)', undefined],
    ['http://a.0x', 'a host no browser sends (not a valid IPv4 address)', undefined],
    ['http://a.0x1f', 'a host no browser sends (not a valid IPv4 address)', undefined],
    ['http://999', 'a host no browser sends (browsers write this IPv4 address 0.0.3.231)', 'http://0.0.3.231'],
    ['http://1.2.3', 'a host no browser sends (browsers write this IPv4 address 1.2.0.3)', 'http://1.2.0.3'],
    [
      'http://01.2.3.4:8080',
      'a host no browser sends (browsers write this IPv4 address 1.2.3.4)',
      'http://1.2.3.4:8080',
    ],
    ['http://[:::::]', 'a host no browser sends (not a valid IPv6 address)', undefined],
    ['http://[1]', 'a host no browser sends (not a valid IPv6 address)', undefined],
    ['http://[0:0::1]', 'a host no browser sends (browsers write this IPv6 address [::1])', 'http://[::1]'],
    [
      'http://[::ffff:1.2.3.4]',
      'a host no browser sends (browsers write this IPv6 address [::ffff:102:304])',
      'http://[::ffff:102:304]',
    ],
    ['http://xn--.com', 'invalid punycode', undefined],
    ['https://xn--a.example', 'invalid punycode', undefined],
    ['https://bücher.example', 'a non-ASCII host: use its punycode form', 'https://xn--bcher-kva.example'],
    [
      'https://Bücher.example/',
      'a trailing slash, uppercase letters, a non-ASCII host: use its punycode form',
      'https://xn--bcher-kva.example',
    ],
    ['ftp://a.com:21', 'the default port 21', 'ftp://a.com'],
    ['http://a!b.com', 'not scheme://host[:port]', undefined],
  ])('%s: %s', (entry, flaws, suggestion) => {
    const problem = only({ origin: entry })
    const message = notAnOrigin(entry, flaws)
    expect(problem).toEqual(
      suggestion === undefined
        ? { code: 'invalid-origin', path: 'origin', message }
        : { code: 'invalid-origin', path: 'origin', message: `${message}; did you mean "${suggestion}"?`, suggestion },
    )
    // What is suggested is what a browser at that address sends.
    if (suggestion !== undefined) expect(new URL(entry.toLowerCase()).origin).toBe(suggestion)
  })

  it.each([
    ['https://*.1.2.3.4', '"https://*.1.2.3.4": an IP address has no subdomains'],
    ['https://*.10.0.0.1', '"https://*.10.0.0.1": an IP address has no subdomains'],
    ['https://*.10.0.0.1:8080', '"https://*.10.0.0.1:8080": an IP address has no subdomains'],
    ['https://*.10', '"https://*.10": an IP address has no subdomains'],
    ['https://*.999.999.999.999:*', '"https://*.999.999.999.999:*": an IP address has no subdomains'],
  ])('pattern %s: %s', (entry, message) => {
    expect(only({ origin: entry })).toEqual({ code: 'invalid-origin-pattern', path: 'origin', message })
  })

  it('an internationalised pattern is told its punycode form', () => {
    expect(only({ origin: 'https://*.bücher.example' })).toMatchObject({
      code: 'invalid-origin-pattern',
      suggestion: 'https://*.xn--bcher-kva.example',
    })
  })

  it('the forms browsers send are accepted, as origins and as patterns', () => {
    const policy = createCors({
      origin: [
        'http://[::1]:3000',
        'http://1.2.3.4',
        'https://xn--bcher-kva.example',
        'https://*.xn--bcher-kva.example',
        'ftp://a.com:2121',
        // A label that starts with digits is a name: only a numeric last label makes an address.
        'https://*.1e100.net',
      ],
    })
    for (const origin of [
      'http://[::1]:3000',
      'http://1.2.3.4',
      'https://xn--bcher-kva.example',
      'https://a.xn--bcher-kva.example',
      'ftp://a.com:2121',
      'https://www.1e100.net',
    ]) {
      expect(policy.check({ method: 'GET', origin }).headers['access-control-allow-origin']).toBe(origin)
    }
  })
})

describe('unanchored RegExps: the claim holds for the RegExp at hand', () => {
  it.each<readonly [RegExp, string, string]>([
    [
      /\.example2\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example2.com',
      'https://*.example2.com',
    ],
    [
      /https?:\/\/.*\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example.com',
      '["https://*.example.com", "http://*.example.com"]',
    ],
    [
      /^https:\/\/.*\.example\.com/,
      'without $, origins that merely start with a match pass, such as https://attacker.example.com.attacker.net',
      'https://*.example.com',
    ],
    [
      /^https?:\/\/.+\.example\.com/,
      'without $, origins that merely start with a match pass, such as https://attacker.example.com.attacker.net',
      '["https://*.example.com", "http://*.example.com"]',
    ],
    [
      /https:\/\/.*\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as attacker+https://attacker.example.com',
      'https://*.example.com',
    ],
    [
      /example\.com$/,
      'without ^, origins that merely end with a match pass, such as https://attacker-example.com',
      '/^https:\\/\\/(?:example\\.com)$/',
    ],
    [
      /example\.com$/i,
      'without ^, origins that merely end with a match pass, such as https://attacker-example.com',
      '/^https:\\/\\/(?:example\\.com)$/i',
    ],
    [
      /^https:\/\/example\.com/,
      'without $, origins that merely start with a match pass, such as https://example.com.attacker.net',
      '/^(?:https:\\/\\/example\\.com)$/',
    ],
    [
      /example\.com/,
      'without ^ or $, origins that merely contain a match pass, such as https://attacker-example.com',
      '/^https:\\/\\/(?:example\\.com)$/',
    ],
    [
      /^http:\/\/localhost:\d+/,
      'without $, origins that merely start with a match pass',
      '/^(?:http:\\/\\/localhost:\\d+)$/',
    ],
    [
      /^https:\/\/a\.com$|^https:\/\/b\.com$/,
      'its top-level | binds ^ and $ to single alternatives',
      '/^(?:https:\\/\\/a\\.com$|^https:\\/\\/b\\.com)$/',
    ],
    // The scheme named is kept: `http?` (an optional p) is http, not https?.
    [
      /^http:\/\/.*\.example\.com/,
      'without $, origins that merely start with a match pass, such as http://attacker.example.com.attacker.net',
      'http://*.example.com',
    ],
    [
      /http?:\/\/.*\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example.com',
      'http://*.example.com',
    ],
    // A suffix of any depth becomes a `*.` pattern, with or without the `.*` in front.
    [
      /\.eu\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.eu.example.com',
      'https://*.eu.example.com',
    ],
    [
      /.*\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example.com',
      'https://*.example.com',
    ],
    // What narrows the suffix (a label class, a port) is kept: anchored, never widened to `*.`.
    [
      /[a-z]+\.example\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example.com',
      '/^https:\\/\\/(?:[a-z]+\\.example\\.com)$/',
    ],
    [
      /\.example\.com(:\d+)?$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.example.com',
      '/^https:\\/\\/(?:\\.example\\.com(:\\d+)?)$/',
    ],
    // An IP suffix is no `*.` pattern, and the example is an origin a browser sends, not http://attacker.10.0.0.1.
    [
      /\.10\.0\.0\.1$/,
      'without ^, origins that merely end with a match pass, such as attacker+https://attacker.10.0.0.1',
      '/^https:\\/\\/(?:\\.10\\.0\\.0\\.1)$/',
    ],
    // A $ that ends only the first alternative is no end anchor.
    [
      /^https:\/\/a\.example\.com$|^https:\/\/b\.example\.com/,
      'without $, origins that merely start with a match pass, such as https://b.example.com.attacker.net',
      '/^(?:https:\\/\\/a\\.example\\.com$|^https:\\/\\/b\\.example\\.com)$/',
    ],
    // A RegExp naming no host gets the claim without an example.
    [/$/, 'without ^, origins that merely end with a match pass', '/^https:\\/\\/(?:)$/'],
    [
      /\.com$/,
      'without ^, origins that merely end with a match pass, such as http://attacker.com',
      '/^https:\\/\\/(?:\\.com)$/',
    ],
  ])('%s', (re, claim, suggestion) => {
    const problem = only({ origin: re })
    const shown = suggestion.startsWith('/') || suggestion.startsWith('[') ? suggestion : `"${suggestion}"`
    expect(problem).toEqual({
      code: 'unanchored-regexp',
      path: 'origin',
      message: `${re} is not anchored by ^…$: ${claim}; did you mean ${shown}?`,
      suggestion,
    })
    // The origin named is one a browser can send, and the RegExp lets it through.
    const example = / such as (\S+)$/.exec(claim)?.[1]
    if (example !== undefined) expect(re.test(example)).toBe(true)
  })

  // Anchored means ^ and $ bind the whole RegExp: not escaped, not inside a class, not split by a top-level |.
  it.each<readonly [RegExp, boolean]>([
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
  ])('%s is anchored: %s', (re, anchored) => {
    if (anchored) expect(() => createCors({ origin: re })).not.toThrow()
    else expect(only({ origin: re }).code).toBe('unanchored-regexp')
  })

  it('the suggested pattern allows what the RegExp meant and refuses what it let through', () => {
    const policy = createCors({ origin: only({ origin: /\.example2\.com$/ }).suggestion as string })
    const allowOrigin = (origin: string) =>
      policy.check({ method: 'GET', origin }).headers['access-control-allow-origin']
    expect(allowOrigin('https://app.example2.com')).toBe('https://app.example2.com')
    expect(allowOrigin('http://attacker.example2.com')).toBeUndefined()
  })
})

describe('a configured RegExp matches as its checked source and flags say', () => {
  const APP_ONLY = '^https:\\/\\/app\\.example\\.com$'
  const everything = (re: RegExp): RegExp => Object.assign(re, { test: () => true, exec: () => [''] })

  it.each([
    [
      'a subclass whose test() allows everything',
      new (class extends RegExp {
        override test(): boolean {
          return true
        }
      })(APP_ONLY),
    ],
    ['a RegExp with its own test() and exec()', everything(new RegExp(APP_ONLY))],
  ])('%s allows only the origin its source names', (_, re) => {
    const policy = createCors({ origin: re, credentials: true })
    expect(policy.check({ method: 'GET', origin: 'https://app.example.com' }).allowed).toBe(true)
    expect(policy.check({ method: 'GET', origin: 'https://evil.example.net' }).headers).toEqual({})
  })
})
