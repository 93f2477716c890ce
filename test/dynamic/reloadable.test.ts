// createReloadableCors: options replaced at run time, in every adapter, over real sockets. A
// request whose async origin predicate is pending when replace() runs finishes with the policy
// it started with; an invalid replacement throws and changes nothing; requests after the swap
// all see the new policy.
import { afterEach, describe, expect, it } from 'vitest'
import {
  CorsConfigError,
  createReloadableCors,
  originLookup,
  type CorsOptions,
  type ReloadableCors,
} from '../../src/index.js'
import { FRAMEWORKS } from '../adapters/support/apps.js'
import { send, type TestResponse } from '../adapters/support/client.js'
import type { TestServer } from '../adapters/support/server.js'

const A = 'https://a.example.com'
const B = 'https://b.example.com'

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** The adapters take a reloadable policy where they take options. */
const asOptions = (policy: ReloadableCors) => policy as unknown as CorsOptions

/** A predicate allowing A that waits for the test: `started` resolves when it is called. */
function gatedPredicate() {
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  let started: () => void = () => undefined
  const called = new Promise<void>((resolve) => {
    started = resolve
  })
  const origin = async (origin: string) => {
    started()
    await gate
    return origin === A
  }
  return { origin, called, release }
}

const get = (target: TestServer, origin: string): Promise<TestResponse> =>
  send(target, { method: 'GET', path: '/items', headers: [['Origin', origin]] })

describe.each(Object.entries(FRAMEWORKS))('createReloadableCors in %s', (_name, start) => {
  it('a request in flight during replace() finishes with the old policy; later ones use the new one', async () => {
    const gated = gatedPredicate()
    const policy = createReloadableCors({ origin: gated.origin, credentials: true })
    server = await start(asOptions(policy))
    const inFlight = get(server, A)
    await gated.called
    policy.replace({ origin: [B], credentials: true })
    gated.release()
    const old = await inFlight
    expect(old.status).toBe(200)
    expect(old.cors['access-control-allow-origin']).toBe(A)
    const after = await Promise.all([get(server, A), ...Array.from({ length: 4 }, () => get(server as TestServer, B))])
    expect(after[0]?.cors['access-control-allow-origin']).toBeUndefined()
    for (const response of after.slice(1)) expect(response.cors['access-control-allow-origin']).toBe(B)
  })

  it('an invalid replacement throws CorsConfigError and the old policy still answers', async () => {
    const policy = createReloadableCors({ origin: [A], methods: ['GET', 'PUT'] })
    server = await start(asOptions(policy))
    expect(() => policy.replace({ origin: '*', credentials: true })).toThrow(CorsConfigError)
    expect(policy.options).toEqual({ origin: [A], methods: ['GET', 'PUT'] })
    expect((await get(server, A)).cors['access-control-allow-origin']).toBe(A)
    const preflight = await send(server, {
      method: 'OPTIONS',
      path: '/items',
      headers: [
        ['Origin', A],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect(preflight.status).toBe(204)
    expect(preflight.cors['access-control-allow-methods']).toBe('GET,PUT')
  })
})

describe('createReloadableCors: check() and the express extras', () => {
  it('check() answers with the current policy, sync or async', async () => {
    const policy = createReloadableCors({ origin: [A] })
    expect(policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: true })
    policy.replace({ origin: async (origin) => origin === B })
    expect(await policy.check({ method: 'GET', origin: B })).toMatchObject({ allowed: true })
    expect(await policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: false })
    policy.replace()
    expect(policy.check({ method: 'GET', origin: A })).toMatchObject({
      headers: { 'access-control-allow-origin': '*' },
    })
  })

  it('a spread copy with a Fastify prefix is the same policy', async () => {
    const policy = createReloadableCors({ origin: [A] })
    server = await FRAMEWORKS.fastify({ ...policy } as unknown as CorsOptions)
    policy.replace({ origin: [B] })
    expect((await get(server, B)).cors['access-control-allow-origin']).toBe(B)
  })

  it('an express options function may answer with a reloadable policy', async () => {
    const policy = createReloadableCors({ origin: [A] })
    server = await FRAMEWORKS.express(((_req: unknown, callback: (err: null, options: unknown) => void) =>
      callback(null, policy)) as unknown as CorsOptions)
    expect((await get(server, A)).cors).toMatchObject({ 'access-control-allow-origin': A, vary: 'Origin' })
    policy.replace({ origin: [B] })
    expect((await get(server, B)).cors['access-control-allow-origin']).toBe(B)
    expect(() => policy.replace({ origin: 'https://B.example.com/' })).toThrow(CorsConfigError)
    expect((await get(server, B)).cors['access-control-allow-origin']).toBe(B)
  })
})

describe('originLookup in every adapter', () => {
  it.each(Object.entries(FRAMEWORKS))(
    '%s: allowed from the cache, a failed lookup fails the request',
    async (name, start) => {
      let fail = false
      let calls = 0
      const tenants = originLookup(async (origin) => {
        calls++
        if (fail) throw new Error('database down')
        return origin === A
      })
      server = await start({ origin: tenants, credentials: true })
      for (let i = 0; i < 3; i++) {
        const response = await get(server, A)
        expect(response.status).toBe(200)
        expect(response.cors).toMatchObject({
          'access-control-allow-origin': A,
          'access-control-allow-credentials': 'true',
        })
      }
      expect(calls).toBe(1)
      expect((await get(server, B)).cors['access-control-allow-origin']).toBeUndefined()
      // The test's node:http app has no error path: the adapter's rejection reaches it unhandled.
      if (name.startsWith('node:')) return
      fail = true
      tenants.invalidateAll()
      const failed = await get(server, A)
      expect(failed.status).toBe(500)
      expect(failed.cors['access-control-allow-origin']).toBeUndefined()
      // Not cached: the next request looks up again.
      fail = false
      expect((await get(server, A)).cors['access-control-allow-origin']).toBe(A)
      expect(calls).toBe(4)
    },
  )
})
