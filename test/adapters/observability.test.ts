// Metrics, a report-only candidate and the debug header through every adapter, over real sockets
// with the real frameworks: none needs an adapter change, and a candidate changes no response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CandidateDifference, type CorsOptions, corsMetrics } from '../../src/index.js'
import { send, type TestRequest, type TestResponse } from './support/client.js'
import { FRAMEWORKS } from './support/apps.js'
import { APP_ORIGIN, OTHER_ORIGIN, get, preflight } from './support/requests.js'
import type { TestServer } from './support/server.js'

const BASE: CorsOptions = { origin: '*', methods: 'GET,PUT', allowedHeaders: ['x-a'] }
const REQUESTS: readonly TestRequest[] = [
  get('/items'),
  get('/items', OTHER_ORIGIN),
  { method: 'GET', path: '/items' },
  preflight('/items', 'PUT'),
  preflight('/items', 'PUT', OTHER_ORIGIN),
  preflight('/items', 'PATCH'),
  preflight('/items', 'GET', APP_ORIGIN, ['Access-Control-Request-Headers', 'x-b']),
]

/** Status and headers a client sees, minus what differs between any two responses (Date, keep-alive). */
function seen(response: TestResponse): unknown {
  const { date: _date, 'keep-alive': _alive, connection: _connection, ...headers } = response.headers
  return { status: response.status, headers, body: response.body }
}

const HEADER = 'corsica-refusal'

describe.each(Object.entries(FRAMEWORKS))('%s', (_name, start) => {
  const metrics = corsMetrics()
  const events: CandidateDifference[] = []
  let plain: TestServer
  let watched: TestServer
  let debug: TestServer
  beforeAll(async () => {
    plain = await start(BASE)
    watched = await start({
      ...BASE,
      metrics,
      candidate: { origin: [APP_ORIGIN], methods: 'GET,PUT', allowedHeaders: ['x-a'] },
      onCandidateDiffers: (event) => events.push(event),
    })
    debug = await start({ ...BASE, origin: [APP_ORIGIN], debug: true })
  })
  afterAll(async () => {
    await Promise.all([plain.close(), watched.close(), debug.close()])
  })

  it('a candidate changes no response; its differences and the counters are heard', async () => {
    for (const request of REQUESTS) {
      const [without, withCandidate] = await Promise.all([send(plain, request), send(watched, request)])
      expect(seen(withCandidate)).toStrictEqual(seen(without))
    }
    expect(events.map((e) => [e.kind, e.origin, e.enforced.allowed, e.candidate.reason])).toStrictEqual([
      ['actual', OTHER_ORIGIN, true, 'origin'],
      ['preflight', OTHER_ORIGIN, true, 'origin'],
    ])
    expect(metrics.snapshot()).toMatchObject({
      allowed: 4,
      refused: { origin: 0, method: 1, headers: 1 },
      preflights: 4,
      notCors: 1,
      candidateDiffers: 2,
    })
  })

  it('debug: refusals name their reason, allowed answers never do, a request cannot switch it on', async () => {
    const refused = await send(debug, get('/items', OTHER_ORIGIN))
    expect(refused.headers[HEADER]).toBe(`origin: origin "${OTHER_ORIGIN}" is not allowed`)
    const method = await send(debug, preflight('/items', 'PATCH'))
    expect(method.headers[HEADER]).toBe('method: method "PATCH" is not in methods (GET,PUT)')
    for (const request of [get('/items'), preflight('/items', 'PUT')])
      expect((await send(debug, request)).headers[HEADER]).toBeUndefined()
    const asked = await send(plain, preflight('/items', 'PATCH', APP_ORIGIN, [HEADER, '1'], ['x-corsica-debug', '1']))
    expect(asked.headers[HEADER]).toBeUndefined()
  })

  it('debug: an Origin with bytes outside ASCII comes back escaped, the response intact', async () => {
    // Node sends a header value as latin1 bytes: 0xE9 and 0x7F reach the server as sent.
    const response = await send(debug, get('/items', 'https://\u00e9vil.example\u00a0'))
    expect(response.status).toBe(200)
    expect(response.body).toBe('items')
    expect(response.headers[HEADER]).toBe('malformed: Origin "https://\\u00e9vil.example\\u00a0" is malformed')
  })
})
