// The README's "Safe rollout", "Metrics" and "Debugging refusals" sections: each shows an example
// file verbatim, and each example runs here over a real socket and does what the section says
// (the /metrics endpoint is scraped and parsed as Prometheus text).
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { send, type Target } from '../adapters/support/client.js'

const root = new URL('../../', import.meta.url)
const PARTS = {
  'safe-rollout': 'examples/rollout.mjs',
  metrics: 'examples/metrics.mjs',
  'debugging-refusals': 'examples/debug-refusals.mjs',
} as const
const APP = 'https://app.example.com'
const PARTNER = 'https://partner.example'

const servers: Server[] = []
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
})

async function serve(file: string): Promise<Target> {
  const { server } = (await import(new URL(file, root).href)) as { server: Server }
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

const get = (origin: string, path = '/items') => ({ method: 'GET', path, headers: [['Origin', origin]] as const })
const preflight = (method: string) => ({
  method: 'OPTIONS',
  path: '/items',
  headers: [
    ['Origin', APP],
    ['Access-Control-Request-Method', method],
  ] as const,
})

describe.each(Object.entries(PARTS))('docs/readme-parts/%s.md', (part, file) => {
  it(`shows ${file} verbatim, and the README holds the part`, () => {
    const text = readFileSync(new URL(`docs/readme-parts/${part}.md`, root), 'utf8')
    const shown = new RegExp(`<!-- example: ${file} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(text)?.[1]
    expect(shown).toBe(readFileSync(new URL(file, root), 'utf8'))
    expect(readFileSync(new URL('README.md', root), 'utf8')).toContain(text.trim())
  })
})

describe('the examples run as the sections say', () => {
  it('rollout: the response is unchanged, the forgotten origin is logged, quoted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      const target = await serve(PARTS['safe-rollout'])
      const response = await send(target, get(PARTNER))
      expect(response.headers['access-control-allow-origin']).toBe('*')
      await send(target, get(APP))
      expect(warn.mock.calls).toStrictEqual([[`cors rollout: actual request: origin "${PARTNER}" is not allowed`]])
    } finally {
      warn.mockRestore()
    }
  })

  it('metrics: /metrics is Prometheus text counting what was sent', async () => {
    const target = await serve(PARTS.metrics)
    for (const request of [get(APP), get(APP), get(PARTNER), preflight('PUT'), preflight('GE T')])
      await send(target, request)
    const scraped = await send(target, { method: 'GET', path: '/metrics' })
    expect(scraped.headers['content-type']).toBe('text/plain; version=0.0.4')
    const samples = new Map<string, number>()
    for (const line of scraped.body.split('\n')) {
      if (line === '' || line.startsWith('# ')) continue
      const [, name = '', value = ''] = /^(\S+) (\d+)$/.exec(line) ?? []
      expect(name, line).toMatch(/^[a-z_]+(\{[a-z]+="[a-z-]+"(,[a-z]+="[a-z-]+")*\})?$/)
      samples.set(name, Number(value))
    }
    expect(Object.fromEntries(samples)).toStrictEqual({
      'corsica_requests_total{outcome="allowed"}': 3,
      'corsica_requests_total{outcome="refused",reason="origin"}': 1,
      'corsica_requests_total{outcome="refused",reason="method"}': 0,
      'corsica_requests_total{outcome="refused",reason="headers"}': 0,
      'corsica_requests_total{outcome="refused",reason="private-network"}': 0,
      'corsica_requests_total{outcome="refused",reason="malformed"}': 1,
      corsica_preflights_total: 2,
      corsica_candidate_differences_total: 0,
    })
    expect(scraped.body).toContain('# TYPE corsica_requests_total counter\n')
  })

  it('debug: the two refusals the section shows, only when NODE_ENV is development', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    try {
      const target = await serve(PARTS['debugging-refusals'])
      const origin = await send(target, get(PARTNER))
      expect(origin.headers['corsica-refusal']).toBe(`origin: origin "${PARTNER}" is not allowed`)
      const method = await send(target, preflight('DELETE'))
      expect(method.headers['corsica-refusal']).toBe('method: method "DELETE" is not in methods (GET,POST)')
      expect((await send(target, get(APP))).headers['corsica-refusal']).toBeUndefined()
      const text = readFileSync(new URL('docs/readme-parts/debugging-refusals.md', root), 'utf8')
      expect(text).toContain(`corsica-refusal: ${origin.headers['corsica-refusal']}`)
      expect(text).toContain(`corsica-refusal: ${method.headers['corsica-refusal']}`)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})
