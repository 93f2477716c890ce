// audit in-process against the loopback fleet: which findings each server gets, at which
// severity, with the request that shows it; what is printed; the origins it derives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditStatus, candidates, runAudit, UNRELATED_ORIGIN } from '../../src/cli/audit.js'
import { palette } from '../../src/cli/colours.js'
import { createSend, NetworkError } from '../../src/cli/http-client.js'
import { renderAudit } from '../../src/cli/render-audit.js'
import { startFleet, type Fleet } from './servers/fleet.js'
import { freePort } from './servers/listen.js'
import { ANY_ORIGIN_REFLECTED, findingIds } from './support.js'

const LOCAL = 'http://localhost:5173'
let fleet: Fleet
const send = createSend({ timeout: 5000 })

beforeAll(async () => {
  fleet = await startFleet()
})
afterAll(() => fleet.close())

async function findings(server: string, path: string, origin: string | undefined): Promise<string[]> {
  const report = await runAudit({ url: `${fleet.urls[server]}${path}`, origin }, send)
  return findingIds(report)
}

describe('audit on the fleet', () => {
  it.each([
    ['corsica/node', '/items', LOCAL, []],
    ['corsica/express', '/items', undefined, []],
    ['corsica/hono', '/items', 'https://other.example', []],
    [
      'cors (origin: true, credentials)',
      '/x',
      LOCAL,
      ['high:any-origin', 'high:null-origin', 'high:suffix-origin', 'high:prefix-origin', 'medium:subdomain-origin'],
    ],
    ['hono/cors (prefix check)', '/x', LOCAL, ['high:suffix-origin']],
    [
      '@fastify/cors (/localhost/)',
      '/x',
      LOCAL,
      ['high:suffix-origin', 'high:prefix-origin', 'medium:subdomain-origin'],
    ],
    ['mistakes', '/no-vary', 'https://app.example', [...ANY_ORIGIN_REFLECTED, 'medium:vary-missing']],
    ['mistakes', '/wildcard-credentials', undefined, ['medium:credentialed-wildcard']],
    [
      'mistakes',
      '/star-headers',
      'https://app.example',
      [
        'medium:http-origin',
        'low:any-origin',
        'low:null-origin',
        'low:suffix-origin',
        'low:prefix-origin',
        'low:unescaped-dot-origin',
        'low:subdomain-origin',
        'low:localhost-origin',
      ],
    ],
    ['mistakes', '/auth', 'https://app.example', ['medium:preflight-status']],
    ['mistakes', '/double-acao', 'https://app.example', ['medium:allow-origin-invalid']],
    ['mistakes', '/acao-list', 'https://app.example', ['medium:allow-origin-invalid']],
    ['mistakes', '/wrong-origin', 'https://trusted.example', []],
  ])('%s %s (trusted %s): %j', async (server, path, origin, expected) => {
    expect(await findings(server, path, origin)).toEqual(expected)
  })

  it('a preflight that redirects', async () => {
    const report = await runAudit(
      { url: `${fleet.urls.mistakes}/preflight-redirect`, origin: 'https://app.example' },
      send,
    )
    const finding = report.findings.find((candidate) => candidate.id === 'preflight-redirect')
    expect(finding?.title).toBe('the preflight is redirected')
    expect(finding?.request.method).toBe('OPTIONS')
    expect(finding?.response.status).toBe(302)
    expect(auditStatus(report)).toBe(1)
  })

  it('a 401 preflight: answer OPTIONS before authentication', async () => {
    const report = await runAudit({ url: `${fleet.urls.mistakes}/auth`, origin: 'https://app.example' }, send)
    expect(report.findings[0]?.fix).toContain('before authentication')
    expect(report.trusted).toEqual({ credentials: false, plain: false, preflight: false })
    expect(auditStatus(report)).toBe(0)
  })

  it('a 404 preflight when the trusted origin is allowed; a 403 only then', async () => {
    const report = await runAudit({ url: `${fleet.urls['corsica/node']}/nothing`, origin: LOCAL }, send)
    expect(report.findings.map((finding) => finding.id)).toEqual([])
    const nginxLike = await runAudit({ url: `${fleet.urls['corsica/fastify']}/private`, origin: LOCAL }, send)
    expect(nginxLike.findings).toEqual([])
  })

  it('prints each finding with its request, its answer and the fix; no colour off a terminal', async () => {
    const report = await runAudit({ url: `${fleet.urls['cors (origin: true, credentials)']}/x`, origin: LOCAL }, send)
    expect(report.requests).toBe(3 + 2 * 6)
    const text = renderAudit(report, palette(false))
    expect(text).toContain(`corsica audit: ${fleet.urls['cors (origin: true, credentials)']}/x`)
    expect(text).toContain(`trusted origin ${LOCAL}: allowed, with credentials`)
    expect(text).toContain('HIGH    any site can read this URL with the user’s cookies')
    expect(text).toContain(
      `shown by: GET ${fleet.urls['cors (origin: true, credentials)']}/x (Origin: ${UNRELATED_ORIGIN})`,
    )
    expect(text).toMatch(/answered: 200, .*access-control-allow-origin: https:\/\/corsica-audit\.example/i)
    expect(text).toContain('fix: check the Origin against a list')
    expect(text).toContain('5 findings: 4 high, 1 medium')
    expect(text).not.toContain('\u001b[')
    expect(renderAudit(report, palette(true))).toContain('\u001b[31mHIGH')
  })

  it('prints no findings, and the trusted origin state', async () => {
    const express = await runAudit({ url: `${fleet.urls['corsica/express']}/items`, origin: undefined }, send)
    expect(renderAudit(express, palette(false))).toContain('allowed, without credentials')
    expect(renderAudit(express, palette(false))).toContain('no findings')
    const hono = await runAudit({ url: `${fleet.urls['corsica/hono']}/items`, origin: LOCAL }, send)
    expect(renderAudit(hono, palette(false))).toContain('not allowed (is it the right origin?)')
    const wildcard = await runAudit({ url: `${fleet.urls.mistakes}/wildcard-credentials`, origin: undefined }, send)
    const text = renderAudit(wildcard, palette(false))
    expect(text).toContain('1 finding: 1 medium')
    expect(text).toContain('shown by: GET')
  })

  it('a finding without an Origin on its request, and a low one', () => {
    const text = renderAudit(
      {
        url: 'http://a.example/',
        trustedOrigin: 'http://a.example',
        trusted: { credentials: false, plain: true, preflight: false },
        notes: [],
        requests: 1,
        findings: [
          {
            id: 'x',
            severity: 'low',
            title: 't',
            detail: 'd',
            fix: 'f',
            request: { url: 'http://a.example/', method: 'GET', headers: [] },
            response: { status: 200, headers: [] },
          },
        ],
      },
      palette(false),
    )
    expect(text).toContain('LOW     t')
    expect(text).toContain('shown by: GET http://a.example/\n')
    expect(text).toContain('answered: 200\n')
  })

  it('a closed port: the audit stops with a NetworkError', async () => {
    const port = await freePort()
    await expect(runAudit({ url: `http://127.0.0.1:${port}/`, origin: undefined }, send)).rejects.toBeInstanceOf(
      NetworkError,
    )
  })

  it('reports progress per request', async () => {
    const seen: string[] = []
    await runAudit({ url: `${fleet.urls['corsica/express']}/items`, origin: undefined }, send, {
      sending: (request) => seen.push(request.method),
      received: (_request, response) => seen.push(String(response.status)),
    })
    expect(seen.slice(0, 2)).toEqual(['GET', '200'])
    expect(seen).toContain('OPTIONS')
  })
})

describe('candidates', () => {
  const ids = (trusted: string): string[] => candidates(trusted, 'cxlabel').map((c) => `${c.id} ${c.origin}`)

  it('a domain: every trick, port kept, and the http: twin of an https origin', () => {
    expect(ids('https://app.example.com:8443')).toEqual([
      `any-origin ${UNRELATED_ORIGIN}`,
      'any-origin https://cxlabel.com',
      'null-origin null',
      'suffix-origin https://app.example.com.corsica-audit.example:8443',
      'prefix-origin https://corsica-auditapp.example.com:8443',
      'unescaped-dot-origin https://appxexample.com:8443',
      'subdomain-origin https://corsica-audit.app.example.com:8443',
      'http-origin http://app.example.com:8443',
      'localhost-origin http://localhost',
      'localhost-origin http://127.0.0.1',
    ])
  })

  it('an IP address: no prefix or dot trick, no subdomain (not a host)', () => {
    expect(ids('http://127.0.0.1:8080')).toEqual([
      `any-origin ${UNRELATED_ORIGIN}`,
      'any-origin https://cxlabel.com',
      'null-origin null',
      'suffix-origin http://127.0.0.1.corsica-audit.example:8080',
    ])
    expect(ids('https://127.0.0.1')).toContain('http-origin http://127.0.0.1')
    expect(ids('http://[::1]:8080').map((line) => line.split(' ')[0])).toEqual([
      'any-origin',
      'any-origin',
      'null-origin',
    ])
  })

  it('a one-label host has no dot trick; origins a URL parser refuses are left out', () => {
    expect(ids('http://localhost:5173').map((line) => line.split(' ')[0])).toEqual([
      'any-origin',
      'any-origin',
      'null-origin',
      'suffix-origin',
      'prefix-origin',
      'subdomain-origin',
    ])
    // xn--80ak6aa92e.com is a valid IDN; with its dot replaced it is not valid Punycode.
    const derived = ids('http://xn--80ak6aa92e.com').map((line) => line.split(' ')[0])
    expect(derived).not.toContain('unescaped-dot-origin')
  })
})
