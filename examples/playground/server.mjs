// The playground's two servers, on loopback only:
// - the page server serves the page and a same-origin control API (set the policy, read the log);
// - the API server applies the current policy with corsica and records what it decided.
// Each listens on 127.0.0.1 and on ::1 (where the system has it) at the same port, so the page
// opens at http://localhost:<port> whichever address localhost resolves to, and at
// http://127.0.0.1:<port>. The page calls the API on the host it was opened with: same host,
// different ports, two origins of one site, so the page's cookie reaches the API.
import fs from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { optionsFromJson } from './policy.mjs'

/** The loopback addresses, IPv4 first: it is required, ::1 is used when the system has it. */
const LOOPBACK = ['127.0.0.1', '::1']
const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url))
/** @type {Record<string, [file: string, contentType: string]>} */
const STATIC_FILES = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/page.js': ['page.js', 'text/javascript; charset=utf-8'],
  '/page.css': ['page.css', 'text/css; charset=utf-8'],
  '/presets.js': ['presets.js', 'text/javascript; charset=utf-8'],
}
const LOG_LIMIT = 500
const BODY_LIMIT = 64 * 1024
/** The cookie the page sets: a credentialed request to the API carries it, an uncredentialed one does not. */
const SESSION_COOKIE = 'playground_session=demo; Path=/; SameSite=Lax; HttpOnly'

/**
 * What the API saw and decided for one request, as /control/log gives it to the page. The
 * request fields are set when it arrives; the decision and the response fields once answered.
 * @typedef {object} RequestRecord
 * @property {number} seq
 * @property {string | undefined} method
 * @property {string | undefined} path
 * @property {string | null} origin
 * @property {string | null} requestMethod
 * @property {string | null} requestHeaders
 * @property {boolean} cookie
 * @property {boolean} authorization
 * @property {import('corsica').RequestKind} [kind]
 * @property {boolean} [allowed]
 * @property {import('corsica').RejectReason | null} [reason]
 * @property {string | null} [detail] onReject's detail, when corsica refused the request
 * @property {boolean} [handlerRan]
 * @property {number} [status]
 * @property {http.OutgoingHttpHeaders} [responseHeaders]
 */
/** @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => void} RequestHandler */

/**
 * Starts both servers. Resolves to `{ pageUrl, pageUrls, apiUrl, pagePort, apiPort, close }`:
 * `pageUrl` is the address to open (localhost), `pageUrls` every address the page answers on.
 * @param {{ distDir: string, pagePort: number, apiPort: number, log?: (line: string) => void }} settings
 */
export async function startPlayground({ distDir, pagePort, apiPort, log = () => {} }) {
  const corsica = await loadCorsica(distDir)
  /** @type {RequestRecord[]} */
  const records = []
  let nextSeq = 1
  /**
   * The record of the request being decided: `onReject` is called synchronously inside `check()`.
   * @type {RequestRecord | undefined}
   */
  let deciding

  const page = await listenOnLoopback(
    (req, res) => handlePage(req, res).catch((error) => sendJson(res, 500, { error: String(error) })),
    pagePort,
    log,
    'PAGE_PORT',
  )
  const api = await listenOnLoopback(handleApi, apiPort, log, 'API_PORT')

  // The page's origin is whatever the browser was pointed at; the first policy allows each of them.
  const pageOrigins = ['localhost', ...page.addresses.map(hostOf)].map((host) => `http://${host}:${page.port}`)
  const initialPolicy = { origin: pageOrigins }
  let current = { input: initialPolicy, policy: compile(initialPolicy) }

  /**
   * Compiles the page's policy; the API keeps `onReject` for itself, to record why it refused.
   * @param {unknown} input the policy as the page sent it (JSON)
   */
  function compile(input) {
    // Typed as options, checked by createCors: what the page sent may be anything.
    const options = /** @type {import('corsica').SyncCorsOptions} */ (optionsFromJson(input))
    return corsica.createCors({
      ...options,
      onReject(event) {
        if (deciding !== undefined) deciding.detail = event.detail
        log(`  corsica refused a ${event.kind} from ${event.origin}: ${event.reason}: ${event.detail}`)
      },
    })
  }

  /** @type {RequestHandler} */
  function handleApi(req, res) {
    const request = corsica.readNodeRequest(req)
    /** @type {RequestRecord} */
    const record = {
      seq: nextSeq++,
      method: req.method,
      path: req.url,
      origin: request.origin ?? null,
      requestMethod: request.requestMethod ?? null,
      requestHeaders: request.requestHeaders ?? null,
      cookie: /(?:^|;\s*)playground_session=/.test(req.headers.cookie ?? ''),
      authorization: req.headers.authorization !== undefined,
    }
    records.push(record)
    if (records.length > LOG_LIMIT) records.shift()

    deciding = record
    const decision = current.policy.check(request)
    deciding = undefined
    Object.assign(record, {
      kind: decision.kind,
      allowed: decision.allowed,
      reason: decision.reason ?? null,
      detail: record.detail ?? null,
    })

    if (corsica.applyDecision(decision, res)) {
      // corsica answered the preflight itself: the application never saw it.
      Object.assign(record, { handlerRan: false, status: res.statusCode, responseHeaders: res.getHeaders() })
      return
    }
    record.handlerRan = true
    res.setHeader('content-type', 'application/json')
    res.setHeader('cache-control', 'no-store')
    res.setHeader('x-request-id', String(record.seq))
    res.setHeader('x-total-count', '42')
    res.statusCode = 200
    Object.assign(record, { status: res.statusCode, responseHeaders: res.getHeaders() })
    res.end(JSON.stringify({ handler: 'ran', method: req.method, cookie: record.cookie }))
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handlePage(req, res) {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const file = STATIC_FILES[url.pathname]
    if (req.method === 'GET' && file !== undefined) {
      const [name, type] = file
      /** @type {http.OutgoingHttpHeaders} */
      const headers = { 'content-type': type, 'cache-control': 'no-store' }
      if (url.pathname === '/') headers['set-cookie'] = SESSION_COOKIE
      res.writeHead(200, headers).end(await fs.readFile(path.join(PUBLIC_DIR, name)))
      return
    }
    if (req.method === 'GET' && url.pathname === '/control/state') {
      // The page takes its origin from location.origin, and calls the API on its own host at this port.
      return sendJson(res, 200, { apiPort: api.port, policy: current.input, next: nextSeq })
    }
    if (req.method === 'GET' && url.pathname === '/control/log') {
      const since = Number(url.searchParams.get('since') ?? 0)
      return sendJson(res, 200, { records: records.filter((record) => record.seq >= since), next: nextSeq })
    }
    if (req.method === 'PUT' && url.pathname === '/control/policy') {
      let input
      try {
        input = JSON.parse(await readBody(req))
      } catch (error) {
        return sendJson(res, 400, {
          applied: false,
          message: `the policy is not JSON: ${messageOf(error)}`,
          problems: [],
        })
      }
      try {
        current = { input, policy: compile(input) }
      } catch (error) {
        // A CorsConfigError is the point of this demo: show every problem; the API keeps the last valid policy.
        const refusal = /** @type {Error & { code?: unknown, problems?: unknown[] }} */ (error)
        if (refusal.code !== 'CORS_CONFIG' && refusal.code !== 'PLAYGROUND_INPUT') throw error
        return sendJson(res, 422, {
          applied: false,
          message: refusal.message,
          problems: refusal.problems ?? [],
          kept: current.input,
        })
      }
      return sendJson(res, 200, { applied: true, policy: current.input })
    }
    sendJson(res, 404, { error: `no such page: ${req.method} ${url.pathname}` })
  }

  return {
    pageUrl: `${pageOrigins[0]}/`,
    pageUrls: pageOrigins.map((origin) => `${origin}/`),
    apiUrl: `http://localhost:${api.port}/`,
    pagePort: page.port,
    apiPort: api.port,
    close: () => Promise.all([...page.servers, ...api.servers].map(closeServer)).then(() => undefined),
  }
}

/** @param {string} distDir */
async function loadCorsica(distDir) {
  const entry = (/** @type {string} */ name) => pathToFileURL(path.join(distDir, name)).href
  try {
    /** @type {[typeof import('corsica'), typeof import('corsica/node')]} */
    const [index, node] = await Promise.all([import(entry('index.js')), import(entry('node.js'))])
    return { createCors: index.createCors, readNodeRequest: node.readNodeRequest, applyDecision: node.applyDecision }
  } catch (error) {
    throw new Error(
      `cannot load corsica from ${distDir} (run \`npm start\`, which builds it first, or set CORSICA_DIST): ${messageOf(error)}`,
    )
  }
}

/**
 * Serves `handler` on every loopback address at one port: 127.0.0.1 (required) and ::1 (skipped
 * when the system has no IPv6 loopback). A port taken on either address falls back to a free
 * one for both, so two playgrounds can run at once, and `localhost` never reaches another
 * program that holds the port on ::1 only. Resolves to `{ port, addresses, servers }`.
 * @param {RequestHandler} handler
 * @param {number} requested the port to try first; 0 for any free port
 * @param {(line: string) => void} log
 * @param {string} name the setting that chose the port, for the log
 */
async function listenOnLoopback(handler, requested, log, name) {
  let port = requested
  for (let attempt = 1; ; attempt++) {
    /** @type {http.Server[]} */
    const servers = []
    /** @type {string[]} */
    const addresses = []
    try {
      for (const address of LOOPBACK) {
        const server = http.createServer(handler)
        try {
          port = await listen(server, port, address)
        } catch (error) {
          const code = codeOf(error)
          if (address !== LOOPBACK[0] && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue
          throw error
        }
        servers.push(server)
        addresses.push(address)
      }
      return { port, addresses, servers }
    } catch (error) {
      await Promise.all(servers.map(closeServer))
      // Port 0 may pick a port free on 127.0.0.1 but taken on ::1: try again, a few times.
      if (codeOf(error) !== 'EADDRINUSE' || attempt === 5) throw error
      if (requested !== 0 && attempt === 1) log(`${name} ${requested} is taken; using a free port instead`)
      port = 0
    }
  }
}

/**
 * Listens on `address` at `port`; resolves to the port bound (the free one picked for port 0).
 * @param {http.Server} server
 * @param {number} port
 * @param {string} address
 * @returns {Promise<number>}
 */
function listen(server, port, address) {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, address, () => {
      server.off('error', reject)
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port)
    })
  })
}

/**
 * How an address is written in a URL's host: IPv6 in brackets.
 * @param {string} address
 */
function hostOf(address) {
  return address.includes(':') ? `[${address}]` : address
}

/**
 * Closes a server, including the browser's idle keep-alive connections, which would hold it open.
 * @param {http.Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => {
      body += chunk
      if (body.length > BODY_LIMIT) req.destroy(new Error('body too large'))
    })
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} value
 */
function sendJson(res, status, value) {
  if (res.headersSent) return res.end()
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(value))
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The `code` of a Node system error (EADDRINUSE…), undefined for anything else.
 * @param {unknown} error
 */
function codeOf(error) {
  return error instanceof Error && 'code' in error ? error.code : undefined
}
