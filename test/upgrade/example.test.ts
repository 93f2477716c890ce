// The README's "WebSockets and server-sent events" section: examples/websocket.mjs is shown
// verbatim and runs as written (a listed page's socket gets its echo, another origin gets 403
// before the handshake, the event stream carries CORS headers for the listed origin only); the
// Bun/Deno snippet runs against stand-ins for Deno.serve and Bun.serve, with the real guard.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as upgrade from '../../src/upgrade.js'
import { defined } from '../support/defined.js'
import { echoFrom, rawUpgrade } from './support.js'

const APP = 'https://app.example.com'
const part = readFileSync(new URL('../../docs/readme-parts/websockets.md', import.meta.url), 'utf8')
const example = fileURLToPath(new URL('../../examples/websocket.mjs', import.meta.url))

function blockAfter(marker: string): string {
  const start = part.indexOf(marker)
  const code = /```js\n([\s\S]*?)```/.exec(part.slice(start))?.[1]
  if (start === -1 || code === undefined) throw new Error(`block after ${marker} not found`)
  return code
}

/** The first chunk of a GET /events from `origin`, with the CORS headers it came with. */
function events(port: number, origin: string): Promise<{ headers: http.IncomingHttpHeaders; first: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/events', headers: { origin } }, (response) => {
      response.once('data', (chunk) => {
        resolve({ headers: response.headers, first: String(chunk) })
        request.destroy()
      })
    })
    request.on('error', reject)
  })
}

describe('examples/websocket.mjs', () => {
  let child: ChildProcess
  let port: number

  beforeAll(async () => {
    child = spawn(process.execPath, [example], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let printed = ''
    for await (const chunk of defined(child.stdout, 'the example stdout')) {
      printed += String(chunk)
      const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(printed)?.[1]
      if (found !== undefined) {
        port = Number(found)
        return
      }
    }
    throw new Error(`examples/websocket.mjs exited without printing its address: ${printed}`)
  }, 20_000)

  afterAll(async () => {
    if (child.exitCode !== null) return
    child.kill()
    await once(child, 'exit')
  })

  it('is shown verbatim in the README part', () => {
    expect(blockAfter('<!-- example: examples/websocket.mjs -->')).toBe(readFileSync(example, 'utf8'))
  })

  it('echoes on a socket from the listed origin and refuses another before the handshake', async () => {
    expect(await echoFrom(port, APP, 'hi')).toBe('echo: hi')
    const refused = await rawUpgrade(port, { origin: 'https://evil.example', cookie: 'session=1' })
    expect(refused.status).toBe(403)
    expect(refused.headers['sec-websocket-accept']).toBeUndefined()
  })

  it('streams events with CORS headers for the listed origin only', async () => {
    const listed = await events(port, APP)
    expect(listed.first).toBe('data: hello\n\n')
    expect(listed.headers).toMatchObject({
      'content-type': 'text/event-stream',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    })
    const other = await events(port, 'https://evil.example')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('the Bun and Deno snippet', () => {
  /** Runs the snippet with `corsica/upgrade` from src and stand-in runtimes; returns their handlers. */
  function run() {
    const snippet = blockAfter('<!-- readme-example: upgrade-fetch -->').replace(
      /^import \{ ([^}]+) \} from 'corsica\/upgrade'$/m,
      'const { $1 } = upgrade',
    )
    const handlers: { deno?: (req: Request) => unknown; bun?: (req: Request, server: unknown) => unknown } = {}
    const upgraded: string[] = []
    const Deno = {
      serve: (handler: (req: Request) => unknown) => {
        handlers.deno = handler
      },
      upgradeWebSocket: (req: Request) => {
        upgraded.push(`deno ${req.headers.get('origin')}`)
        return { response: new Response(null, { status: 200, statusText: 'switching' }) }
      },
    }
    const Bun = {
      serve: (options: { fetch: (req: Request, server: unknown) => unknown }) => {
        handlers.bun = options.fetch
      },
    }
    new Function('upgrade', 'Deno', 'Bun', snippet)(upgrade, Deno, Bun)
    return { handlers, upgraded }
  }

  const socket = (origin: string) => new Request('https://api.example.com/socket', { headers: { origin } })

  it('upgrades the listed origin and answers 403 to another, on both runtimes', () => {
    const { handlers, upgraded } = run()
    const deno = defined(handlers.deno, 'the Deno handler')
    const bun = defined(handlers.bun, 'the Bun handler')
    expect((deno(socket(APP)) as Response).statusText).toBe('switching')
    expect((deno(socket('https://evil.example')) as Response).status).toBe(403)
    const server = { upgrade: (req: Request) => upgraded.push(`bun ${req.headers.get('origin')}`) > 0 }
    expect(bun(socket(APP), server)).toBeUndefined()
    expect((bun(socket('https://evil.example'), server) as Response).status).toBe(403)
    expect(upgraded).toEqual([`deno ${APP}`, `bun ${APP}`])
  })
})
