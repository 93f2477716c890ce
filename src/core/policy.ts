// Classifies a request, evaluates it against the compiled options, and returns a frozen decision.
// The common allowed and rejected paths return precomputed or cached objects: no allocation.
import { BoundedCache } from './cache.js'
import * as H from './header-names.js'
import { compileOptions, type CompiledOptions } from './options.js'
import { MAX_ORIGIN_LENGTH, scanOrigin } from './origin.js'
import { isPromiseLike } from './request.js'
import { isToken, MAX_LIST_LENGTH, MAX_METHOD_LENGTH, parseTokenList } from './tokens.js'
import type { CorsDecision, CorsOptions, CorsRequest, RejectReason, RequestKind } from './types.js'

const ALLOWED = 0
const REJECTED = 1
const MALFORMED = 2
type Verdict = typeof ALLOWED | typeof REJECTED | typeof MALFORMED

/** What failed, finer than the public reason (a `-syntax` failure is `malformed`): it picks the sentence given to onReject. */
type Failure = 'origin' | 'origin-syntax' | 'method' | 'method-syntax' | 'headers' | 'headers-syntax' | 'private-network'

/** Methods a browser never preflights for, so a preflight naming them needs no listing. */
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST'])
const DECISION_CACHE_SIZE = 1024
const HEADER_LIST_CACHE_SIZE = 256
/** Shared by every request whose header list was accepted before (never echoed, so never read). */
const NO_ITEMS: readonly string[] = []

function decision(kind: RequestKind, allowed: boolean, headers: Record<string, string>, vary: string | undefined, status?: number, reason?: RejectReason): CorsDecision {
  return Object.freeze({ kind, allowed, headers: Object.freeze(headers), vary, status, reason })
}

function reasonOf(failure: Failure): RejectReason {
  return failure.endsWith('-syntax') ? 'malformed' : (failure as RejectReason)
}

/** A compiled CORS policy. Create it once with `createCors` and call `check()` per request. */
export class CorsPolicy {
  /**
   * Decides a request. Synchronous, unless an origin predicate returned a Promise: then the
   * decision comes as a Promise. A predicate that throws or rejects makes `check` throw or reject.
   */
  readonly check: (request: CorsRequest) => CorsDecision | Promise<CorsDecision>

  /** Validates and compiles `options`; throws {@link CorsConfigError} listing every problem. Prefer `createCors`. */
  constructor(options?: CorsOptions) {
    this.check = compilePolicy(compileOptions(options))
  }
}

/** How a policy's answer depends on the request beyond what its options say. */
export interface PolicyContext {
  /**
   * The options themselves were chosen per request (a `(req, cb)` options function): every
   * response varies on Origin, even under `'*'` or with CORS off.
   */
  readonly optionsVaryByRequest: boolean
}

/** Validates and compiles `options` into a `check` function; throws CorsConfigError. */
export function compileCheck(options: CorsOptions | undefined, context: PolicyContext): CorsPolicy['check'] {
  return compilePolicy(compileOptions(options), context)
}

function compilePolicy(config: CompiledOptions, context: PolicyContext = { optionsVaryByRequest: false }): CorsPolicy['check'] {
  const { origin: mode, credentials, methods, allowedHeaders, onReject } = config
  const list = mode.kind === 'list' ? mode.list : undefined
  const anyOrigin = mode.kind === 'any'
  // Room for every listed origin on top of the bound: a long allow-list served in turn keeps hitting.
  const cacheSize = DECISION_CACHE_SIZE + (list?.exact.size ?? 0)
  // Allowed outcomes that echo the origin, one per origin seen.
  const actualByOrigin = new BoundedCache<CorsDecision>(cacheSize)
  const preflightByOrigin = new BoundedCache<CorsDecision>(cacheSize)
  /** True when whether an origin is allowed depends on the origin alone (no predicate). */
  const staticOrigins = list !== undefined || mode.kind === 'echo-any'
  /** True when Access-Control-Allow-Headers repeats the request's list (reflect, or '*' with credentials). */
  const echoesHeaders = allowedHeaders.mode === 'reflect' || (allowedHeaders.mode === 'any' && credentials)
  /** Access-Control-Request-Headers values accepted before; only when nothing reads the parsed list later (never echoed). */
  const acceptedHeaderLists = echoesHeaders ? undefined : new BoundedCache<true>(HEADER_LIST_CACHE_SIZE)
  const originFixed = (anyOrigin || mode.kind === 'off') && !context.optionsVaryByRequest
  const actualVary = originFixed ? undefined : H.VARY_ORIGIN
  // A preflight's answer always depends on what it asks for: the headers that hold change.
  const preflightVary = actualVary === undefined ? H.VARY_PREFLIGHT : `${actualVary}, ${H.VARY_PREFLIGHT}`
  const preflightStatus = config.preflightContinue ? undefined : config.optionsSuccessStatus

  const actualHeaders = (allowOrigin: string): Record<string, string> => {
    const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: allowOrigin }
    if (credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
    if (config.exposedHeaders !== undefined) headers[H.EXPOSE_HEADERS] = config.exposedHeaders
    return headers
  }
  const refusal = (kind: 'actual' | 'preflight', reason: RejectReason, headers: Record<string, string> = {}): CorsDecision =>
    kind === 'actual' ? decision(kind, false, headers, actualVary, undefined, reason) : decision(kind, false, headers, preflightVary, preflightStatus, reason)

  // Precomputed outcomes that do not depend on the request's values.
  const disabled = decision('none', true, {}, actualVary)
  const anyOriginActual = decision('actual', true, actualHeaders('*'), actualVary)
  // With '*', every response carries the same headers, so a shared cache can serve any of them to anyone.
  const nonCors = decision('none', true, anyOrigin ? actualHeaders('*') : {}, actualVary)
  // A refused origin gets no CORS header: [actual, preflight] × [not allowed, malformed].
  const originRefusals = (['actual', 'preflight'] as const).map((kind) => [refusal(kind, 'origin'), refusal(kind, 'malformed')] as const)

  function judgeOrigin(origin: string, request: CorsRequest): Verdict | Promise<boolean> {
    if (anyOrigin) return ALLOWED // nothing is echoed, so the Origin's value never matters
    if (origin.length > MAX_ORIGIN_LENGTH) return MALFORMED // before any lookup hashes it
    if (list?.exact.has(origin)) return ALLOWED // listed origins were validated at compile time
    if (origin === 'null') return REJECTED // 'null' is allowed only when listed
    const shape = scanOrigin(origin)
    if (shape === -1) return MALFORMED
    if (list !== undefined) return list.matchesBeyondExact(origin, shape) ? ALLOWED : REJECTED
    if (mode.kind !== 'predicate') return ALLOWED // echo-any
    const answer: unknown = mode.predicate(origin, request)
    if (isPromiseLike(answer)) return Promise.resolve(answer).then((value) => value === true)
    return answer === true ? ALLOWED : REJECTED
  }

  function decide(request: CorsRequest, origin: string, verdict: Verdict): CorsDecision {
    const preflight = request.method === 'OPTIONS' && request.requestMethod !== undefined && request.requestMethod !== null
    if (verdict !== ALLOWED) return reject(originRefusals[+preflight]![verdict - 1]!, verdict === MALFORMED ? 'origin-syntax' : 'origin', request, origin)
    if (preflight) return decidePreflight(request, origin)
    return anyOrigin ? anyOriginActual : (actualByOrigin.get(origin) ?? actualByOrigin.set(origin, decision('actual', true, actualHeaders(origin), actualVary)))
  }

  function decidePreflight(request: CorsRequest, origin: string): CorsDecision {
    const requestMethod = request.requestMethod as string
    const methodFailure = methodFailureOf(requestMethod)
    const requestHeaders = request.requestHeaders ?? ''
    // Browsers send the same few lists again and again: a list accepted before skips the parse.
    // The length test first, so an oversized value is refused before it is hashed.
    const known = acceptedHeaderLists !== undefined && requestHeaders.length <= MAX_LIST_LENGTH && acceptedHeaderLists.get(requestHeaders) === true
    const items = known ? NO_ITEMS : parseTokenList(requestHeaders)
    const refusedHeader = items?.find(isRefusedHeader)
    const headersFailure = items === undefined ? 'headers-syntax' : refusedHeader !== undefined ? 'headers' : undefined
    if (!known && headersFailure === undefined) acceptedHeaderLists?.set(requestHeaders, true)
    const privateNetworkRequested = request.requestPrivateNetwork === 'true'
    const failure = methodFailure ?? headersFailure ?? (privateNetworkRequested && !config.privateNetwork ? 'private-network' : undefined)
    const echoesRequest = (methods.any && credentials) || (echoesHeaders && requestHeaders !== '')
    const cacheable = failure === undefined && !echoesRequest && !privateNetworkRequested
    // The answer depends on the origin alone: one frozen decision per origin.
    const cached = cacheable ? preflightByOrigin.get(origin) : undefined
    if (cached !== undefined) return cached
    const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: anyOrigin ? '*' : origin }
    if (credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
    // A refused preflight keeps the headers that hold, so the browser's console names the part that failed.
    const allowMethods = methodFailure === undefined ? (methods.any ? (credentials ? requestMethod : '*') : methods.value) : ''
    // `methods: []` allows only the safelisted methods: send no header rather than an empty one.
    if (allowMethods !== '') headers[H.ALLOW_METHODS] = allowMethods
    // Echoed lowercased; otherwise the configured list ('*' without credentials). `allowedHeaders: []` allows none: ''.
    const allowHeaders = headersFailure !== undefined ? '' : echoesHeaders ? items!.join(',') : (allowedHeaders as { readonly value: string }).value
    if (allowHeaders !== '') headers[H.ALLOW_HEADERS] = allowHeaders
    if (failure !== undefined) return reject(refusal('preflight', reasonOf(failure), headers), failure, request, origin, refusedHeader)
    if (privateNetworkRequested) headers[H.ALLOW_PRIVATE_NETWORK] = 'true'
    if (config.maxAge !== undefined) headers[H.MAX_AGE] = config.maxAge
    const allowed = decision('preflight', true, headers, preflightVary, preflightStatus)
    return cacheable ? preflightByOrigin.set(origin, allowed) : allowed
  }

  function methodFailureOf(requestMethod: string): Failure | undefined {
    if (requestMethod.length > MAX_METHOD_LENGTH || !isToken(requestMethod)) return 'method-syntax'
    // Methods are compared byte for byte: browsers send `patch` as written.
    return methods.any || methods.allowed.has(requestMethod) || SAFELISTED_METHODS.has(requestMethod) ? undefined : 'method'
  }

  function isRefusedHeader(name: string): boolean {
    return allowedHeaders.mode === 'list' ? !allowedHeaders.names.has(name) : allowedHeaders.mode === 'any' && !allowedHeaders.authorization && name === 'authorization'
  }

  /** `refusedHeader`: the first requested header allowedHeaders refuses, for a `headers` failure. */
  function reject(refused: CorsDecision, failure: Failure, request: CorsRequest, origin: string, refusedHeader = ''): CorsDecision {
    onReject?.({ reason: reasonOf(failure), kind: refused.kind === 'preflight' ? 'preflight' : 'actual', origin, detail: describe(failure, request, origin, refusedHeader), request })
    return refused
  }

  function describe(failure: Failure, request: CorsRequest, origin: string, refusedHeader: string): string {
    const requestMethod = request.requestMethod ?? ''
    const requestHeaders = request.requestHeaders ?? ''
    switch (failure) {
      case 'origin':
        return `origin ${quote(origin)} is not allowed`
      case 'origin-syntax':
        return `Origin ${quote(origin)} is malformed`
      case 'method':
        return `method ${quote(requestMethod)} is not in methods (${methods.value})`
      case 'method-syntax':
        return `Access-Control-Request-Method ${quote(requestMethod)} is malformed`
      case 'headers':
        return `header ${quote(refusedHeader)} is not allowed${allowedHeaders.mode === 'any' ? " (Authorization must be listed beside '*')" : ''}`
      case 'headers-syntax':
        return `Access-Control-Request-Headers ${quote(requestHeaders)} is malformed or too long`
      default:
        return 'privateNetwork is off'
    }
  }

  return function check(request) {
    if (mode.kind === 'off') return disabled
    const origin = request.origin
    if (origin === undefined || origin === null) return nonCors
    // A fixed allow-list answers an origin the same way every time, so an actual request from an
    // origin already allowed skips the matching: one Map lookup on the hot path.
    if (staticOrigins && request.method !== 'OPTIONS' && origin.length <= MAX_ORIGIN_LENGTH) {
      const known = actualByOrigin.get(origin)
      if (known !== undefined) return known
    }
    const verdict = judgeOrigin(origin, request)
    if (typeof verdict === 'number') return decide(request, origin, verdict)
    return verdict.then((allowed) => decide(request, origin, allowed ? ALLOWED : REJECTED))
  }
}

/** JSON-quotes a request value for a log line, cut to 200 characters: no raw CR/LF reaches logs. */
function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
}
