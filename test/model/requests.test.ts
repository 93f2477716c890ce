// Which requests are preflighted and what goes on the wire, rule by rule (Fetch Standard:
// CORS-safelisted method and request-header, CORS-unsafe request-header names, forbidden names).
import { describe, expect, it } from 'vitest'
import { actualRequest, preflightReasons, preflightRequest, type PageRequest } from '../../src/model/index.js'

const base: PageRequest = { url: 'https://api.example/x', origin: 'https://app.example' }
const withHeaders = (...headers: [string, string][]): PageRequest => ({ ...base, headers })

describe('preflightReasons', () => {
  it.each<[string, PageRequest, string[]]>([
    ['GET needs none', base, []],
    ['HEAD needs none', { ...base, method: 'HEAD' }, []],
    ['POST text/plain needs none', { ...base, method: 'POST', body: 'text' }, []],
    ['lower-case post is normalized to POST', { ...base, method: 'post', body: 'text' }, []],
    ['PUT', { ...base, method: 'PUT' }, ['method PUT is not GET, HEAD or POST']],
    ['lower-case patch stays patch', { ...base, method: 'patch' }, ['method patch is not GET, HEAD or POST']],
    ['a custom header', withHeaders(['X-Trace', '1']), ['header x-trace: it is not a CORS-safelisted header']],
    [
      'Content-Type application/json',
      withHeaders(['Content-Type', 'application/json']),
      [
        'header content-type: application/json is not application/x-www-form-urlencoded, multipart/form-data, text/plain',
      ],
    ],
    ['Content-Type with parameters keeps its essence', withHeaders(['Content-Type', 'Text/Plain; charset=utf-8']), []],
    ['Content-Type multipart', withHeaders(['Content-Type', 'multipart/form-data; boundary=x']), []],
    ['Content-Type form', withHeaders(['Content-Type', 'application/x-www-form-urlencoded']), []],
    [
      'Content-Type with an unsafe byte',
      withHeaders(['Content-Type', 'text/plain; a="b"']),
      ['header content-type: its value has a byte outside the safelist'],
    ],
    [
      'Content-Type that is no MIME type',
      withHeaders(['Content-Type', 'text']),
      ['header content-type: text is not application/x-www-form-urlencoded, multipart/form-data, text/plain'],
    ],
    ['Accept */*', withHeaders(['Accept', '*/*']), []],
    [
      'Accept with a ( byte',
      withHeaders(['Accept', 'text/html (x)']),
      ['header accept: its value has a byte outside the safelist'],
    ],
    ['Accept-Language with q', withHeaders(['Accept-Language', 'en-US,en;q=0.9']), []],
    [
      'Content-Language with a _',
      withHeaders(['Content-Language', 'en_US']),
      ['header content-language: its value has a byte outside 0-9 A-Z a-z space *,-.;='],
    ],
    ['Range bytes=0-', withHeaders(['Range', 'bytes=0-']), []],
    ['Range bytes=5-10', withHeaders(['Range', 'bytes=5-10']), []],
    [
      'Range suffix bytes=-5',
      withHeaders(['Range', 'bytes=-5']),
      ['header range: it is not a single bytes=N- or bytes=N-M range'],
    ],
    [
      'Range start after end',
      withHeaders(['Range', 'bytes=10-5']),
      ['header range: it is not a single bytes=N- or bytes=N-M range'],
    ],
    [
      'Range with two ranges',
      withHeaders(['Range', 'bytes=0-1,3-4']),
      ['header range: it is not a single bytes=N- or bytes=N-M range'],
    ],
    ['a 128-byte value is safelisted', withHeaders(['Accept', 'a'.repeat(128)]), []],
    [
      'a 129-byte value is not',
      withHeaders(['Accept', 'a'.repeat(129)]),
      ['header accept: its value is over 128 bytes'],
    ],
    [
      'safelisted values over 1024 bytes in total make every one unsafe',
      withHeaders(...Array.from({ length: 9 }, (): [string, string] => ['Accept', 'a'.repeat(120)])),
      Array.from({ length: 9 }, () => 'header accept: the safelisted values total 1080 bytes, over 1024'),
    ],
    [
      'forbidden headers are dropped, not preflighted',
      withHeaders(['Cookie', 'a=b'], ['Sec-Fetch-Mode', 'x'], ['Proxy-X', '1'], ['Origin', 'x']),
      [],
    ],
    ['X-HTTP-Method-Override with TRACE is forbidden', withHeaders(['X-HTTP-Method-Override', 'TRACE']), []],
    [
      'X-HTTP-Method-Override with PUT is an unsafe header',
      withHeaders(['X-HTTP-Method-Override', 'PUT']),
      ['header x-http-method-override: it is not a CORS-safelisted header'],
    ],
    [
      'a stream body is always preflighted',
      { ...base, method: 'POST', body: 'stream' },
      ['the body is a ReadableStream: fetch() always preflights it'],
    ],
    ['a same-origin request needs none', { ...base, origin: 'https://api.example', method: 'PUT' }, []],
    ['a request fetch() refuses needs none', { ...base, method: 'TRACE' }, []],
  ])('%s', (_name, request, reasons) => {
    expect(preflightReasons(request)).toEqual(reasons)
  })
})

describe('preflightRequest', () => {
  it('is OPTIONS with Origin, the method, and the unsafe names lowercase, sorted, unique, joined by ","', () => {
    const request = {
      ...base,
      method: 'put',
      headers: [
        ['X-B', '1'],
        ['x-a', '2'],
        ['X-A', '3'],
        ['Accept', '*/*'],
      ] as const,
    }
    expect(preflightRequest({ ...request, headers: request.headers.map(([n, v]) => [n, v] as const) })).toEqual({
      url: 'https://api.example/x',
      method: 'OPTIONS',
      headers: [
        ['Origin', 'https://app.example'],
        ['Access-Control-Request-Method', 'PUT'],
        ['Access-Control-Request-Headers', 'x-a,x-b'],
        ['Accept', '*/*'],
      ],
    })
  })

  it('has no Access-Control-Request-Headers when every header is safelisted', () => {
    expect(preflightRequest({ ...base, method: 'DELETE' }).headers.map(([name]) => name)).toEqual([
      'Origin',
      'Access-Control-Request-Method',
      'Accept',
    ])
  })

  it.each<[string, PageRequest]>([
    ['a forbidden method', { ...base, method: 'CONNECT' }],
    ['a method that is no token', { ...base, method: 'P UT' }],
    ['a GET with a body', { ...base, body: 'text' }],
    ['a header value with a line break', withHeaders(['X-A', 'a\r\nb'])],
    ['a header value beyond Latin-1', withHeaders(['X-A', 'é€'])],
    ['a header name that is no token', withHeaders(['X A', '1'])],
    ['a URL that does not parse', { ...base, url: 'not a url' }],
  ])('throws a TypeError for %s, as fetch() does', (_name, request) => {
    expect(() => preflightRequest(request)).toThrow(TypeError)
  })
})

describe('actualRequest', () => {
  it('carries the script headers and Origin; a text body gets text/plain;charset=UTF-8', () => {
    expect(actualRequest({ ...base, method: 'post', body: 'text', headers: [['X-Trace', ' 1 ']] })).toEqual({
      url: 'https://api.example/x',
      method: 'POST',
      headers: [
        ['X-Trace', '1'],
        ['Content-Type', 'text/plain;charset=UTF-8'],
        ['Origin', 'https://app.example'],
      ],
      body: 'text',
    })
  })

  it("keeps the script's Content-Type and drops forbidden headers", () => {
    const wire = actualRequest({
      ...base,
      method: 'POST',
      body: 'text',
      headers: [
        ['content-type', 'application/json'],
        ['Cookie', 'a'],
      ],
    })
    expect(wire.headers).toEqual([
      ['content-type', 'application/json'],
      ['Origin', 'https://app.example'],
    ])
  })

  it('sends the given origin instead (null after a cross-origin redirect)', () => {
    expect(actualRequest(base, 'null').headers).toEqual([['Origin', 'null']])
  })

  it('sends no Origin on a same-origin GET, but does on a same-origin POST', () => {
    const same = { ...base, origin: 'https://api.example' }
    expect(actualRequest(same).headers).toEqual([])
    expect(actualRequest({ ...same, method: 'POST', body: 'text' }).headers).toContainEqual([
      'Origin',
      'https://api.example',
    ])
  })

  it('keeps a custom method byte for byte and upper-cases the six standard ones', () => {
    expect(actualRequest({ ...base, method: 'patch' }).method).toBe('patch')
    expect(actualRequest({ ...base, method: 'delete' }).method).toBe('DELETE')
  })
})
