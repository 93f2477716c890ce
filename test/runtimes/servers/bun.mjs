// Bun serves the Fetch application directly.
import { app } from './app.mjs'

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: app })
console.log(`LISTENING ${server.port}`)
