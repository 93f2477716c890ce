// corsica/fetch with a single layer in the process, where responses are not recorded (see
// fetch-response.ts): each request still decorates the response it gets, reused or not. This file
// makes exactly one layer; vitest runs each file in a fresh worker, so no other file's count here.
import { describe, expect, it } from 'vitest'
import { withCors } from '../../src/fetch.js'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example.net'
const layers = () => (globalThis as { [key: symbol]: { made: number } | undefined })[Symbol.for('corsica.fetch-layers')]

describe('corsica/fetch, the only layer in the process', () => {
  let current = new Response(null)
  const handler = withCors(() => current, { origin: [APP] })
  const request = (origin: string) => new Request('http://x/', { headers: { origin } })

  it('is counted as one, so no response is recorded', () => {
    expect(layers()?.made).toBe(1)
  })

  it('decorates a Response object each time it is returned: a refusal after an allow drops the allow', async () => {
    current = new Response(null, { status: 404 })
    const allowed = await handler(request(APP))
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([404, APP])
    const refused = await handler(request(EVIL))
    expect(refused).toBe(current)
    expect([refused.headers.get('access-control-allow-origin'), refused.headers.get('vary')]).toEqual([null, 'Origin'])
  })

  it('leaves alone a response that a copy of corsica without the count recorded for this request', async () => {
    const inner = new Response(null, { headers: { 'access-control-allow-origin': APP } })
    current = inner
    const sent = request(EVIL)
    const recorded = (globalThis as { [key: symbol]: WeakMap<Response, Request> | undefined })[
      Symbol.for('corsica.decided-responses')
    ]
    recorded?.set(inner, sent)
    const response = await handler(sent)
    expect([response.headers.get('access-control-allow-origin'), response.headers.get('vary')]).toEqual([APP, null])
    expect(layers()?.made).toBe(1)
  })

  it("removes CORS headers the handler's response brought, when the origin is refused", async () => {
    current = new Response('proxied', { headers: { 'access-control-allow-origin': '*' } })
    const refused = await handler(request(EVIL))
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })
})
