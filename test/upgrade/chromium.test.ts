// Cross-site WebSocket hijacking, shown with a real Chromium. One WebSocket echo server behind
// upgradeGuard lists one page origin; two blank pages on different loopback origins open
// `new WebSocket('ws://localhost:P/socket')`, with a cookie set for localhost. The listed page
// (http://127.0.0.1:A) gets its echo; the unlisted one (http://localhost:B) never sees `open`, the
// connection handler never runs, and the server saw its Origin and its Cookie: the cookie alone would
// have let it in (localhost:B is same-site with localhost:P, so even a SameSite=Lax cookie goes).
// Then server-sent events: an EventSource with credentials is a credentialed CORS GET, decided by
// corsica/node like any other request. Skipped, with the reason printed, when Chromium is missing,
// unless CORSICA_REQUIRE_BROWSER=1.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cors } from '../../src/node.js'
import { CHROMIUM_ARGS, CHROMIUM } from '../support/system.mjs'
import { oracleMissing } from '../cli/chromium-oracle.mjs'
import { startWsServer, type WsServer } from './support.js'

const missing = await oracleMissing()
if (missing !== undefined) {
  if (process.env.CORSICA_REQUIRE_BROWSER === '1')
    throw new Error(`WebSocket hijacking in Chromium: ${missing} (CORSICA_REQUIRE_BROWSER=1)`)
  console.log(
    `WebSocket hijacking in Chromium skipped: ${missing}. Set CORSICA_REQUIRE_BROWSER=1 to make this a failure.`,
  )
}

interface Served {
  readonly port: number
  close(): Promise<void>
}

async function serve(handler: http.RequestListener): Promise<Served> {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const blankPage: http.RequestListener = (_req, res) => {
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.end('<!doctype html><title>page</title>')
}

/** What the page saw of one WebSocket: the events in order, and the close code. */
interface SocketRun {
  readonly events: string[]
  readonly closeCode: number | undefined
}

function openSocket(page: Page, url: string): Promise<SocketRun> {
  return page.evaluate(
    (target) =>
      new Promise<SocketRun>((resolve) => {
        const events: string[] = []
        const socket = new WebSocket(target)
        const done = (closeCode?: number) => resolve({ events, closeCode })
        const timer = setTimeout(() => done(), 3000)
        socket.onopen = () => {
          events.push('open')
          socket.send('hello')
        }
        socket.onmessage = (event) => {
          events.push(`message ${String(event.data)}`)
          socket.close(1000)
        }
        socket.onerror = () => events.push('error')
        socket.onclose = (event) => {
          events.push('close')
          clearTimeout(timer)
          done(event.code)
        }
      }),
    url,
  )
}

/** What the page saw of one EventSource with credentials: its first message, or an error. */
function listen(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (target) =>
      new Promise<string>((resolve) => {
        const source = new EventSource(target, { withCredentials: true })
        const timer = setTimeout(() => resolve('timeout'), 3000)
        const finish = (seen: string) => {
          clearTimeout(timer)
          source.close()
          resolve(seen)
        }
        source.onmessage = (event) => finish(`message ${String(event.data)}`)
        source.onerror = () => finish(`error, readyState ${source.readyState}`)
      }),
    url,
  )
}

describe.skipIf(missing !== undefined)('Chromium', () => {
  let browser: Browser
  let context: BrowserContext
  let listed: Page
  let unlisted: Page
  let listedOrigin: string
  let unlistedOrigin: string
  const closers: (() => Promise<void>)[] = []

  beforeAll(async () => {
    const [pageA, pageB] = await Promise.all([serve(blankPage), serve(blankPage)])
    closers.push(pageA.close, pageB.close)
    listedOrigin = `http://127.0.0.1:${pageA.port}`
    unlistedOrigin = `http://localhost:${pageB.port}`
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    context = await browser.newContext()
    // A session cookie for localhost, as a login on any localhost port would leave: cookies ignore ports.
    await context.addCookies([{ name: 'session', value: 's3cret', domain: 'localhost', path: '/' }])
    ;[listed, unlisted] = await Promise.all([context.newPage(), context.newPage()])
    await Promise.all([listed.goto(`${listedOrigin}/`), unlisted.goto(`${unlistedOrigin}/`)])
  }, 30_000)

  afterAll(async () => {
    await browser?.close()
    await Promise.all(closers.map((close) => close()))
  })

  describe('WebSocket behind upgradeGuard', () => {
    let server: WsServer
    beforeAll(async () => {
      server = await startWsServer('upgrade', { origin: [listedOrigin] })
      closers.push(server.close)
    })

    it('lets the listed page connect and exchange a message', async () => {
      const run = await openSocket(listed, `ws://localhost:${server.port}/socket?from=listed`)
      expect(run).toEqual({ events: ['open', 'message echo:hello', 'close'], closeCode: 1000 })
      expect(server.seen.find((seen) => seen.url === '/socket?from=listed')?.origin).toBe(listedOrigin)
    })

    it('refuses the unlisted page before the handshake, though it sent the cookie', async () => {
      const before = server.connections.count
      const run = await openSocket(unlisted, `ws://localhost:${server.port}/socket?from=unlisted`)
      expect(run.events).not.toContain('open')
      expect(run).toEqual({ events: ['error', 'close'], closeCode: 1006 })
      expect(server.connections.count).toBe(before)
      expect(server.seen.find((seen) => seen.url === '/socket?from=unlisted')).toEqual({
        origin: unlistedOrigin,
        cookie: 'session=s3cret',
        url: '/socket?from=unlisted',
      })
    })
  })

  describe('EventSource behind corsica/node', () => {
    const answered: { origin: string | undefined; cookie: string | undefined; allowOrigin: unknown }[] = []
    let port: number
    beforeAll(async () => {
      const handleCors = cors({ origin: [listedOrigin], credentials: true })
      const events = await serve((req, res) => {
        if (handleCors(req, res)) return
        answered.push({
          origin: req.headers.origin,
          cookie: req.headers.cookie,
          allowOrigin: res.getHeader('access-control-allow-origin'),
        })
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' })
        res.write('data: hello\n\n')
      })
      port = events.port
      closers.push(events.close)
    })

    it('streams to the listed page with credentials, and the unlisted page cannot read it', async () => {
      expect(await listen(listed, `http://localhost:${port}/events`)).toBe('message hello')
      // CORS refuses the read, not the request: the stream was sent, without Access-Control-Allow-Origin.
      expect(await listen(unlisted, `http://localhost:${port}/events`)).toBe('error, readyState 2')
      expect(answered).toEqual([
        { origin: listedOrigin, cookie: undefined, allowOrigin: listedOrigin },
        { origin: unlistedOrigin, cookie: 'session=s3cret', allowOrigin: undefined },
      ])
    })
  })
})
