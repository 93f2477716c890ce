// Node (20, 22, 24) has no built-in server for Fetch handlers: the same node:http bridge the
// examples use, the way a Node user would serve withCors(handler) without a framework.
import { serveFetch } from './serve-fetch.mjs'
import { app } from './app.mjs'

const server = await serveFetch(app)
console.log(`LISTENING ${server.address().port}`)
