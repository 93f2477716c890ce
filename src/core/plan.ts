// Everything a policy decides with, computed once from the compiled options: the origin mode,
// the values sent back, the precomputed outcomes and the bounded caches.
import { BoundedCache } from './cache.js'
import { decision } from './decision.js'
import { actualHeaders } from './cors-headers.js'
import * as H from './header-names.js'
import { knownAnswerOf, type KnownAnswer } from './known-answer.js'
import type { CompiledOptions } from './options.js'
import type { CorsDecision } from './types.js'
import { mergeVary } from './vary.js'

const DECISION_CACHE_SIZE = 1024
const HEADER_LIST_CACHE_SIZE = 256

/** How a policy's answer depends on the request beyond what its options say. */
export interface PolicyContext {
  /**
   * The options themselves were chosen per request (a `(req, cb)` options function): every
   * response varies on Origin, even under `'*'` or with CORS off.
   */
  readonly optionsVaryByRequest: boolean
}

/** The answers that do not depend on the request's values, built once. */
export interface Outcomes {
  /** CORS is off: nothing to add. */
  readonly disabled: CorsDecision
  /** No Origin: not a CORS request. */
  readonly notCors: CorsDecision
  /** An actual request under `origin: '*'`. */
  readonly anyOriginActual: CorsDecision
  /** A refused or malformed origin gets no CORS header at all. */
  readonly originRefused: { readonly actual: CorsDecision; readonly preflight: CorsDecision }
  readonly originMalformed: { readonly actual: CorsDecision; readonly preflight: CorsDecision }
}

export interface PolicyPlan {
  readonly config: CompiledOptions
  /** `origin: '*'`: the Origin's value is never read. */
  readonly anyOrigin: boolean
  /** Whether an origin is allowed depends on the origin alone (a list, or `true`): no predicate. */
  readonly staticOrigins: boolean
  /** An origin lookup's cached answers, read before the predicate is called (see known-answer.ts). */
  readonly knownAnswer: KnownAnswer | undefined
  /** Access-Control-Allow-Headers repeats the request's list (reflect, or '*' with credentials). */
  readonly echoesHeaders: boolean
  readonly actualVary: string | undefined
  /** A preflight's answer always depends on what it asks for. */
  readonly preflightVary: string
  /** Undefined with preflightContinue: the application answers. */
  readonly preflightStatus: number | undefined
  readonly outcomes: Outcomes
  /**
   * Actual-request outcomes by origin: allowed ones, which echo it, and with a fixed allow-list
   * and no onReject, refused ones too.
   */
  readonly actualByOrigin: BoundedCache<CorsDecision>
  /** Allowed preflight outcomes that depend on the origin alone. */
  readonly preflightByOrigin: BoundedCache<CorsDecision>
  /** Access-Control-Request-Headers values accepted before; only when the list is never echoed. */
  readonly acceptedHeaderLists: BoundedCache<true> | undefined
}

export function planPolicy(config: CompiledOptions, context: PolicyContext): PolicyPlan {
  const { origin: mode, credentials, allowedHeaders } = config
  const anyOrigin = mode.kind === 'any'
  const originFixed = (anyOrigin || mode.kind === 'off') && !context.optionsVaryByRequest
  // The `vary` names go wherever Origin does: the answer depends on them the way it does on Origin.
  const actualVary = originFixed ? undefined : varyWith(H.VARY_ORIGIN, config.vary)
  const preflightVary = actualVary === undefined ? H.VARY_PREFLIGHT : varyWith(actualVary, H.VARY_PREFLIGHT)
  const preflightStatus = config.preflightContinue ? undefined : config.optionsSuccessStatus
  const echoesHeaders = allowedHeaders.mode === 'reflect' || (allowedHeaders.mode === 'any' && credentials)
  // Room for every listed origin on top of the bound: a long allow-list served in turn keeps hitting.
  const cacheSize = DECISION_CACHE_SIZE + (mode.kind === 'list' ? mode.list.exact.size : 0)
  return {
    config,
    anyOrigin,
    staticOrigins: mode.kind === 'list' || mode.kind === 'echo-any',
    knownAnswer: mode.kind === 'predicate' ? knownAnswerOf(mode.predicate) : undefined,
    echoesHeaders,
    actualVary,
    preflightVary,
    preflightStatus,
    outcomes: precomputedOutcomes(config, actualVary, preflightVary, preflightStatus),
    actualByOrigin: new BoundedCache(cacheSize),
    preflightByOrigin: new BoundedCache(cacheSize),
    acceptedHeaderLists: echoesHeaders ? undefined : new BoundedCache(HEADER_LIST_CACHE_SIZE),
  }
}

/** `base` with the tokens of `more` it lacks appended: `vary: ['origin']` adds nothing. */
function varyWith(base: string, more: string | undefined): string {
  return mergeVary(base, more) ?? base
}

function precomputedOutcomes(
  config: CompiledOptions,
  actualVary: string | undefined,
  preflightVary: string,
  preflightStatus: number | undefined,
): Outcomes {
  const anyOrigin = config.origin.kind === 'any'
  const refused = (reason: 'origin' | 'malformed') => ({
    actual: decision({ kind: 'actual', headers: {}, vary: actualVary, reason }),
    preflight: decision({ kind: 'preflight', headers: {}, vary: preflightVary, status: preflightStatus, reason }),
  })
  return {
    disabled: decision({ kind: 'none', headers: {}, vary: actualVary }),
    // With '*', every response carries the same headers: a shared cache may serve any of them to anyone.
    notCors: decision({ kind: 'none', headers: anyOrigin ? actualHeaders(config, '*') : {}, vary: actualVary }),
    anyOriginActual: decision({ kind: 'actual', headers: actualHeaders(config, '*'), vary: actualVary }),
    originRefused: refused('origin'),
    originMalformed: refused('malformed'),
  }
}
