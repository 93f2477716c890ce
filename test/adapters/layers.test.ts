// Layered policies (rule 15): a global permissive policy and a stricter one closer to the route.
// The inner policy is authoritative: no CORS header the outer layer set survives its answer.
// Each adapter is stacked its own natural way, in its real server, over a socket.
import http from 'node:http'
import express from 'express'
import Fastify from 'fastify'
import Koa from 'koa'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveFetch } from '../../examples/serve-fetch.mjs'
import type { CorsOptions } from '../../src/index.js'
import { cors as expressCors } from '../../src/express.js'
import fastifyCors from '../../src/fastify.js'
import { cors as fetchCors, withCors } from '../../src/fetch.js'
import { cors as koaCors } from '../../src/koa.js'
import { cors as nodeCors } from '../../src/node.js'
import { send, type TestResponse } from './support/client.js'
import { listen, type TestServer } from './support/server.js'
import { defined } from '../support/defined.js'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example.net'

interface Layers {
  readonly outer: CorsOptions
  readonly inner: CorsOptions
}

/** Outer `*` (with Timing-Allow-Origin: *), inner one credentialed origin: the setup that leaked with the old code. */
const STRICT_ROUTE: Layers = { outer: { timingAllowOrigin: true }, inner: { origin: APP, credentials: true } }
/** Outer lists the page, inner refuses it. */
const INNER_REFUSES: Layers = {
  outer: { origin: [APP], credentials: true, exposedHeaders: ['x-id'], timingAllowOrigin: true },
  inner: { origin: ['https://other.example.com'] },
}

type Builder = (layers: Layers) => Promise<TestServer>

const hits = { count: 0 }

async function started(server: http.Server): Promise<TestServer> {
  return { ...(await listen(server)), hits }
}

const builders: Record<string, Builder> = {
  'corsica/node (two handlers in turn)': ({ outer, inner }) => {
    const [first, second] = [nodeCors(outer), nodeCors(inner)]
    return started(
      http.createServer(async (req, res) => {
        if ((await first(req, res)) || (await second(req, res))) return
        res.end('private')
      }),
    )
  },
  'corsica/express (app.use, then a route middleware)': ({ outer, inner }) => {
    const app = express()
    app.use(expressCors(outer))
    app.all('/private', expressCors(inner), (_req, res) => void res.send('private'))
    return started(app.listen(0, '127.0.0.1'))
  },
  'corsica/fastify (the plugin at the root, again in an encapsulated child)': async ({ outer, inner }) => {
    const app = Fastify()
    await app.register(fastifyCors, outer)
    await app.register(async (child) => {
      await child.register(fastifyCors, inner)
      child.get('/private', async () => 'private')
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    return started(app.server)
  },
  'corsica/koa (app.use, then a path middleware)': ({ outer, inner }) => {
    const app = new Koa()
    const strict = koaCors(inner)
    app.use(koaCors(outer))
    app.use((ctx, next) => (ctx.path === '/private' ? strict(ctx, next) : next()))
    app.use((ctx) => {
      ctx.body = 'private'
    })
    return started(http.createServer(app.callback()))
  },
  'corsica/fetch (withCors around withCors)': async ({ outer, inner }) =>
    started(
      await serveFetch(
        withCors(
          withCors(() => new Response('private'), inner),
          outer,
        ),
      ),
    ),
  'corsica/fetch (handle inside handle)': async ({ outer, inner }) => {
    const [first, second] = [fetchCors(outer), fetchCors(inner)]
    return started(
      await serveFetch((request: Request) =>
        first.handle(request, () => second.handle(request, () => new Response('private'))),
      ),
    )
  },
}

function get(server: TestServer, origin: string): Promise<TestResponse> {
  return send(server, { method: 'GET', path: '/private', headers: [['Origin', origin]] })
}

describe.each(Object.entries(builders))('%s', (_name, build) => {
  const servers: Record<string, TestServer> = {}
  beforeAll(async () => {
    servers.strict = await build(STRICT_ROUTE)
    servers.refuses = await build(INNER_REFUSES)
  })
  afterAll(() => Promise.all(Object.values(servers).map((server) => server.close())))

  it("the outer '*' does not survive the inner policy's refusal", async () => {
    const response = await get(defined(servers.strict, 'the strict server'), EVIL)
    expect(response.body).toBe('private')
    expect(response.cors).toEqual({ vary: 'Origin' })
  })

  it("the inner policy's answer replaces the outer '*'", async () => {
    const response = await get(defined(servers.strict, 'the strict server'), APP)
    expect(response.cors).toEqual({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    })
  })

  it("the outer layer's credentials, exposed headers and Timing-Allow-Origin do not survive the inner refusal", async () => {
    const response = await get(defined(servers.refuses, 'the refusing server'), APP)
    expect(response.cors).toEqual({ vary: 'Origin' })
  })
})

describe("an outer layer's debug refusal header", () => {
  it('does not reach a response the inner layer allows', async () => {
    const [outer, inner] = [nodeCors({ origin: [APP], debug: true }), nodeCors({ origin: [APP, EVIL] })]
    const server = await started(
      http.createServer(async (req, res) => {
        if ((await outer(req, res)) || (await inner(req, res))) return
        res.end('private')
      }),
    )
    try {
      const response = await get(server, EVIL)
      expect([response.cors['access-control-allow-origin'], response.headers['corsica-refusal']]).toEqual([
        EVIL,
        undefined,
      ])
    } finally {
      await server.close()
    }
  })
})

describe('corsica/fetch and a Response object reused across requests', () => {
  it("each request decorates it again: one policy's answer never stays for another request", async () => {
    const shared = new Response(null, { status: 404 })
    const open = withCors(() => shared, { origin: true })
    const strict = withCors(() => shared, { origin: [APP] })
    const request = () => new Request('http://x/', { headers: { origin: EVIL } })
    expect((await open(request())).headers.get('access-control-allow-origin')).toBe(EVIL)
    expect((await strict(request())).headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('corsica/fetch and a response that brings its own CORS headers', () => {
  const upstream = () =>
    new Response('proxied', {
      headers: {
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'timing-allow-origin': '*',
      },
    })

  it("a refused origin gets none of the handler's CORS headers", async () => {
    const response = await withCors(upstream, { origin: APP })(new Request('http://x/', { headers: { origin: EVIL } }))
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(response.headers.get('timing-allow-origin')).toBeNull()
  })
})
