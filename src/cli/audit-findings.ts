// What `corsica audit` reports, and the findings read from any response's headers alone: a
// credentialed `*`, more than one allowed origin, an Origin-dependent answer without Vary: Origin.
import type { HeaderList, WireRequest, WireResponse } from '../model/index.js'
import type { Severity } from './audit-origins.js'

export interface Finding {
  readonly id: string
  readonly severity: Severity
  readonly title: string
  readonly detail: string
  readonly fix: string
  readonly request: WireRequest
  readonly response: WireResponse
}

export interface Exchange {
  readonly request: WireRequest
  readonly response: WireResponse
}

/** Every value of a header (lowercase `name`), trimmed. */
export function values(headers: HeaderList, name: string): string[] {
  return headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value.trim())
}

function varies(response: WireResponse): boolean {
  return values(response.headers, 'vary').some((value) =>
    value.split(',').some((token) => ['origin', '*'].includes(token.trim().toLowerCase())),
  )
}

/** The header findings of one exchange that carried an Origin. */
export function headerFindings({ request, response }: Exchange): Finding[] {
  if (values(request.headers, 'origin').length === 0) return []
  const acao = values(response.headers, 'access-control-allow-origin')
  const acac = values(response.headers, 'access-control-allow-credentials')
  const found: Finding[] = []
  if (acao.length === 1 && acao[0] === '*' && acac.includes('true')) {
    found.push({
      id: 'credentialed-wildcard',
      severity: 'medium',
      title: 'Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: true',
      detail:
        'browsers refuse this pair for credentialed requests; it shows the server means to let every site use ' +
        'the user’s cookies',
      fix: 'send credentials only to listed origins, echoed one at a time (corsica: origin: [...], credentials: true)',
      request,
      response,
    })
  }
  if (acao.length > 1 || (acao.length === 1 && acao[0]?.includes(','))) {
    found.push({
      id: 'allow-origin-invalid',
      severity: 'medium',
      title: 'Access-Control-Allow-Origin has more than one value',
      detail:
        `the response has ${acao.length} Access-Control-Allow-Origin line(s): ${acao.join(' | ')}; browsers block ` +
        `it`,
      fix: 'send one Access-Control-Allow-Origin: the request’s origin when it is trusted, set once',
      request,
      response,
    })
  }
  if (acao.length === 1 && acao[0] !== '*' && !varies(response)) {
    found.push({
      id: 'vary-missing',
      severity: 'medium',
      title: 'the allowed origin depends on the request, but Vary does not say so',
      detail:
        `Access-Control-Allow-Origin: ${acao[0]} without Vary: Origin; a shared or browser cache can hand this ` +
        `answer to another origin`,
      fix: 'add `Origin` to Vary on every response whose CORS headers depend on the Origin (corsica does)',
      request,
      response,
    })
  }
  return found
}
