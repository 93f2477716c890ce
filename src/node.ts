/**
 * Node `http`, `https` and `http2` (compatibility API) adapter.
 * @module
 */
import { mergeVary } from './core/vary.js'
import { headerText, isPromiseLike, type RawHeaderValue } from './core/request.js'
import { CorsPolicy } from './core/policy.js'
import type { CorsDecision, CorsOptions, CorsRequest } from './core/types.js'

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
  /** Ends an answered preflight, with no body. */
  end(): unknown
}

/**
 * Returns `(req, res) => handled`: sets the CORS headers on `res`; answers a preflight itself and
 * returns `true`, otherwise returns `false` and the application goes on. Returns a Promise only
 * when an origin predicate does; a predicate's error is thrown or rejected, with no header set.
 *
 * @example
 * const handleCors = cors({ origin: 'https://app.example.com' })
 * http.createServer((req, res) => { if (handleCors(req, res)) return; … })
 */
export function cors(options?: CorsOptions): (req: NodeRequestLike, res: NodeResponseLike) => boolean | Promise<boolean> {
  const policy = new CorsPolicy(options)
  return (req, res) => {
    const decision = policy.check(readNodeRequest(req))
    return isPromiseLike<CorsDecision>(decision) ? decision.then((settled) => applyDecision(settled, res)) : applyDecision(decision, res)
  }
}

/** Reads the engine's input from a Node request; repeated header lines arrive joined. */
export function readNodeRequest(req: NodeRequestLike): CorsRequest {
  const headers = req.headers
  return {
    method: req.method ?? 'GET',
    origin: headerText(headers.origin),
    requestMethod: headerText(headers['access-control-request-method']),
    requestHeaders: headerText(headers['access-control-request-headers']),
    requestPrivateNetwork: headerText(headers['access-control-request-private-network']),
  }
}

/** Writes a decision onto `res`; ends the response and returns true when it answers a preflight. */
export function applyDecision(decision: CorsDecision, res: NodeResponseLike): boolean {
  const headers = decision.headers
  for (const name in headers) res.setHeader(name, headers[name]!)
  const vary = mergeVary(res.getHeader('vary'), decision.vary)
  if (vary !== undefined) res.setHeader('vary', vary)
  if (decision.status === undefined) return false
  res.statusCode = decision.status
  // RFC 9110 forbids Content-Length on 204; other 2xx answers say their body is empty.
  if (decision.status !== 204) res.setHeader('content-length', '0')
  res.end()
  return true
}

export type { CorsDecision, CorsOptions, CorsRequest } from './core/types.js'
export type { RawHeaderValue } from './core/request.js'
export { CorsConfigError } from './core/errors.js'
