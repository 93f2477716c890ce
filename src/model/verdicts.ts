// A step read by the standard and each engine: the failed check, if any, as a Problem with the
// engine's console message.
import { authorizationWarning, type CheckContext, corsFailure, type Failure, preflightFailure } from './checks.js'
import { ENGINES } from './engines.js'
import { consoleMessage, firefoxAuthorizationWarning } from './messages.js'
import { isRefusal, type Prepared, prepare } from './page.js'
import { makeProblem } from './problems.js'
import type { EngineName, PageRequest, Reader, Verdict, Verdicts, WireResponse } from './types.js'

/** The verdict for a failure (or success) as `reader` shows it. */
export function verdictOf(
  reader: Reader,
  failure: Failure | undefined,
  request: PageRequest,
  response?: WireResponse,
): Verdict {
  if (failure === undefined) return { ok: true }
  const problem = makeProblem(failure.code, failure.facts)
  if (reader === 'standard') return { ok: false, problem }
  return { ok: false, problem, message: consoleMessage(reader, problem, request, response) }
}

/** Runs `read` for the standard and each engine. */
export function perReader(read: (reader: Reader) => Verdict): Verdicts {
  const engines = {} as Record<EngineName, Verdict>
  for (const engine of ENGINES) engines[engine] = read(engine)
  return { standard: read('standard'), engines }
}

/** What the checks compare with for a page request read directly (no redirect). */
function contextOf(request: Prepared, step: CheckContext['step']): CheckContext {
  return { origin: request.origin, credentials: request.credentials, step, url: request.url }
}

/** The refusal as a failure, when the reader refuses the request before sending it. */
function refusalFailure(prepared: ReturnType<typeof prepare>, request: PageRequest): Failure | undefined {
  if (!isRefusal(prepared)) return undefined
  return { code: prepared.code, facts: { step: 'actual', url: request.url, origin: request.origin, why: prepared.why } }
}

/** A preflight response read by one reader, Firefox's Authorization warning included. */
export function preflightVerdict(
  reader: Reader,
  request: Prepared,
  response: WireResponse,
  context: CheckContext,
  page: PageRequest,
): Verdict {
  const verdict = verdictOf(reader, preflightFailure(reader, request, response, context), page, response)
  if (reader !== 'firefox' || !verdict.ok || !authorizationWarning(request, response, context.credentials))
    return verdict
  return { ok: true, message: firefoxAuthorizationWarning(context.url) }
}

/**
 * The preflight checks on `response` for `request`: status, CORS check, methods and headers,
 * read by the Fetch Standard and each engine.
 */
export function checkPreflight(request: PageRequest, response: WireResponse): Verdicts {
  return perReader((reader) => {
    const prepared = prepare(request, reader)
    const refused = refusalFailure(prepared, request)
    if (isRefusal(prepared)) return verdictOf(reader, refused, request)
    return preflightVerdict(reader, prepared, response, contextOf(prepared, 'preflight'), request)
  })
}

/** The CORS check on the response to the actual request, read by the Fetch Standard and each engine. */
export function checkActual(request: PageRequest, response: WireResponse): Verdicts {
  return perReader((reader) => {
    const prepared = prepare(request, reader)
    if (isRefusal(prepared)) return verdictOf(reader, refusalFailure(prepared, request), request)
    return verdictOf(reader, corsFailure(reader, response, contextOf(prepared, 'actual')), request, response)
  })
}
