// Writing a decision onto Fetch API responses: the answer to a preflight, and the CORS headers of
// the application's response. Shared by corsica/fetch and corsica/hono.
import { CORS_RESPONSE_HEADERS } from './core/header-names.js'
import { ownValue } from './core/own.js'
import type { CorsDecision } from './core/types.js'
import { mergeVary } from './core/vary.js'

/** The answer to a preflight that the decision answers now: its status, headers, no body. */
export function preflightResponse(decision: CorsDecision): Response {
  // One record for the constructor: each Headers.set after it would cost as much as the rest.
  const headers = decision.vary === undefined ? decision.headers : { ...decision.headers, vary: decision.vary }
  return new Response(null, { status: decision.status, headers })
}

/**
 * A value kept on globalThis under a registered symbol, so that the ESM and CommonJS copies of
 * corsica (or two versions) in one process share it.
 */
function shared<T extends object>(name: string, make: () => T): T {
  const registry = globalThis as Record<symbol, T | undefined>
  const key = Symbol.for(name)
  registry[key] ??= make()
  return registry[key]
}

/**
 * Responses an inner corsica layer already decorated, with the request it decorated them for.
 * The layer closest to the handler is authoritative, so an outer layer handling the same request
 * leaves them alone; a Response object reused for another request is decorated again.
 */
const decidedResponses = shared('corsica.decided-responses', () => new WeakMap<Response, Request>())

/**
 * How many layers (corsica/fetch and corsica/hono middlewares, in every copy) were ever made.
 * With one, no response can meet a second layer, so none is recorded: a WeakMap entry per
 * response (about 250 ns, and work for the garbage collector) costs more than the rest of the
 * decoration. A copy older than this count does not add to it: under such a copy as the outer
 * layer, this one as the inner layer records nothing, and the outer decorates again.
 */
const layers = shared('corsica.fetch-layers', () => ({ made: 0 }))

/** Called once for each layer made: from then on responses are recorded if there are two. */
export function countLayer(): void {
  layers.made++
}

/** Adds the decision's headers to a response, copying it when its headers are immutable. */
export function decorate(response: Response, decision: CorsDecision, request: Request): Response {
  // 101 (a WebSocket upgrade) and status 0 (Response.error(), an opaque fetch() answer) are not
  // ordinary responses: leave them untouched.
  const status = response.status
  if (status === 101 || status === 0) return response
  // Always read (a read costs nothing measurable): an older corsica copy records without counting.
  if (decidedResponses.get(response) === request) return response
  // Read once: each read of a Response's `headers` is a checked getter.
  const headers = response.headers
  const present = presentHeaders(headers)
  const vary = mergeVary(present.vary, decision.vary)
  let decorated = response
  try {
    writeHeaders(headers, decision.headers, vary, present.cors)
  } catch {
    // Response.redirect() and fetch() responses have immutable headers: copy status, headers
    // (every Set-Cookie line included) and the body stream, which is passed on, not read.
    if (vary !== undefined || !corsHeadersMatch(headers, decision.headers)) {
      decorated = new Response(response.body, { status, statusText: response.statusText, headers })
      writeHeaders(decorated.headers, decision.headers, vary, present.cors)
    }
  }
  if (layers.made > 1) decidedResponses.set(decorated, request)
  return decorated
}

/** What a response already carries: its Vary, and the CORS headers it brought. */
interface Present {
  readonly vary: string | undefined
  readonly cors: readonly string[]
}

const NOTHING: Present = { vary: undefined, cors: [] }
const IS_CORS_HEADER: ReadonlySet<string> = new Set(CORS_RESPONSE_HEADERS)

/** One pass over the response's headers (usually a few) instead of a lookup per CORS header name. */
function presentHeaders(headers: Headers): Present {
  let vary: string | undefined
  const cors: string[] = []
  headers.forEach((value, name) => {
    if (name === 'vary') vary = value
    else if (IS_CORS_HEADER.has(name)) cors.push(name)
  })
  return vary === undefined && cors.length === 0 ? NOTHING : { vary, cors }
}

/**
 * Sets the decision's CORS headers and removes any other CORS header: one the handler's response
 * brought (an upstream's, proxied) must not survive this policy's answer.
 */
function writeHeaders(
  target: Headers,
  headers: CorsDecision['headers'],
  vary: string | undefined,
  brought: readonly string[],
): void {
  for (const name of brought) if (ownValue(headers, name) === undefined) target.delete(name)
  // A decision's headers are the engine's frozen plain object of CORS headers alone (for…in: no
  // array per response; a polluted Object.prototype's names skipped).
  for (const name in headers) if (Object.hasOwn(headers, name)) target.set(name, headers[name] as string)
  if (vary !== undefined) target.set('vary', vary)
}

/** True when `target` already carries exactly the decision's CORS headers. */
function corsHeadersMatch(target: Headers, headers: CorsDecision['headers']): boolean {
  return CORS_RESPONSE_HEADERS.every((name) => target.get(name) === (ownValue(headers, name) ?? null))
}
