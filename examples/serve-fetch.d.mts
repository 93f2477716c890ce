import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A Fetch handler: what Bun.serve, Deno.serve and a Worker's `fetch` take. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/** The server serveFetch started: it listens on a TCP port, so while it listens `address()` is an AddressInfo. */
export interface ListeningServer extends Server {
  address(): AddressInfo
}

/** Starts a node:http server for a Fetch handler; resolves with the server once it listens. */
export function serveFetch(handler: FetchHandler, port?: number, host?: string): Promise<ListeningServer>
