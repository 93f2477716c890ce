// Classifies a request, evaluates it against the compiled options, and returns a frozen decision.
// The common allowed and rejected paths return precomputed or cached objects: no allocation.
import { BoundedCache } from './cache.js'
import * as H from './header-names.js'
import { compileOptions, type CompiledOptions } from './options.js'
import { scanOrigin } from './origin.js'
import { isPromiseLike } from './request.js'
import { HeaderNameSet, isToken, MAX_LIST_LENGTH, TokenList } from './tokens.js'
import type { CorsDecision, CorsOptions, CorsRequest, RejectReason, RequestKind } from './types.js'

const ALLOWED = 0
const REJECTED = 1
const MALFORMED = 2
type Verdict = typeof ALLOWED | typeof REJECTED | typeof MALFORMED

/** What failed, finer than the public reason: it picks the sentence given to onReject. */
type Failure = 'origin' | 'origin-syntax' | 'method' | 'method-syntax' | 'headers' | 'headers-syntax' | 'private-network'

const REASON_OF: Readonly<Record<Failure, RejectReason>> = {
  origin: 'origin',
  'origin-syntax': 'malformed',
  method: 'method',
  'method-syntax': 'malformed',
  headers: 'headers',
  'headers-syntax': 'malformed',
  'private-network': 'private-network',
}

/** Methods a browser never preflights for, so a preflight naming them needs no listing. */
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST'])
const DECISION_CACHE_SIZE = 1024
const HEADER_LIST_CACHE_SIZE = 256
const AUTHORIZATION = new HeaderNameSet(['authorization'])

function decision(kind: RequestKind, allowed: boolean, headers: Record<string, string>, vary: string | undefined, status?: number, reason?: RejectReason): CorsDecision {
  return Object.freeze({ kind, allowed, headers: Object.freeze(headers), vary, status, reason })
}

/** A compiled CORS policy. Create it once with `createCors` and call `check()` per request. */
export class CorsPolicy {
  private readonly config: CompiledOptions
  private readonly requestHeaderList = new TokenList()
  private readonly actualVary: string | undefined
  private readonly preflightVary: string
  private readonly preflightStatus: number | undefined
  // Precomputed outcomes that do not depend on the request's values.
  private readonly disabled: CorsDecision
  private readonly nonCors: CorsDecision
  private readonly anyOriginActual: CorsDecision
  private readonly actualRejectedOrigin: CorsDecision
  private readonly actualMalformedOrigin: CorsDecision
  private readonly preflightRejectedOrigin: CorsDecision
  private readonly preflightMalformedOrigin: CorsDecision
  // Allowed outcomes that echo the origin, one per origin seen.
  private readonly actualByOrigin: BoundedCache<CorsDecision>
  private readonly preflightByOrigin: BoundedCache<CorsDecision>
  /** True when whether an origin is allowed depends on the origin alone (no predicate). */
  private readonly staticOrigins: boolean
  /** Access-Control-Request-Headers values accepted before; only when nothing reads the parsed list later (never echoed). */
  private readonly acceptedHeaderLists: BoundedCache<true> | undefined

  /** Validates and compiles `options`; throws {@link CorsConfigError} listing every problem. Prefer `createCors`. */
  constructor(options?: CorsOptions) {
    const config = (this.config = compileOptions(options))
    // Room for every listed origin on top of the bound: a long allow-list served in turn keeps hitting.
    const cacheSize = DECISION_CACHE_SIZE + (config.origin.kind === 'list' ? config.origin.list.exact.size : 0)
    this.actualByOrigin = new BoundedCache<CorsDecision>(cacheSize)
    this.preflightByOrigin = new BoundedCache<CorsDecision>(cacheSize)
    this.staticOrigins = config.origin.kind === 'list' || config.origin.kind === 'echo-any'
    const echoesHeaders = config.allowedHeaders.mode === 'reflect' || (config.allowedHeaders.mode === 'any' && config.credentials)
    this.acceptedHeaderLists = echoesHeaders ? undefined : new BoundedCache<true>(HEADER_LIST_CACHE_SIZE)
    const originVaries = config.origin.kind !== 'any' && config.origin.kind !== 'off'
    this.actualVary = originVaries ? H.VARY_ORIGIN : undefined
    // A preflight's answer always depends on what it asks for: the headers that hold change.
    this.preflightVary = originVaries ? `${H.VARY_ORIGIN}, ${H.VARY_PREFLIGHT}` : H.VARY_PREFLIGHT
    this.preflightStatus = config.preflightContinue ? undefined : config.optionsSuccessStatus
    this.disabled = decision('none', true, {}, undefined)
    this.anyOriginActual = decision('actual', true, this.actualHeaders('*'), undefined)
    // With '*', every response carries the same headers, so a shared cache can serve any of them to anyone.
    this.nonCors = config.origin.kind === 'any' ? decision('none', true, this.actualHeaders('*'), undefined) : decision('none', true, {}, this.actualVary)
    this.actualRejectedOrigin = decision('actual', false, {}, this.actualVary, undefined, 'origin')
    this.actualMalformedOrigin = decision('actual', false, {}, this.actualVary, undefined, 'malformed')
    this.preflightRejectedOrigin = decision('preflight', false, {}, this.preflightVary, this.preflightStatus, 'origin')
    this.preflightMalformedOrigin = decision('preflight', false, {}, this.preflightVary, this.preflightStatus, 'malformed')
  }

  /**
   * Decides a request. Synchronous, unless an origin predicate returned a Promise: then the
   * decision comes as a Promise. A predicate that throws or rejects makes `check` throw or reject.
   */
  check(request: CorsRequest): CorsDecision | Promise<CorsDecision> {
    if (this.config.origin.kind === 'off') return this.disabled
    const origin = request.origin
    if (origin === undefined || origin === null) return this.nonCors
    // A fixed allow-list answers an origin the same way every time, so an actual request from an
    // origin already allowed skips the matching: one Map lookup on the hot path.
    if (this.staticOrigins && request.method !== 'OPTIONS') {
      const known = this.actualByOrigin.get(origin)
      if (known !== undefined) return known
    }
    const verdict = this.judgeOrigin(origin, request)
    if (typeof verdict === 'number') return this.decide(request, origin, verdict)
    return verdict.then((allowed) => this.decide(request, origin, allowed ? ALLOWED : REJECTED))
  }

  private judgeOrigin(origin: string, request: CorsRequest): Verdict | Promise<boolean> {
    const mode = this.config.origin
    switch (mode.kind) {
      case 'any':
        return ALLOWED // nothing is echoed, so the Origin's value never matters
      case 'list':
        if (mode.list.exact.has(origin)) return ALLOWED // listed origins were validated at compile time
        if (origin === 'null') return REJECTED
        {
          const shape = scanOrigin(origin)
          if (shape === -1) return MALFORMED
          return mode.list.matchesBeyondExact(origin, shape) ? ALLOWED : REJECTED
        }
      default: {
        if (origin === 'null') return REJECTED // 'null' is allowed only when listed
        if (scanOrigin(origin) === -1) return MALFORMED
        if (mode.kind === 'echo-any') return ALLOWED
        if (mode.kind !== 'predicate') return REJECTED
        const answer: unknown = mode.predicate(origin, request)
        if (isPromiseLike(answer)) return Promise.resolve(answer).then((value) => value === true)
        return answer === true ? ALLOWED : REJECTED
      }
    }
  }

  private decide(request: CorsRequest, origin: string, verdict: Verdict): CorsDecision {
    const preflight = request.method === 'OPTIONS' && request.requestMethod !== undefined && request.requestMethod !== null
    if (preflight) {
      if (verdict === ALLOWED) return this.decidePreflight(request, origin)
      return verdict === MALFORMED
        ? this.reject(this.preflightMalformedOrigin, 'origin-syntax', request, origin)
        : this.reject(this.preflightRejectedOrigin, 'origin', request, origin)
    }
    if (verdict === ALLOWED) return this.config.origin.kind === 'any' ? this.anyOriginActual : this.echoedActual(origin)
    return verdict === MALFORMED
      ? this.reject(this.actualMalformedOrigin, 'origin-syntax', request, origin)
      : this.reject(this.actualRejectedOrigin, 'origin', request, origin)
  }

  private actualHeaders(allowOrigin: string): Record<string, string> {
    const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: allowOrigin }
    if (this.config.credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
    if (this.config.exposedHeaders !== undefined) headers[H.EXPOSE_HEADERS] = this.config.exposedHeaders
    return headers
  }

  private echoedActual(origin: string): CorsDecision {
    return this.actualByOrigin.get(origin) ?? this.actualByOrigin.set(origin, decision('actual', true, this.actualHeaders(origin), this.actualVary))
  }

  private decidePreflight(request: CorsRequest, origin: string): CorsDecision {
    const config = this.config
    const requestMethod = request.requestMethod as string
    const methodFailure = this.methodFailure(requestMethod)
    const requestHeaders = request.requestHeaders ?? ''
    const headersFailure = this.headersFailure(requestHeaders)
    const privateNetworkRequested = request.requestPrivateNetwork === 'true'
    const failure = methodFailure ?? headersFailure ?? (privateNetworkRequested && !config.privateNetwork ? 'private-network' : undefined)
    const echoesRequest = (config.methods.any && config.credentials) || this.allowHeadersEchoes(requestHeaders)
    if (failure === undefined && !echoesRequest && !privateNetworkRequested) {
      // The answer depends on the origin alone: one frozen decision per origin.
      const cached = this.preflightByOrigin.get(origin)
      if (cached !== undefined) return cached
    }
    const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: config.origin.kind === 'any' ? '*' : origin }
    if (config.credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
    // A refused preflight keeps the headers that hold, so the browser's console names the part that failed.
    const allowMethods = methodFailure === undefined ? (config.methods.any ? (config.credentials ? requestMethod : '*') : config.methods.value) : ''
    // `methods: []` allows only the safelisted methods: send no header rather than an empty one.
    if (allowMethods !== '') headers[H.ALLOW_METHODS] = allowMethods
    const allowHeaders = headersFailure === undefined ? this.allowHeadersValue(requestHeaders) : undefined
    if (allowHeaders !== undefined) headers[H.ALLOW_HEADERS] = allowHeaders
    if (failure !== undefined) {
      const refused = decision('preflight', false, headers, this.preflightVary, this.preflightStatus, REASON_OF[failure])
      return this.reject(refused, failure, request, origin)
    }
    if (privateNetworkRequested) headers[H.ALLOW_PRIVATE_NETWORK] = 'true'
    if (config.maxAge !== undefined) headers[H.MAX_AGE] = config.maxAge
    const allowed = decision('preflight', true, headers, this.preflightVary, this.preflightStatus)
    return echoesRequest || privateNetworkRequested ? allowed : this.preflightByOrigin.set(origin, allowed)
  }

  private methodFailure(requestMethod: string): Failure | undefined {
    if (!isToken(requestMethod)) return 'method-syntax'
    const methods = this.config.methods
    // Methods are compared byte for byte: browsers send `patch` as written.
    if (methods.any || methods.allowed.has(requestMethod) || SAFELISTED_METHODS.has(requestMethod)) return undefined
    return 'method'
  }

  /** Parses Access-Control-Request-Headers once and checks every name against allowedHeaders. */
  private headersFailure(requestHeaders: string): Failure | undefined {
    const accepted = this.acceptedHeaderLists
    // Browsers send the same few lists again and again: a list accepted before skips the parse.
    // The length test first, so an oversized value is refused before it is hashed.
    if (accepted !== undefined && requestHeaders.length <= MAX_LIST_LENGTH && accepted.get(requestHeaders) === true) return undefined
    if (!this.requestHeaderList.scan(requestHeaders)) return 'headers-syntax'
    if (this.firstRefusedHeader(requestHeaders) !== -1) return 'headers'
    accepted?.set(requestHeaders, true)
    return undefined
  }

  /** Index in the parsed list of the first header allowedHeaders refuses, or -1. */
  private firstRefusedHeader(requestHeaders: string): number {
    const allowed = this.config.allowedHeaders
    if (allowed.mode === 'reflect') return -1
    const list = this.requestHeaderList
    for (let k = 0; k < list.count; k++) {
      const start = list.starts[k]!
      const end = list.ends[k]!
      const refused = allowed.mode === 'list' ? !allowed.names.hasSlice(requestHeaders, start, end) : !allowed.authorization && AUTHORIZATION.hasSlice(requestHeaders, start, end)
      if (refused) return k
    }
    return -1
  }

  /** True when Access-Control-Allow-Headers repeats the request's list (reflect, or '*' with credentials). */
  private allowHeadersEchoes(requestHeaders: string): boolean {
    const allowed = this.config.allowedHeaders
    return requestHeaders !== '' && (allowed.mode === 'reflect' || (allowed.mode === 'any' && this.config.credentials))
  }

  /** Call right after headersFailure(requestHeaders) passed: it reads the list that call parsed. */
  private allowHeadersValue(requestHeaders: string): string | undefined {
    const list = this.requestHeaderList
    if (this.allowHeadersEchoes(requestHeaders)) return list.count === 0 ? undefined : list.lowercased(requestHeaders)
    const allowed = this.config.allowedHeaders
    // `allowedHeaders: []` allows none: send no header rather than an empty one.
    return (allowed.mode === 'list' && allowed.value !== '') || (allowed.mode === 'any' && !this.config.credentials) ? allowed.value : undefined
  }

  private reject(refused: CorsDecision, failure: Failure, request: CorsRequest, origin: string): CorsDecision {
    const onReject = this.config.onReject
    if (onReject !== undefined) {
      onReject({ reason: REASON_OF[failure], kind: refused.kind === 'preflight' ? 'preflight' : 'actual', origin, detail: this.describe(failure, request, origin), request })
    }
    return refused
  }

  private describe(failure: Failure, request: CorsRequest, origin: string): string {
    const config = this.config
    switch (failure) {
      case 'origin':
        return origin === 'null' ? `origin "null" is not allowed (list 'null' to allow sandboxed documents)` : `origin ${quote(origin)} is not allowed`
      case 'origin-syntax':
        return `Origin ${quote(origin)} is not a serialized origin (scheme://host[:port])`
      case 'method':
        return `method ${quote(request.requestMethod ?? '')} is not in methods (${config.methods.value})`
      case 'method-syntax':
        return `Access-Control-Request-Method ${quote(request.requestMethod ?? '')} is not a method token`
      case 'headers':
        return `header ${quote(this.refusedHeaderName(request.requestHeaders ?? ''))} is not allowed${config.allowedHeaders.mode === 'any' ? " (Authorization must be listed beside '*')" : ''}`
      case 'headers-syntax':
        return `Access-Control-Request-Headers ${quote(request.requestHeaders ?? '')} is not a list of at most 128 header names in 4096 characters`
      case 'private-network':
        return 'Private Network Access was requested but the privateNetwork option is off'
    }
  }

  private refusedHeaderName(requestHeaders: string): string {
    this.requestHeaderList.scan(requestHeaders)
    return this.requestHeaderList.itemAt(requestHeaders, this.firstRefusedHeader(requestHeaders))
  }
}

/** JSON-quotes a request value for a log line, cut to 200 characters: no raw CR/LF reaches logs. */
function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)
}
