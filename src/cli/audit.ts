// `corsica audit`: a short, sequential scan of one URL for CORS answers that let other sites read
// it or write to it. Each candidate origin (audit-origins.ts) is sent a GET and a preflight for a
// PUT; the model's checkActual() and checkPreflight() say whether a page there could read the
// answer or send the request, with and without credentials. Every finding carries the request and
// response that show it; notes say when the answers give the scan little to go on.
import {
  checkActual,
  checkPreflight,
  type HeaderList,
  type PageRequest,
  type Send,
  type WireRequest,
  type WireResponse,
} from '../model/index.js'
import type { AuditCommand } from './args.js'
import { type Exchange, type Finding, headerFindings, values } from './audit-findings.js'
import { type Candidate, candidates, type Severity } from './audit-origins.js'
import type { ProbeProgress } from './probe.js'

export type { Finding } from './audit-findings.js'
export { candidates, type Severity, UNRELATED_ORIGIN } from './audit-origins.js'

export interface AuditReport {
  readonly url: string
  readonly trustedOrigin: string
  /**
   * Whether a page on the trusted origin could read the URL with credentials / without, and
   * whether its preflight (a JSON POST's) passes.
   */
  readonly trusted: { readonly credentials: boolean; readonly plain: boolean; readonly preflight: boolean }
  readonly requests: number
  readonly findings: readonly Finding[]
  /** What limits the scan's reach (no 2xx answer, the trusted origin not allowed); not findings. */
  readonly notes: readonly string[]
}

export interface AuditOptions {
  /** The random attacker host label (audit-origins.ts randomLabel() by default). */
  readonly label?: string
}

const JSON_TYPE: HeaderList = [['Content-Type', 'application/json']]
/** The requests a preflight for a PUT with Content-Type could unlock, as the finding names them. */
const WRITES: readonly (readonly [name: string, method: string, headers: HeaderList])[] = [
  ['PUT', 'PUT', []],
  ['PATCH', 'PATCH', []],
  ['DELETE', 'DELETE', []],
  ['JSON POST', 'POST', JSON_TYPE],
]

function get(url: string, origin: string | undefined): WireRequest {
  return { url, method: 'GET', headers: origin === undefined ? [] : [['Origin', origin]] }
}

function preflight(url: string, origin: string, method: string): WireRequest {
  return {
    url,
    method: 'OPTIONS',
    headers: [
      ['Origin', origin],
      ['Access-Control-Request-Method', method],
      ['Access-Control-Request-Headers', 'content-type'],
    ],
  }
}

function credentialsMode(credentials: boolean): PageRequest['credentials'] {
  return credentials ? 'include' : 'omit'
}

function readable(url: string, origin: string, response: WireResponse, credentials: boolean): boolean {
  const verdicts = checkActual({ url, origin, credentials: credentialsMode(credentials) }, response)
  return Object.values(verdicts.engines).some((verdict) => verdict.ok)
}

function passes(page: PageRequest, response: WireResponse): boolean {
  return Object.values(checkPreflight(page, response).engines).some((verdict) => verdict.ok)
}

/** The writes a page on `origin` may send after this preflight response. */
function unlocked(url: string, origin: string, response: WireResponse, credentials: boolean): string[] {
  return WRITES.filter(([, method, headers]) =>
    passes({ url, origin, method, headers, credentials: credentialsMode(credentials) }, response),
  ).map(([name]) => name)
}

function reflects(response: WireResponse, origin: string): boolean {
  const acao = values(response.headers, 'access-control-allow-origin')
  return acao.length === 1 && acao[0] === origin
}

function readFinding(candidate: Candidate, exchange: Exchange, url: string): Finding | undefined {
  const { origin } = candidate
  if (!reflects(exchange.response, origin)) return undefined
  // One Access-Control-Allow-Origin that is the request's origin: readable without credentials.
  const withCredentials = readable(url, origin, exchange.response, true)
  return {
    id: candidate.id,
    severity: withCredentials ? candidate.credentialed : candidate.plain,
    title: `${candidate.who} can read this URL${withCredentials ? ' with the user’s cookies' : ''}`,
    detail: `Origin ${origin} is answered with Access-Control-Allow-Origin: ${origin}${
      withCredentials ? ' and Access-Control-Allow-Credentials: true' : ''
    }`,
    fix: candidate.fix,
    ...exchange,
  }
}

function writeFinding(candidate: Candidate, exchange: Exchange, url: string): Finding | undefined {
  const { origin } = candidate
  if (!reflects(exchange.response, origin)) return undefined
  const withCredentials = unlocked(url, origin, exchange.response, true)
  const writes = withCredentials.length > 0 ? withCredentials : unlocked(url, origin, exchange.response, false)
  if (writes.length === 0) return undefined
  const cookies = withCredentials.length > 0
  return {
    id: candidate.id,
    severity: cookies ? candidate.credentialed : candidate.plain,
    title:
      `${candidate.who} can send ${writes.join(', ')} requests to this ` +
      `URL${cookies ? ' with the user’s cookies' : ''}`,
    detail: `the preflight from Origin ${origin} passes for ${writes.join(', ')}${
      cookies ? ' with credentials' : ''
    }: Access-Control-Allow-Origin: ${origin}${cookies ? ' and Access-Control-Allow-Credentials: true' : ''}`,
    fix: candidate.fix,
    ...exchange,
  }
}

function preflightFinding(trustedOrigin: string, exchange: Exchange, trustedAllowed: boolean): Finding | undefined {
  const status = exchange.response.status
  // A 403 may be how the server refuses an origin it does not trust; any other failure is a fault.
  if ((status >= 200 && status <= 299) || (!trustedAllowed && status === 403)) return undefined
  const redirect = status >= 300 && status < 400
  return {
    id: redirect ? 'preflight-redirect' : 'preflight-status',
    severity: 'medium',
    title: redirect ? 'the preflight is redirected' : `the preflight fails with ${status}`,
    detail:
      `OPTIONS with Origin ${trustedOrigin} (a JSON POST's preflight) is answered ${status}; ` +
      `browsers refuse a preflight that is not 2xx${
        redirect ? ' and never follow a redirect of one' : ''
      }, so every non-simple request fails`,
    fix:
      status === 401 || status === 403
        ? 'answer OPTIONS before authentication: a preflight never carries credentials (corsica: mount it before ' +
          'the auth middleware)'
        : 'answer OPTIONS on this URL with a 2xx and the CORS headers (corsica answers preflights itself: mount it ' +
          'before routing and redirects)',
    ...exchange,
  }
}

function notesOf(report: Pick<AuditReport, 'trustedOrigin' | 'trusted'>, exchanges: readonly Exchange[]): string[] {
  const notes: string[] = []
  const statuses = [...new Set(exchanges.map(({ response }) => response.status))]
  if (!statuses.some((status) => status >= 200 && status <= 299)) {
    notes.push(
      `no request got a 2xx answer (only ${statuses.join(', ')}): error answers often carry no CORS headers, so ` +
        `this URL may leak in ways the scan cannot see; audit a URL that answers with data`,
    )
  }
  const { credentials, plain, preflight: preflightPasses } = report.trusted
  if (!credentials && !plain && !preflightPasses) {
    notes.push(
      `the trusted origin ${report.trustedOrigin} is not allowed either (neither its GET nor its preflight): the ` +
        `scan has nothing to compare with; check --origin`,
    )
  }
  return notes
}

const ORDER: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 }

const NO_PROGRESS: Pick<ProbeProgress, 'sending' | 'received'> = { sending() {}, received() {} }

/** The audit: 3 requests, then a GET and a preflight per candidate origin, one at a time. */
export async function runAudit(
  command: Pick<AuditCommand, 'url' | 'origin'>,
  send: Send,
  progress: Pick<ProbeProgress, 'sending' | 'received'> = NO_PROGRESS,
  options: AuditOptions = {},
): Promise<AuditReport> {
  const url = command.url
  const trustedOrigin = command.origin ?? new URL(url).origin
  const findings: Finding[] = []
  const exchanges: Exchange[] = []
  const exchange = async (request: WireRequest): Promise<Exchange> => {
    progress.sending(request)
    const response = await send(request) // a NetworkError ends the audit: exit status 2
    progress.received(request, response)
    const done = { request, response }
    exchanges.push(done)
    return done
  }
  // One finding per id: the most severe one seen, the first of equals.
  const add = (finding: Finding | undefined): void => {
    if (finding === undefined) return
    const index = findings.findIndex((seen) => seen.id === finding.id)
    const seen = findings[index]
    if (seen === undefined) findings.push(finding)
    else if (ORDER[finding.severity] < ORDER[seen.severity]) findings[index] = finding
  }

  await exchange(get(url, undefined))
  const { response: trustedResponse } = await exchange(get(url, trustedOrigin))
  for (const candidate of candidates(trustedOrigin, options.label)) {
    add(readFinding(candidate, await exchange(get(url, candidate.origin)), url))
    add(writeFinding(candidate, await exchange(preflight(url, candidate.origin, 'PUT')), url))
  }
  const trustedPreflight = await exchange(preflight(url, trustedOrigin, 'POST'))
  const json = { url, origin: trustedOrigin, method: 'POST', headers: JSON_TYPE }
  const trusted = {
    credentials: readable(url, trustedOrigin, trustedResponse, true),
    plain: readable(url, trustedOrigin, trustedResponse, false),
    preflight:
      passes({ ...json, credentials: 'include' }, trustedPreflight.response) ||
      passes({ ...json, credentials: 'omit' }, trustedPreflight.response),
  }
  add(preflightFinding(trustedOrigin, trustedPreflight, trusted.plain || trusted.credentials))
  for (const done of exchanges) for (const finding of headerFindings(done)) add(finding)

  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity])
  const notes = notesOf({ trustedOrigin, trusted }, exchanges)
  return { url, trustedOrigin, trusted, requests: exchanges.length, findings: sorted, notes }
}

/** 1 when a high-severity finding exists, 0 otherwise. */
export function auditStatus(report: AuditReport): 0 | 1 {
  return report.findings.some((finding) => finding.severity === 'high') ? 1 : 0
}
