// audit beyond GET: a server that lets any origin write with the user's cookies (its GET fails),
// one that special-cases the fixed attacker name, localhost origins allowed, a URL that never
// answers 2xx; every request to the one URL, none followed.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditStatus, runAudit } from '../../src/cli/audit.js'
import { palette } from '../../src/cli/colours.js'
import { createSend } from '../../src/cli/http-client.js'
import { renderAudit } from '../../src/cli/render-audit.js'
import type { Send, WireRequest } from '../../src/model/index.js'
import { listen, type Running } from './servers/listen.js'
import { ANY_ORIGIN_REFLECTED, findingIds } from './support.js'

const TRUSTED = 'https://app.example.com'
const seen: { method: string; url: string; origin: string | undefined }[] = []
let server: Running

function credentialed(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
}

beforeAll(async () => {
  server = await listen(
    http.createServer((req, res) => {
      const origin = req.headers.origin
      seen.push({ method: req.method ?? '', url: req.url ?? '', origin })
      const answer = (status: number, headers: Record<string, string> = {}): void => {
        res.writeHead(status, headers).end()
      }
      const path = req.url ?? ''
      if (path === '/writes') {
        // GET is not served (and has no CORS headers); OPTIONS and POST reflect any origin.
        if (req.method === 'GET' || origin === undefined) return answer(405)
        return answer(req.method === 'OPTIONS' ? 204 : 200, {
          ...credentialed(origin),
          'Access-Control-Allow-Methods': 'POST, PUT, DELETE',
        })
      }
      if (path === '/special-case') {
        const allowed = origin !== undefined && !origin.includes('corsica-audit')
        return answer(200, allowed ? credentialed(origin) : {})
      }
      if (path === '/localhost') {
        const allowed = origin === TRUSTED || origin === 'http://localhost' || origin === 'http://127.0.0.1'
        return answer(200, allowed && origin !== undefined ? credentialed(origin) : {})
      }
      if (path === '/redirect') return answer(302, { Location: '/elsewhere' })
      if (path === '/forbidden') return answer(403)
      return answer(404)
    }),
  )
})
afterAll(() => server.close())

const send = createSend({ timeout: 5000 })

async function audit(path: string) {
  seen.length = 0
  const sent: WireRequest[] = []
  const report = await runAudit({ url: `${server.url}${path}`, origin: TRUSTED }, send, {
    sending: (request) => sent.push(request),
    received() {},
  })
  return { report, sent, ids: findingIds(report) }
}

describe('audit: writes, special cases, local origins, notes', () => {
  it('GET 405, but any origin may send credentialed PUT and DELETE: HIGH, exit status 1', async () => {
    const { report, ids } = await audit('/writes')
    expect(ids).toEqual(ANY_ORIGIN_REFLECTED)
    const finding = report.findings[0]
    expect(finding?.title).toBe('any site can send PUT, DELETE requests to this URL with the user’s cookies')
    expect(finding?.request.method).toBe('OPTIONS')
    expect(finding?.request.headers).toContainEqual(['Access-Control-Request-Method', 'PUT'])
    expect(finding?.detail).toContain('passes for PUT, DELETE with credentials')
    expect(auditStatus(report)).toBe(1)
    const text = renderAudit(report, palette(false))
    expect(text).not.toContain('no findings')
    expect(text).toContain('HIGH    any site can send PUT, DELETE requests')
    expect(text).toContain('shown by: OPTIONS ')
  })

  it('a server that special-cases the fixed attacker name is caught by the random one', async () => {
    const { report, ids, sent } = await audit('/special-case')
    expect(ids[0]).toBe('high:any-origin')
    const origin = report.findings[0]?.request.headers.find(([name]) => name === 'Origin')?.[1]
    expect(origin).toMatch(/^https:\/\/cx[0-9a-f]{12}\.com$/)
    // Random per run: another audit uses another label.
    const again = await audit('/special-case')
    expect(again.report.findings[0]?.request.headers).not.toContainEqual(['Origin', origin])
    expect(sent.length).toBe(again.sent.length)
  })

  it('localhost origins allowed with credentials: MEDIUM, exit status 0', async () => {
    const { report, ids } = await audit('/localhost')
    expect(ids).toEqual(['medium:localhost-origin'])
    expect(report.findings[0]?.title).toBe(
      'a page served from this computer (any local program, a dev server) can read this URL with the user’s cookies',
    )
    expect(auditStatus(report)).toBe(0)
    expect(report.notes).toEqual([])
  })

  it('no 2xx answer and the trusted origin not allowed: notes, so "no findings" is not silent', async () => {
    const { report } = await audit('/forbidden')
    expect(report.findings).toEqual([])
    expect(report.notes).toHaveLength(2)
    const text = renderAudit(report, palette(false))
    expect(text).toContain('note: no request got a 2xx answer (only 403)')
    expect(text).toContain(`note: the trusted origin ${TRUSTED} is not allowed either`)
    expect(text).toContain('trusted origin https://app.example.com: not allowed (is it the right origin?)')
    expect(text.trimEnd().endsWith('no findings')).toBe(true)
  })

  it('bounded: a few dozen requests at most, all to that URL, redirects never followed', async () => {
    const { report, sent } = await audit('/redirect')
    expect(report.requests).toBe(sent.length)
    expect(sent.length).toBe(3 + 2 * 10)
    expect(new Set(sent.map((request) => request.url))).toEqual(new Set([`${server.url}/redirect`]))
    expect(seen.every((request) => request.url === '/redirect')).toBe(true)
    expect(seen).toHaveLength(sent.length)
    expect(new Set(sent.map((request) => request.method))).toEqual(new Set(['GET', 'OPTIONS']))
  })

  it('a preflight worse than the GET replaces its finding; a trusted origin allowed by its preflight only', async () => {
    const mixed: Send = async (request) => {
      const origin = request.headers.find(([name]) => name === 'Origin')?.[1]
      if (origin === undefined) return { status: 200, headers: [] }
      const cors: [string, string][] = [
        ['Access-Control-Allow-Origin', origin],
        ['Vary', 'Origin'],
      ]
      if (request.method === 'GET') return { status: 200, headers: origin === TRUSTED ? [] : cors }
      return {
        status: 204,
        headers: [
          ...cors,
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Access-Control-Allow-Headers', 'content-type'],
        ],
      }
    }
    const report = await runAudit({ url: 'https://api.example/x', origin: TRUSTED }, mixed, undefined, {
      label: 'cxfixed',
    })
    const any = report.findings.find((finding) => finding.id === 'any-origin')
    expect(any?.severity).toBe('high')
    expect(any?.title).toBe('any site can send PUT, JSON POST requests to this URL with the user’s cookies')
    expect(report.trusted).toEqual({ credentials: false, plain: false, preflight: true })
    expect(report.notes).toEqual([])
    expect(renderAudit(report, palette(false))).toContain(
      `trusted origin ${TRUSTED}: its preflight passes, but GET is not readable`,
    )
  })

  it('a passing preflight without credentials is LOW', async () => {
    const response = {
      status: 204,
      headers: [
        ['Access-Control-Allow-Origin', 'https://x.example'],
        ['Access-Control-Allow-Methods', 'PUT'],
      ],
    } as const
    const lowSend = async (request: WireRequest) => {
      const origin = request.headers.find(([name]) => name === 'Origin')?.[1]
      if (request.method !== 'OPTIONS' || origin === undefined) return { status: 200, headers: [] }
      return {
        ...response,
        headers: [
          ['Access-Control-Allow-Origin', origin],
          ['Access-Control-Allow-Methods', 'PUT'],
          ['Vary', 'Origin'],
        ] as const,
      }
    }
    const report = await runAudit({ url: 'https://api.example/x', origin: TRUSTED }, lowSend, undefined, {
      label: 'cxfixed',
    })
    const any = report.findings.find((finding) => finding.id === 'any-origin')
    expect(any?.severity).toBe('low')
    expect(any?.title).toBe('any site can send PUT requests to this URL')
  })
})
