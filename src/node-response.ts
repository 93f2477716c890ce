// Writing a decision onto a Node response: the CORS headers, Vary merged, and the answer to a
// preflight. Shared by corsica/node, corsica/express and corsica/koa.
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { ownValue } from './core/own.js'
import type { RawHeaderValue } from './core/request.js'
import type { CorsDecision } from './core/types.js'
import { mergeVary } from './core/vary.js'

/** The parts of `http.ServerResponse` / `http2.Http2ServerResponse` the adapter writes. */
export interface NodeResponseLike {
  /** Set to the preflight status when the adapter answers a preflight itself. */
  statusCode: number
  /** Reads the response's current `Vary`, so the adapter merges into it instead of overwriting it. */
  getHeader(name: string): RawHeaderValue
  /** Sets one CORS header (lowercase name). */
  setHeader(name: string, value: string): unknown
  /** Removes a CORS header an outer layer set that this decision does not hold. */
  removeHeader(name: string): unknown
  /** True once the response has been sent (a timeout middleware answered first): nothing is written then. */
  readonly headersSent?: boolean
  /** Ends an answered preflight, with no body. */
  end(): unknown
}

/**
 * Writes a decision onto `res`; ends the response and returns true when it answers a preflight.
 * A response already sent is left alone and counts as handled.
 */
export function applyDecision(decision: CorsDecision, res: NodeResponseLike): boolean {
  if (res.headersSent === true) return true
  writeDecisionHeaders(decision, res, res.setHeader)
  if (decision.status === undefined) return false
  res.statusCode = decision.status
  // RFC 9110 forbids Content-Length on 204; other 2xx answers say their body is empty.
  if (decision.status !== 204) res.setHeader('content-length', '0')
  res.end()
  return true
}

/** A response whose headers can be read and removed; how one is set is passed beside it. */
export interface HeaderTarget {
  getHeader(name: string): unknown
  removeHeader(name: string): unknown
  /** The names of the headers set so far, lowercase (Node's responses have it). */
  getHeaderNames?(): readonly string[]
}

/** Sets a header: `res.setHeader` on Node, `reply.header` on Fastify, called on the target. */
export type HeaderSetter<Target> = (this: Target, name: string, value: string) => unknown

/** The names of the headers a target holds, lowercase, for a target with no getHeaderNames. */
export type HeaderNames<Target> = (target: Target) => readonly string[]

/** Writes the decision's CORS headers (see writeCorsHeaders) and merges its Vary into the target's. */
export function writeDecisionHeaders<Target extends HeaderTarget>(
  decision: CorsDecision,
  target: Target,
  set: HeaderSetter<Target>,
  names: HeaderNames<Target> = namesOf,
): void {
  const present = names(target)
  writeCorsHeaders(decision.headers, target, set, present)
  if (decision.vary === undefined) return
  // The engine's Vary is a deduplicated list: with no Vary yet, it is the value as it stands.
  const vary = present.includes('vary')
    ? mergeVary(target.getHeader('vary') as RawHeaderValue, decision.vary)
    : decision.vary
  if (vary !== undefined) set.call(target, 'vary', vary)
}

/**
 * Sets the decision's CORS headers and removes any other CORS header already on the target.
 * `present`: the names the target holds, read once (usually none) instead of a lookup per name.
 */
export function writeCorsHeaders<Target extends HeaderTarget>(
  headers: CorsDecision['headers'],
  target: Target,
  set: HeaderSetter<Target>,
  present: readonly string[] = namesOf(target),
): void {
  for (const name of present) {
    if (IS_CORS_HEADER.has(name) && ownValue(headers, name) === undefined) target.removeHeader(name)
  }
  // A decision's headers are the engine's frozen plain object of CORS headers alone: for…in reads
  // its names from V8's cache of them, where Object.keys builds an array per call; names that a
  // polluted Object.prototype adds are skipped.
  for (const name in headers) if (Object.hasOwn(headers, name)) set.call(target, name, headers[name] as string)
}

const IS_CORS_HEADER: ReadonlySet<string> = new Set(CORS_RESPONSE_HEADERS)
const READ_HEADERS = [...CORS_RESPONSE_HEADERS, 'vary']

/** The CORS headers and Vary a target holds, for a target with no getHeaderNames. */
function namesOf(target: HeaderTarget): readonly string[] {
  if (typeof target.getHeaderNames === 'function') return target.getHeaderNames()
  return READ_HEADERS.filter((name) => target.getHeader(name) !== undefined)
}
