// The origin check of a WebSocket upgrade, shared by the Node, ws and Fetch guards. The origin
// option is compiled by the engine as for a credentialed CORS request, because a browser sends
// cookies with every handshake: no `'*'`, no `true`, no `'null'`. A request with no Origin is not
// from a browser, so it cannot carry a victim's cookies; `requireOrigin` refuses it anyway.
import { CorsConfigError, invalidType, problem, type CorsConfigProblem } from './core/errors.js'
import { OPTION_NAMES } from './core/option-names.js'
import { ownValue } from './core/own.js'
import { compileCheck } from './core/policy.js'
import { quote } from './core/rejection.js'
import { ignoreRejection, isPromiseLike } from './core/request.js'
import type { CorsDecision, OriginOption, OriginPredicate, SyncOriginPredicate } from './core/types.js'

/** Why an upgrade was refused: the Origin is not allowed, is not an origin, or is missing. */
export type UpgradeRejectReason = 'origin' | 'malformed' | 'missing-origin'

/** Passed to `onReject` for every refused upgrade. */
export interface UpgradeRejectEvent<Req = unknown> {
  /** `origin`, `malformed`, or `missing-origin` (with `requireOrigin`). */
  readonly reason: UpgradeRejectReason
  /** The Origin header as received; undefined when there was none. */
  readonly origin: string | undefined
  /** A sentence for logs, e.g. `origin "https://evil.example" is not allowed`; values JSON-quoted. */
  readonly detail: string
  /** The upgrade request: Node's `IncomingMessage` (ws: `info.req`) or the Fetch `Request`. */
  readonly request: Req
}

/**
 * Options of the upgrade guards. `Req` is the request an origin predicate and `onReject` receive.
 */
export interface UpgradeOptions<Req = unknown> {
  /**
   * The origins whose pages may open a WebSocket: as corsica's `origin` option (origins, `*.`
   * and `:*` patterns, anchored RegExps, a list, or a predicate `(origin, request) => boolean |
   * Promise<boolean>`). Required. `'*'`, `true` and `false` are refused: they would let any site in.
   */
  origin: Exclude<OriginOption<Req>, boolean>
  /** Refuse upgrades without an Origin header (clients that are not browsers). Default `false`. */
  requireOrigin?: boolean | undefined
  /** Called for every refused upgrade; for logs and metrics. */
  onReject?: ((event: UpgradeRejectEvent<Req>) => void) | undefined
}

/** Upgrade options whose origin check is synchronous, so the guards answer directly. */
export interface SyncUpgradeOptions<Req = unknown> extends UpgradeOptions<Req> {
  origin: Exclude<OriginOption<Req>, boolean | OriginPredicate<Req>> | SyncOriginPredicate<Req>
}

export type UpgradeVerdict = 'allowed' | UpgradeRejectReason

/** Decides an upgrade from its Origin header; a Promise only when the predicate returned one. */
export type DecideUpgrade = (origin: string | undefined, request: unknown) => UpgradeVerdict | Promise<UpgradeVerdict>

const UPGRADE_OPTIONS = ['origin', 'requireOrigin', 'onReject']
const ANY_SITE = "would let a page on any site open a WebSocket with your users' cookies"
/** How each any-origin value is named in its problem; a `['*']` list reads as `'*'`. */
const ANY_ORIGIN_NAMES = new Map<unknown, string>([
  [undefined, 'origin is required: unset'],
  [true, 'true'],
])
const FIX = "list the origins of your pages (e.g. ['https://app.example.com']) or use a predicate"

/** Validates the options (throws CorsConfigError listing every problem) and compiles them. */
export function compileUpgrade(options: UpgradeOptions<never>): DecideUpgrade {
  const problems: CorsConfigProblem[] = []
  const input = optionsRecord(options, problems)
  const origin = ownValue(input, 'origin')
  const requireOrigin = ownValue(input, 'requireOrigin')
  const onReject = ownValue(input, 'onReject')
  if (requireOrigin !== undefined && typeof requireOrigin !== 'boolean')
    problems.push(invalidType('requireOrigin', 'true or false', requireOrigin))
  if (onReject !== undefined && typeof onReject !== 'function')
    problems.push(invalidType('onReject', 'a function', onReject))
  const check = compileOrigin(origin, problems)
  if (problems.length > 0 || check === undefined) throw new CorsConfigError(problems)
  const report = typeof onReject === 'function' ? (onReject as (event: UpgradeRejectEvent) => void) : undefined
  return (header, request) => {
    if (header === undefined)
      return requireOrigin === true ? refuse('missing-origin', header, request, report) : 'allowed'
    const decision = check({ method: 'GET', origin: header }, request)
    if (!isPromiseLike<CorsDecision>(decision)) return verdictOf(decision, header, request, report)
    return decision.then((settled) => verdictOf(settled, header, request, report))
  }
}

function optionsRecord(options: unknown, problems: CorsConfigProblem[]): Readonly<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    problems.push(invalidType('(options)', 'an object with origin', options))
    return {}
  }
  for (const name of Object.keys(options)) {
    if (!UPGRADE_OPTIONS.includes(name)) problems.push(unknownOption(name))
  }
  return options as Readonly<Record<string, unknown>>
}

function unknownOption(name: string): CorsConfigProblem {
  const known = `pass only ${UPGRADE_OPTIONS.join(', ')}`
  // The usual slip: the CORS options object reused as it is, e.g. `upgradeGuard(corsOptions)`.
  if (OPTION_NAMES.includes(name))
    return problem('unknown-option', name, `"${name}" is a CORS option, and an upgrade has no CORS headers; ${known}`)
  return problem('unknown-option', name, `"${name}" is not an upgrade guard option; ${known}`)
}

/** The engine's check for `origin`, compiled as credentialed; undefined when it has problems. */
function compileOrigin(origin: unknown, problems: CorsConfigProblem[]): ReturnType<typeof compileCheck> | undefined {
  if (origin === false) {
    problems.push(problem('upgrade-any-origin', 'origin', `false turns the check off and ${ANY_SITE}; ${FIX}`))
    return undefined
  }
  try {
    return compileCheck({ origin: origin as OriginOption, credentials: true })
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error
    problems.push(...error.problems.map((found) => upgradeProblem(found, origin)))
    return undefined
  }
}

/** The engine's credentialed problems, reworded for an upgrade: the user set no credentials. */
function upgradeProblem(found: CorsConfigProblem, origin: unknown): CorsConfigProblem {
  if (found.code === 'credentials-with-any-origin') {
    const what = ANY_ORIGIN_NAMES.get(origin) ?? "'*'"
    const tokens = 'a socket that authenticates by token, not cookies, needs no origin guard'
    return problem('upgrade-any-origin', 'origin', `${what} ${ANY_SITE}; ${FIX} (${tokens})`)
  }
  if (found.code === 'null-origin-with-credentials') {
    const why = "'null' is the origin of any sandboxed iframe or data: document, so any site can send it"
    return problem(found.code, found.path, `${why}, with your users' cookies; remove it`)
  }
  return found
}

function verdictOf(
  decision: CorsDecision,
  origin: string,
  request: unknown,
  report: ((event: UpgradeRejectEvent) => void) | undefined,
): UpgradeVerdict {
  if (decision.allowed) return 'allowed'
  return refuse(decision.reason === 'malformed' ? 'malformed' : 'origin', origin, request, report)
}

function refuse(
  reason: UpgradeRejectReason,
  origin: string | undefined,
  request: unknown,
  report: ((event: UpgradeRejectEvent) => void) | undefined,
): UpgradeRejectReason {
  try {
    ignoreRejection(report?.({ reason, origin, detail: detailOf(reason, origin ?? ''), request }))
  } catch {
    // A failing reporter (a logger down) must not turn a refusal into an uncaught exception.
  }
  return reason
}

function detailOf(reason: UpgradeRejectReason, origin: string): string {
  if (reason === 'missing-origin') return 'no Origin header, and requireOrigin is on'
  return reason === 'origin' ? `origin ${quote(origin)} is not allowed` : `Origin ${quote(origin)} is malformed`
}
