// createReloadableCors: options replaced at run time, in every adapter, over real sockets. A
// request whose async origin predicate is pending when replace() runs finishes with the policy
// it started with; an invalid replacement throws and changes nothing; requests after the swap
// all see the new policy.
import { afterEach, describe, expect, it } from 'vitest'
import { problemsOf } from '../core/support.js'
import {
  CorsConfigError,
  createCors,
  createReloadableCors,
  originLookup,
  type CorsOptions,
  type ReloadableCors,
} from '../../src/index.js'
import Fastify from 'fastify'
import { cors as expressCors, type ExpressCorsOptions } from '../../src/express.js'
import fastifyCors from '../../src/fastify.js'
import { cors as nodeCors } from '../../src/node.js'
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

describe('createReloadableCors: the options are copied once, when passed', () => {
  /** An express app whose options function answers with `policy`: the per-request variant. */
  const expressWith = (policy: ReloadableCors) =>
    FRAMEWORKS.express(((_req: unknown, callback: (err: null, options: unknown) => void) =>
      callback(null, policy)) as unknown as CorsOptions)

  /** Allowed with credentials from A, refused from B, in node:http and through an express options function. */
  async function expectAOnly(policy: ReloadableCors) {
    const servers = [await FRAMEWORKS['node:http'](asOptions(policy)), await expressWith(policy)]
    try {
      for (const target of servers) {
        expect((await get(target, A)).cors).toMatchObject({
          'access-control-allow-origin': A,
          'access-control-allow-credentials': 'true',
        })
        expect((await get(target, B)).cors['access-control-allow-origin']).toBeUndefined()
      }
    } finally {
      await Promise.all(servers.map((target) => target.close()))
    }
  }

  /** Changes every value of `options` the caller still holds. */
  function mutate(options: { origin: string[]; credentials: boolean; exposedHeaders?: string[] }) {
    options.origin.push(B)
    options.credentials = false
    options.exposedHeaders = ['x-late']
    options.origin = [B]
  }

  it('mutating the object passed to createReloadableCors changes nothing anywhere', async () => {
    const options = { origin: [A], credentials: true }
    const policy = createReloadableCors(options)
    mutate(options)
    expect(policy.options).toEqual({ origin: [A], credentials: true })
    expect(Object.isFrozen(policy.options)).toBe(true)
    expect(Object.isFrozen(policy.options?.origin)).toBe(true)
    expect(() => {
      ;(policy.options as { credentials: boolean }).credentials = false
    }).toThrow(TypeError)
    await expectAOnly(policy)
  })

  it('mutating the object passed to replace() changes nothing anywhere', async () => {
    const policy = createReloadableCors({ origin: [B] })
    // The per-request variant is compiled before the replacement, so replace() compiles both.
    server = await expressWith(policy)
    expect((await get(server, B)).cors['access-control-allow-origin']).toBe(B)
    const options = { origin: [A], credentials: true }
    policy.replace(options)
    mutate(options)
    expect(policy.options).toEqual({ origin: [A], credentials: true })
    await expectAOnly(policy)
  })

  it('copies RegExps (unfrozen) and keeps a reloadable policy passed as options as that policy', () => {
    const pattern = /^https:\/\/a\.example\.com$/
    const policy = createReloadableCors({ origin: [pattern] })
    const kept = policy.options?.origin as RegExp[]
    expect(kept[0]).not.toBe(pattern)
    expect(Object.isFrozen(kept[0])).toBe(false)
    expect(policy.check({ method: 'GET', origin: A })).toMatchObject({ allowed: true })
    const outer = createReloadableCors(asOptions(policy))
    policy.replace({ origin: [B] })
    expect(outer.check({ method: 'GET', origin: B })).toMatchObject({ allowed: true })
  })

  it('reads a getter once, so both variants compile the same value', async () => {
    let reads = 0
    const shifting = () => ({
      get origin() {
        reads++
        return reads % 2 === 1 ? [A] : [B]
      },
      credentials: true,
    })
    const policy = createReloadableCors(shifting())
    expect(reads).toBe(1)
    await expectAOnly(policy)
    policy.replace(shifting())
    expect(reads).toBe(2)
    expect(policy.options).toEqual({ origin: [B], credentials: true })
    // Both variants were compiled from that one reading.
    server = await expressWith(policy)
    expect((await get(server, B)).cors['access-control-allow-origin']).toBe(B)
    expect((await get(server, A)).cors['access-control-allow-origin']).toBeUndefined()
    expect(policy.check({ method: 'GET', origin: B })).toMatchObject({ allowed: true })
    expect(reads).toBe(2)
  })
})

describe('createReloadableCors: options spread beside the policy are refused, not ignored', () => {
  it('a spread copy carries the policy alone: no own string key', () => {
    expect(Object.keys({ ...createReloadableCors({ origin: [A] }) })).toEqual([])
  })

  it.each([
    ['createCors', (options: CorsOptions) => createCors(options)],
    ['corsica/node', (options: CorsOptions) => nodeCors(options)],
    ['corsica/express', (options: CorsOptions) => expressCors(options as ExpressCorsOptions)],
  ])('%s refuses { ...policy, origin, credentials }, naming each key and the fix', (_name, build) => {
    const policy = createReloadableCors({ origin: [A] })
    const spread = { ...policy, origin: [B], credentials: true } as unknown as CorsOptions
    expect(problemsOf(() => build(spread))).toEqual([
      { code: 'unknown-option', path: 'origin' },
      { code: 'unknown-option', path: 'credentials' },
    ])
    expect(() => build(spread)).toThrow(
      /credentials: is ignored beside a reloadable policy.*replace\(\) the policy's options instead/,
    )
  })

  it('fastify: prefix, logLevel and logSerializers may sit beside the policy; any other option is refused', async () => {
    const policy = createReloadableCors({ origin: [A] })
    const allowed = Fastify()
    allowed.register(fastifyCors, { ...policy, prefix: '/api', logLevel: 'warn', logSerializers: {} } as never)
    allowed.get('/api/items', async () => 'items')
    await allowed.ready()
    const response = await allowed.inject({ method: 'GET', url: '/api/items', headers: { origin: A } })
    expect(response.headers['access-control-allow-origin']).toBe(A)
    await allowed.close()
    const refused = Fastify()
    refused.register(fastifyCors, { ...policy, prefix: '/api', maxAge: 600 } as never)
    await expect(refused.ready()).rejects.toThrow(/maxAge: is ignored beside a reloadable policy/)
    await refused.close()
  })

  it('express: an options function answering with a spread policy uses it, and refuses extras with next(err)', async () => {
    const policy = createReloadableCors({ origin: [A] })
    let answer: unknown = { ...policy }
    server = await FRAMEWORKS.express(((_req: unknown, callback: (err: null, options: unknown) => void) =>
      callback(null, answer)) as unknown as CorsOptions)
    expect((await get(server, A)).cors['access-control-allow-origin']).toBe(A)
    expect((await get(server, B)).cors['access-control-allow-origin']).toBeUndefined()
    answer = { ...policy, origin: [B] }
    const failed = await get(server, B)
    expect(failed.status).toBe(500)
    expect(failed.cors['access-control-allow-origin']).toBeUndefined()
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
