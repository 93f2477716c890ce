// Every quick-start in examples/ runs as written: started with PORT=0, it prints the port it bound,
// answers a preflight and an actual request with the CORS headers, and is stopped.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { defined } from '../support/defined.js'
import { send } from './support/client.js'
import { EXAMPLES as QUICK_STARTS } from './support/examples.js'

const APP = 'https://app.example.com'
const running: ChildProcess[] = []
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode === null) {
      child.kill()
      await once(child, 'exit')
    }
  }
})

/** Starts an example and resolves with the URL it prints. */
async function start(name: string): Promise<string> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(`../../examples/${name}.mjs`, import.meta.url))], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  running.push(child)
  let printed = ''
  for await (const chunk of defined(child.stdout, `the stdout of examples/${name}.mjs`)) {
    printed += String(chunk)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1]
    if (url !== undefined) return url
  }
  throw new Error(`examples/${name}.mjs exited without printing its address: ${printed}`)
}

describe.each(QUICK_STARTS)('examples/%s.mjs', (name) => {
  it('answers a preflight and an actual request with CORS headers', async () => {
    const target = { url: await start(name) }
    const preflight = await send(target, {
      method: 'OPTIONS',
      path: '/items',
      headers: [
        ['Origin', APP],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    })
    expect(preflight.status).toBe(204)
    expect(preflight.cors).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
    })
    const actual = await send(target, { method: 'GET', path: '/items', headers: [['Origin', APP]] })
    expect(actual.status).toBe(200)
    expect(JSON.parse(actual.body)).toMatchObject([{ id: 1 }])
    expect(actual.cors).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    })
  }, 20_000) // a cold start of Node plus a framework, on a busy 2-core machine
})
