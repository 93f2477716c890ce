// Rule 17: nothing is read through Object.prototype. Each test pollutes the prototype the way a
// vulnerable dependency would (`Object.prototype.origin = …`), then checks that options, request
// headers and decision headers ignore what is inherited. The pollution is removed after each test.
import { afterEach, describe, expect, it } from 'vitest'
import { createCors } from '../../src/index.js'
import { cors as expressCors } from '../../src/express.js'
import { cors as nodeCors, type NodeRequestLike } from '../../src/node.js'
import { adapters, FakeResponse, type Outcome } from './harness.js'

const EVIL = 'https://evil.example.net'
const APP = 'https://app.example.com'
const polluted = Object.prototype as Record<string, unknown>
const planted: string[] = []

function pollute(values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) {
    polluted[name] = value
    planted.push(name)
  }
}

afterEach(() => {
  for (const name of planted.splice(0)) delete polluted[name]
})

/** Own entries only: the comparison itself must not see the polluted prototype. */
const ownEntries = (record: Record<string, string>): [string, string][] => Object.entries(record)

type AdapterName = 'node' | 'express' | 'fetch'
const ADAPTERS: AdapterName[] = ['node', 'express', 'fetch']

describe('options are own properties only', () => {
  it('an inherited origin and credentials are not options', () => {
    pollute({ origin: EVIL, credentials: true, methods: '*' })
    const decision = createCors({}).check({ method: 'OPTIONS', origin: EVIL, requestMethod: 'PURGE' })
    // Defaults: any origin as '*', no credentials, and PURGE is not a default method.
    expect(decision.headers).toEqual({ 'access-control-allow-origin': '*' })
    expect(decision.reason).toBe('method')
  })

  it.each(ADAPTERS)("%s: inherited origin and exposedHeaders are not the adapter's options", async (name) => {
    // Inherited, `origin: true` would echo any origin and expose a secret header.
    pollute({ origin: true, exposedHeaders: ['x-secret'] })
    const outcome: Outcome = await adapters({})[name]({ method: 'GET', origin: EVIL })
    expect(ownEntries(outcome.cors)).toEqual([['access-control-allow-origin', '*']])
  })

  it('corsica/express: an inherited origin or headers alias is not read when compiling', async () => {
    pollute({ origin: EVIL, headers: 'x-evil' })
    const outcome = await adapters({ allowedHeaders: ['x-trace'] }).express({
      method: 'OPTIONS',
      origin: APP,
      requestMethod: 'PUT',
      requestHeaders: 'x-evil',
    })
    // The default origin '*' holds, and the inherited headers alias does not allow x-evil.
    expect(outcome.cors['access-control-allow-origin']).toBe('*')
    expect(Object.hasOwn(outcome.cors, 'access-control-expose-headers')).toBe(false)
  })
})

describe('request headers are own properties only', () => {
  // The request is built by hand: a helper reading `request.origin` would itself see the pollution.
  const bare = (): NodeRequestLike => ({ method: 'OPTIONS', headers: {} })

  it('corsica/node: an inherited Origin header is not the request origin', async () => {
    const handle = nodeCors({ origin: true })
    pollute({ origin: EVIL, 'access-control-request-method': 'DELETE' })
    const res = new FakeResponse()
    expect([await handle(bare(), res), [...res.headers.keys()]]).toEqual([false, ['vary']])
  })

  it('corsica/express: an inherited Origin header is not the request origin', async () => {
    const middleware = expressCors({ origin: true })
    pollute({ origin: EVIL, 'access-control-request-method': 'DELETE' })
    const res = new FakeResponse()
    await new Promise<void>((resolve) => middleware(bare(), res, () => resolve()))
    expect([...res.headers.keys()]).toEqual(['vary'])
  })
})

describe('decision headers are own properties only', () => {
  it.each(ADAPTERS)('%s: an inherited access-control-* name is never written', async (name) => {
    const built = adapters({ origin: [APP] })
    pollute({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' })
    const refused = await built[name]({ method: 'GET', origin: EVIL })
    const allowed = await built[name]({ method: 'GET', origin: APP })
    expect(ownEntries(refused.cors)).toEqual([])
    expect(ownEntries(allowed.cors)).toEqual([['access-control-allow-origin', APP]])
  })
})

describe('array holes are not filled from Object.prototype', () => {
  // `delete list[i]` or `new Array(n)` leaves a hole; forEach, includes and filter read a hole's
  // index through the prototype, where a polluted `Object.prototype[1]` waits.
  const holed = (...items: unknown[]): unknown[] => {
    const list = [...items]
    delete list[1]
    return list
  }

  it('a hole in the origin list is an error, not the polluted origin', () => {
    pollute({ 1: EVIL })
    const attempt = () => createCors({ origin: holed(APP, 'https://b.example.com') as string[], credentials: true })
    expect(attempt).toThrow(/origin\[1\]: must be an origin or a RegExp, got undefined/)
  })

  it('a hole in a list option is an error, not the polluted method', () => {
    pollute({ 1: 'PURGE' })
    expect(() => createCors({ methods: holed('GET', 'PUT') as string[] })).toThrow(
      /methods\[1\]: must be a string, got undefined/,
    )
  })

  it('corsica/express: a holed list answered by the callback never allows the polluted origin', async () => {
    pollute({ 1: EVIL })
    const middleware = expressCors({
      origin: (_origin, cb) => cb(null, holed(APP, APP) as string[]),
      credentials: true,
    })
    const res = new FakeResponse()
    const errors: unknown[] = []
    await new Promise<void>((resolve) =>
      middleware({ method: 'GET', headers: { origin: EVIL } }, res, (err) => resolve(void errors.push(err))),
    )
    expect(res.getHeader('access-control-allow-origin')).toBeUndefined()
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).name).toBe('CorsConfigError')
  })
})

describe('corsica/express: the headers alias is read as an own property', () => {
  it('an inherited allowedHeaders does not switch the alias off (which would reflect every header)', async () => {
    pollute({ allowedHeaders: 'x-anything' })
    const middleware = expressCors({ origin: [APP], headers: ['content-type'] })
    const res = new FakeResponse()
    const headers = {
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'x-evil,authorization',
    }
    middleware({ method: 'OPTIONS', headers }, res, () => undefined)
    expect([res.ended, res.getHeader('access-control-allow-headers')]).toEqual([true, undefined])
  })
})

describe('the pattern trie reads its own fields only', () => {
  it('a polluted subdomains or host neither throws nor allows', () => {
    const policy = createCors({ origin: ['https://*.example.com', 'http://localhost:*'] })
    pollute({ subdomains: [], host: new Set([-1]) })
    expect(policy.check({ method: 'GET', origin: 'https://app.example.com' }).allowed).toBe(true)
    expect(policy.check({ method: 'GET', origin: 'https://evil.example.net' }).allowed).toBe(false)
    expect(policy.check({ method: 'GET', origin: 'https://example.org' }).allowed).toBe(false)
  })
})
