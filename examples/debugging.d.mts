import type { Server } from 'node:http'

/** The corsica API of the README's "Debugging CORS" transcripts (not listening until told to). */
export const api: Server
/** The server that reflects any origin with credentials, through the `cors` package. */
export const leaky: Server
