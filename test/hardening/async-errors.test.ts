// Origin predicates that throw, reject or hang, behind real servers on 127.0.0.1: the error reaches
// the framework's error path (next(err), a 500, a rejected promise), no CORS header leaks onto the
// error response, and other requests keep flowing. A hanging predicate hangs only its own request:
// corsica sets no timeout of its own (how long to wait is the application's choice).
import express from 'express'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors as expressCors } from '../../src/express.js'
import { withCors } from '../../src/fetch.js'
import { cors as nodeCors } from '../../src/node.js'
import { defined } from '../support/defined.js'
import { entriesOf } from './harness.js'

const OK = 'https://ok.example'
const THROWS = 'https://throws.example'
const REJECTS = 'https://rejects.example'
const HANGS = 'https://hangs.example'

/** One predicate for every case, chosen by the request's origin. */
function predicate(origin: string, _context?: unknown): boolean | Promise<boolean> {
  if (origin === THROWS) throw new Error('origin store unavailable (sync)')
  if (origin === REJECTS) return Promise.reject(new Error('origin store unavailable (async)'))
  if (origin === HANGS) return new Promise<boolean>(() => {})
  return Promise.resolve(origin === OK)
}

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

function send(port: number, method: string, headers: Record<string, string>, timeoutMs = 2000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: '/resource',
        headers,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function corsHeaderNames(headers: http.IncomingHttpHeaders): string[] {
  return Object.keys(headers).filter((name) => name.startsWith('access-control-'))
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** The errors each server saw on its error path. */
const seen: Record<string, string[]> = { express: [], 'express (cors callback)': [], node: [], fetch: [] }

function expressServer(name: string, origin: Parameters<typeof expressCors>[0]): http.Server {
  const app = express()
  app.use(expressCors(origin))
  app.all('/resource', (_req, res) => {
    res.send('ok')
  })
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    defined(seen[name], `the errors ${name} saw`).push(err.message)
    res.status(500).send('error')
  })
  return http.createServer(app)
}

function nodeServer(): http.Server {
  const handleCors = nodeCors({ origin: predicate })
  return http.createServer(async (req, res) => {
    try {
      if (await handleCors(req, res)) return
      res.end('ok')
    } catch (error) {
      defined(seen.node, 'the errors node saw').push((error as Error).message)
      res.statusCode = 500
      res.end('error')
    }
  })
}

/** A minimal Node-to-Fetch bridge, as frameworks that run Fetch handlers on Node have. */
function fetchServer(): http.Server {
  const handler = withCors(() => new Response('ok'), { origin: predicate })
  return http.createServer(async (req, res) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    let response: Response
    try {
      response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers }))
    } catch (error) {
      defined(seen.fetch, 'the errors fetch saw').push((error as Error).message)
      response = new Response('error', { status: 500 })
    }
    res.writeHead(response.status, Object.fromEntries(entriesOf(response.headers)))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
}

const servers: Record<string, http.Server> = {
  express: expressServer('express', { origin: predicate }),
  'express (cors callback)': expressServer('express (cors callback)', {
    origin: (origin: string, callback: (err: Error | null, allow?: boolean) => void) => {
      if (origin === THROWS) throw new Error('origin store unavailable (sync)')
      if (origin === REJECTS) return callback(new Error('origin store unavailable (async)'))
      if (origin === HANGS) return // never calls back
      callback(null, origin === OK)
    },
  }),
  node: nodeServer(),
  fetch: fetchServer(),
}
const ports: Record<string, number> = {}

/** The port `name` listens on (known once beforeAll has run). */
function portOf(name: string): number {
  return defined(ports[name], `the port of ${name}`)
}

beforeAll(async () => {
  for (const [name, server] of Object.entries(servers)) ports[name] = await listen(server)
})
afterAll(async () => {
  await Promise.all(Object.values(servers).map(close))
})

const PREFLIGHT = { 'access-control-request-method': 'PUT' }

describe.each(Object.keys(servers))('%s: origin predicate failures', (name) => {
  it.each([
    ['throws', THROWS, 'origin store unavailable (sync)'],
    ['rejects', REJECTS, 'origin store unavailable (async)'],
  ])('a predicate that %s: 500 through the error path, no CORS header', async (_how, origin, error) => {
    for (const [method, extra] of [
      ['GET', {}],
      ['OPTIONS', PREFLIGHT],
    ] as const) {
      const reply = await send(portOf(name), method, { origin, ...extra })
      expect(reply.status).toBe(500)
      expect(reply.body).toBe('error')
      expect(corsHeaderNames(reply.headers)).toEqual([])
    }
    expect(seen[name]).toContain(error)
  })

  it('a predicate that hangs holds only its own request: other requests keep flowing', async () => {
    const hanging = [
      send(portOf(name), 'GET', { origin: HANGS }, 300),
      send(portOf(name), 'OPTIONS', { origin: HANGS, ...PREFLIGHT }, 300),
    ]
    const others = await Promise.all([
      send(portOf(name), 'GET', { origin: OK }),
      send(portOf(name), 'OPTIONS', { origin: OK, ...PREFLIGHT }),
      send(portOf(name), 'GET', { origin: 'https://other.example' }),
      send(portOf(name), 'GET', {}),
      send(portOf(name), 'GET', { origin: THROWS }),
    ])
    expect(others.map((reply) => reply.status)).toEqual([200, 204, 200, 200, 500])
    expect(others[0].headers['access-control-allow-origin']).toBe(OK)
    expect(others[1].headers['access-control-allow-origin']).toBe(OK)
    expect(corsHeaderNames(others[2].headers)).toEqual([])
    expect(corsHeaderNames(others[4].headers)).toEqual([])
    // The client's own timeout ends the hanging requests; the server never answered them.
    for (const result of await Promise.allSettled(hanging)) {
      expect(result.status).toBe('rejected')
      expect(String((result as PromiseRejectedResult).reason)).toMatch(/abort|timeout/i)
    }
    // And the server still serves after they were abandoned.
    expect((await send(portOf(name), 'GET', { origin: OK })).status).toBe(200)
  })
})

describe('the error is a rejected promise for direct callers', () => {
  it('corsica/node rejects (or throws) and leaves the response untouched', async () => {
    const handle = nodeCors({ origin: predicate })
    for (const origin of [THROWS, REJECTS]) {
      const headers = new Map<string, string>()
      const res = {
        statusCode: 200,
        getHeader: (n: string) => headers.get(n),
        setHeader: (n: string, v: string) => headers.set(n, v),
        removeHeader: (n: string) => headers.delete(n),
        end: () => undefined,
      }
      await expect(Promise.resolve().then(() => handle({ method: 'GET', headers: { origin } }, res))).rejects.toThrow(
        /origin store unavailable/,
      )
      expect([...headers.keys()]).toEqual([])
    }
  })

  it('corsica/fetch rejects (or throws) and the handler never runs', async () => {
    let ran = 0
    const handler = withCors(
      () => {
        ran++
        return new Response('ok')
      },
      { origin: predicate },
    )
    for (const origin of [THROWS, REJECTS]) {
      await expect(
        Promise.resolve().then(() => handler(new Request('http://x/', { headers: { origin } }))),
      ).rejects.toThrow(/origin store unavailable/)
    }
    expect(ran).toBe(0)
  })
})
