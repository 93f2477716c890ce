// examples/dynamic-origins.mjs, shown verbatim in the README's "Dynamic origins" section, runs as
// written: a tenant's origin is allowed, any other refused.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { send } from '../adapters/support/client.js'

const root = new URL('../../', import.meta.url)
const FILE = 'examples/dynamic-origins.mjs'
let child: ChildProcess | undefined
afterAll(() => {
  child?.kill()
})

async function start(): Promise<string> {
  child = spawn(process.execPath, [fileURLToPath(new URL(FILE, root))], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let printed = ''
  for await (const chunk of defined(child.stdout, `the stdout of ${FILE}`)) {
    printed += String(chunk)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1]
    if (url !== undefined) return url
  }
  throw new Error(`${FILE} exited without printing its address: ${printed}`)
}

describe(FILE, () => {
  it('is shown verbatim in docs/readme-parts/dynamic-origins.md', () => {
    const part = readFileSync(new URL('docs/readme-parts/dynamic-origins.md', root), 'utf8')
    const shown = new RegExp(`<!-- example: ${FILE} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(part)?.[1]
    expect(shown).toBe(readFileSync(new URL(FILE, root), 'utf8'))
  })

  it("answers a tenant's preflight and request, and refuses another origin", async () => {
    const target = { url: await start() }
    const preflight = await send(target, {
      method: 'OPTIONS',
      path: '/items',
      headers: [
        ['Origin', 'https://app.example.com'],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect(preflight.status).toBe(204)
    expect(preflight.cors).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      'access-control-allow-credentials': 'true',
    })
    const actual = await send(target, {
      method: 'GET',
      path: '/items',
      headers: [['Origin', 'https://app.example.com']],
    })
    expect(JSON.parse(actual.body)).toEqual([{ id: 1 }])
    expect(actual.cors).toMatchObject({ 'access-control-allow-origin': 'https://app.example.com', vary: 'Origin' })
    const other = await send(target, { method: 'GET', path: '/items', headers: [['Origin', 'https://evil.example']] })
    expect(other.cors['access-control-allow-origin']).toBeUndefined()
  }, 20_000)
})

describe(`${FILE}: addTenant and reload`, () => {
  it('allow a new tenant at once, and keep the policy when a reload is invalid', async () => {
    process.env.PORT = '0'
    const example = await import('../../examples/dynamic-origins.mjs')
    if (!example.server.listening) await once(example.server, 'listening')
    const address = example.server.address()
    const target = { url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}` }
    const from = async (origin: string) =>
      (await send(target, { method: 'GET', path: '/items', headers: [['Origin', origin]] })).cors
    try {
      const NEW = 'https://new-tenant.example.com'
      expect((await from(NEW))['access-control-allow-origin']).toBeUndefined()
      example.addTenant(NEW)
      expect((await from(NEW))['access-control-allow-origin']).toBe(NEW)
      expect(() => example.reload({ maxAge: -1 })).toThrow(/maxAge/)
      expect((await from(NEW))['access-control-allow-credentials']).toBe('true')
      example.reload({ exposedHeaders: ['x-request-id'] })
      expect((await from(NEW))['access-control-expose-headers']).toBe('x-request-id')
    } finally {
      await new Promise((resolve) => example.server.close(resolve))
    }
  })
})
