/**
 * Origin checks for WebSocket upgrades, against cross-site WebSocket hijacking: CORS does not
 * apply to a WebSocket, the browser sends the user's cookies with the handshake whatever the page,
 * and only the Origin header says which site's page is asking. The guards decide from it with
 * corsica's origin matching: Node's `upgrade` event, the `ws` package's `verifyClient`, and Fetch
 * runtimes (Bun, Deno, Cloudflare Workers) before `server.upgrade(request)`. Nothing here imports
 * Node or `ws`: the types are structural.
 * @module corsica/upgrade
 */
import { headerText, ignoreRejection, isPromiseLike, type RawHeaderValue } from './core/request.js'
import { ownValue } from './core/own.js'
import {
  compileUpgrade,
  type DecideUpgrade,
  type SyncUpgradeOptions,
  type UpgradeOptions,
  type UpgradeVerdict,
} from './upgrade-policy.js'

/** The parts of Node's `IncomingMessage` the guards read. */
export interface UpgradeRequestLike {
  /** Lowercase header names to values, as Node delivers them. */
  readonly headers: Readonly<Record<string, RawHeaderValue>>
}

/** The parts of the upgrade event's socket (a `net.Socket` or `tls.TLSSocket`) the guard uses. */
export interface UpgradeSocketLike {
  /** Writes the refusal and ends the stream; the callback runs once it is flushed. */
  end(data: string, callback: () => void): unknown
  /** Closes the connection. */
  destroy(): unknown
}

/** What ws passes to `verifyClient`: the guards read `req`. */
export interface VerifyClientInfo<Req extends UpgradeRequestLike = UpgradeRequestLike> {
  /** The upgrade request. */
  readonly req: Req
}

/** ws's callback of the two-argument `verifyClient`: `false` with a status refuses the handshake. */
export type VerifyClientCallback = (verified: boolean, code?: number, message?: string) => void

/** A guard for Node's `upgrade` event: `true` when the upgrade may go on. */
export type UpgradeGuard<
  Result extends boolean | Promise<boolean> = boolean | Promise<boolean>,
  Req extends UpgradeRequestLike = UpgradeRequestLike,
> = (req: Req, socket: UpgradeSocketLike) => Result

/** A Fetch guard: `undefined` when the upgrade may go on, otherwise the response to return. */
export type FetchUpgradeGuard<Result extends Response | undefined | Promise<Response | undefined>> = (
  request: Request,
) => Result

const STATUS_LINES = { 403: '403 Forbidden', 500: '500 Internal Server Error' } as const

/**
 * Returns `(req, socket) => allowed` for Node's `upgrade` event. A refused upgrade is answered
 * `403 Forbidden` on the socket, which is then destroyed: no handshake happens, and the result is
 * `false`. With an async origin predicate the result is a Promise: await it. A predicate's error
 * answers `500` and is thrown (or rejected) to the caller. The options are validated now and
 * throw CorsConfigError.
 *
 * @example
 * const allowUpgrade = upgradeGuard({ origin: ['https://app.example.com'] })
 * server.on('upgrade', (req, socket, head) => {
 *   if (!allowUpgrade(req, socket)) return
 *   wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
 * })
 */
export function upgradeGuard<Req extends UpgradeRequestLike = UpgradeRequestLike>(
  options: SyncUpgradeOptions<Req>,
): UpgradeGuard<boolean, Req>
export function upgradeGuard<Req extends UpgradeRequestLike = UpgradeRequestLike>(
  options: UpgradeOptions<Req>,
): UpgradeGuard<boolean | Promise<boolean>, Req>
export function upgradeGuard<Req extends UpgradeRequestLike>(
  options: UpgradeOptions<Req>,
): UpgradeGuard<boolean | Promise<boolean>, Req> {
  const decide = compileUpgrade(options)
  return (req, socket) => {
    const verdict = decideNode(decide, req, () => answer(socket, 500))
    if (!isPromiseLike<UpgradeVerdict>(verdict)) return allowOrAnswer(verdict, socket)
    return Promise.resolve(verdict).then(
      (settled) => allowOrAnswer(settled, socket),
      (error: unknown) => {
        answer(socket, 500)
        throw error
      },
    )
  }
}

/**
 * ws's one-argument `verifyClient`, for synchronous options. ws answers a refused handshake
 * `401 Unauthorized` itself; use {@link verifyClientAsync} for `403` or an async predicate.
 *
 * @example
 * new WebSocketServer({ server, verifyClient: verifyClient({ origin: ['https://app.example.com'] }) })
 */
export function verifyClient<Req extends UpgradeRequestLike = UpgradeRequestLike>(
  options: SyncUpgradeOptions<Req>,
): (info: VerifyClientInfo<Req>) => boolean {
  const decide = compileUpgrade(options)
  return (info) => {
    const verdict = decideNode(decide, info.req)
    if (isPromiseLike(verdict)) {
      // The TypeError reports the mistake; the predicate's own outcome is not a second error.
      ignoreRejection(verdict)
      throw new TypeError('an async origin predicate needs verifyClientAsync')
    }
    return verdict === 'allowed'
  }
}

/**
 * ws's two-argument `verifyClient`: refuses with `403` (`500` when the predicate fails) and accepts
 * async predicates. A predicate's error is answered `500` and not rethrown: ws never reads the
 * returned Promise, and an unhandled rejection would end the process. To see the error, catch and
 * log it inside the predicate.
 *
 * @example
 * new WebSocketServer({ server, verifyClient: verifyClientAsync({ origin: async (o) => isTenant(o) }) })
 */
export function verifyClientAsync<Req extends UpgradeRequestLike = UpgradeRequestLike>(
  options: UpgradeOptions<Req>,
): (info: VerifyClientInfo<Req>, callback: VerifyClientCallback) => Promise<void> {
  const decide = compileUpgrade(options)
  return async (info, callback) => {
    try {
      const verdict = await decideNode(decide, info.req)
      if (verdict === 'allowed') callback(true)
      else callback(false, 403)
    } catch {
      callback(false, 500)
    }
  }
}

/**
 * Returns `(request) => refusal` for a Fetch runtime: `undefined` when the upgrade may go on, a
 * `403` Response to return otherwise; a Promise with an async origin predicate, whose error is
 * thrown or rejected to the caller. Uses nothing but `Request` and `Response`.
 *
 * @example
 * const refusal = fetchUpgradeGuard({ origin: ['https://app.example.com'] })
 * Bun.serve({ fetch: (req, server) => refusal(req) ?? (server.upgrade(req) ? undefined : new Response('no')) })
 */
export function fetchUpgradeGuard(options: SyncUpgradeOptions<Request>): FetchUpgradeGuard<Response | undefined>
export function fetchUpgradeGuard(
  options: UpgradeOptions<Request>,
): FetchUpgradeGuard<Response | undefined | Promise<Response | undefined>>
export function fetchUpgradeGuard(
  options: UpgradeOptions<Request>,
): FetchUpgradeGuard<Response | undefined | Promise<Response | undefined>> {
  const decide = compileUpgrade(options)
  return (request) => {
    const headers = request.headers
    const verdict = decide(headers.get('origin') ?? headers.get(LEGACY_ORIGIN) ?? undefined, request)
    if (!isPromiseLike<UpgradeVerdict>(verdict)) return refusalOf(verdict)
    return Promise.resolve(verdict).then(refusalOf)
  }
}

/**
 * The origin header of the version-8 handshake (before RFC 6455), which `ws` still accepts: an
 * upgrade that carries it instead of Origin is judged by it.
 */
const LEGACY_ORIGIN = 'sec-websocket-origin'

/** Node's decision; a sync predicate error runs `failed` first, then is thrown. */
function decideNode(
  decide: DecideUpgrade,
  req: UpgradeRequestLike,
  failed?: () => void,
): UpgradeVerdict | Promise<UpgradeVerdict> {
  try {
    const origin = headerText(ownValue(req.headers, 'origin')) ?? headerText(ownValue(req.headers, LEGACY_ORIGIN))
    return decide(origin, req)
  } catch (error) {
    failed?.()
    throw error
  }
}

function allowOrAnswer(verdict: UpgradeVerdict, socket: UpgradeSocketLike): boolean {
  if (verdict === 'allowed') return true
  answer(socket, 403)
  return false
}

/** Answers on the raw socket, before any handshake, and closes it once the answer is flushed. */
function answer(socket: UpgradeSocketLike, status: keyof typeof STATUS_LINES): void {
  const head = `HTTP/1.1 ${STATUS_LINES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
  socket.end(head, () => socket.destroy())
}

function refusalOf(verdict: UpgradeVerdict): Response | undefined {
  return verdict === 'allowed' ? undefined : new Response(null, { status: 403 })
}

export type {
  SyncUpgradeOptions,
  UpgradeOptions,
  UpgradeRejectEvent,
  UpgradeRejectReason,
} from './upgrade-policy.js'
export type { OriginOption, OriginPredicate, SyncOriginPredicate } from './core/types.js'
export type { RawHeaderValue } from './core/request.js'
export { CorsConfigError } from './core/errors.js'
