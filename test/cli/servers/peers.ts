// Other CORS libraries in configurations known to be unsafe, each on its own loopback port:
//   cors          origin: true, credentials: true: any origin reflected, with credentials
//   hono/cors     an origin function that checks a prefix (`http://localhost…`), with credentials
//   @fastify/cors an unanchored RegExp (/localhost/), with credentials
// Every route answers 200 "ok"; the libraries answer preflights themselves.
import http from 'node:http'
import fastifyCors from '@fastify/cors'
import cors from 'cors'
import Fastify from 'fastify'
import { Hono } from 'hono'
import { cors as honoCors } from 'hono/cors'
import { serveFetch } from '../../../examples/serve-fetch.mjs'
import { listen, type Running } from './listen.js'

export function startCorsReflectAll(): Promise<Running> {
  const middleware = cors({ origin: true, credentials: true })
  return listen(
    http.createServer((req, res) =>
      middleware(req, res, () => {
        res.setHeader('content-type', 'text/plain')
        res.end('ok')
      }),
    ),
  )
}

export async function startHonoPrefixCheck(): Promise<Running> {
  const app = new Hono()
  app.use(
    '*',
    honoCors({
      // The mistake: `http://localhost.evil.example` starts with `http://localhost` too.
      origin: (origin) => (origin.startsWith('http://localhost') ? origin : null),
      credentials: true,
      allowHeaders: ['x-trace', 'content-type'],
    }),
  )
  app.all('*', (c) => c.text('ok'))
  return listen(await serveFetch(app.fetch))
}

export async function startFastifyLooseRegExp(): Promise<Running> {
  const app = Fastify()
  await app.register(fastifyCors, { origin: /localhost/, credentials: true })
  // @fastify/cors has its own OPTIONS route: the others only.
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    url: '/*',
    handler: async (_request, reply) => reply.send('ok'),
  })
  await app.ready()
  return listen(app.server)
}
