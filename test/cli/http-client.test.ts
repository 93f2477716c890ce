// The CLI's HTTP client against real loopback servers: raw header lines, no redirect following,
// bodies, timeouts, refused connections, responses that are not HTTP, TLS.
import http from 'node:http'
import https from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY, createSend, describeError, NetworkError, sendRequest } from '../../src/cli/http-client.js'
import { selfSignedCertificate } from '../adapters/support/server.js'
import { freePort, listen, type Running } from './servers/listen.js'
import { startMalformed, startMistakes, startSilent } from './servers/mistakes.js'

let mistakes: Running
let echo: Running
const seen: { method: string; headers: string[]; body: string }[] = []

beforeAll(async () => {
  mistakes = await startMistakes()
  echo = await listen(
    http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        seen.push({ method: req.method ?? '', headers: req.rawHeaders, body })
        const path = new URL(req.url ?? '/', 'http://x').pathname
        if (path === '/big') {
          res.write(Buffer.alloc(1 << 20, 'a'))
          res.end(Buffer.alloc(1 << 16, 'a'))
          return
        }
        if (path === '/cut') {
          res.setHeader('content-length', '100')
          res.write('only part of it')
          setTimeout(() => res.destroy(), 20)
          return
        }
        res.end('echo')
      })
    }),
  )
})

afterAll(async () => {
  await mistakes.close()
  await echo.close()
})

async function failure(promise: Promise<unknown>): Promise<NetworkError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(NetworkError)
  return error as NetworkError
}

describe('sendRequest', () => {
  it('keeps repeated header lines, their case and order', async () => {
    const response = await sendRequest(
      { url: `${mistakes.url}/double-acao`, method: 'GET', headers: [['Origin', 'http://a.example']] },
      { timeout: 2000 },
    )
    expect(response.status).toBe(200)
    expect(response.headers.filter(([name]) => name === 'Access-Control-Allow-Origin')).toEqual([
      ['Access-Control-Allow-Origin', 'http://a.example'],
      ['Access-Control-Allow-Origin', 'http://a.example'],
    ])
  })

  it('does not follow redirects', async () => {
    const response = await createSend({ timeout: 2000 })({
      url: `${mistakes.url}/redirect`,
      method: 'GET',
      headers: [],
    })
    expect(response.status).toBe(302)
    expect(response.headers).toContainEqual(['Location', '/ok'])
  })

  it('sends the method and headers as given (repeats joined), and a body when the model says there is one', async () => {
    seen.length = 0
    await sendRequest(
      {
        url: `${echo.url}/x`,
        method: 'PATCH',
        headers: [
          ['X-A', '1'],
          ['x-a', '2'],
          ['Content-Type', 'text/plain'],
        ],
        body: 'text',
      },
      { timeout: 2000 },
    )
    expect(seen[0]?.method).toBe('PATCH')
    expect(seen[0]?.headers).toEqual(expect.arrayContaining(['X-A', '1, 2', 'Content-Type', 'text/plain']))
    expect(seen[0]?.body).toBe(BODY)
  })

  it('stops reading a large body and still answers', async () => {
    const response = await sendRequest({ url: `${echo.url}/big`, method: 'GET', headers: [] }, { timeout: 5000 })
    expect(response.status).toBe(200)
  })

  it('a body cut short is a network error', async () => {
    const error = await failure(sendRequest({ url: `${echo.url}/cut`, method: 'GET', headers: [] }, { timeout: 2000 }))
    expect(error.code).toBe('ECONNRESET')
    expect(error.message).toContain('closed the connection')
  })

  it('a closed port: connection refused', async () => {
    const port = await freePort()
    const error = await failure(
      sendRequest({ url: `http://127.0.0.1:${port}/`, method: 'GET', headers: [] }, { timeout: 2000 }),
    )
    expect(error.code).toBe('ECONNREFUSED')
    expect(error.message).toBe(`connection refused by 127.0.0.1:${port}`)
    expect(error.url).toBe(`http://127.0.0.1:${port}/`)
    expect(error.name).toBe('NetworkError')
  })

  it('bytes that are not HTTP: a malformed response', async () => {
    const server = await startMalformed()
    try {
      const error = await failure(sendRequest({ url: server.url, method: 'GET', headers: [] }, { timeout: 2000 }))
      expect(error.code).toMatch(/^HPE_/)
      expect(error.message).toContain('malformed response from')
    } finally {
      await server.close()
    }
  })

  it('no answer: a timeout', async () => {
    const server = await startSilent()
    try {
      const error = await failure(sendRequest({ url: server.url, method: 'GET', headers: [] }, { timeout: 100 }))
      expect(error.code).toBe('ETIMEDOUT')
      expect(error.message).toContain('within 100 ms')
    } finally {
      await server.close()
    }
  })

  it('words each failure by its code, and one without a code', () => {
    const url = new URL('http://api.example:8080/x')
    const words = (code: string | undefined): string =>
      describeError(Object.assign(new Error('raw'), code === undefined ? {} : { code }), url, 10).message
    expect(words('ENOTFOUND')).toBe('host not found: api.example')
    expect(words('EHOSTUNREACH')).toBe('api.example:8080 is unreachable')
    expect(words(undefined)).toBe('request to api.example:8080 failed: raw')
    expect(describeError(new Error('raw'), url, 10).code).toBe('ERROR')
  })

  const tls = selfSignedCertificate()
  it.skipIf(tls === undefined)('https: with the certificate trusted, and refused without', async () => {
    if (tls === undefined) return
    const server = await listen(https.createServer(tls, (_req, res) => res.end('tls')))
    const url = server.url.replace('http:', 'https:')
    try {
      const response = await sendRequest({ url, method: 'GET', headers: [] }, { timeout: 2000, ca: tls.cert })
      expect(response.status).toBe(200)
      const error = await failure(sendRequest({ url, method: 'GET', headers: [] }, { timeout: 2000 }))
      expect(error.message).toContain(`request to ${new URL(url).host} failed:`)
    } finally {
      await server.close()
    }
  })
})
