// `corsica audit`: a short, sequential scan of one URL for CORS answers that let other sites read
// it. Each probe origin is derived from the trusted origin (the suffix, prefix and unescaped-dot
// tricks, an http: twin, a subdomain) or is one any site can have (an unrelated origin, `null`);
// the model's checkActual() says whether a page there could read the answer, with and without
// credentials. Every finding carries the request and response that show it.
import { checkActual, type HeaderList, type Send, type WireRequest, type WireResponse } from '../model/index.js'
import type { AuditCommand } from './args.js'
import type { ProbeProgress } from './probe.js'

export type Severity = 'high' | 'medium' | 'low'

export interface Finding {
  readonly id: string
  readonly severity: Severity
  readonly title: string
  readonly detail: string
  readonly fix: string
  readonly request: WireRequest
  readonly response: WireResponse
}

export interface AuditReport {
  readonly url: string
  readonly trustedOrigin: string
  /** Whether a page on the trusted origin could read the URL with credentials / without. */
  readonly trusted: { readonly credentials: boolean; readonly plain: boolean }
  readonly requests: number
  readonly findings: readonly Finding[]
}

/** An origin no one trusts on purpose. */
export const UNRELATED_ORIGIN = 'https://corsica-audit.example'
const ATTACKER = 'corsica-audit'

interface Candidate {
  readonly id: string
  readonly origin: string
  /** What a page on this origin is, for the finding's title. */
  readonly who: string
  /** Severity when readable with credentials / without. */
  readonly credentialed: Severity
  readonly plain: Severity
  readonly fix: string
}

function validOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

function isIp(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[')
}

/** The origins to try, derived from the trusted one. */
export function candidates(trusted: string): Candidate[] {
  const { protocol, hostname, port } = new URL(trusted)
  const at = port === '' ? '' : `:${port}`
  const list: Candidate[] = [
    {
      id: 'any-origin',
      origin: UNRELATED_ORIGIN,
      who: 'any site',
      credentialed: 'high',
      plain: 'low',
      fix: 'check the Origin against a list of trusted origins instead of reflecting it (corsica: origin: [...])',
    },
    {
      id: 'null-origin',
      origin: 'null',
      who: 'sandboxed iframes, data: and file: pages (Origin: null)',
      credentialed: 'high',
      plain: 'low',
      fix: "do not allow the origin `null`: any site can send it from a sandboxed iframe (corsica: leave 'null' out of origin)",
    },
  ]
  // An IP address has no prefix or dot trick (those are not hosts); a one-label host no dot trick.
  const ip = isIp(hostname)
  const derived: [string, string, string, Severity, boolean][] = [
    [
      'suffix',
      `${protocol}//${hostname}.${ATTACKER}.example${at}`,
      'a domain that ends with the trusted host',
      'high',
      true,
    ],
    [
      'prefix',
      `${protocol}//${ATTACKER}${hostname}${at}`,
      'a domain that ends with the trusted host name',
      'high',
      !ip,
    ],
    [
      'unescaped-dot',
      `${protocol}//${hostname.replace('.', 'x')}${at}`,
      'a host matched by an unescaped `.`',
      'high',
      !ip && hostname.includes('.'),
    ],
    ['subdomain', `${protocol}//${ATTACKER}.${hostname}${at}`, 'any subdomain of the trusted host', 'medium', true],
  ]
  for (const [id, text, who, severity, applies] of derived) {
    const origin = validOrigin(text)
    if (!applies || origin === undefined) continue
    list.push({
      id: `${id}-origin`,
      origin,
      who,
      credentialed: severity,
      plain: 'low',
      fix: 'compare the whole origin (scheme, host and port) with the trusted ones; anchor and escape a RegExp (corsica: origin: [...])',
    })
  }
  if (protocol === 'https:') {
    list.push({
      id: 'http-origin',
      origin: `http://${hostname}${at}`,
      who: 'the http: twin of the trusted origin (anyone on the network path can script it)',
      credentialed: 'high',
      plain: 'medium',
      fix: 'trust https: origins only (corsica: list the https:// origin)',
    })
  }
  return list
}

function get(url: string, origin: string | undefined): WireRequest {
  return { url, method: 'GET', headers: origin === undefined ? [] : [['Origin', origin]] }
}

function values(headers: HeaderList, name: string): string[] {
  return headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value.trim())
}

function readable(url: string, origin: string, response: WireResponse, credentials: boolean): boolean {
  const verdicts = checkActual({ url, origin, credentials: credentials ? 'include' : 'omit' }, response)
  return Object.values(verdicts.engines).some((verdict) => verdict.ok)
}

function reflects(response: WireResponse, origin: string): boolean {
  const acao = values(response.headers, 'access-control-allow-origin')
  return acao.length === 1 && acao[0] === origin
}

function varies(response: WireResponse): boolean {
  return values(response.headers, 'vary').some((value) =>
    value.split(',').some((token) => ['origin', '*'].includes(token.trim().toLowerCase())),
  )
}

const NO_PROGRESS: Pick<ProbeProgress, 'sending' | 'received'> = { sending() {}, received() {} }

export async function runAudit(
  command: Pick<AuditCommand, 'url' | 'origin'>,
  send: Send,
  progress: Pick<ProbeProgress, 'sending' | 'received'> = NO_PROGRESS,
): Promise<AuditReport> {
  const url = command.url
  const trustedOrigin = command.origin ?? new URL(url).origin
  const findings: Finding[] = []
  const exchanges: { request: WireRequest; response: WireResponse }[] = []
  const exchange = async (request: WireRequest): Promise<WireResponse> => {
    progress.sending(request)
    const response = await send(request) // a NetworkError ends the audit: exit status 2
    progress.received(request, response)
    exchanges.push({ request, response })
    return response
  }
  const add = (finding: Finding): void => {
    if (!findings.some((seen) => seen.id === finding.id)) findings.push(finding)
  }

  await exchange(get(url, undefined))
  const trustedRequest = get(url, trustedOrigin)
  const trustedResponse = await exchange(trustedRequest)
  const trusted = {
    credentials: readable(url, trustedOrigin, trustedResponse, true),
    plain: readable(url, trustedOrigin, trustedResponse, false),
  }

  for (const candidate of candidates(trustedOrigin)) {
    const request = get(url, candidate.origin)
    const response = await exchange(request)
    if (!reflects(response, candidate.origin)) continue
    const withCredentials = readable(url, candidate.origin, response, true)
    const severity = withCredentials ? candidate.credentialed : candidate.plain
    // One Access-Control-Allow-Origin that is the request's origin: readable without credentials.
    add({
      id: candidate.id,
      severity,
      title: `${candidate.who} can read this URL${withCredentials ? ' with the user’s cookies' : ''}`,
      detail: `Origin ${candidate.origin} is answered with Access-Control-Allow-Origin: ${candidate.origin}${
        withCredentials ? ' and Access-Control-Allow-Credentials: true' : ''
      }`,
      fix: candidate.fix,
      request,
      response,
    })
  }

  const preflight: WireRequest = {
    url,
    method: 'OPTIONS',
    headers: [
      ['Origin', trustedOrigin],
      ['Access-Control-Request-Method', 'POST'],
      ['Access-Control-Request-Headers', 'content-type'],
    ],
  }
  const preflightResponse = await exchange(preflight)
  const status = preflightResponse.status
  // A 403 may be how the server refuses an origin it does not trust; any other failure is a fault.
  if ((status < 200 || status > 299) && (trusted.plain || trusted.credentials || status !== 403)) {
    const redirect = status >= 300 && status < 400
    add({
      id: redirect ? 'preflight-redirect' : 'preflight-status',
      severity: 'medium',
      title: redirect ? 'the preflight is redirected' : `the preflight fails with ${status}`,
      detail: `OPTIONS with Origin ${trustedOrigin} (a JSON POST's preflight) is answered ${status}; browsers refuse a preflight that is not 2xx${
        redirect ? ' and never follow a redirect of one' : ''
      }, so every non-simple request fails`,
      fix:
        status === 401 || status === 403
          ? 'answer OPTIONS before authentication: a preflight never carries credentials (corsica: mount it before the auth middleware)'
          : 'answer OPTIONS on this URL with a 2xx and the CORS headers (corsica answers preflights itself: mount it before routing and redirects)',
      request: preflight,
      response: preflightResponse,
    })
  }

  for (const { request, response } of exchanges) {
    const origin = values(request.headers, 'origin')[0]
    if (origin === undefined) continue
    const acao = values(response.headers, 'access-control-allow-origin')
    const acac = values(response.headers, 'access-control-allow-credentials')
    if (acao.length === 1 && acao[0] === '*' && acac.includes('true')) {
      add({
        id: 'credentialed-wildcard',
        severity: 'medium',
        title: 'Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: true',
        detail:
          'browsers refuse this pair for credentialed requests; it shows the server means to let every site use the user’s cookies',
        fix: 'send credentials only to listed origins, echoed one at a time (corsica: origin: [...], credentials: true)',
        request,
        response,
      })
    }
    if (acao.length > 1 || (acao.length === 1 && acao[0]?.includes(','))) {
      add({
        id: 'allow-origin-invalid',
        severity: 'medium',
        title: 'Access-Control-Allow-Origin has more than one value',
        detail: `the response has ${acao.length} Access-Control-Allow-Origin line(s): ${acao.join(' | ')}; browsers block it`,
        fix: 'send one Access-Control-Allow-Origin: the request’s origin when it is trusted, set once',
        request,
        response,
      })
    }
    if (acao.length === 1 && acao[0] !== '*' && !varies(response)) {
      add({
        id: 'vary-missing',
        severity: 'medium',
        title: 'the allowed origin depends on the request, but Vary does not say so',
        detail: `Access-Control-Allow-Origin: ${acao[0]} without Vary: Origin; a shared or browser cache can hand this answer to another origin`,
        fix: 'add `Origin` to Vary on every response whose CORS headers depend on the Origin (corsica does)',
        request,
        response,
      })
    }
  }

  return { url, trustedOrigin, trusted, requests: exchanges.length, findings: sortFindings(findings) }
}

const ORDER: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 }

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
}

/** 1 when a high-severity finding exists, 0 otherwise. */
export function auditStatus(report: AuditReport): 0 | 1 {
  return report.findings.some((finding) => finding.severity === 'high') ? 1 : 0
}
