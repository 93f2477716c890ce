// A WebSocket echo server on 127.0.0.1:0 behind one of the corsica/upgrade guards, recording the
// Origin and Cookie of every upgrade request it saw and how often its connection handler ran; and
// a raw upgrade request over http.request, to read the status a refused handshake got.
import { randomBytes } from 'node:crypto'
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocket, WebSocketServer } from 'ws'
import {
  upgradeGuard,
  verifyClient,
  verifyClientAsync,
  type SyncUpgradeOptions,
  type UpgradeOptions,
} from '../../src/upgrade.js'

export type GuardKind = 'upgrade' | 'verifyClient' | 'verifyClientAsync'

export interface SeenUpgrade {
  readonly origin: string | undefined
  readonly cookie: string | undefined
  readonly url: string | undefined
}

export interface WsServer {
  readonly port: number
  /** Every upgrade request that reached the server, refused ones included. */
  readonly seen: SeenUpgrade[]
  /** Runs of the connection handler: only a completed handshake adds one. */
  readonly connections: { count: number }
  /** Errors the guard threw or rejected with (the `upgrade` kind only). */
  readonly errors: unknown[]
  close(): Promise<void>
}

/** Starts the echo server with `kind`'s guard; `verifyClient` takes synchronous options only. */
export async function startWsServer(
  kind: GuardKind,
  options: UpgradeOptions<IncomingMessage> | SyncUpgradeOptions<IncomingMessage>,
): Promise<WsServer> {
  const seen: SeenUpgrade[] = []
  const connections = { count: 0 }
  const errors: unknown[] = []
  const server = http.createServer((_req, res) => res.end('not a socket'))
  // Registered first, so it records every upgrade before any guard answers it.
  server.on('upgrade', (req: IncomingMessage) => {
    seen.push({ origin: req.headers.origin, cookie: req.headers.cookie, url: req.url })
  })
  const wss = wsServer(kind, options, server, errors)
  wss.on('connection', (socket) => {
    connections.count++
    socket.on('message', (data) => socket.send(`echo:${String(data)}`))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    port,
    seen,
    connections,
    errors,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function wsServer(
  kind: GuardKind,
  options: UpgradeOptions<IncomingMessage>,
  server: http.Server,
  errors: unknown[],
): WebSocketServer {
  if (kind === 'verifyClient')
    return new WebSocketServer({ server, verifyClient: verifyClient(options as SyncUpgradeOptions<IncomingMessage>) })
  if (kind === 'verifyClientAsync') return new WebSocketServer({ server, verifyClient: verifyClientAsync(options) })
  const wss = new WebSocketServer({ noServer: true })
  const allowUpgrade = upgradeGuard(options)
  server.on('upgrade', async (req: IncomingMessage, socket, head) => {
    try {
      if (!(await allowUpgrade(req, socket))) return
    } catch (error) {
      errors.push(error)
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  return wss
}

export interface UpgradeAnswer {
  readonly status: number
  readonly headers: IncomingMessage['headers']
}

/** Sends a WebSocket handshake with `headers` and resolves with the status it got (101 or a refusal). */
export function rawUpgrade(
  port: number,
  headers: Readonly<Record<string, string | string[]>>,
  path = '/socket',
): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
        // Node sends an array as repeated lines, for any header: the way to send two Origins.
      } as OutgoingHttpHeaders,
    })
    request.on('upgrade', (response, socket) => {
      socket.destroy()
      resolve({ status: response.statusCode ?? 0, headers: response.headers })
    })
    request.on('response', (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }))
    })
    request.on('error', reject)
    request.end()
  })
}

/** Connects with ws's client from `origin`, sends one message and resolves with the echo. */
export async function echoFrom(port: number, origin: string | undefined, message = 'ping'): Promise<string> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/socket`, origin === undefined ? {} : { origin })
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve())
      client.once('error', reject)
    })
    const reply = new Promise<string>((resolve) => client.once('message', (data) => resolve(String(data))))
    client.send(message)
    return await reply
  } finally {
    client.terminate()
  }
}
