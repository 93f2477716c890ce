// corsica/fetch as a bare Fetch handler served by Node (examples/serve-fetch.mjs), plus the
// responses only Fetch has: immutable headers (Response.redirect, fetch()), streams, Set-Cookie, 101.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors, withCors } from '../../src/fetch.js'
import { serveFetch } from '../../examples/serve-fetch.mjs'
import { startFetch } from './support/apps.js'
import { send, type Target } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'

describeConformance('fetch (served by node:http)', startFetch)

const fromApp = { headers: { origin: APP_ORIGIN } }
const acao = (response: Response): string | null => response.headers.get('access-control-allow-origin')

describe('fetch: responses a handler cannot always modify', () => {
  let upstream: Awaited<ReturnType<typeof listen>>
  let proxy: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    upstream = await listen(
      http.createServer((_req, res) => {
        res.writeHead(201, [
          ['set-cookie', 'a=1; Path=/'],
          ['set-cookie', 'b=2; Path=/'],
          ['vary', 'Accept-Language'],
          ['content-type', 'text/plain'],
        ])
        res.end('from upstream')
      }),
    )
    // fetch() responses have immutable headers: withCors copies the response to add its own.
    const server = await serveFetch(withCors(() => fetch(upstream.url), CONFORMANCE_OPTIONS))
    proxy = await listen(server)
  })
  afterAll(() => Promise.all([upstream.close(), proxy.close()]))

  it('proxies a fetch() response: status, body, both Set-Cookie lines and the merged Vary intact', async () => {
    const response = await send(proxy as Target, { method: 'GET', path: '/', headers: [['Origin', APP_ORIGIN]] })
    expect([response.status, response.body]).toEqual([201, 'from upstream'])
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/'])
    expect(response.cors['access-control-allow-origin']).toBe(APP_ORIGIN)
    expect(response.cors.vary).toBe('Accept-Language, Origin')
  })

  it('copies Response.redirect (immutable headers): status and Location kept', async () => {
    const handler = withCors(() => Response.redirect('https://api.example.com/next', 307), CONFORMANCE_OPTIONS)
    const response = await handler(new Request('https://api.example.com/', fromApp))
    expect([response.status, response.headers.get('location'), acao(response)]).toEqual([
      307,
      'https://api.example.com/next',
      APP_ORIGIN,
    ])
  })

  it('passes a streamed body through unread, chunk by chunk', async () => {
    const chunks = ['one,', 'two,', 'three']
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift()
        if (next === undefined) controller.close()
        else controller.enqueue(new TextEncoder().encode(next))
      },
    })
    const body = new Response(stream).body
    const response = await withCors(
      () => new Response(body, { status: 206 }),
      CONFORMANCE_OPTIONS,
    )(new Request('https://api.example.com/', fromApp))
    expect(response.body).toBe(body) // the same stream object, not a buffered copy
    expect([response.status, await response.text(), acao(response)]).toEqual([206, 'one,two,three', APP_ORIGIN])
  })

  it('keeps two Set-Cookie lines on a mutable response', async () => {
    const headers = new Headers([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ])
    const response = await withCors(
      () => new Response('ok', { headers }),
      CONFORMANCE_OPTIONS,
    )(new Request('https://api.example.com/', fromApp))
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(acao(response)).toBe(APP_ORIGIN)
  })

  it('passes a 101 response through untouched', async () => {
    // Node's Response constructor refuses status 101 (only 200..599), so a runtime's upgrade
    // response (Deno.upgradeWebSocket, Bun, Workers) is stood in for by an object typed as Response.
    expect(() => new Response(null, { status: 101 })).toThrow(RangeError)
    const upgrade = {
      status: 101,
      type: 'default',
      headers: new Headers({ upgrade: 'websocket' }),
    } as unknown as Response
    const response = await withCors(
      () => upgrade,
      CONFORMANCE_OPTIONS,
    )(new Request('https://api.example.com/', fromApp))
    expect(response).toBe(upgrade)
    expect(upgrade.headers.has('access-control-allow-origin')).toBe(false)
  })

  it('passes Response.error() (status 0, immutable headers) through untouched, without throwing', async () => {
    const errorResponse = Response.error()
    const handler = withCors(() => errorResponse, CONFORMANCE_OPTIONS)
    const response = await handler(new Request('https://api.example.com/', fromApp))
    expect(response).toBe(errorResponse)
    expect([response.status, acao(response)]).toEqual([0, null])
  })

  it('lets a thrown error propagate: it is the runtime, not corsica, that turns it into a response', async () => {
    const handler = withCors(() => Promise.reject(new Error('boom')), CONFORMANCE_OPTIONS)
    await expect(handler(new Request('https://api.example.com/', fromApp))).rejects.toThrow('boom')
  })
})

describe('fetch: cors(options).handle(request, next) as a middleware step', () => {
  type Step = (request: Request, next: () => Response | Promise<Response>) => Response | Promise<Response>
  const corsStep = cors(CONFORMANCE_OPTIONS)
  const auth: Step = (request, next) =>
    request.headers.has('authorization') ? next() : new Response('unauthorized', { status: 401 })
  // A tiny chain: each step gets the request and a `next` that runs the rest.
  const chain =
    (steps: Step[], last: (request: Request) => Response) =>
    (request: Request): Response | Promise<Response> =>
      steps.reduceRight<() => Response | Promise<Response>>(
        (next, step) => () => step(request, next),
        () => last(request),
      )()
  const app = chain([(request, next) => corsStep.handle(request, next), auth], () => new Response('items'))

  it('answers a preflight before the auth step', async () => {
    const response = await app(
      new Request('https://api.example.com/items', {
        method: 'OPTIONS',
        headers: { origin: APP_ORIGIN, 'access-control-request-method': 'PUT' },
      }),
    )
    expect([response.status, acao(response)]).toEqual([204, APP_ORIGIN])
  })

  it("decorates the auth step's 401", async () => {
    const response = await app(new Request('https://api.example.com/items', fromApp))
    expect([response.status, acao(response)]).toEqual([401, APP_ORIGIN])
  })

  it('stays synchronous when next() is', () => {
    const response = corsStep.handle(new Request('https://api.example.com/items', fromApp), () => new Response('sync'))
    expect(response).toBeInstanceOf(Response)
    expect(acao(response as Response)).toBe(APP_ORIGIN)
  })
})

describe('fetch: the predicate receives the Request', () => {
  const seen: unknown[] = []
  const handler = withCors(() => new Response('app'), {
    origin: (origin, request) => {
      seen.push(request)
      return new URL(request.url).pathname.startsWith('/tenant/') && request.headers.get('x-tenant') === origin
    },
    vary: 'X-Tenant',
  })
  const call = (path: string, tenant: string, method = 'GET', extra: Record<string, string> = {}) =>
    new Request(`https://api.example.com${path}`, {
      method,
      headers: { origin: APP_ORIGIN, 'x-tenant': tenant, ...extra },
    })

  it.each([
    { name: 'allows by URL and a header', path: '/tenant/a', tenant: APP_ORIGIN, allowed: APP_ORIGIN },
    { name: 'refuses another URL', path: '/other', tenant: APP_ORIGIN, allowed: null },
    { name: 'refuses another tenant', path: '/tenant/a', tenant: 'https://evil.example.com', allowed: null },
  ])('$name, the very Request the handler got; Vary names X-Tenant', async ({ path, tenant, allowed }) => {
    seen.length = 0
    const request = call(path, tenant)
    const response = await handler(request)
    expect([await response.text(), acao(response), response.headers.get('vary')]).toEqual([
      'app',
      allowed,
      'Origin, X-Tenant',
    ])
    expect(seen[0]).toBe(request)
  })

  it('decides a preflight by the same Request', async () => {
    const response = await handler(call('/tenant/a', APP_ORIGIN, 'OPTIONS', { 'access-control-request-method': 'PUT' }))
    expect([response.status, acao(response)]).toEqual([204, APP_ORIGIN])
    expect(response.headers.get('vary')).toMatch(/^Origin, X-Tenant, Access-Control-Request-Method/)
  })
})
