// fetchUpgradeGuard decides from a Fetch Request, as Bun, Deno and workerd hand it over before
// `server.upgrade(request)` / `Deno.upgradeWebSocket(request)`: nothing for a listed origin, a 403
// Response otherwise; a Promise only with an async predicate. And the ws verifyClient forms called
// as ws calls them, for what a real socket cannot show: a predicate failing in the async form, and
// an async predicate given to the one-argument form.
import { describe, expect, it, vi } from 'vitest'
import { fetchUpgradeGuard, verifyClient, verifyClientAsync, type UpgradeRejectEvent } from '../../src/upgrade.js'

const APP = 'https://app.example.com'

function upgrade(origin?: string, path = '/socket'): Request {
  const headers = new Headers({ upgrade: 'websocket', connection: 'Upgrade' })
  if (origin !== undefined) headers.set('origin', origin)
  return new Request(`http://127.0.0.1${path}`, { headers })
}

describe('fetchUpgradeGuard', () => {
  it('answers nothing for a listed origin and 403 for another', async () => {
    const events: UpgradeRejectEvent<Request>[] = []
    const refusal = fetchUpgradeGuard({ origin: [APP, 'https://*.example.org'], onReject: (e) => events.push(e) })
    expect(refusal(upgrade(APP))).toBeUndefined()
    expect(refusal(upgrade('https://eu.example.org'))).toBeUndefined()
    const refused = refusal(upgrade('https://evil.example'))
    expect(refused?.status).toBe(403)
    expect(await refused?.text()).toBe('')
    expect(events.map((e) => [e.reason, e.origin, new URL(e.request.url).pathname])).toEqual([
      ['origin', 'https://evil.example', '/socket'],
    ])
  })

  it('lets a request without Origin in, unless requireOrigin is on', () => {
    expect(fetchUpgradeGuard({ origin: APP })(upgrade())).toBeUndefined()
    expect(fetchUpgradeGuard({ origin: APP, requireOrigin: true })(upgrade())?.status).toBe(403)
  })

  it('passes the Request to a predicate, and awaits an async one', async () => {
    const sync = fetchUpgradeGuard({ origin: (_origin, request) => new URL(request.url).pathname === '/socket' })
    expect(sync(upgrade(APP))).toBeUndefined()
    expect(sync(upgrade(APP, '/admin'))?.status).toBe(403)
    const later = fetchUpgradeGuard({ origin: async (origin) => origin === APP })
    const allowed = later(upgrade(APP))
    expect(allowed).toBeInstanceOf(Promise)
    expect(await allowed).toBeUndefined()
    expect((await later(upgrade('https://evil.example')))?.status).toBe(403)
  })

  it('throws or rejects what the predicate throws or rejects', async () => {
    const failing = fetchUpgradeGuard({
      origin: () => {
        throw new Error('down')
      },
    })
    expect(() => failing(upgrade(APP))).toThrow('down')
    const rejecting = fetchUpgradeGuard({ origin: async () => Promise.reject(new Error('timeout')) })
    await expect(rejecting(upgrade(APP))).rejects.toThrow('timeout')
  })
})

describe('verifyClient forms called as ws calls them', () => {
  const info = (origin: string) => ({ req: { headers: { origin }, url: '/socket' } })

  // ws never reads the Promise verifyClient returns: a rejection would end the process.
  it('verifyClientAsync answers 500, and settles without rejecting, when the predicate fails', async () => {
    const callback = vi.fn()
    const verify = verifyClientAsync({ origin: async () => Promise.reject(new Error('timeout')) })
    await expect(verify(info(APP), callback)).resolves.toBeUndefined()
    expect(callback.mock.calls).toEqual([[false, 500]])
  })

  it('verifyClientAsync answers 500, and settles without rejecting, when a sync predicate throws', async () => {
    const callback = vi.fn()
    const verify = verifyClientAsync({
      origin: () => {
        throw new Error('down')
      },
    })
    await expect(verify(info(APP), callback)).resolves.toBeUndefined()
    expect(callback.mock.calls).toEqual([[false, 500]])
  })

  it('ws picks the form by arity: one argument, or two', () => {
    expect(verifyClient({ origin: APP }).length).toBe(1)
    expect(verifyClientAsync({ origin: APP }).length).toBe(2)
  })

  it('verifyClient refuses an async predicate with a TypeError naming the other form', () => {
    // Untyped JavaScript can pass one; TypeScript refuses it (test/types/upgrade.test-d.ts).
    const options = { origin: async (origin: string) => origin === APP }
    const verify = verifyClient(options as unknown as Parameters<typeof verifyClient>[0])
    expect(() => verify(info(APP))).toThrow(new TypeError('an async origin predicate needs verifyClientAsync'))
    // A rejecting one throws the same, and leaves no unhandled rejection behind (vitest fails on one).
    const rejecting = { origin: async () => Promise.reject(new Error('timeout')) }
    const failing = verifyClient(rejecting as unknown as Parameters<typeof verifyClient>[0])
    expect(() => failing(info(APP))).toThrow(TypeError)
  })
})
