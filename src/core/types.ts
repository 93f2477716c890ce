import type { CandidateDifference, CandidateOptions } from './candidate-types.js'
import type { CorsMetrics } from './metrics.js'

/** The four request values the engine reads, plus the method. Header values are as received. */
export interface CorsRequest {
  /** The request method, byte for byte (`OPTIONS`, `GET`, `patch`, …). */
  readonly method: string
  /**
   * The `Origin` header; `null`/`undefined` when absent. Several header lines arrive joined by
   * `, ` and are malformed.
   */
  readonly origin?: string | null | undefined
  /** The `Access-Control-Request-Method` header. */
  readonly requestMethod?: string | null | undefined
  /** The `Access-Control-Request-Headers` header; several lines may be joined by `,`. */
  readonly requestHeaders?: string | null | undefined
  /** The `Access-Control-Request-Private-Network` header. */
  readonly requestPrivateNetwork?: string | null | undefined
}

/**
 * Decides whether an origin may read responses. Called only with syntactically valid origins,
 * never with `null` (list `'null'` explicitly to allow it). Only `true` allows; a throw or a
 * rejection reaches the caller of `check()`. The second argument is what the caller of `check()`
 * passed as its context: each adapter passes its framework's own request (Node's
 * `IncomingMessage`, a Fetch `Request`, Koa's `ctx`, …); `check(request)` alone passes `request`.
 * A predicate that reads request headers other than Origin must name them in the `vary` option.
 */
export type OriginPredicate<Context = unknown> = (origin: string, context: Context) => boolean | Promise<boolean>

/** A synchronous origin predicate: keeps `check()` synchronous. */
export type SyncOriginPredicate<Context = unknown> = (origin: string, context: Context) => boolean

/** Which origins may read responses. See the README's option table. */
export type OriginOption<Context = unknown> =
  | '*'
  | boolean
  | string
  | RegExp
  | ReadonlyArray<string | RegExp>
  | OriginPredicate<Context>

/** Why a request was refused. */
export type RejectReason = 'origin' | 'method' | 'headers' | 'private-network' | 'malformed'

/** What the engine found: a preflight, an actual CORS request, or a request CORS has no part in. */
export type RequestKind = 'preflight' | 'actual' | 'none'

/** Passed to `onReject` for every refused request. */
export interface CorsRejectEvent {
  /** Why the request was refused: `origin`, `method`, `headers`, `private-network` or `malformed`. */
  readonly reason: RejectReason
  /** Whether a preflight or an actual request was refused. */
  readonly kind: 'preflight' | 'actual'
  /** The Origin header as received. */
  readonly origin: string
  /** A sentence for logs, e.g. `method "PATCH" is not in methods`. Request values are JSON-quoted. */
  readonly detail: string
  /** The request values the engine read. */
  readonly request: CorsRequest
}

/** A list option: an array of names, or one comma-separated string. */
export type ListOption = string | readonly string[]

/**
 * Options of `createCors`. Every name matches the `cors` package where `cors` has it. `Context`
 * is the second argument an origin predicate receives (see {@link OriginPredicate}).
 */
export interface CorsOptions<Context = unknown> {
  /**
   * Which origins may read responses.
   * - `'*'` (default): any origin, answered with `Access-Control-Allow-Origin: *`.
   * - `true`: any origin, echoed back (refused with `credentials: true`).
   * - `false`: CORS off: no CORS headers, preflights reach the application.
   * - a serialized origin (`'https://app.example.com'`), a pattern (`'https://*.example.com'`,
   *   `'http://localhost:*'`), `'null'`, an anchored RegExp, an array of those,
   *   or a predicate `(origin, context) => boolean | Promise<boolean>`.
   */
  origin?: OriginOption<Context> | undefined
  /** Send `Access-Control-Allow-Credentials: true` to allowed origins. Default `false`. */
  credentials?: boolean | undefined
  /**
   * Methods a preflight may ask for, compared case-sensitively. `'*'` allows any method
   * (echoed when `credentials` is on). Default `GET,HEAD,PUT,PATCH,POST,DELETE`.
   */
  methods?: ListOption | undefined
  /**
   * Request headers a preflight may ask for, compared case-insensitively. Unset: the requested
   * headers are reflected after validation. `'*'` allows any header but `Authorization`,
   * which must be listed beside it.
   */
  allowedHeaders?: ListOption | undefined
  /** Response headers scripts may read (`Access-Control-Expose-Headers`). `'*'` only without credentials. */
  exposedHeaders?: ListOption | undefined
  /** Seconds a browser may cache a preflight (`Access-Control-Max-Age`), 0..86400. Unset: not sent. */
  maxAge?: number | undefined
  /** Let preflights reach the application (with CORS headers set) instead of answering them. Default `false`. */
  preflightContinue?: boolean | undefined
  /** Status of answered preflights, 200..299. Default `204`. */
  optionsSuccessStatus?: number | undefined
  /** Answer Private Network Access preflights with `Access-Control-Allow-Private-Network: true`. Default `false`. */
  privateNetwork?: boolean | undefined
  /**
   * Send `Timing-Allow-Origin` on allowed actual responses, with the value of
   * `Access-Control-Allow-Origin` (the origin, or `*` under `origin: '*'`), so the page's
   * Resource Timing entries show the detailed timings and sizes. Default `false`.
   */
  timingAllowOrigin?: boolean | undefined
  /** Called for every refused request, with the reason; for logs and metrics. */
  onReject?: ((event: CorsRejectEvent) => void) | undefined
  /**
   * Request headers, besides Origin, that the answer depends on: the ones an origin predicate
   * (or a per-request options function) reads, e.g. `['X-Tenant']`. Added to `Vary` wherever the
   * answer depends on the request, so a shared cache keeps one copy per value. The URL, Host
   * included, is part of every cache key already: it needs no entry here.
   */
  vary?: ListOption | undefined
  /**
   * Report-only: a policy checked beside this one on every request, e.g. the allow-list meant to
   * replace `origin: '*'`. It never changes a response; each request it would answer otherwise
   * goes to `onCandidateDiffers` (and `metrics.candidateDiffers`). Needs one of the two.
   */
  candidate?: CandidateOptions<Context> | undefined
  /**
   * Called for each request the candidate would answer otherwise, and each one its check failed
   * on; after the response when the candidate's predicate is async. Its own throws are dropped.
   */
  onCandidateDiffers?: ((event: CandidateDifference) => void) | undefined
  /** Counters the engine increments (allowed, refused by reason, …): pass `corsMetrics()`. */
  metrics?: CorsMetrics | undefined
  /**
   * Development aid: refused responses carry `Corsica-Refusal` naming why (request values
   * quoted and escaped). Default `false`. Only this option switches it on, never a request.
   */
  debug?: boolean | undefined
}

/** The engine's answer. Frozen; shared between requests, never mutate it. */
export interface CorsDecision {
  /** `preflight`, `actual`, or `none` when the request has no `Origin` (or CORS is off). */
  readonly kind: RequestKind
  /** `false` only when corsica refused the request; `reason` then says why. */
  readonly allowed: boolean
  /** CORS response headers to set, lowercase names. `Vary` is separate: merge it. */
  readonly headers: Readonly<Record<string, string>>
  /** Tokens to merge into the response's `Vary`, e.g. `Origin`; undefined when nothing varies. */
  readonly vary: string | undefined
  /** Set when the preflight is to be answered now with this status (and no body). */
  readonly status: number | undefined
  /** Why corsica refused the request; undefined when it was allowed. */
  readonly reason: RejectReason | undefined
}

/** Options whose origin check is synchronous, so `check()` always returns a decision directly. */
export interface SyncCorsOptions<Context = unknown> extends CorsOptions<Context> {
  origin?: Exclude<OriginOption<Context>, OriginPredicate<Context>> | SyncOriginPredicate<Context> | undefined
}

/**
 * The context argument of `check()`: optional while the predicate's context is the request itself
 * (then `check(request)` passes `request`), required otherwise.
 */
export type ContextArgument<Context> = [CorsRequest] extends [Context] ? [context?: Context] : [context: Context]

/** A compiled policy whose `check()` never returns a Promise. */
export interface SyncCorsPolicy<Context = CorsRequest> {
  /** Decides a request and returns the decision directly; see `CorsPolicy.check`. */
  check(request: CorsRequest, ...context: ContextArgument<Context>): CorsDecision
}
