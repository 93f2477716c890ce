// corsica/node inside Koa 3. Koa's error handler removes every header set on the response before
// it writes the 500, then sets `err.headers`: the first middleware (support/apps.ts, and the README
// quick-start) copies the CORS headers there, so error responses keep them.
import http from 'node:http'
import Koa from 'koa'
import { afterEach, describe, expect, it } from 'vitest'
import { cors } from '../../src/node.js'
import { koaApp, startKoa } from './support/apps.js'
import { send } from './support/client.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, describeConformance } from './support/conformance.js'
import { listen } from './support/server.js'

describeConformance('koa', startKoa)

const running: Array<() => Promise<void>> = []
afterEach(() => Promise.all(running.splice(0).map((close) => close())))

async function serve(app: Koa) {
  const server = await listen(http.createServer(app.callback()))
  running.push(server.close)
  return server
}

const get = (path: string) => ({ method: 'GET', path, headers: [['Origin', APP_ORIGIN]] as Array<[string, string]> })

describe('koa: error responses', () => {
  it('lose the CORS headers without the err.headers step (why the pattern exists)', async () => {
    const app = new Koa()
    app.silent = true
    const handleCors = cors(CONFORMANCE_OPTIONS)
    app.use(async (ctx, next) => {
      if (await handleCors(ctx.req, ctx.res)) {
        ctx.respond = false
        return
      }
      return next()
    })
    app.use(() => {
      throw new Error('boom')
    })
    const response = await send(await serve(app), get('/'))
    expect(response.status).toBe(500)
    expect(response.cors['access-control-allow-origin']).toBeUndefined()
  })

  it("keep both the CORS headers and the error's own headers with the pattern (ctx.throw with headers)", async () => {
    const app = koaApp(CONFORMANCE_OPTIONS, { count: 0 })
    app.middleware.splice(1, 0, (ctx) => ctx.throw(429, 'slow down', { headers: { 'Retry-After': '5' } }))
    const response = await send(await serve(app), get('/items'))
    expect([response.status, response.headers['retry-after']]).toEqual([429, '5'])
    expect(response.cors['access-control-allow-origin']).toBe(APP_ORIGIN)
    expect(response.cors['access-control-allow-credentials']).toBe('true')
  })
})
