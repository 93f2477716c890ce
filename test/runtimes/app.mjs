// The Fetch application every runtime serves: one route per configuration in scenarios.mjs,
// wrapped with `withCors` (/<set>/wrap/<action>), with `cors(options).handle` (/<set>/step/<action>)
// behind corsica/hono in a Hono app (/<set>/hono/<action>), and behind corsica/upgrade's Fetch
// guard (/<set>/upgrade/<action>, for the sets it accepts: lists, patterns, predicates),
// plus /__engine, which runs the createCors rows inside the runtime and answers their results.
// Imports corsica by its package name, so each runtime resolves it through the exports map.
import * as corsica from 'corsica'
import { cors, withCors } from 'corsica/fetch'
import { cors as honoCors } from 'corsica/hono'
import { fetchUpgradeGuard } from 'corsica/upgrade'
import { Hono } from 'hono'
import { optionSets, runEngineCases } from './scenarios.mjs'

/** @type {Map<string, (request: Request) => Response | Promise<Response>>} */
const routes = new Map()
for (const [name, options] of Object.entries(optionSets)) {
  routes.set(`${name}/wrap`, withCors(handler, options))
  const step = cors(options)
  routes.set(`${name}/step`, (request) => step.handle(request, () => handler(request)))
  routes.set(`${name}/hono`, honoApp(options).fetch)
  const upgrade = upgradeRoute(options)
  if (upgrade) routes.set(`${name}/upgrade`, upgrade)
}

/**
 * The handler behind the WebSocket upgrade guard: what Bun's `server.upgrade(request)` or
 * `Deno.upgradeWebSocket(request)` would be reached after. Undefined for a set the guard refuses
 * to build (`'*'` and friends: meaningless against cross-site WebSocket hijacking).
 * @param {import('corsica').CorsOptions} options
 */
function upgradeRoute(options) {
  let guard
  try {
    guard = fetchUpgradeGuard(
      /** @type {import('corsica/upgrade').UpgradeOptions<Request>} */ ({ origin: options.origin }),
    )
  } catch {
    return undefined
  }
  return async (/** @type {Request} */ request) => (await guard(request)) ?? handler(request)
}

/**
 * A Hono app with corsica/hono in front of the same handler.
 * @param {import('corsica').CorsOptions} options
 */
function honoApp(options) {
  const app = new Hono()
  app.use('*', honoCors(options))
  app.all('*', (c) => handler(c.req.raw))
  return app
}

/**
 * `(request) => Response`: give it to Bun.serve, Deno.serve, a Worker's fetch or the Node bridge.
 * @param {Request} request
 */
export async function app(request) {
  const url = new URL(request.url)
  if (url.pathname === '/__engine') {
    const results = await runEngineCases(corsica)
    return new Response(JSON.stringify(results), { headers: { 'content-type': 'application/json' } })
  }
  const [, set, mode] = url.pathname.split('/')
  const route = routes.get(`${set}/${mode}`)
  return route === undefined ? new Response('no such route', { status: 404 }) : route(request)
}

/**
 * What the application does after CORS: the last path segment picks the kind of response.
 * @param {Request} request
 */
async function handler(request) {
  const action = new URL(request.url).pathname.split('/')[3] ?? 'ok'
  const headers = new Headers({ 'content-type': 'text/plain', 'x-handler': '1' })
  switch (action) {
    case 'echo':
      return new Response(await request.text(), { headers })
    case 'vary':
      headers.set('vary', 'Accept-Encoding')
      return new Response(`ok ${request.method}`, { headers })
    case 'vary-any':
      headers.set('vary', '*')
      return new Response(`ok ${request.method}`, { headers })
    case 'redirect':
      // Response.redirect() has immutable headers: corsica must copy it.
      return Response.redirect(new URL('/elsewhere', request.url).href, 302)
    case 'error':
      return new Response('boom', { status: 500, headers })
    case 'stream': {
      const chunks = ['chunk-1 ', 'chunk-2 ', 'chunk-3']
      const encoder = new TextEncoder()
      const body = new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift()
          if (chunk === undefined) controller.close()
          else controller.enqueue(encoder.encode(chunk))
        },
      })
      return new Response(body, { headers })
    }
    case 'cookies':
      headers.append('set-cookie', 'a=1')
      headers.append('set-cookie', 'b=2')
      return new Response(`ok ${request.method}`, { headers })
    default:
      return new Response(`ok ${request.method}`, { headers })
  }
}
