/**
 * Node `http`, `https` and `http2` (compatibility API) adapter.
 * @module corsica/node
 */
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { ownValue } from './core/own.js'
import { compileCheck } from './core/policy.js'
import { headerText, isPromiseLike, type RawHeaderValue } from './core/request.js'
import type { CorsDecision, CorsOptions, CorsRequest, SyncCorsOptions } from './core/types.js'
import { mergeVary } from './core/vary.js'

/** The parts of `http.IncomingMessage` / `http2.Http2ServerRequest` the adapter reads. */
export interface NodeRequestLike {
  /** The request method as received; a missing method is read as `GET`. */
  readonly method?: string | undefined
  /** Lowercase header names to values; repeated lines may come as an array and are joined with `, `. */
  readonly headers: Readonly<Record<string, RawHeaderValue>>
}

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

/** A Node CORS handler: `true` when it answered the request (a preflight) and the application must stop. */
export type NodeCorsHandler<
  Result extends boolean | Promise<boolean> = boolean | Promise<boolean>,
  Req extends NodeRequestLike = NodeRequestLike,
> = (req: Req, res: NodeResponseLike) => Result

/**
 * Returns `(req, res) => handled`: sets the CORS headers on `res`; answers a preflight itself and
 * returns `true`, otherwise returns `false` and the application goes on. With synchronous options
 * the result is a boolean. With an async origin predicate it may be a Promise: await it
 * (`if (await handleCors(req, res)) return`), since a Promise is always truthy. A predicate's
 * error is thrown or rejected, with no header set. An origin predicate receives `req` as its
 * second argument: `cors<IncomingMessage>({ origin: (origin, req) => … })` types it.
 *
 * @example
 * const handleCors = cors({ origin: 'https://app.example.com' })
 * http.createServer((req, res) => { if (handleCors(req, res)) return; … })
 */
export function cors<Req extends NodeRequestLike = NodeRequestLike>(
  options?: SyncCorsOptions<Req>,
): NodeCorsHandler<boolean, Req>
export function cors<Req extends NodeRequestLike = NodeRequestLike>(
  options?: CorsOptions<Req>,
): NodeCorsHandler<boolean | Promise<boolean>, Req>
export function cors<Req extends NodeRequestLike>(
  options?: CorsOptions<Req>,
): NodeCorsHandler<boolean | Promise<boolean>, Req> {
  const check = compileCheck(options, { optionsVaryByRequest: false })
  return (req, res) => {
    const decision = check(readNodeRequest(req), req)
    if (!isPromiseLike<CorsDecision>(decision)) return applyDecision(decision, res)
    return decision.then((settled) => applyDecision(settled, res))
  }
}

/** Reads the engine's input from a Node request; repeated header lines arrive joined. */
export function readNodeRequest(req: NodeRequestLike): CorsRequest {
  const headers = req.headers
  return {
    method: req.method ?? 'GET',
    origin: headerText(ownValue(headers, 'origin')),
    requestMethod: headerText(ownValue(headers, 'access-control-request-method')),
    requestHeaders: headerText(ownValue(headers, 'access-control-request-headers')),
    requestPrivateNetwork: headerText(ownValue(headers, 'access-control-request-private-network')),
  }
}

/**
 * Writes a decision onto `res`; ends the response and returns true when it answers a preflight.
 * A response already sent is left alone and counts as handled.
 */
export function applyDecision(decision: CorsDecision, res: NodeResponseLike): boolean {
  if (res.headersSent === true) return true
  writeCorsHeaders(decision.headers, res)
  const vary = mergeVary(res.getHeader('vary'), decision.vary)
  if (vary !== undefined) res.setHeader('vary', vary)
  if (decision.status === undefined) return false
  res.statusCode = decision.status
  // RFC 9110 forbids Content-Length on 204; other 2xx answers say their body is empty.
  if (decision.status !== 204) res.setHeader('content-length', '0')
  res.end()
  return true
}

/** Sets the decision's CORS headers and removes any other CORS header already on `res`. */
function writeCorsHeaders(headers: CorsDecision['headers'], res: NodeResponseLike): void {
  for (const name of CORS_RESPONSE_HEADERS) {
    const value = ownValue(headers, name)
    if (value !== undefined) res.setHeader(name, value)
    else if (res.getHeader(name) !== undefined) res.removeHeader(name)
  }
}

export type { CorsDecision, CorsOptions, CorsRequest, SyncCorsOptions } from './core/types.js'
export type { RawHeaderValue } from './core/request.js'
export { CorsConfigError } from './core/errors.js'
