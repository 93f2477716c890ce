// The preflight cache (Access-Control-Max-Age per engine) and the headers a script can read.
import { describe, expect, it } from 'vitest'
import { PreflightCache, preflightCacheSeconds, readableHeaders, type Reader } from '../../src/model/index.js'

const maxAge = (value?: string) => ({
  status: 204,
  headers: value === undefined ? [] : [['Access-Control-Max-Age', value] as const],
})

describe('preflightCacheSeconds', () => {
  // [Max-Age, standard, chromium, firefox, webkit]
  it.each<[string | undefined, number, number, number, number]>([
    [undefined, 5, 5, 5, 5],
    ['', 5, 5, 5, 5],
    ['0', 0, 0, 0, 0],
    ['600', 600, 600, 600, 600],
    ['7200', 7200, 7200, 7200, 600],
    ['86400', 86400, 7200, 86400, 600],
    ['100000', 100000, 7200, 86400, 600],
    ['-1', 5, 0, 0, 0],
    ['+5', 5, 5, 0, 5],
    ['ten', 5, 5, 0, 5],
    ['1.5', 5, 5, 0, 5],
  ])('Max-Age %j', (value, ...expected) => {
    const readers: Reader[] = ['standard', 'chromium', 'firefox', 'webkit']
    expect(readers.map((reader) => preflightCacheSeconds(maxAge(value), reader))).toEqual(expected)
  })
})

describe('PreflightCache', () => {
  const query = {
    origin: 'https://app.example',
    url: 'https://api.example/x',
    credentials: false,
    method: 'PUT',
    headers: ['x-trace'],
    forcePreflight: false,
  }
  const response = {
    status: 204,
    headers: [
      ['access-control-allow-methods', 'PUT'],
      ['access-control-allow-headers', 'X-Trace'],
    ] as const,
  }

  it('covers a request until the entry expires, per reader', () => {
    const cache = new PreflightCache()
    cache.store('chromium', query, response, 10, 0)
    expect(cache.covers('chromium', query, 9_999)).toBe(true)
    expect(cache.covers('chromium', query, 10_000)).toBe(false)
    expect(cache.covers('webkit', query, 0)).toBe(false)
  })

  it('keys on origin, URL and credentials, and covers only what was listed', () => {
    const cache = new PreflightCache()
    cache.store('standard', query, response, 10, 0)
    expect(cache.covers('standard', { ...query, origin: 'https://b.example' }, 0)).toBe(false)
    expect(cache.covers('standard', { ...query, url: 'https://api.example/y' }, 0)).toBe(false)
    expect(cache.covers('standard', { ...query, credentials: true }, 0)).toBe(false)
    expect(cache.covers('standard', { ...query, method: 'DELETE' }, 0)).toBe(false)
    expect(cache.covers('standard', { ...query, headers: ['x-other'] }, 0)).toBe(false)
    expect(cache.covers('standard', { ...query, method: 'GET', headers: [] }, 0)).toBe(true)
  })

  it("stores nothing for 0 s; '*' covers any method and header but Authorization in the standard", () => {
    const cache = new PreflightCache()
    cache.store('standard', query, response, 0, 0)
    expect(cache.covers('standard', query, 0)).toBe(false)
    const wildcard = {
      status: 204,
      headers: [
        ['access-control-allow-methods', '*'],
        ['access-control-allow-headers', '*'],
      ] as const,
    }
    cache.store('standard', query, wildcard, 10, 0)
    cache.store('chromium', query, wildcard, 10, 0)
    expect(cache.covers('standard', { ...query, method: 'PROPFIND', headers: ['x-a'] }, 0)).toBe(true)
    expect(cache.covers('standard', { ...query, headers: ['authorization'] }, 0)).toBe(false)
    expect(cache.covers('chromium', { ...query, headers: ['authorization'] }, 0)).toBe(true)
  })

  it('a forced preflight (stream body) needs the method cached even when safelisted', () => {
    const cache = new PreflightCache()
    const stream = { ...query, method: 'POST', headers: [], forcePreflight: true }
    expect(cache.covers('standard', stream, 0)).toBe(false)
    cache.store('standard', stream, { status: 204, headers: [] }, 5, 0)
    expect(cache.covers('standard', stream, 0)).toBe(true)
  })
})

describe('readableHeaders', () => {
  const headers = [
    ['Content-Type', 'text/plain'],
    ['X-Total', '42'],
    ['Set-Cookie', 'a=b'],
    ['Cache-Control', 'no-store'],
    ['X-Id', '1'],
  ] as const
  const with_ = (expose?: string) => ({
    status: 200,
    headers: expose === undefined ? headers : [...headers, ['Access-Control-Expose-Headers', expose] as const],
  })

  it.each<[string | undefined, boolean, string[]]>([
    [undefined, false, ['content-type', 'cache-control']],
    ['X-Total', false, ['content-type', 'x-total', 'cache-control']],
    ['x-total, , X-ID', false, ['content-type', 'x-total', 'cache-control', 'x-id']],
    ['*', false, ['content-type', 'x-total', 'cache-control', 'x-id', 'access-control-expose-headers']],
    ['*', true, ['content-type', 'cache-control']],
    ['Set-Cookie', false, ['content-type', 'cache-control']],
    ['x total', false, ['content-type', 'cache-control']],
  ])('Expose-Headers %j, credentials %s', (expose, credentials, expected) => {
    expect(readableHeaders(with_(expose), 'chromium', credentials)).toEqual(expected)
  })
})
