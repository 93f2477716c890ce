// The cache suite's upstreams for the framework adapters: corsica/fastify, corsica/koa and
// corsica/hono, each in its framework, one corsica policy per mode (/<mode>/…), the stripped mode
// removing Vary after corsica wrote it. Each is a request listener for node:http.
import Fastify from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'

/**
 * @typedef {'vary' | 'stripped' | 'star'} Mode
 * @typedef {import('corsica').CorsOptions} CorsOptions
 * @typedef {{ modes: readonly Mode[], optionsFor: (mode: Mode) => CorsOptions, body: string,
 *   headers: Record<string, string> }} Setup
 * @typedef {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} Listener
 */

/**
 * @param {typeof import('corsica/fastify')} corsica
 * @param {Setup} setup
 * @returns {Promise<Listener>}
 */
export async function fastifyListener(corsica, { modes, optionsFor, body, headers }) {
  const app = Fastify()
  for (const mode of modes) {
    await app.register(
      async (child) => {
        await child.register(corsica.default, optionsFor(mode))
        child.get('/*', (_request, reply) => {
          reply.headers(headers)
          if (mode === 'stripped') reply.removeHeader('vary')
          return reply.send(body)
        })
      },
      { prefix: `/${mode}` },
    )
  }
  await app.ready()
  return (req, res) => app.routing(req, res)
}

/**
 * @param {typeof import('corsica/koa')} corsica
 * @param {Setup} setup
 * @returns {Listener}
 */
export function koaListener(corsica, { modes, optionsFor, body, headers }) {
  const app = new Koa()
  const layers = new Map(modes.map((mode) => [mode, corsica.cors(optionsFor(mode))]))
  app.use((ctx, next) => {
    const mode = modes.find((candidate) => ctx.path.startsWith(`/${candidate}/`))
    const layer = mode === undefined ? undefined : layers.get(mode)
    return layer === undefined ? next() : layer(ctx, next)
  })
  app.use((ctx) => {
    ctx.set(headers)
    ctx.body = body
    if (ctx.path.startsWith('/stripped/')) ctx.remove('vary')
  })
  return app.callback()
}

/**
 * A Hono app's fetch, for the suite's node -> Fetch bridge.
 * @param {typeof import('corsica/hono')} corsica
 * @param {Setup} setup
 * @returns {(request: Request) => Response | Promise<Response>}
 */
export function honoFetch(corsica, { modes, optionsFor, body, headers }) {
  const app = new Hono()
  // Outermost, so it sees the response corsica decorated.
  app.use('/stripped/*', async (c, next) => {
    await next()
    c.res.headers.delete('vary')
  })
  for (const mode of modes) app.use(`/${mode}/*`, corsica.cors(optionsFor(mode)))
  app.get('*', () => new Response(body, { headers }))
  return app.fetch
}
