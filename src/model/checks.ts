// The CORS check and the preflight checks, as the Fetch Standard words them and as each engine
// reads the same response: the order of the checks, how repeated Access-Control-Allow-Origin
// lines count, and whether `Access-Control-Allow-Headers: *` covers Authorization.
import { getHeader, tokenList, valuesOf } from './headers.js'
import type { Prepared } from './page.js'
import { isSafelistedMethod, unsafeHeaders } from './safelist.js'
import type { ProblemCode, ProblemFacts, Reader, WireResponse } from './types.js'

/** A failed check: the code and the values it is about. */
export interface Failure {
  readonly code: ProblemCode
  readonly facts: ProblemFacts
}

/** What a check compares the response with. */
export interface CheckContext {
  /** The serialized request origin (`null` after a cross-origin redirect). */
  readonly origin: string
  /** True for `credentials: 'include'`. */
  readonly credentials: boolean
  readonly step: 'preflight' | 'actual'
  readonly url: string
}

/** Two Allow-Origin values joined into one mismatch, per reader: which wording it falls under. */
function severalValues(reader: Reader, value: string): boolean {
  if (reader === 'chromium') return /[ ,]/.test(value)
  return value.includes(',')
}

/** The Fetch Standard's CORS check, with each engine's reading of a malformed Allow-Origin. */
export function corsFailure(reader: Reader, response: WireResponse, context: CheckContext): Failure | undefined {
  const facts = { step: context.step, origin: context.origin, url: context.url, status: response.status }
  const lines = valuesOf(response.headers, 'access-control-allow-origin')
  if (lines.length === 0) return { code: 'allow-origin-missing', facts }
  const value = lines.join(', ')
  // Firefox counts header lines before it reads the value.
  if (reader === 'firefox' && lines.length > 1) return { code: 'allow-origin-multiple', facts: { ...facts, value } }
  if (value === '*' && !context.credentials) return undefined
  if (value !== context.origin) {
    if (value === '*') return { code: 'allow-origin-wildcard-credentials', facts: { ...facts, value } }
    const code =
      reader !== 'firefox' && severalValues(reader, value) ? 'allow-origin-multiple' : 'allow-origin-mismatch'
    return { code, facts: { ...facts, value } }
  }
  if (!context.credentials) return undefined
  const allowCredentials = getHeader(response.headers, 'access-control-allow-credentials')
  if (allowCredentials === 'true') return undefined
  return { code: 'allow-credentials-missing', facts: { ...facts, value: allowCredentials ?? '' } }
}

/** 200 to 299: the only statuses a preflight may have. */
export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299
}

/** Redirect statuses a browser follows. */
export function isRedirectStatus(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status)
}

function statusFailure(response: WireResponse, context: CheckContext): Failure | undefined {
  const facts = { step: context.step, origin: context.origin, url: context.url, status: response.status }
  if (isRedirectStatus(response.status)) {
    const location = getHeader(response.headers, 'location')
    return { code: 'preflight-redirect', facts: location === undefined ? facts : { ...facts, location } }
  }
  return isOkStatus(response.status) ? undefined : { code: 'preflight-status', facts }
}

function methodFailure(request: Prepared, response: WireResponse, context: CheckContext): Failure | undefined {
  const facts = { step: context.step, origin: context.origin, url: context.url, method: request.method }
  const listed = tokenList(response.headers, 'access-control-allow-methods')
  const value = getHeader(response.headers, 'access-control-allow-methods') ?? ''
  if (listed === 'failure') return { code: 'method-not-allowed', facts: { ...facts, unparsable: 'methods', value } }
  // No list and a forced preflight (a stream body): the method itself is taken as allowed.
  const methods = listed ?? (request.forcePreflight ? [request.method] : [])
  if (methods.includes(request.method) || isSafelistedMethod(request.method)) return undefined
  if (!context.credentials && methods.includes('*')) return undefined
  return { code: 'method-not-allowed', facts: { ...facts, value } }
}

/** The header a reader names in its message: lowercase, except WebKit, which keeps the script's case. */
function headerFailure(
  reader: Reader,
  request: Prepared,
  response: WireResponse,
  context: CheckContext,
): Failure | undefined {
  const facts = { step: context.step, origin: context.origin, url: context.url }
  const listed = tokenList(response.headers, 'access-control-allow-headers')
  const value = getHeader(response.headers, 'access-control-allow-headers') ?? ''
  if (listed === 'failure') return { code: 'header-not-allowed', facts: { ...facts, unparsable: 'headers', value } }
  const names = (listed ?? []).map((name) => name.toLowerCase())
  const wildcard = !context.credentials && names.includes('*')
  for (const name of requestedNames(reader, request)) {
    const lower = name.toLowerCase()
    if (names.includes(lower)) continue
    // The standard: '*' never covers Authorization. The three engines let it through.
    if (wildcard && lower === 'authorization' && reader === 'standard')
      return { code: 'authorization-wildcard', facts: { ...facts, header: name, value } }
    if (!wildcard) return { code: 'header-not-allowed', facts: { ...facts, header: name, value } }
  }
  return undefined
}

/** The unsafe header names in the order the reader checks them. */
function requestedNames(reader: Reader, request: Prepared): string[] {
  const unsafe = unsafeHeaders(request.headers).map(({ name }) => name)
  if (reader !== 'webkit') return [...new Set(unsafe)].sort()
  const lower = new Set(unsafe)
  return [...new Set(request.headers.map(([name]) => name).filter((name) => lower.has(name.toLowerCase())))]
}

/**
 * The preflight checks: a redirect first, a CORS check and an ok status (Chromium and the
 * standard in that order, Firefox and WebKit status first), then the method, then the headers.
 */
export function preflightFailure(
  reader: Reader,
  request: Prepared,
  response: WireResponse,
  context: CheckContext,
): Failure | undefined {
  // Every reader stops at a redirect before reading any header.
  const statusFirst = reader === 'firefox' || reader === 'webkit' || isRedirectStatus(response.status)
  const first = statusFirst ? statusFailure(response, context) : corsFailure(reader, response, context)
  const second = statusFirst ? corsFailure(reader, response, context) : statusFailure(response, context)
  return (
    first ?? second ?? methodFailure(request, response, context) ?? headerFailure(reader, request, response, context)
  )
}

/** True when Firefox covers Authorization with '*' and warns that it will stop doing so. */
export function authorizationWarning(request: Prepared, response: WireResponse, credentials: boolean): boolean {
  const listed = tokenList(response.headers, 'access-control-allow-headers')
  if (listed === null || listed === 'failure' || credentials) return false
  const names = listed.map((name) => name.toLowerCase())
  const asked = unsafeHeaders(request.headers).some(({ name }) => name === 'authorization')
  return asked && names.includes('*') && !names.includes('authorization')
}
