// corsica/upgrade over real sockets from Node: the raw `upgrade` guard and ws's two verifyClient
// forms, each in front of a ws echo server. A listed origin completes the handshake and gets its
// echo; a refused one gets its status before any handshake, and the connection handler never runs.
import type { IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UpgradeRejectEvent } from '../../src/upgrade.js'
import { echoFrom, rawUpgrade, startWsServer, type GuardKind, type WsServer } from './support.js'

const APP = 'https://app.example.com'
const EVIL = 'https://evil.example'
const running: WsServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function start(kind: GuardKind, options: Parameters<typeof startWsServer>[1]): Promise<WsServer> {
  const server = await startWsServer(kind, options)
  running.push(server)
  return server
}

// What each guard answers a refusal with: ws's one-argument form always answers 401 itself.
const REFUSED: Record<GuardKind, number> = { upgrade: 403, verifyClient: 401, verifyClientAsync: 403 }

describe.each(['upgrade', 'verifyClient', 'verifyClientAsync'] as const)('%s guard', (kind) => {
  it('lets a listed origin complete the handshake and exchange a message', async () => {
    const server = await start(kind, { origin: [APP] })
    expect(await echoFrom(server.port, APP)).toBe('echo:ping')
    expect(server.connections.count).toBe(1)
  })

  it('refuses an unlisted origin before the handshake, with cookies present', async () => {
    const events: UpgradeRejectEvent<IncomingMessage>[] = []
    const server = await start(kind, { origin: [APP], onReject: (event) => events.push(event) })
    const answer = await rawUpgrade(server.port, { origin: EVIL, cookie: 'session=s3cret' })
    expect(answer.status).toBe(REFUSED[kind])
    expect(answer.headers.connection).toBe('close')
    expect(answer.headers['sec-websocket-accept']).toBeUndefined()
    expect(server.connections.count).toBe(0)
    expect(server.seen).toEqual([{ origin: EVIL, cookie: 'session=s3cret', url: '/socket' }])
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ reason: 'origin', origin: EVIL, detail: `origin "${EVIL}" is not allowed` })
    expect(events[0]?.request.url).toBe('/socket')
  })

  it('matches patterns and RegExps as corsica does', async () => {
    const server = await start(kind, { origin: ['https://*.example.com', /^https:\/\/app\.example\.org$/] })
    expect(await echoFrom(server.port, 'https://eu.example.com')).toBe('echo:ping')
    expect(await echoFrom(server.port, 'https://app.example.org')).toBe('echo:ping')
    // A label boundary: example.com itself and a look-alike suffix are not matched.
    expect((await rawUpgrade(server.port, { origin: 'https://example.com' })).status).toBe(REFUSED[kind])
    expect((await rawUpgrade(server.port, { origin: 'https://evilexample.com' })).status).toBe(REFUSED[kind])
    expect(server.connections.count).toBe(2)
  })

  it('refuses a malformed Origin, and two Origin lines', async () => {
    const events: UpgradeRejectEvent[] = []
    const server = await start(kind, { origin: [APP], onReject: (event) => events.push(event) })
    expect((await rawUpgrade(server.port, { origin: `${APP}/` })).status).toBe(REFUSED[kind])
    expect((await rawUpgrade(server.port, { origin: [APP, APP] })).status).toBe(REFUSED[kind])
    expect(events.map((event) => [event.reason, event.origin])).toEqual([
      ['malformed', `${APP}/`],
      ['malformed', `${APP}, ${APP}`],
    ])
    expect(server.connections.count).toBe(0)
  })

  it('lets a request without Origin in, unless requireOrigin is on', async () => {
    const open = await start(kind, { origin: [APP] })
    expect(await echoFrom(open.port, undefined)).toBe('echo:ping')
    const events: UpgradeRejectEvent[] = []
    const strict = await start(kind, { origin: [APP], requireOrigin: true, onReject: (event) => events.push(event) })
    expect((await rawUpgrade(strict.port, {})).status).toBe(REFUSED[kind])
    expect(await echoFrom(strict.port, APP)).toBe('echo:ping')
    expect(strict.connections.count).toBe(1)
    expect(events).toMatchObject([
      { reason: 'missing-origin', origin: undefined, detail: 'no Origin header, and requireOrigin is on' },
    ])
  })

  it('judges a version-8 handshake by its Sec-WebSocket-Origin when it has no Origin', async () => {
    const server = await start(kind, { origin: [APP] })
    const legacy = { 'sec-websocket-version': '8' }
    expect((await rawUpgrade(server.port, { ...legacy, 'sec-websocket-origin': EVIL })).status).toBe(REFUSED[kind])
    expect(server.connections.count).toBe(0)
  })

  it('refuses as usual when onReject throws or rejects (a logger that is down)', async () => {
    for (const onReject of [
      () => {
        throw new Error('logger down')
      },
      async () => {
        throw new Error('logger down')
      },
    ]) {
      const server = await start(kind, { origin: [APP], onReject })
      expect((await rawUpgrade(server.port, { origin: EVIL })).status).toBe(REFUSED[kind])
      expect(server.connections.count).toBe(0)
    }
    await new Promise((done) => setImmediate(done))
  })

  it('passes the request to an origin predicate', async () => {
    const origin = vi.fn((value: string, req: IncomingMessage) => value === APP && req.url === '/socket')
    const server = await start(kind, { origin })
    expect(await echoFrom(server.port, APP)).toBe('echo:ping')
    expect((await rawUpgrade(server.port, { origin: APP }, '/other')).status).toBe(REFUSED[kind])
    expect(origin.mock.calls.map(([value, req]) => [value, req.url])).toEqual([
      [APP, '/socket'],
      [APP, '/other'],
    ])
  })
})

describe.each(['upgrade', 'verifyClientAsync'] as const)('%s guard with an async predicate', (kind) => {
  it('waits for the answer', async () => {
    const server = await start(kind, { origin: async (origin) => origin === APP })
    expect(await echoFrom(server.port, APP)).toBe('echo:ping')
    expect((await rawUpgrade(server.port, { origin: EVIL })).status).toBe(403)
    expect(server.connections.count).toBe(1)
  })
})

describe('a failing predicate', () => {
  it('upgrade: answers 500, closes the socket and throws to the caller', async () => {
    const server = await start('upgrade', {
      origin: () => {
        throw new Error('directory down')
      },
    })
    const answer = await rawUpgrade(server.port, { origin: APP })
    expect(answer.status).toBe(500)
    expect(answer.headers.connection).toBe('close')
    expect(server.errors).toEqual([new Error('directory down')])
    expect(server.connections.count).toBe(0)
  })

  it('verifyClientAsync in a real ws server: answers 500, and no rejection is left unhandled', async () => {
    const server = await start('verifyClientAsync', { origin: async () => Promise.reject(new Error('timeout')) })
    expect((await rawUpgrade(server.port, { origin: APP })).status).toBe(500)
    expect(server.connections.count).toBe(0)
    for (let turn = 0; turn < 3; turn++) await new Promise((done) => setImmediate(done))
  })

  it('upgrade: answers 500 and rejects when an async predicate rejects', async () => {
    const server = await start('upgrade', { origin: async () => Promise.reject(new Error('timeout')) })
    expect((await rawUpgrade(server.port, { origin: APP })).status).toBe(500)
    expect(server.errors).toEqual([new Error('timeout')])
  })
})
