// A request's way through the engine, one Fetch Standard step at a time: no Origin means not
// CORS; the origin's verdict; for a preflight, the method, headers and private-network checks;
// then the headers of the answer. The common allowed and refused paths return precomputed or
// cached decisions: no allocation.
import { parsedHeaderList, rememberAccepted } from './header-list.js'
import { actualHeaders, preflightHeaders } from './cors-headers.js'
import { decision, reasonOf, type Failure } from './decision.js'
import { checkSourceOf, refuseOptionsBesideSource } from './check-source.js'
import { compileOptions } from './options.js'
import { MAX_ORIGIN_LENGTH } from './origin-syntax.js'
import { originVerdict, type Verdict } from './origin-verdict.js'
import { planPolicy, type PolicyContext, type PolicyPlan } from './plan.js'
import { headersFailure, methodFailure, privateNetworkFailure } from './preflight-checks.js'
import { isPreflight, isPromiseLike } from './request.js'
import { observed } from './observe.js'
import { reject } from './rejection.js'
import { asCandidate } from './reporting-options.js'
import type { ContextArgument, CorsDecision, CorsOptions, CorsRequest } from './types.js'

export type { PolicyContext } from './plan.js'

/** A compiled check as the adapters call it: `context` is what an origin predicate receives. */
export type Check = (request: CorsRequest, context?: unknown) => CorsDecision | Promise<CorsDecision>

/** A compiled CORS policy. Create it once with `createCors` and call `check()` per request. */
export class CorsPolicy<Context = CorsRequest> {
  /**
   * Decides a request. Synchronous, unless an origin predicate returned a Promise: then the
   * decision comes as a Promise. A predicate that throws or rejects makes `check` throw or reject.
   * `context` is passed to an origin predicate as its second argument (default: `request`).
   */
  readonly check: (request: CorsRequest, ...context: ContextArgument<Context>) => CorsDecision | Promise<CorsDecision>

  /** Validates and compiles `options`; throws {@link CorsConfigError} listing every problem. Prefer `createCors`. */
  constructor(options?: CorsOptions<Context>) {
    this.check = compileCheck(options)
  }
}

const FIXED_OPTIONS: PolicyContext = { optionsVaryByRequest: false }

/** Validates and compiles `options` into a `check` function; throws CorsConfigError. */
export function compileCheck<Context>(
  options: CorsOptions<Context> | undefined,
  context: PolicyContext = FIXED_OPTIONS,
): Check {
  // A reloadable policy compiles its options itself, and again whenever they are replaced.
  const source = checkSourceOf(options)
  if (source !== undefined) {
    refuseOptionsBesideSource(options as object)
    return source.checkFor(context)
  }
  const config = compileOptions(options)
  const enforced = checkOf(planPolicy(config, context))
  const { metrics, candidate } = config.reporting
  if (metrics === undefined && candidate === undefined) return enforced
  // Metrics and a candidate watch from outside: a policy without them runs exactly as before.
  const trial = candidate === undefined ? undefined : checkOf(planPolicy(asCandidate(candidate), context))
  return observed(enforced, trial, config.reporting)
}

function checkOf(plan: PolicyPlan): Check {
  return (request, predicateContext = request) => check(plan, request, predicateContext)
}

function check(plan: PolicyPlan, request: CorsRequest, context: unknown): CorsDecision | Promise<CorsDecision> {
  if (plan.config.origin.kind === 'off') return plan.outcomes.disabled
  const origin = request.origin
  if (origin === undefined || origin === null) return plan.outcomes.notCors
  // A fixed allow-list answers an origin the same way every time, so an actual request from an
  // origin already allowed skips the matching: one Map lookup on the hot path.
  if (request.method !== 'OPTIONS' && origin.length <= MAX_ORIGIN_LENGTH) {
    const known = rememberedActual(plan, origin)
    if (known !== undefined) return known
  }
  const verdict = originVerdict(plan.config.origin, origin, context)
  if (!isPromiseLike<Verdict>(verdict)) return decide(plan, request, origin, verdict)
  return verdict.then((settled) => decide(plan, request, origin, settled))
}

/**
 * The decision remembered for an actual request from `origin`, when it cannot have changed: the
 * origin list's, or an origin lookup's for an origin it still knows to be allowed (remembered
 * when it was first allowed, after its syntax was checked).
 */
function rememberedActual(plan: PolicyPlan, origin: string): CorsDecision | undefined {
  if (plan.staticOrigins) return plan.actualByOrigin.get(origin)
  const slot = plan.knownAnswer?.(origin)
  if (slot === undefined || !slot.allowed) return undefined
  if (slot.owner === plan) return slot.decision
  // Kept in the answer itself, so the next request costs one Map lookup, as a listed origin does.
  const known = plan.actualByOrigin.get(origin)
  if (known !== undefined) {
    slot.owner = plan
    slot.decision = known
  }
  return known
}

function decide(plan: PolicyPlan, request: CorsRequest, origin: string, verdict: Verdict): CorsDecision {
  const kind = isPreflight(request) ? 'preflight' : 'actual'
  if (verdict !== 'allowed') return refuseOrigin(plan, request, origin, kind, verdict)
  if (kind === 'preflight') return decidePreflight(plan, request, origin)
  if (plan.anyOrigin) return plan.outcomes.anyOriginActual
  // check() has just missed a static list's cache (an OPTIONS request skips it: rare, built anew);
  // a predicate's allowed origin may be cached from an earlier request.
  const known = plan.staticOrigins ? undefined : plan.actualByOrigin.get(origin)
  return known ?? plan.actualByOrigin.set(origin, allowedActual(plan, origin))
}

function refuseOrigin(
  plan: PolicyPlan,
  request: CorsRequest,
  origin: string,
  kind: 'preflight' | 'actual',
  verdict: 'refused' | 'malformed',
): CorsDecision {
  const outcomes = verdict === 'refused' ? plan.outcomes.originRefused : plan.outcomes.originMalformed
  const refused = outcomes[kind]
  // Remembered like an allowed origin, so a refused origin seen before costs one lookup too;
  // not when onReject must hear of every refusal, nor for a predicate, which may change its mind.
  // A noted refusal (debug, a candidate's) depends on the origin alone too: it is remembered as noted.
  const remember = kind === 'actual' && plan.staticOrigins && plan.config.onReject === undefined
  const answer = reject(plan.config, refused, verdict === 'refused' ? 'origin' : 'origin-syntax', { request, origin })
  if (remember && origin.length <= MAX_ORIGIN_LENGTH) plan.actualByOrigin.set(origin, answer)
  return answer
}

function allowedActual(plan: PolicyPlan, origin: string): CorsDecision {
  return decision({ kind: 'actual', headers: actualHeaders(plan.config, origin), vary: plan.actualVary })
}

function decidePreflight(plan: PolicyPlan, request: CorsRequest, origin: string): CorsDecision {
  const { config } = plan
  const requestMethod = request.requestMethod ?? ''
  const requestHeaders = request.requestHeaders ?? ''
  const privateNetworkRequested = request.requestPrivateNetwork === 'true'
  const requested = parsedHeaderList(plan.acceptedHeaderLists, requestHeaders)
  const method = methodFailure(config, requestMethod)
  const headers = headersFailure(config, requested)
  if (headers === undefined && requested !== undefined)
    rememberAccepted(plan.acceptedHeaderLists, requestHeaders, requested)
  const failure: Failure | undefined =
    method ?? headers?.failure ?? privateNetworkFailure(config, privateNetworkRequested)
  // The answer depends on the origin alone unless it repeats something the request asked for.
  const echoesRequest = (config.methods.any && config.credentials) || (plan.echoesHeaders && requestHeaders !== '')
  const cacheable = failure === undefined && !echoesRequest && !privateNetworkRequested
  // The answer depends on the origin only through Access-Control-Allow-Origin, so that value is the
  // cache key: under '*' one entry for every origin, and the Origin is never hashed.
  const allowOrigin = plan.anyOrigin ? '*' : origin
  const cached = cacheable ? plan.preflightByOrigin.get(allowOrigin) : undefined
  if (cached !== undefined) return cached
  const answerHeaders = preflightHeaders(config, {
    allowOrigin,
    requestMethod,
    requestedHeaders: requested ?? [],
    methodAllowed: method === undefined,
    headersAllowed: headers === undefined,
    allowed: failure === undefined,
    privateNetworkRequested,
  })
  const answer = preflightDecision(plan, answerHeaders, failure)
  if (failure !== undefined)
    return reject(config, answer, failure, { request, origin, refusedHeader: headers?.refusedHeader })
  return cacheable ? plan.preflightByOrigin.set(allowOrigin, answer) : answer
}

function preflightDecision(
  plan: PolicyPlan,
  headers: Record<string, string>,
  failure: Failure | undefined,
): CorsDecision {
  const reason = failure === undefined ? undefined : reasonOf(failure)
  return decision({ kind: 'preflight', headers, vary: plan.preflightVary, status: plan.preflightStatus, reason })
}
