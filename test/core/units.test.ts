// Direct tests of the core's building blocks: the token-list parser, the
// serialized-origin scanner and its suggestions, the Vary merge, header reading and the bounded cache.
import { describe, expect, it } from 'vitest'
import { BoundedCache } from '../../src/core/cache.js'
import { suggestOrigin } from '../../src/core/origin-diagnosis.js'
import { compileOrigin } from '../../src/core/origin-option.js'
import { MAX_ORIGIN_LENGTH, hostEndOf, portOf, scanOrigin, schemeEndOf } from '../../src/core/origin-syntax.js'
import { originVerdict, type Verdict } from '../../src/core/origin-verdict.js'
import { isToken, MAX_LIST_ITEMS, MAX_LIST_LENGTH, parseTokenList } from '../../src/core/tokens.js'
import { headerText } from '../../src/core/request.js'
import { mergeVary } from '../../src/core/vary.js'
import { createCors } from '../../src/index.js'
import { PREFLIGHT_VARY, PREFLIGHT_VARY_TOKENS, headerNames } from './support.js'

describe('parseTokenList', () => {
  it.each<readonly [string, string[]]>([
    ['a', ['a']],
    ['content-type,x-trace', ['content-type', 'x-trace']],
    ["!#$%&'*+-.^_`|~09az", ["!#$%&'*+-.^_`|~09az"]],
    ['A,b', ['a', 'b']],
    ['X-Trace, Content-Type', ['x-trace', 'content-type']],
    ['a, b', ['a', 'b']],
    [' a', ['a']],
    ['a ', ['a']],
    ['a,', ['a']],
    [',a', ['a']],
    ['a,,b', ['a', 'b']],
    ['a ,b', ['a', 'b']],
    ['\ta\t,\tb', ['a', 'b']],
    ['', []],
    [', ,', []],
  ])('%j is the list %j (items lowercased)', (value, items) => {
    expect(parseTokenList(value)).toStrictEqual(items)
  })

  it.each([
    ['a space inside an item', 'a b'],
    ['whitespace then a second item', 'a \tb'],
    ['a semicolon', 'a;b'],
    ['CR/LF', 'a\r\nb'],
    ['a non-ASCII letter', 'é'],
    ['a quoted string', '"a"'],
    ['a slash', 'a/b'],
    ['NUL', 'a\u0000'],
  ])('refuses %s', (_, value) => {
    expect(parseTokenList(value)).toBeUndefined()
  })

  it(`accepts exactly ${MAX_LIST_LENGTH} characters and refuses one more`, () => {
    expect(MAX_LIST_LENGTH).toBe(4096)
    expect(parseTokenList('x'.repeat(4096))).toEqual(['x'.repeat(4096)])
    expect(parseTokenList('x'.repeat(4097))).toBeUndefined()
    expect(parseTokenList(' '.repeat(4097))).toBeUndefined()
  })

  it(`accepts exactly ${MAX_LIST_ITEMS} items and refuses one more`, () => {
    expect(MAX_LIST_ITEMS).toBe(128)
    expect(parseTokenList(headerNames(128))).toHaveLength(128)
    expect(parseTokenList(headerNames(129))).toBeUndefined()
  })
})

describe('isToken', () => {
  it.each([
    ['GET', true],
    ['x-custom_1.2~', true],
    ['', false],
    ['a b', false],
    ['a,b', false],
    ['a:b', false],
    ['ü', false],
  ])('%j → %s', (value, token) => {
    expect(isToken(value)).toBe(token)
  })
})

/** Whether the URL parser writes `origin` back unchanged as the URL's origin. */
function urlKeeps(origin: string): boolean {
  try {
    return new URL(origin).origin === origin
  } catch {
    return false
  }
}

/** Whether scanOrigin accepts `origin`; checks on the way that the engine agrees (origin true echoes just those). */
function isSerialized(origin: string): boolean {
  const valid = scanOrigin(origin) !== -1
  const echoed = createCors({ origin: true }).check({ method: 'GET', origin }).headers['access-control-allow-origin']
  expect(echoed).toBe(valid ? origin : undefined)
  return valid
}

describe('scanOrigin', () => {
  const LONGEST = `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 12)}.com`

  it.each([
    'https://example.com',
    'http://localhost',
    'http://localhost:1',
    'http://localhost:65535',
    'https://example.com:80',
    'http://example.com:443',
    'wss://example.com:8443',
    'http://[::1]',
    'http://[::1]:8080',
    'https://[2001:db8::1]:8443',
    'https://127.0.0.1:8443',
    'https://xn--bcher-kva.example',
    'https://a_b.example.com',
    'chrome-extension://abcdefghijklmnop',
    LONGEST,
    `https://${'a'.repeat(504)}`,
    'https://a-b_c.d',
    'https://[::a]',
    'https://[::1]:8080',
    'z://zz.z',
    'a://h',
    'a+b-c.d://h',
    'http://a.com:1',
    'http://a.com:65535',
    // A default port belongs to its exact scheme: 80 to http and ws, 443 to https and wss, 21 to ftp.
    'ws://a.com',
    'ws://a.com:443',
    'wss://a.com:80',
    'http://a.com:443',
    'https://a.com:80',
    'httpx://a.com:80',
    'httpx://a.com:443',
    'httpsx://a.com:443',
    'wssx://a.com:443',
    'abc://a.com:443',
    'abcd://a.com:80',
    'abcde://a.com:443',
    'xy://a.com:80',
    'ftp://a.com:443',
    'ftp://a.com:1',
    'ftps://a.com:21',
  ])('accepts %s', (origin) => {
    expect(isSerialized(origin)).toBe(true)
  })

  // Special schemes (http, https, ws, wss, ftp): hosts exactly as the URL parser serializes them.
  it.each([
    ['the IPv6 loopback', 'http://[::1]'],
    ['the unspecified IPv6 address', 'http://[::]'],
    ['an IPv4-mapped IPv6 address in hex', 'http://[::ffff:102:304]'],
    ['the longer of two zero runs compressed', 'http://[1:0:0:4::8]'],
    ['the first of two equal zero runs compressed', 'http://[1:0:0:2::3]'],
    ['a single zero piece written out', 'http://[1:0:2:3:4:5:6:7]'],
    ['eight pieces, no zero', 'http://[1:2:3:4:5:6:7:8]'],
    ['dotted-decimal IPv4', 'http://1.2.3.4'],
    ['the IPv4 extremes', 'http://0.0.0.0:8080'],
    ['IPv4 255 in every part', 'http://255.255.255.255'],
    ['a last label of digits then letters', 'http://a.1a'],
    ['a last label 0x but not hex', 'http://a.0x1g'],
    ['0x as a first label', 'http://0x.com'],
    ['valid punycode', 'http://xn--bcher-kva.example'],
    ['valid punycode, with a port', 'https://xn--bcher-kva.example:8443'],
    ['hyphens in the third and fourth places', 'http://ab--c.com'],
    ['ftp', 'ftp://a.com'],
    ['ftp on another port', 'ftp://a.com:2121'],
    ['ws IPv6 with a port', 'ws://[::1]:8080'],
  ])('accepts %s: %s', (_, origin) => {
    expect(isSerialized(origin)).toBe(true)
    expect(urlKeeps(origin)).toBe(true)
  })

  // Other schemes have an opaque URL origin, so they keep the plain scheme://host[:port] grammar.
  it.each([
    'capacitor://localhost',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    'tauri://localhost',
    'moz-extension://1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
    'capacitor://1.2.3',
    'chrome-extension://[0:0::1]',
    'capacitor://[fade::1]',
    'capacitor://[::1.2.3.4]',
    'capacitor://xn--a',
  ])('accepts %s (a custom scheme)', (origin) => {
    expect(isSerialized(origin)).toBe(true)
  })

  it.each([
    ['empty brackets', 'capacitor://[]'],
    ['a letter past f in brackets', 'capacitor://[::g]'],
    ['an unclosed bracket ending in a letter', 'capacitor://[::1x'],
  ])('refuses %s (a custom scheme): %s', (_, origin) => {
    expect(isSerialized(origin)).toBe(false)
  })

  it.each([
    ['a numeric last label', 'https://a.123'],
    ['five IPv4 parts', 'http://1.2.3.4.5'],
    ['IPv4 parts over 255', 'http://999.999.999.999'],
    ['an IPv4 part of 256', 'http://1.2.3.256'],
    ['three IPv4 parts (URL writes 1.2.0.3)', 'http://1.2.3'],
    ['one number (URL writes 0.0.0.1)', 'http://1'],
    ['an IPv4 leading zero', 'http://01.2.3.4'],
    ['a hex IPv4 part', 'http://0x7f.0.0.1'],
    ['a bare 0x last label', 'http://a.0x'],
    ['a hex last label', 'http://a.0xff'],
    ['only colons', 'http://[:::::]'],
    ['one IPv6 piece', 'http://[1]'],
    ['seven IPv6 pieces', 'http://[1:2:3:4:5:6:7]'],
    ['nine IPv6 pieces', 'http://[1:2:3:4:5:6:7:8:9]'],
    ['two ::', 'http://[1::2::3]'],
    ['uncompressed zero pieces', 'http://[0:0::1]'],
    ['all eight pieces with a zero run', 'http://[1:0:0:0:0:0:0:1]'],
    ['a single zero piece compressed', 'http://[1:2:3:4:5:6::7]'],
    ['the shorter zero run compressed', 'http://[1::4:0:0:0:8]'],
    ['the second of two equal runs compressed', 'http://[1:0:0:2::3:4]'],
    ['a leading zero in a piece', 'http://[::01]'],
    ['a five-digit piece', 'http://[::10000]'],
    ['an embedded dotted IPv4 (URL writes [::ffff:102:304])', 'http://[::ffff:1.2.3.4]'],
    ['a dotted IPv4 in brackets', 'https://[1.2.3.4]'],
    ['a trailing single colon', 'http://[1::2:]'],
    ['a leading single colon', 'http://[:1::2]'],
    ['an empty punycode label', 'http://xn--.com'],
    ['invalid punycode', 'http://xn--a.com'],
    ['ftp default port', 'ftp://a.com:21'],
  ])('refuses %s: %s', (_, origin) => {
    expect(isSerialized(origin)).toBe(false)
    expect(urlKeeps(origin)).toBe(false)
  })

  // The URL parser keeps these as written; no DNS name has them, and '*' or ',' would be dangerous to echo.
  it.each([
    'http://a.com.',
    'http://a..com',
    'http://.a.com',
    'http://a.com:0',
    ...[...'!$&\'()*+,;=~{}"`'].map((char) => `http://a${char}b.com`),
  ])('refuses %s on purpose though URL keeps it', (origin) => {
    expect(isSerialized(origin)).toBe(false)
    expect(urlKeeps(origin)).toBe(true)
  })

  it.each([
    ['empty', ''],
    ['null (not a URL origin)', 'null'],
    ['no host', 'https://'],
    ['a port without a host', 'https://:8080'],
    ['an empty port', 'https://example.com:'],
    ['port 0', 'https://example.com:0'],
    ['port 65536', 'https://example.com:65536'],
    ['a six-digit port', 'https://example.com:123456'],
    ['a leading zero in the port', 'https://example.com:08080'],
    ['https default port', 'https://example.com:443'],
    ['http default port', 'http://example.com:80'],
    ['ws default port', 'ws://example.com:80'],
    ['wss default port', 'wss://example.com:443'],
    ['a trailing slash', 'https://example.com/'],
    ['a query', 'https://example.com?'],
    ['a fragment', 'https://example.com#'],
    ['user info', 'https://u@example.com'],
    ['an uppercase host', 'https://Example.com'],
    ['an uppercase scheme', 'Https://example.com'],
    ['a scheme starting with a digit', '1https://example.com'],
    ['one slash', 'https:/example.com'],
    ['no colon', 'https//example.com'],
    ['an empty label', 'https://example..com'],
    ['a leading dot', 'https://.example.com'],
    ['a trailing dot', 'https://example.com.'],
    ['a space', 'https://exa mple.com'],
    ['raw unicode', 'https://bücher.de'],
    ['empty brackets', 'https://[]'],
    ['an unclosed bracket', 'https://[::1'],
    ['a non-hex IPv6 digit', 'https://[::g]'],
    ['uppercase IPv6 hex', 'https://[::A]'],
    ['text after the brackets', 'https://[::1]x'],
    ['text after the port', 'https://example.com:8080x'],
    ['one character over the cap', `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 11)}.com`],
    ['one character over the cap, in one label', `https://${'a'.repeat(505)}`],
    ['ws with its default port 80', 'ws://a.com:80'],
    ['wss with its default port 443', 'wss://a.com:443'],
    ['a semicolon for the colon', 'https;//aa.com'],
    ['one slash after the scheme', 'https:/aa.com'],
    ['a letter between the colon and the slashes', 'https:x/a.com'],
    ['a one-letter scheme with one slash', 'a:/h'],
    ['a one-letter scheme without slashes', 'a:h'],
    ['a one-letter scheme without a colon', 'a//h'],
    ['a path that looks like a port', 'https://a.com/8080'],
    ['a bare colon after the host', 'https://a.com:'],
    ['a bare colon after an http host', 'http://a.com:'],
    ['a bare colon after an IPv6 host', 'http://[::1]:'],
    ['the first port over 65535', 'http://a.com:65536'],
    ['a five-digit port over 65535', 'http://a.com:99999'],
    ['a six-digit port of 100000', 'http://a.com:100000'],
    ['a one-digit port with a leading zero', 'http://a.com:01'],
    ['a port followed by a letter', 'http://a.com:1x'],
    ['a port glued to the brackets', 'https://[::1]8080'],
    ['a trailing dot after two labels', 'https://a.b.'],
    ['a host that is only a dot', 'https://.'],
  ])('refuses %s', (_, origin) => {
    expect(isSerialized(origin)).toBe(false)
  })
})

describe('the shape of an accepted origin', () => {
  it.each<readonly [string, number, number, number]>([
    ['https://a.com', 5, 13, -1],
    ['http://localhost:8080', 4, 16, 8080],
    ['http://[::1]:3000', 4, 12, 3000],
    ['capacitor://localhost', 9, 21, -1],
  ])('%s: scheme ends at %i, host at %i, port %i (-1: none)', (origin, schemeEnd, hostEnd, port) => {
    const shape = scanOrigin(origin)
    expect([schemeEndOf(shape), hostEndOf(shape), portOf(origin, shape)]).toEqual([schemeEnd, hostEnd, port])
  })
})

/** The compiled origin option, as a policy holds it when CORS is on. */
const modeOf = (origin: unknown) => {
  const mode = compileOrigin(origin, false, [])
  if (mode.kind === 'off') throw new Error('origin: false never reaches a verdict')
  return mode
}

describe('originVerdict', () => {
  it.each<readonly [string, unknown, string, Verdict]>([
    ["'*'", '*', 'https://a.com', 'allowed'],
    ["'*', whatever the Origin", '*', 'not an origin', 'allowed'],
    ['true', true, 'https://a.com', 'allowed'],
    ['true', true, 'null', 'refused'],
    ['true', true, 'https://a.com/', 'malformed'],
    ['a list', ['https://a.com'], 'https://a.com', 'allowed'],
    ['a list', ['https://*.a.com'], 'https://b.a.com', 'allowed'],
    ['a list', ['https://a.com'], 'https://b.com', 'refused'],
    ['a predicate', () => true, 'https://a.com', 'allowed'],
    ['a predicate', () => false, 'https://a.com', 'refused'],
  ])('origin %s, Origin %j: %s', (_, option, origin, verdict) => {
    expect(originVerdict(modeOf(option), origin, { method: 'GET', origin })).toBe(verdict)
  })
})

describe('`*.` patterns: a few compared in place, many hashed, the same answers', () => {
  // Nine unrelated suffixes push a list past the in-place scan onto the hashed lookup.
  const filler = Array.from({ length: 9 }, (_, k) => `https://*.filler${k}.test`)
  const few = ['https://*.example.com', 'https://*.b.example.net:8443', 'https://api.example.org:*']
  const modes = {
    few: modeOf(few),
    many: modeOf([...few, ...filler]),
  }
  it.each<readonly [string, Verdict]>([
    ['https://a.example.com', 'allowed'],
    ['https://a.b.example.com', 'allowed'],
    ['https://example.com', 'refused'],
    ['https://aexample.com', 'refused'],
    ['https://a.example.com.evil.net', 'refused'],
    ['http://a.example.com', 'refused'],
    ['https://c.b.example.net:8443', 'allowed'],
    ['https://c.b.example.net', 'refused'],
    ['https://api.example.org:9000', 'allowed'],
    ['https://x.api.example.org:9000', 'refused'],
    ['https://x.filler3.test', 'refused'],
  ])('%s: %s (a filler suffix is listed only in the long list)', (origin, verdict) => {
    const request = { method: 'GET', origin }
    const expected = origin.includes('filler') ? 'allowed' : verdict
    expect([originVerdict(modes.few, origin, request), originVerdict(modes.many, origin, request)]).toEqual([
      verdict,
      expected,
    ])
  })
})

describe('suggestOrigin', () => {
  it.each<readonly [string, string | undefined]>([
    ['https://example.com/', 'https://example.com'],
    ['https://Example.COM/path?q#f', 'https://example.com'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com'],
    ['example.com', 'https://example.com'],
    ['//example.com', 'https://example.com'],
    ['  https://example.com  ', 'https://example.com'],
    ['http://example.com:80', 'http://example.com'],
    ['https://example.com:443/', 'https://example.com'],
    ['https://example.com:8080/api', 'https://example.com:8080'],
    ['https://example.com.', 'https://example.com'],
    ['https://example.com.:8080', 'https://example.com:8080'],
    ['https://example.com', undefined],
    ['https://exa mple.com', undefined],
    ['https://user@example.com', undefined],
    // The URL parser gives the form browsers send of an internationalised or IP host.
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['HTTPS://Bücher.Example:443/', 'https://xn--bcher-kva.example'],
    ['http://[0:0::1]:8080', 'http://[::1]:8080'],
    ['http://[::ffff:1.2.3.4]', 'http://[::ffff:102:304]'],
    ['http://01.2.3.4', 'http://1.2.3.4'],
    ['http://999.999.999.999', undefined],
    ['http://[:::::]', undefined],
    ['http://xn--.com', undefined],
    ['chrome-extension://bücher', undefined],
    ['HTTPS://App.Example.com:443/path', 'https://app.example.com'],
    ['app.example.com/', 'https://app.example.com'],
    ['app.example.com//x', 'https://app.example.com'],
    ['///app.example.com', 'https://app.example.com'],
    ['https://app.example.com.', 'https://app.example.com'],
    ['https://app.example.com', undefined],
    ['https://a b.com', undefined],
    ['wss://a.com:443', 'wss://a.com'],
    ['ws://a.com:80', 'ws://a.com'],
    // Already valid: 443 is not ws's default port, so there is nothing to suggest.
    ['ws://a.com:443', undefined],
    ['ftp://a.com:undefined', undefined],
  ])('%j → %j', (entry, suggestion) => {
    expect(suggestOrigin(entry)).toBe(suggestion)
  })
})

describe('mergeVary', () => {
  it.each<readonly [string | readonly string[] | number | null | undefined, string | undefined, string | undefined]>([
    [undefined, 'Origin', 'Origin'],
    [null, 'Origin', 'Origin'],
    ['', 'Origin', 'Origin'],
    ['   ', 'Origin', 'Origin'],
    ['Accept-Encoding', 'Origin', 'Accept-Encoding, Origin'],
    [['Accept-Encoding', 'Accept-Language'], 'Origin', 'Accept-Encoding, Accept-Language, Origin'],
    ['Origin', 'Origin', undefined],
    ['origin', 'Origin', undefined],
    ['Accept-Encoding,ORIGIN', 'Origin', undefined],
    [' Accept-Encoding , Origin ', 'Origin', undefined],
    ['*', 'Origin', undefined],
    ['Accept-Encoding, *', 'Origin', undefined],
    [['Cookie', '*'], 'Origin', undefined],
    ['Origin', PREFLIGHT_VARY, PREFLIGHT_VARY],
    [undefined, PREFLIGHT_VARY_TOKENS, PREFLIGHT_VARY_TOKENS],
    [
      'access-control-request-method',
      PREFLIGHT_VARY_TOKENS,
      'access-control-request-method, Access-Control-Request-Headers, Access-Control-Request-Private-Network',
    ],
    ['Accept-Encoding', undefined, undefined],
    ['Accept-Encoding', '', undefined],
  ])('existing %j + %j → %j', (existing, tokens, merged) => {
    expect(mergeVary(existing, tokens)).toBe(merged)
  })
})

describe('headerText', () => {
  it.each<readonly [string | number | string[] | null | undefined, string | undefined]>([
    ['x', 'x'],
    [['a', 'b'], 'a, b'],
    [5, '5'],
    [null, undefined],
    [undefined, undefined],
  ])('%j reads as %j (repeated lines joined, numbers as text)', (value, text) => {
    expect(headerText(value)).toBe(text)
  })
})

describe('BoundedCache', () => {
  it('keeps two generations of at most its capacity: the older is dropped when the newer fills', () => {
    const cache = new BoundedCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.set('c', 3)).toBe(3) // a, b become the previous generation
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, 2, 3])
    cache.set('d', 4)
    cache.set('e', 5) // c, d become the previous generation; a, b are dropped
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => cache.get(key))).toEqual([undefined, undefined, 3, 4, 5])
  })

  it('holds at most twice its capacity whatever the number of distinct keys', () => {
    const cache = new BoundedCache<number>(4)
    for (let i = 0; i < 1000; i++) cache.set(`k${i}`, i)
    const kept = Array.from({ length: 1000 }, (_, i) => cache.get(`k${i}`)).filter((value) => value !== undefined)
    expect(kept.length).toBeLessThanOrEqual(8)
    expect(cache.get('k999')).toBe(999)
  })
})
