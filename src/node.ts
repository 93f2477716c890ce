/**
 * Node `http`, `https` and `http2` (compatibility API) adapter.
 * @module corsica/node
 */
import { ownValue } from './core/own.js'
import { compileCheck } from './core/policy.js'
import type { ReloadableCors } from './core/reloadable.js'
import { headerText, isPromiseLike, type RawHeaderValue } from './core/request.js'
import type { CorsDecision, CorsOptions, CorsRequest, SyncCorsOptions } from './core/types.js'
import { applyDecision, type NodeResponseLike } from './node-response.js'

/** The parts of `http.IncomingMessage` / `http2.Http2ServerRequest` the adapter reads. */
export interface NodeRequestLike {
  /** The request method as received; a missing method is read as `GET`. */
  readonly method?: string | undefined
  /** Lowercase header names to values; repeated lines may come as an array and are joined with `, `. */
  readonly headers: Readonly<Record<string, RawHeaderValue>>
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
  options?: CorsOptions<Req> | ReloadableCors<Req>,
): NodeCorsHandler<boolean | Promise<boolean>, Req>
export function cors<Req extends NodeRequestLike>(
  options?: CorsOptions<Req> | ReloadableCors<Req>,
): NodeCorsHandler<boolean | Promise<boolean>, Req> {
  const check = compileCheck(options as CorsOptions<Req> | undefined)
  return (req, res) => {
    const decision = check(readNodeRequest(req), req)
    if (!isPromiseLike<CorsDecision>(decision)) return applyDecision(decision, res)
    return decision.then((settled) => applyDecision(settled, res))
  }
}

/** Reads the engine's input from a Node request; repeated header lines arrive joined. */
export function readNodeRequest(req: NodeRequestLike): CorsRequest {
  const headers = req.headers
  const method = req.method ?? 'GET'
  const origin = headerText(ownValue(headers, 'origin'))
  // Only an OPTIONS request can be a preflight: the others need nothing more.
  if (method !== 'OPTIONS') return { method, origin }
  return {
    method,
    origin,
    requestMethod: headerText(ownValue(headers, 'access-control-request-method')),
    requestHeaders: headerText(ownValue(headers, 'access-control-request-headers')),
    requestPrivateNetwork: headerText(ownValue(headers, 'access-control-request-private-network')),
  }
}

export type { CorsDecision, CorsOptions, CorsRequest, SyncCorsOptions } from './core/types.js'
export type { RawHeaderValue } from './core/request.js'
export { applyDecision, type NodeResponseLike } from './node-response.js'
export { CorsConfigError } from './core/errors.js'
