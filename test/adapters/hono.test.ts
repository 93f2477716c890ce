// corsica/fetch around a Hono 4 app: withCors(app.fetch, options) sees every Response Hono
// produces (routes, notFound, onError), and passes Hono's extra fetch arguments (env, ctx) through.
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { withCors } from '../../src/fetch.js'
import { startHono } from './support/apps.js'
import { APP_ORIGIN, CONFORMANCE_OPTIONS, describeConformance } from './support/conformance.js'

describeConformance('hono', startHono)

describe('hono: withCors(app.fetch)', () => {
  it("passes the runtime's env bindings through to Hono", async () => {
    const app = new Hono<{ Bindings: { GREETING: string } }>()
    app.get('/', (c) => c.text(c.env.GREETING))
    const fetch = withCors(app.fetch, CONFORMANCE_OPTIONS)
    const response = await fetch(new Request('http://api.test/', { headers: { origin: APP_ORIGIN } }), {
      GREETING: 'hello',
    })
    expect(await response.text()).toBe('hello')
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN)
  })
})
