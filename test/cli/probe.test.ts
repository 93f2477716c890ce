// probe in-process against the loopback fleet: the verdict and reason per row (the same rows
// chromium-agreement.test.ts checks against Chromium), what is printed, and the progress calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { palette } from '../../src/cli/colours.js'
import { createSend, NetworkError } from '../../src/cli/http-client.js'
import { probeStatus, runProbe, type ProbeProgress } from '../../src/cli/probe.js'
import { renderProbe } from '../../src/cli/render.js'
import { responseLine } from '../../src/cli/render-wire.js'
import type { Send } from '../../src/model/index.js'
import { CASES, probeArgs, startFleet, type Fleet } from './servers/fleet.js'
import { freePort } from './servers/listen.js'

const ORIGIN = 'http://localhost:5173'
const plain = palette(false)
let fleet: Fleet
const send = createSend({ timeout: 5000 })

beforeAll(async () => {
  fleet = await startFleet()
})
afterAll(() => fleet.close())

describe('probe on every row of the fleet', () => {
  it.each(CASES)('$server $path $request → $expect', async (row) => {
    const result = await runProbe(
      { url: `${fleet.urls[row.server]}${row.path}`, origin: ORIGIN, ...probeArgs(row.request) },
      send,
    )
    const chromium = result.simulation?.engines.chromium
    expect(chromium?.verdict === 'blocked' ? `blocked:${chromium.problem?.code}` : 'readable').toBe(row.expect)
    expect(result.networkError).toBeUndefined()
    const text = renderProbe(result, plain)
    if (row.expect !== 'readable') {
      expect(probeStatus(result)).toBe(1)
      expect(text).toContain('blocked (')
      expect(text).toContain(`fix: ${chromium?.problem?.fix.header}`)
      expect(text).toContain(`corsica: ${chromium?.problem?.fix.corsica}`)
      expect(text).toContain(`chromium console: ${chromium?.message}`)
    }
  })
})

describe('probe output', () => {
  it('a readable request: every step, the verdict, the readable headers, exit 0', async () => {
    const result = await runProbe(
      { url: `${fleet.urls['corsica/node']}/items`, origin: ORIGIN, method: 'PUT', headers: [], credentials: true },
      send,
    )
    expect(probeStatus(result)).toBe(0)
    const text = renderProbe(result, plain)
    expect(text).toContain('corsica probe: PUT ')
    expect(text).toContain('page origin http://localhost:5173, with credentials')
    expect(text).toMatch(/1\. preflight {2}OPTIONS /)
    expect(text).toContain('why: ')
    expect(text).toContain('> Access-Control-Request-Method: PUT')
    expect(text).toContain('< access-control-allow-methods: GET,HEAD,PUT')
    expect(text).toMatch(/2\. actual {2}PUT /)
    expect(text).toContain('ok (chromium, firefox, webkit)')
    expect(text).toContain('verdict: readable in chromium, firefox, webkit')
    expect(text).toContain('the script can read these response headers: ')
    expect(text).toContain('x-request-id')
    expect(text).not.toContain('\u001b[')
  })

  it('the standard and the engines disagree (Allow-Headers * and Authorization): both are shown', async () => {
    const result = await runProbe(
      {
        url: `${fleet.urls.mistakes}/star-headers`,
        origin: ORIGIN,
        method: 'GET',
        headers: [['Authorization', 'x']],
        credentials: false,
      },
      send,
    )
    expect(result.simulation?.verdict).toBe('readable')
    expect(result.simulation?.standard.verdict).toBe('blocked')
    const text = renderProbe(result, plain)
    expect(text).toContain('the Fetch Standard reads it otherwise:')
    expect(text).toContain('blocked (standard): ')
  })

  it('progress lines count header lines', () => {
    expect(responseLine({ status: 204, headers: [['Vary', 'Origin']] })).toBe('204, 1 header line')
    expect(responseLine({ status: 200, headers: [] })).toBe('200, 0 header lines')
  })

  it('reports each request and response as it happens', async () => {
    const events: string[] = []
    const progress: ProbeProgress = {
      sending: (request) => events.push(`→ ${request.method}`),
      received: (_request, response) => events.push(`← ${response.status}`),
      failed: (_request, error) => events.push(`✗ ${error.code}`),
    }
    await runProbe(
      { url: `${fleet.urls.mistakes}/redirect`, origin: ORIGIN, method: 'GET', headers: [], credentials: true },
      send,
      progress,
    )
    expect(events).toEqual(['→ GET', '← 302', '→ GET', '← 200'])
  })

  it('a closed port: a network error, exit 2, said in the output', async () => {
    const port = await freePort()
    const failed: string[] = []
    const result = await runProbe(
      { url: `http://127.0.0.1:${port}/`, origin: ORIGIN, method: 'GET', headers: [], credentials: false },
      send,
      { sending() {}, received() {}, failed: (_request, error) => failed.push(error.code) },
    )
    expect(failed).toEqual(['ECONNREFUSED'])
    expect(result.networkError?.code).toBe('ECONNREFUSED')
    expect(probeStatus(result)).toBe(2)
    const text = renderProbe(result, plain)
    expect(text).toContain('< no response')
    expect(text).toContain(`network error: connection refused by 127.0.0.1:${port}`)
  })

  it('a send that fails with something else than a NetworkError is one all the same', async () => {
    const failing: Send = async () => {
      throw new TypeError('boom')
    }
    const other: Send = async () => {
      throw 'a string'
    }
    const first = await runProbe(
      { url: 'http://127.0.0.1:9/', origin: ORIGIN, method: 'GET', headers: [], credentials: false },
      failing,
    )
    expect(first.networkError).toBeInstanceOf(NetworkError)
    expect(first.networkError?.message).toBe('request to http://127.0.0.1:9/ failed: boom')
    const second = await runProbe(
      { url: 'http://127.0.0.1:9/', origin: ORIGIN, method: 'GET', headers: [], credentials: false },
      other,
    )
    expect(second.networkError?.message).toBe('request to http://127.0.0.1:9/ failed: a string')
  })

  it('engines that read a step differently get a line each; a step one engine did not send says so', () => {
    const problem = {
      code: 'unsupported-body',
      detail: 'WebKit refuses a stream body',
      fix: { header: 'h', corsica: 'c' },
      facts: { step: 'actual' },
    } as const
    const text = renderProbe(
      {
        request: { url: 'http://a.example/', origin: ORIGIN },
        networkError: undefined,
        dropped: [],
        simulation: {
          verdict: 'blocked',
          standard: { verdict: 'readable', preflights: 0 },
          engines: {
            chromium: { verdict: 'readable', preflights: 0, readable: [] },
            firefox: { verdict: 'readable', preflights: 0 },
            webkit: { verdict: 'blocked', preflights: 0, problem },
          },
          steps: [
            {
              kind: 'actual',
              request: { url: 'http://a.example/', method: 'POST', headers: [] },
              response: {
                status: 200,
                headers: [
                  ['Access-Control-Allow-Origin', '*'],
                  ['Content-Type', 'text/plain'],
                ],
              },
              sentBy: ['standard', 'chromium', 'firefox'],
              verdicts: {
                standard: { ok: true },
                engines: { chromium: { ok: true }, firefox: { ok: true }, webkit: { ok: false } },
              },
            },
          ],
        },
      },
      plain,
    )
    expect(text).toContain('(not sent by webkit)')
    expect(text).toContain('ok (chromium, firefox)')
    expect(text).toContain('blocked (webkit): no reason given')
    expect(text).toContain('verdict: readable in chromium, firefox; blocked in webkit')
    expect(text).toContain('corsica probe: GET http://a.example/')
    expect(text).toContain('< (1 other header)')
    expect(text).toContain('the script can read these response headers: (none)')
  })
})
