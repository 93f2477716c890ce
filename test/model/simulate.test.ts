// The whole flow with a scripted server: preflight, cache, redirects, stream bodies, network errors.
import { describe, expect, it } from 'vitest'
import {
  PreflightCache,
  simulate,
  type PageRequest,
  type Send,
  type WireRequest,
  type WireResponse,
} from '../../src/model/index.js'

const PAGE = 'https://app.example'
const API = 'https://api.example'
const get: PageRequest = { url: `${API}/x`, origin: PAGE }
const put: PageRequest = { url: `${API}/x`, origin: PAGE, method: 'PUT', body: 'text' }

/** A server: `answer(request)`, with the requests it got. */
function server(answer: (request: WireRequest) => WireResponse): { send: Send; got: WireRequest[] } {
  const got: WireRequest[] = []
  return {
    got,
    send: async (request) => {
      got.push(request)
      return answer(request)
    },
  }
}
const origin = (request: WireRequest) => request.headers.find(([name]) => name === 'Origin')?.[1] ?? ''
const echo = (request: WireRequest, status = 200, ...extra: [string, string][]): WireResponse => ({
  status,
  headers: [['access-control-allow-origin', origin(request)], ['access-control-allow-methods', 'PUT'], ...extra],
})

describe('simulate', () => {
  it('a simple GET: no preflight, one request, readable everywhere', async () => {
    const { send, got } = server((r) => echo(r))
    const result = await simulate(get, send)
    expect(result.verdict).toBe('readable')
    expect(got).toHaveLength(1)
    expect(result.steps.map((s) => [s.kind, s.sentBy])).toEqual([
      ['actual', ['standard', 'chromium', 'firefox', 'webkit']],
    ])
    expect(result.engines.webkit).toEqual({ verdict: 'readable', readable: [], preflights: 0, status: 200 })
  })

  it('a PUT: the preflight first, with the reasons, then the PUT', async () => {
    const { send, got } = server((r) => echo(r, r.method === 'OPTIONS' ? 204 : 201))
    const result = await simulate(put, send)
    expect(got.map((r) => r.method)).toEqual(['OPTIONS', 'PUT'])
    expect(result.steps[0]?.reasons).toEqual(['method PUT is not GET, HEAD or POST'])
    expect(result.standard).toMatchObject({ verdict: 'readable', preflights: 1, status: 201 })
  })

  it('a refused preflight stops the flow: the PUT is never sent', async () => {
    const { send, got } = server(() => ({ status: 204, headers: [] }))
    const result = await simulate(put, send)
    expect(got.map((r) => r.method)).toEqual(['OPTIONS'])
    expect(result.verdict).toBe('blocked')
    expect(result.engines.chromium.message).toContain(
      "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin'",
    )
  })

  it('reuses a cached preflight until Max-Age passes', async () => {
    const { send, got } = server((r) => echo(r, 204, ['access-control-max-age', '10']))
    const cache = new PreflightCache()
    let now = 0
    await simulate(put, send, { cache, now: () => now })
    now = 9_000
    const cached = await simulate(put, send, { cache, now: () => now })
    expect(cached.engines.chromium.preflights).toBe(0)
    now = 11_000
    const expired = await simulate(put, send, { cache, now: () => now })
    expect(expired.engines.chromium.preflights).toBe(1)
    expect(got.filter((r) => r.method === 'OPTIONS')).toHaveLength(2)
  })

  it('follows a same-origin redirect; each hop passes the CORS check', async () => {
    const { send, got } = server((r) =>
      r.url.endsWith('/x') ? { ...echo(r, 302), headers: [...echo(r).headers, ['location', '/final']] } : echo(r),
    )
    const result = await simulate(get, send)
    expect(got.map((r) => [r.url, origin(r)])).toEqual([
      [`${API}/x`, PAGE],
      [`${API}/final`, PAGE],
    ])
    expect(result.verdict).toBe('readable')
  })

  it('a redirect without CORS headers blocks', async () => {
    const { send } = server(() => ({ status: 302, headers: [['location', '/final']] }))
    expect((await simulate(get, send)).standard.problem?.code).toBe('allow-origin-missing')
  })

  it('a redirect to a second origin makes the later Origin null', async () => {
    const { send, got } = server((r) =>
      r.url.startsWith(API)
        ? { status: 307, headers: [...echo(r).headers, ['location', 'https://second.example/y']] }
        : echo(r),
    )
    const result = await simulate(get, send)
    expect(got.map(origin)).toEqual([PAGE, 'null'])
    expect(result.verdict).toBe('readable')
  })

  it('a redirect from the page to another origin keeps the Origin', async () => {
    const { send, got } = server((r) =>
      r.url.startsWith(PAGE) ? { status: 302, headers: [['location', `${API}/x`]] } : echo(r),
    )
    const result = await simulate({ url: `${PAGE}/start`, origin: PAGE }, send)
    expect(got.map(origin)).toEqual(['', PAGE])
    expect(result.verdict).toBe('readable')
  })

  it('301 and 302 turn POST into GET; 303 turns PUT into GET; 307 keeps the method', async () => {
    for (const [status, method, expected] of [
      [301, 'POST', 'GET'],
      [302, 'POST', 'GET'],
      [303, 'PUT', 'GET'],
      [307, 'POST', 'POST'],
    ] as const) {
      const { send, got } = server((r) =>
        r.url.endsWith('/x') && r.method !== 'OPTIONS'
          ? { ...echo(r, status), headers: [...echo(r).headers, ['location', '/y']] }
          : echo(r, r.method === 'OPTIONS' ? 204 : 200),
      )
      await simulate({ url: `${API}/x`, origin: PAGE, method, body: 'text' }, send)
      expect(got.filter((r) => r.url.endsWith('/y')).map((r) => r.method)).toEqual([expected])
    }
  })

  it('stops after 20 redirects', async () => {
    let n = 0
    const { send } = server((r) => ({ status: 302, headers: [...echo(r).headers, ['location', `/r${++n}`]] }))
    const result = await simulate(get, send)
    expect(result.standard.problem?.code).toBe('redirect-not-allowed')
    expect(n).toBe(21)
  })

  it('refuses a redirect to a URL with credentials', async () => {
    const { send } = server((r) => ({
      status: 302,
      headers: [...echo(r).headers, ['location', 'https://u:p@api.example/y']],
    }))
    const result = await simulate(get, send)
    expect(result.engines.chromium.message).toContain(
      "Redirect location 'https://u:p@api.example/y' contains a username and password",
    )
  })

  it('a network error blocks with network-error', async () => {
    const result = await simulate(get, async () => Promise.reject(new Error('ECONNREFUSED')))
    expect(result.standard.problem?.code).toBe('network-error')
    expect(result.steps[0]?.response).toBeUndefined()
  })

  it('a stream body: Chromium preflights it, Firefox sends text without a preflight, WebKit refuses', async () => {
    const { send, got } = server((r) => echo(r, r.method === 'OPTIONS' ? 204 : 200))
    const result = await simulate({ url: `${API}/x`, origin: PAGE, method: 'POST', body: 'stream' }, send)
    expect(result.engines.chromium.preflights).toBe(1)
    expect(result.engines.firefox).toMatchObject({ verdict: 'readable', preflights: 0 })
    expect(result.engines.webkit).toMatchObject({
      verdict: 'blocked',
      preflights: 0,
      problem: { code: 'unsupported-body' },
    })
    expect(got.map((r) => [r.method, r.body])).toEqual([
      ['OPTIONS', undefined],
      ['POST', 'stream'],
      ['POST', 'text'],
    ])
    expect(result.verdict).toBe('blocked')
  })

  it("Authorization under '*': blocked by the standard, readable in every engine", async () => {
    const { send } = server((r) => ({
      ...echo(r, r.method === 'OPTIONS' ? 204 : 200),
      headers: [...echo(r).headers, ['access-control-allow-headers', '*']],
    }))
    const result = await simulate({ ...get, headers: [['Authorization', 'Bearer t']] }, send)
    expect(result.standard.problem?.code).toBe('authorization-wildcard')
    expect(result.verdict).toBe('readable')
    expect(result.engines.firefox.message).toContain('Cross-Origin Request Warning')
  })

  it('a same-origin request is not checked and every header but Set-Cookie is readable', async () => {
    const { send } = server(() => ({
      status: 200,
      headers: [
        ['x-a', '1'],
        ['set-cookie', 'a=b'],
      ],
    }))
    const result = await simulate({ url: `${PAGE}/x`, origin: PAGE, method: 'PUT' }, send)
    expect(result.standard).toEqual({ verdict: 'readable', readable: ['x-a'], preflights: 0, status: 200 })
  })

  it('a request fetch() refuses sends nothing', async () => {
    const { send, got } = server((r) => echo(r))
    const result = await simulate({ ...get, method: 'TRACE' }, send)
    expect(got).toEqual([])
    expect(result.standard.problem?.code).toBe('invalid-request')
  })
})

describe('redirects a CORS request may not follow', () => {
  it.each<[string, string]>([
    ['a Location that does not parse', 'http://['],
    ['a Location that is not http(s)', 'data:text/plain,x'],
  ])('%s', async (_name, location) => {
    const result = await simulate(get, async (r) => ({
      status: 302,
      headers: [...echo(r).headers, ['location', location]],
    }))
    expect(result.standard.problem?.code).toBe('redirect-not-allowed')
  })

  it('a stream body is not sent again after a 307', async () => {
    const send: Send = async (r) =>
      r.method === 'OPTIONS' ? echo(r, 204) : { status: 307, headers: [...echo(r).headers, ['location', '/y']] }
    const result = await simulate({ ...get, method: 'POST', body: 'stream' }, send)
    expect(result.engines.chromium.problem?.facts.why).toBe('a stream body cannot be sent again')
  })

  it('a 3xx without Location is the final response', async () => {
    const result = await simulate(get, async (r) => echo(r, 304))
    expect(result.standard).toMatchObject({ verdict: 'readable', status: 304 })
  })
})
