// corsica/node inside node:http, https (self-signed certificate made at test time) and http2 compat.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors } from '../../src/node.js'
import { startNodeHttp, startNodeHttp2, startNodeHttps } from './support/apps.js'
import { send } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, describeConformance } from './support/conformance.js'
import { listen, selfSignedCertificate } from './support/server.js'

describeConformance('node:http', startNodeHttp)
describeConformance('node:http2 compat (cleartext)', startNodeHttp2)

const tls = selfSignedCertificate()
// openssl is part of the CI image; without it http2 cleartext above is the proof the issue accepts.
if (tls !== undefined) describeConformance('node:https', (options) => startNodeHttps(options, tls))

describe('node:http: the handled flag', () => {
  const seen: unknown[] = []
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const handleSync = cors(CONFORMANCE_OPTIONS)
    const handleAsync = cors({ origin: async (origin) => origin === APP_ORIGIN })
    server = await listen(
      http.createServer((req, res) => {
        const handled = (req.url === '/async' ? handleAsync : handleSync)(req, res)
        seen.push(handled)
        void Promise.resolve(handled).then((done) => done || res.end('app'))
      }),
    )
  })
  afterAll(() => server.close())

  it.each([
    {
      name: 'true, synchronously, for an answered preflight',
      path: '/sync',
      method: 'OPTIONS',
      expected: true,
      status: 204,
    },
    { name: 'false, synchronously, for an actual request', path: '/sync', method: 'GET', expected: false, status: 200 },
  ])('is $name', async ({ path, method, expected, status }) => {
    seen.length = 0
    const response = await send(server, {
      method,
      path,
      headers: [
        ['Origin', APP_ORIGIN],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect(response.status).toBe(status)
    expect(seen).toEqual([expected])
  })

  it('is a Promise when the origin predicate is async, and the preflight is still answered', async () => {
    seen.length = 0
    const response = await send(server, {
      method: 'OPTIONS',
      path: '/async',
      headers: [
        ['Origin', APP_ORIGIN],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect(seen[0]).toBeInstanceOf(Promise)
    expect(response.status).toBe(204)
    expect(response.cors['access-control-allow-origin']).toBe(APP_ORIGIN)
  })
})

describe('node:http: the predicate receives the IncomingMessage', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const seen: unknown[] = []
  beforeAll(async () => {
    const handleCors = cors<http.IncomingMessage>({
      origin: (origin, req) => {
        seen.push(req)
        return req.url?.startsWith('/tenant/') === true && req.headers['x-tenant'] === origin
      },
      vary: ['X-Tenant'],
    })
    server = await listen(http.createServer((req, res) => void (handleCors(req, res) || res.end('app'))))
  })
  afterAll(() => server.close())

  it.each([
    { name: 'allows by URL and a header', path: '/tenant/a', tenant: APP_ORIGIN, acao: APP_ORIGIN },
    { name: 'refuses another URL', path: '/other', tenant: APP_ORIGIN, acao: undefined },
    { name: 'refuses another tenant', path: '/tenant/a', tenant: 'https://evil.example.com', acao: undefined },
  ])('$name, the same object the listener got; Vary names X-Tenant', async ({ path, tenant, acao }) => {
    seen.length = 0
    const response = await send(server, {
      method: 'GET',
      path,
      headers: [
        ['Origin', APP_ORIGIN],
        ['X-Tenant', tenant],
      ],
    })
    expect([response.status, response.body, response.cors['access-control-allow-origin']]).toEqual([200, 'app', acao])
    expect(response.cors.vary).toBe('Origin, X-Tenant')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toBeInstanceOf(http.IncomingMessage)
  })
})
