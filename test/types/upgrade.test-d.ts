// corsica/upgrade: the Node guard takes what the `upgrade` event gives (IncomingMessage and a
// Duplex socket) and returns a boolean for synchronous options; ws accepts both verifyClient forms
// as its own option types; the Fetch guard returns a Response or undefined. An origin predicate
// and onReject see the request type the guard was given. See api.test-d.ts for how this folder runs.
import http, { type IncomingMessage } from 'node:http'
import { expectTypeOf } from 'vitest'
import { WebSocketServer, type ServerOptions } from 'ws'
import {
  fetchUpgradeGuard,
  upgradeGuard,
  verifyClient,
  verifyClientAsync,
  type FetchUpgradeGuard,
  type UpgradeGuard,
  type UpgradeOptions,
  type UpgradeRejectEvent,
  type UpgradeRequestLike,
  type UpgradeSocketLike,
} from 'corsica/upgrade'

const origin = ['https://app.example.com']

const allowUpgrade = upgradeGuard({ origin })
expectTypeOf(allowUpgrade).toEqualTypeOf<UpgradeGuard<boolean>>()
expectTypeOf(allowUpgrade).toEqualTypeOf<(req: UpgradeRequestLike, socket: UpgradeSocketLike) => boolean>()
expectTypeOf(upgradeGuard({ origin: async (o) => o === 'https://a.example' })).returns.toEqualTypeOf<
  boolean | Promise<boolean>
>()

// The node:http `upgrade` event, as the README shows it.
const server = http.createServer()
server.on('upgrade', (req, socket, head) => {
  if (!allowUpgrade(req, socket)) return
  const allowed: boolean = allowUpgrade(req, socket)
  socket.end(String(allowed) + head.length)
})

// The request type flows to the predicate and to onReject.
upgradeGuard<IncomingMessage>({
  origin: (value, req) => {
    expectTypeOf(req).toEqualTypeOf<IncomingMessage>()
    return value.endsWith('.example.com') && req.url === '/socket'
  },
  onReject: (event) => {
    expectTypeOf(event).toEqualTypeOf<UpgradeRejectEvent<IncomingMessage>>()
    expectTypeOf(event.reason).toEqualTypeOf<'origin' | 'malformed' | 'missing-origin'>()
    expectTypeOf(event.origin).toEqualTypeOf<string | undefined>()
  },
})

// `origin` is required, and a boolean is not an allow-list.
// @ts-expect-error origin is required
upgradeGuard({})
// @ts-expect-error true would let any site in
upgradeGuard({ origin: true })
// @ts-expect-error requireOrigin is a boolean
upgradeGuard({ origin, requireOrigin: 'yes' })

// ws takes both forms as its own option types.
new WebSocketServer({ server, verifyClient: verifyClient({ origin }) })
new WebSocketServer({ server, verifyClient: verifyClientAsync({ origin: async (o) => o.length > 0 }) })
const sync: ServerOptions['verifyClient'] = verifyClient<IncomingMessage>({ origin: (_o, req) => req.url === '/' })
expectTypeOf(sync).not.toBeUndefined()
// @ts-expect-error an async predicate needs verifyClientAsync
verifyClient({ origin: async () => true })

// Fetch runtimes: a Response to return, or undefined.
const refusal = fetchUpgradeGuard({ origin })
expectTypeOf(refusal).toEqualTypeOf<FetchUpgradeGuard<Response | undefined>>()
expectTypeOf(refusal(new Request('https://api.example.com/socket'))).toEqualTypeOf<Response | undefined>()
expectTypeOf(fetchUpgradeGuard({ origin: async () => true })).returns.toEqualTypeOf<
  Response | undefined | Promise<Response | undefined>
>()
fetchUpgradeGuard({
  origin: (_value, request) => {
    expectTypeOf(request).toEqualTypeOf<Request>()
    return true
  },
})

// Options typed as the wide UpgradeOptions may hold an async predicate: the wide guard.
declare const configured: UpgradeOptions
expectTypeOf(upgradeGuard(configured)).returns.toEqualTypeOf<boolean | Promise<boolean>>()
