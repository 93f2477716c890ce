// Direct tests of the core's building blocks: the token-list parser, the
// serialized-origin scanner and its suggestions, and the Vary merge.
import { describe, expect, it } from 'vitest'
import { MAX_ORIGIN_LENGTH, scanOrigin, suggestOrigin } from '../../src/core/origin.js'
import { isToken, MAX_LIST_ITEMS, MAX_LIST_LENGTH, parseTokenList } from '../../src/core/tokens.js'
import { mergeVary } from '../../src/core/vary.js'
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
  ])('accepts %s', (origin) => {
    expect(scanOrigin(origin)).not.toBe(-1)
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
  ])('refuses %s', (_, origin) => {
    expect(scanOrigin(origin)).toBe(-1)
  })

  it(`caps origins at ${MAX_ORIGIN_LENGTH} characters`, () => {
    expect(LONGEST).toHaveLength(MAX_ORIGIN_LENGTH)
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
    ['access-control-request-method', PREFLIGHT_VARY_TOKENS, 'access-control-request-method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'],
    ['Accept-Encoding', undefined, undefined],
    ['Accept-Encoding', '', undefined],
  ])('existing %j + %j → %j', (existing, tokens, merged) => {
    expect(mergeVary(existing, tokens)).toBe(merged)
  })
})
