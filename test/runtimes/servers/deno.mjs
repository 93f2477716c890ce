// Deno serves the Fetch application directly.
import { app } from './app.mjs'

Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`LISTENING ${port}`) }, app)
