// corsica/node inside Fastify 5, in an onRequest hook. Fastify runs root onRequest hooks for its
// 404 handler too, so preflights to paths with no OPTIONS route (or no route at all) are answered;
// reply.hijack() tells Fastify the raw response is already finished.
import Fastify from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { cors } from '../../src/node.js'
import { startFastify } from './support/apps.js'
import { send } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'

describeConformance('fastify', startFastify)

const running: Array<() => Promise<void>> = []
afterEach(() => Promise.all(running.splice(0).map((close) => close())))

describe('fastify: the onRequest hook', () => {
  it('answers a preflight once, before an OPTIONS route and before later hooks, and logs no error', async () => {
    const logged: string[] = []
    const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logged.push(line) } } })
    const handleCors = cors(CONFORMANCE_OPTIONS)
    let laterHook = 0
    app.addHook('onRequest', async (request, reply) => {
      if (await handleCors(request.raw, reply.raw)) reply.hijack()
    })
    app.addHook('onRequest', async () => void laterHook++)
    app.options('/items', async () => 'options route')
    await app.ready()
    const server = await listen(app.server)
    running.push(server.close)
    const response = await send(server, {
      method: 'OPTIONS',
      path: '/items',
      headers: [
        ['Origin', APP_ORIGIN],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect([response.status, response.body, laterHook]).toEqual([204, '', 0])
    expect(response.cors['access-control-allow-origin']).toBe(APP_ORIGIN)
    expect(logged).toEqual([])
  })
})
