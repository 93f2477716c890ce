// The README's "Origins from the environment" section: its code is examples/env-origins.mjs,
// verbatim, and the example does what the section says: started with CORS_ORIGINS set, it allows
// the listed origin and pattern, with Timing-Allow-Origin; with the variable unset or holding a
// typo, it stops at start-up with the error the section prints.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { send } from '../adapters/support/client.js'
import { defined } from '../support/defined.js'

const EXAMPLE = fileURLToPath(new URL('../../examples/env-origins.mjs', import.meta.url))
const part = readFileSync(new URL('../../docs/readme-parts/env-origins.md', import.meta.url), 'utf8')
const shownCode = /<!-- example: examples\/env-origins\.mjs -->\n```js\n([\s\S]*?)```/.exec(part)?.[1]
const shownRun = /```text\n\$ CORS_ORIGINS="([^"]*)" node server\.mjs\n([\s\S]*?)```/.exec(part)

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop()
})

/** Runs the example with `CORS_ORIGINS` (unset when undefined); resolves with its URL, or its exit. */
async function start(origins: string | undefined): Promise<{ url?: string; code?: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0' }
  delete env.CORS_ORIGINS
  if (origins !== undefined) env.CORS_ORIGINS = origins
  const child = spawn(process.execPath, [EXAMPLE], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk)
  })
  stops.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill()
    await once(child, 'exit')
  })
  let printed = ''
  for await (const chunk of defined(child.stdout, 'the example stdout')) {
    printed += String(chunk)
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1]
    if (url !== undefined) return { url, stderr }
  }
  const code = child.exitCode ?? ((await once(child, 'exit'))[0] as number | null)
  return { code, stderr }
}

describe('README: Origins from the environment', () => {
  it('shows examples/env-origins.mjs verbatim', () => {
    expect(shownCode).toBe(readFileSync(EXAMPLE, 'utf8'))
  })

  it('with CORS_ORIGINS set, allows its origin and pattern, and refuses the rest', async () => {
    const { url } = await start('https://app.example.com, https://*.example.org')
    const target = { url: defined(url, 'the example URL') }
    const get = (origin: string) => send(target, { method: 'GET', path: '/', headers: [['Origin', origin]] })
    for (const origin of ['https://app.example.com', 'https://a.example.org']) {
      const response = await get(origin)
      expect(response.cors).toEqual({
        'access-control-allow-origin': origin,
        'access-control-allow-credentials': 'true',
        'timing-allow-origin': origin,
        vary: 'Origin',
      })
    }
    expect((await get('https://example.org')).cors).toEqual({ vary: 'Origin' })
  })

  it('with a typo, stops with the error the README prints', async () => {
    const [, origins = '', printed = ''] = defined(shownRun, 'the README transcript')
    const { code, stderr } = await start(origins)
    expect(code).toBe(1)
    expect(stderr).toContain(printed.trimEnd())
  })

  it.each([
    ['unset', undefined, 'is not set'],
    ['empty', '', 'is empty'],
  ])('%s, stops and names the variable', async (_name, origins, state) => {
    const { code, stderr } = await start(origins)
    expect(code).toBe(1)
    expect(stderr).toContain(
      `CorsConfigError: Invalid corsica options (1 problem):\n  - CORS_ORIGINS: CORS_ORIGINS ${state}: `,
    )
  })
})
