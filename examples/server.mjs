// `npm start`: an API on one loopback port that uses corsica, and a page on another that calls it.
// Open the printed page URL: the buttons fire real cross-origin requests.
import http from 'node:http'
import { cors } from '../dist/node.js'

const host = '127.0.0.1'
const pagePort = Number(process.env.PAGE_PORT ?? 5173)
const apiPort = Number(process.env.API_PORT ?? 5174)
const pageOrigin = `http://${host}:${pagePort}`

const handleCors = cors({
  origin: [pageOrigin],
  credentials: true,
  methods: ['GET', 'POST', 'PUT'],
  allowedHeaders: ['content-type', 'x-trace'],
  exposedHeaders: ['x-request-id'],
  maxAge: 10,
  onReject: (event) => console.log(`corsica refused ${event.kind}: ${event.reason}: ${event.detail}`),
})

const api = http.createServer((req, res) => {
  if (handleCors(req, res)) return
  res.setHeader('content-type', 'application/json')
  res.setHeader('x-request-id', String(Date.now()))
  res.end(JSON.stringify({ method: req.method, path: req.url }))
})

const page = `<!doctype html><meta charset="utf-8"><title>corsica example</title>
<h1>corsica example</h1><p>This page is ${pageOrigin}; the API is http://${host}:${apiPort} (another origin).</p>
<button id="get">GET (allowed)</button> <button id="put">PUT with x-trace (allowed, preflighted)</button>
<button id="delete">DELETE (method not allowed)</button><pre id="out"></pre>
<script>
const api = 'http://${host}:${apiPort}/items'
const run = (init) => fetch(api, { credentials: 'include', ...init })
  .then(async (r) => 'readable: ' + r.status + ' ' + (await r.text()) + ' x-request-id=' + r.headers.get('x-request-id'))
  .catch((e) => 'blocked by the browser: ' + e.message)
  .then((text) => { out.textContent = text })
get.onclick = () => run({})
put.onclick = () => run({ method: 'PUT', headers: { 'x-trace': '1', 'content-type': 'application/json' }, body: '{}' })
document.getElementById('delete').onclick = () => run({ method: 'DELETE' })
</script>`
const site = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page))

api.listen(apiPort, host, () => site.listen(pagePort, host, () => console.log(`corsica example: open ${pageOrigin} (API on http://${host}:${apiPort}); Ctrl-C stops`)))
process.on('SIGINT', () => {
  api.close()
  site.close()
  process.exit(0)
})
