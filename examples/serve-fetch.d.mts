import type { Server } from 'node:http'

/** Starts a node:http server for a Fetch handler; resolves with the server once it listens. */
export function serveFetch(handler: (request: Request) => Response | Promise<Response>, port?: number | string, host?: string): Promise<Server>
