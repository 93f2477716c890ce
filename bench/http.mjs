// `npm run bench:http`: requests per second with autocannon against servers in child processes
// on 127.0.0.1: bare node:http / + corsica / + `cors` / + the headers by hand (the floor), and the
// same on Express 5, Fastify 5 (peer: @fastify/cors) and Koa 3 (peer: @koa/cors).
//
// Method, built for a small shared machine whose rate for this load swings by ±15% from one
// tenth of a second to the next (other tenants of the host, other jobs), where two Node processes
// running the same code also differ by a few percent for as long as they live (memory layout,
// hash seeds):
// - Rounds, each with a fresh process for every server, warmed up: one process's luck lasts one
//   round, and the rounds' scatter includes it.
// - Short trials (`--duration`, 0.1 s), one server loaded at a time, in mirrored passes:
//   A B C D E E D C B A, the first server rotated at each pass, so a server's two trials in a
//   pass are centred on the same instant and a drift over the pass cancels out of the ratios.
// - A round is `--cycles` passes over the node:http servers (4; Express, Fastify and Koa, not
//   targets, get half as many); a server's share of bare for the round is its requests per second over its trials
//   ÷ bare's over its own. The figure is the median over `--rounds` rounds (21), with a
//   distribution-free 95% confidence interval of that median (order statistics).
// - A control: a second, identical bare node:http server, measured like the others: what the
//   method reads for two servers doing the same work (100% if unbiased), and how closely.
// - CPU: each trial's server CPU time (process.cpuUsage, asked over IPC) and client CPU time
//   (this process: autocannon) per request, paired by round like the rates, and the share of a
//   core each side used: it says which side of the loopback limits the request rate.
// - In process: the handlers on Node's own req/res, and autocannon's parser on each server's
//   exact response, timed in blocks paired with bare (bench/lib/measure.mjs timePaired).
// --pin puts the servers on core 1 and the client on core 0 (taskset). Off by default: a pinned
// Node process shares its one core with its own compiler and GC threads, which on a 2-core
// machine cost Express more than half its throughput in trials.
//   node bench/http.mjs [--smoke] [--rounds N] [--cycles N] [--duration seconds per trial]
//                       [--connections N] [--pin]
//                       [--only node|express|fastify|koa (RESULTS.md left as it was)]
import { execFileSync, spawn } from 'node:child_process'
import http from 'node:http'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import autocannon from 'autocannon'
import corsPackage from 'cors'
import { ALLOWED, OPTIONS } from './lib/fixtures.mjs'
import { DIST, loadCorsica, machine, versionOf } from './lib/load.mjs'
import { median, rotated, timePaired } from './lib/measure.mjs'
import { ns, table, verdict, writeSection } from './lib/results.mjs'

/**
 * @typedef {'node-bare' | 'node-bare-again' | 'node-reads' | 'node-floor' | 'node-corsica' | 'node-cors'
 *   | 'express-bare' | 'express-noop' | 'express-corsica' | 'express-cors' | 'express-floor'
 *   | 'fastify-bare' | 'fastify-corsica' | 'fastify-peer' | 'fastify-floor'
 *   | 'koa-bare' | 'koa-corsica' | 'koa-peer' | 'koa-floor'} Kind
 * @typedef {{ kind: Kind, child: import('node:child_process').ChildProcess, port: number }} Server
 * @typedef {{ requests: number, seconds: number, serverCpu: number, clientCpu: number }} Trial
 * @typedef {'rate' | 'serverCpu' | 'clientCpu'} Measure
 */

/**
 * `Object.fromEntries(keys.map((key) => [key, value(key)]))`, typed as the record it is.
 * @template {string} K
 * @template V
 * @param {readonly K[]} keys
 * @param {(key: K) => V} value
 * @returns {Record<K, V>}
 */
const mapKeys = (keys, value) => /** @type {Record<K, V>} */ (Object.fromEntries(keys.map((key) => [key, value(key)])))

const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
/**
 * The word after `--name` on the command line, or `fallback` when there is no `--name`.
 * @param {string} name
 * @param {string | number | undefined} fallback
 */
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : args[at + 1]
}
const rounds = Number(option('rounds', smoke ? 1 : 21))
const cycles = Number(option('cycles', smoke ? 1 : 4))
const duration = Number(option('duration', smoke ? 0.05 : 0.1))
/** Seconds of load that warm a fresh node:http server up (Express gets twice as long). */
const WARM_UP = 0.6
const connections = Number(option('connections', 10))
const only = option('only', undefined)
/** In process: blocks of calls per case, each between two blocks of bare (bench/lib/measure.mjs). */
const IN_PROCESS = smoke ? { blocks: 4, calls: 200 } : { blocks: 150, calls: 2000 }
const IN_CLIENT = smoke ? { blocks: 4, calls: 50 } : { blocks: 100, calls: 2000 }
/** @type {Record<string, [bare: Kind, ...others: Kind[]]>} */
const GROUPS = {
  node: ['node-bare', 'node-bare-again', 'node-floor', 'node-corsica', 'node-cors'],
  express: ['express-bare', 'express-noop', 'express-corsica', 'express-cors', 'express-floor'],
  fastify: ['fastify-bare', 'fastify-corsica', 'fastify-peer', 'fastify-floor'],
  koa: ['koa-bare', 'koa-corsica', 'koa-peer', 'koa-floor'],
}
if (only !== undefined && !(only in GROUPS)) throw new Error(`--only takes ${Object.keys(GROUPS).join(' or ')}`)
const groups = Object.entries(GROUPS).filter(([name]) => only === undefined || name === only)
const KINDS = groups.flatMap(([, kinds]) => kinds)
/** @type {Record<Kind, string>} */
const LABELS = {
  'node-bare': 'node:http, bare',
  'node-bare-again': 'node:http, bare again (control)',
  'node-reads': 'node:http + reading the Origin header',
  'node-floor': 'node:http + the 3 headers by hand',
  'node-corsica': 'node:http + corsica/node',
  'node-cors': 'node:http + cors',
  'express-bare': 'Express 5, bare',
  'express-noop': 'Express 5 + an empty middleware',
  'express-corsica': 'Express 5 + corsica/express',
  'express-cors': 'Express 5 + cors',
  'express-floor': 'Express 5 + the headers by hand',
  'fastify-bare': 'Fastify 5, bare',
  'fastify-corsica': 'Fastify 5 + corsica/fastify',
  'fastify-peer': 'Fastify 5 + @fastify/cors',
  'fastify-floor': 'Fastify 5 + the headers by hand (onRequest hook)',
  'koa-bare': 'Koa 3, bare',
  'koa-corsica': 'Koa 3 + corsica/koa',
  'koa-peer': 'Koa 3 + @koa/cors',
  'koa-floor': 'Koa 3 + the headers by hand',
}
const bareOf = (/** @type {Kind} */ kind) => /** @type {Kind} */ (`${kind.split('-')[0]}-bare`)

function canPin() {
  if (!args.includes('--pin') || os.cpus().length < 2) return false
  try {
    execFileSync('taskset', ['-cp', '0', String(process.pid)], { stdio: 'ignore' }) // the client: core 0
    return true
  } catch {
    return false
  }
}
const pinned = canPin()

/**
 * @param {Kind} kind
 * @returns {Promise<Server>}
 */
function startServer(kind) {
  const script = fileURLToPath(new URL('./http-server.mjs', import.meta.url))
  const [command, argv] = pinned
    ? ['taskset', ['-c', '1', process.execPath, script, kind]]
    : [process.execPath, [script, kind]]
  const child = spawn(command, argv, { env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.once('exit', (code) => reject(new Error(`server ${kind} exited with ${code}`)))
    child.stdout?.on('data', (chunk) => {
      output += chunk
      if (output.includes('\n')) resolve({ kind, child, port: JSON.parse(output).port })
    })
  })
}

/**
 * @param {Server} server
 * @returns {Promise<number>} the CPU microseconds the server process has used
 */
function cpuTime(server) {
  return new Promise((resolve) => {
    server.child.once('message', (message) => resolve(/** @type {{ cpu: number }} */ (message).cpu))
    server.child.send('cpu')
  })
}

/**
 * Loads a server for `seconds`. Returns the requests answered, the seconds they took (autocannon's
 * own start and finish, to the millisecond), and the CPU microseconds the server and the client
 * used meanwhile.
 * @param {Server} server
 * @param {number} seconds
 * @returns {Promise<Trial>}
 */
async function load(server, seconds) {
  const serverBefore = await cpuTime(server)
  const clientBefore = process.cpuUsage()
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/`,
    headers: { origin: ALLOWED },
    connections,
    duration: seconds,
    // autocannon stops at the first sample tick after `duration`: a tick every 10 ms keeps a trial
    // within 10 ms of its length (the default tick, 1 s, would make a 0.1 s trial last 1 s).
    sampleInt: 10,
  })
  const client = process.cpuUsage(clientBefore)
  const serverCpu = (await cpuTime(server)) - serverBefore
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`${server.kind}: ${result.errors} errors, ${result.non2xx} non-2xx responses`)
  const requests = result.requests.total
  return {
    requests,
    seconds: (result.finish.getTime() - result.start.getTime()) / 1000,
    serverCpu,
    clientCpu: client.user + client.system,
  }
}

/** @param {Server} server */
async function checkHeaders(server) {
  const response = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { origin: ALLOWED } })
  const allowOrigin = response.headers.get('access-control-allow-origin')
  const expected = /bare|noop/.test(server.kind) ? null : ALLOWED
  if (allowOrigin !== expected)
    throw new Error(`${server.kind}: Access-Control-Allow-Origin ${allowOrigin}, expected ${expected}`)
}

/** Node's request and response objects with no connection: IncomingMessage takes null for its socket. */
const NO_SOCKET = /** @type {import('node:net').Socket} */ (/** @type {unknown} */ (null))
/** @typedef {http.IncomingMessage & { _addHeaderLines(lines: string[], count: number): void }} ParsedRequest */

/**
 * The same handlers on Node's own IncomingMessage/ServerResponse, with no socket: the response
 * head is built and the body queued, nothing is sent. Far less noisy than HTTP on a shared
 * machine, it says how much CPU each variant adds to a request, header serialisation included.
 */
async function inProcess() {
  const corsica = await loadCorsica()
  const handleCors = corsica.node.cors(OPTIONS)
  const middleware = corsPackage(OPTIONS)
  // A new request per call, headers as the parser leaves them (raw lines, the ones autocannon
  // sends): Node builds req.headers on first read, a cost of any code that reads a header.
  const request = () => {
    const req = /** @type {ParsedRequest} */ (new http.IncomingMessage(NO_SOCKET))
    req.method = 'GET'
    req.url = '/'
    const raw = ['host', '127.0.0.1:8080', 'origin', ALLOWED]
    req._addHeaderLines(raw, raw.length) // what node:http's parser calls (internal, stable since Node 15)
    return req
  }
  const reply = (/** @type {http.ServerResponse} */ res) => {
    res.setHeader('content-type', 'text/plain')
    res.end('ok')
    return res
  }
  return timePaired(
    ['node-bare', () => reply(new http.ServerResponse(request()))],
    {
      'node-reads': () => {
        const req = request()
        const res = new http.ServerResponse(req)
        if (req.headers.origin === undefined) throw new Error('no origin')
        return reply(res)
      },
      'node-floor': () => {
        const res = new http.ServerResponse(request())
        res.setHeader('access-control-allow-origin', ALLOWED)
        res.setHeader('access-control-allow-credentials', 'true')
        res.setHeader('vary', 'Origin')
        return reply(res)
      },
      'node-corsica': () => {
        const req = request()
        const res = new http.ServerResponse(req)
        return handleCors(req, res) ? res : reply(res)
      },
      'node-cors': () => {
        const req = request()
        const res = new http.ServerResponse(req)
        middleware(req, res, () => reply(res))
        return res
      },
    },
    IN_PROCESS,
  )
}

/**
 * The bytes a server answers the benchmark's request with, read off a plain socket.
 * @param {Server} server
 * @returns {Promise<Buffer>}
 */
function responseBytes(server) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () =>
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${ALLOWED}\r\n\r\n`),
    )
    /** @type {Buffer[]} */
    const chunks = []
    socket.on('data', (chunk) => {
      chunks.push(chunk)
      const bytes = Buffer.concat(chunks)
      const head = bytes.indexOf('\r\n\r\n')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(bytes.toString('latin1'))?.[1])
      if (head !== -1 && bytes.length >= head + 4 + length) {
        socket.destroy()
        resolve(bytes)
      }
    })
    socket.on('error', reject)
  })
}

/**
 * What the client spends reading each server's response: autocannon's own HTTP parser
 * (http-parser-js, written in JavaScript) on the exact bytes each server sent, every response
 * parsed to the end (headers, body, completion), timed like the handlers above. It runs in a
 * worker thread, a fresh V8 isolate: the parser's speed depends on what it has seen before, and
 * here it has seen only these responses.
 * @param {Partial<Record<Kind, Buffer>>} bytes each server's response
 * @returns {Promise<Record<string, { time: number, added: number }>>} timePaired's figures, bare first
 */
async function clientParse(bytes) {
  const parser = createRequire(fileURLToPath(import.meta.resolve('autocannon'))).resolve('http-parser-js')
  const measure = new URL('./lib/measure.mjs', import.meta.url).href
  const code = `
    const { parentPort, workerData } = require('node:worker_threads')
    const { HTTPParser } = require(workerData.parser)
    const parse = (buffer) => {
      const parser = new HTTPParser(HTTPParser.RESPONSE)
      let seen = 0
      parser[HTTPParser.kOnHeadersComplete] = (info) => (seen += info.headers.length)
      parser[HTTPParser.kOnBody] = (body, start, length) => (seen += body.subarray(start, start + length).length)
      parser[HTTPParser.kOnMessageComplete] = () => seen++
      return () => (parser.execute(buffer), seen)
    }
    import(workerData.measure).then(({ timePaired }) => {
      const [bare, ...others] = Object.entries(workerData.bytes).map(([kind, data]) => [kind, parse(Buffer.from(data))])
      parentPort.postMessage(timePaired(bare, Object.fromEntries(others), workerData.settings))
    })`
  const worker = new Worker(code, { eval: true, workerData: { parser, measure, bytes, settings: IN_CLIENT } })
  const [result] = await once(worker, 'message')
  await worker.terminate()
  return result
}

/**
 * Lowest k with P(Binomial(n, 1/2) < k) > 2.5%: [x(k), x(n+1-k)] holds the median with ≥ 95%.
 * @param {number[]} values
 * @returns {[number, number] | undefined} undefined when there are too few values
 */
function medianInterval(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const n = sorted.length
  let k = 0
  let below = 0 // P(X ≤ k - 1)
  let term = 0.5 ** n // P(X = 0)
  while (k < n && below + term <= 0.025) {
    below += term
    term = (term * (n - k)) / (k + 1)
    k++
  }
  const [lower, upper] = [sorted[k - 1], sorted[n - k]]
  return k === 0 || lower === undefined || upper === undefined ? undefined : [lower, upper]
}

const objects = await inProcess()

/** Starts a fresh process for every server and checks its headers. */
async function startRound() {
  const servers = await Promise.all(KINDS.map(startServer))
  for (const server of servers) await checkHeaders(server)
  return /** @type {Record<Kind, Server>} */ (Object.fromEntries(servers.map((server) => [server.kind, server])))
}

/**
 * Stops a round's servers and waits for them to exit.
 * @param {Partial<Record<Kind, Server>>} byKind
 */
function stopRound(byKind) {
  return Promise.all(
    Object.values(byKind).map(
      ({ child }) =>
        /** @type {Promise<void>} */ (
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            const timer = setTimeout(() => child.kill('SIGKILL'), 2000)
            child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
            child.kill('SIGTERM')
          })
        ),
    ),
  )
}

const trials = mapKeys(KINDS, () => /** @type {Trial[]} */ ([]))
/** Per server but bare, one entry a round: its summed measures over bare's, same round. */
const pairs = mapKeys(KINDS, () => /** @type {Record<Measure, number>[]} */ ([]))
const rate = (/** @type {Trial} */ trial) => trial.requests / trial.seconds
const perRequest = (/** @type {'serverCpu' | 'clientCpu'} */ side) => (/** @type {Trial} */ trial) =>
  trial[side] / trial.requests
const MEASURES = { rate, serverCpu: perRequest('serverCpu'), clientCpu: perRequest('clientCpu') }
const MEASURE_NAMES = /** @type {Measure[]} */ (Object.keys(MEASURES))
const started = Date.now()
/** @type {Partial<Record<Kind, Buffer>>} */
let bytes = {}
/** @type {Partial<Record<Kind, Server>>} */
let byKind = {}
try {
  for (let round = 0; round < rounds; round++) {
    const servers = await startRound()
    byKind = servers
    if (round === 0) {
      /** @type {Kind[]} */
      const sent = ['node-bare', 'node-floor', 'node-corsica', 'node-cors']
      const answers = sent
        .filter((kind) => kind in servers)
        .map(async (kind) => /** @type {const} */ ([kind, await responseBytes(servers[kind])]))
      bytes = Object.fromEntries(await Promise.all(answers))
    }
    /** @type {string[]} */
    const line = []
    for (const [group, kinds] of groups) {
      // Warm-up, right before the group's trials and in a rotated order, so no server is always
      // warmed first (idle longest) or last: until the JIT has optimised the request path, which
      // takes Express about twice as long as node:http.
      const warmUp = group === 'node' ? WARM_UP : 2 * WARM_UP
      for (const kind of rotated(kinds, round)) {
        await load(servers[kind], smoke ? duration : warmUp)
      }
      // Per server: each measure summed over its trials of the round.
      const sums = mapKeys(kinds, () => ({ rate: 0, serverCpu: 0, clientCpu: 0 }))
      const passes = group === 'node' ? cycles : Math.ceil(cycles / 2)
      for (let pass = 0; pass < passes; pass++) {
        const shift = round * passes + pass
        const order = rotated(kinds, shift)
        // A B C D D C B A: every server's two trials are centred on the same instant.
        for (const kind of [...order, ...[...order].reverse()]) {
          const trial = await load(servers[kind], duration)
          trials[kind].push(trial)
          for (const name of MEASURE_NAMES) sums[kind][name] += MEASURES[name](trial)
        }
      }
      const bare = sums[kinds[0]]
      for (const kind of kinds.slice(1)) {
        const pair = mapKeys(MEASURE_NAMES, (name) => sums[kind][name] / bare[name])
        pairs[kind].push(pair)
        line.push(`${kind.replace(/^(\w+)-/, group === 'node' ? '' : '$1 ')} ${percent(pair.rate)}`)
      }
    }
    await stopRound(byKind)
    console.log(`round ${round + 1}/${rounds}  ${line.join('  ')}`)
  }
} finally {
  await stopRound(byKind)
}
const parsing = 'node-bare' in bytes ? await clientParse(bytes) : undefined
const minutes = (Date.now() - started) / 60_000

/** @param {number} value */
function percent(value) {
  return `${(value * 100).toFixed(1)}%`
}
/** @param {number} value */
function count(value) {
  return Math.round(value).toLocaleString('en')
}
/** @param {number} delta nanoseconds */
function signed(delta) {
  return `${delta < 0 ? '−' : '+'}${ns(Math.abs(delta))}`
}
const isBare = (/** @type {Kind} */ kind) => kind === bareOf(kind)
/** Each round's share of bare: the server's requests per second over bare's, same round. */
const shares = (/** @type {Kind} */ kind) => pairs[kind].map((pair) => pair.rate)
const share = (/** @type {Kind} */ kind) => (isBare(kind) ? 1 : median(shares(kind)))
const interval = (/** @type {Kind} */ kind) => {
  const bounds = isBare(kind) ? undefined : medianInterval(shares(kind))
  return bounds === undefined ? 'n/a' : `${percent(bounds[0])}–${percent(bounds[1])}`
}
/** @typedef {'serverCpu' | 'clientCpu'} Side */
const rps = (/** @type {Kind} */ kind) => median(trials[kind].map(rate))
/** Median over trials of CPU microseconds per request, server or client side. */
const cpuOf = (/** @type {Kind} */ kind, /** @type {Side} */ side) => median(trials[kind].map(perRequest(side)))
/** Bare's CPU per request ÷ this server's, from the same rounds (median over rounds). */
const cpuShare = (/** @type {Kind} */ kind, /** @type {Side} */ side) =>
  isBare(kind) ? 1 : 1 / median(pairs[kind].map((pair) => pair[side]))
/** Share of one core used during the trials: CPU seconds ÷ wall seconds (median of trials). */
const cores = (/** @type {Kind} */ kind, /** @type {Side} */ side) =>
  median(trials[kind].map((trial) => trial[side] / 1e6 / trial.seconds))
const range = (/** @type {number[]} */ values) => `${percent(Math.min(...values))}–${percent(Math.max(...values))}`
const rows = KINDS.map((kind) => [
  LABELS[kind],
  count(rps(kind)),
  isBare(kind) ? '' : percent(share(kind)),
  interval(kind),
  `${cpuOf(kind, 'serverCpu').toFixed(1)} µs`,
  isBare(kind) ? '' : percent(cpuShare(kind, 'serverCpu')),
  `${cpuOf(kind, 'clientCpu').toFixed(1)} µs`,
  isBare(kind) ? '' : percent(cpuShare(kind, 'clientCpu')),
  `${cores(kind, 'serverCpu').toFixed(2)} / ${cores(kind, 'clientCpu').toFixed(2)}`,
])
const header = [
  'server',
  'req/s (median of trials)',
  'share of bare (median of rounds)',
  '95% interval of that median',
  'server CPU per request',
  'bare ÷ this, server CPU (median of rounds)',
  'client CPU per request',
  'bare ÷ this, client CPU (median of rounds)',
  'cores used: server / client',
]
const hasNode = KINDS.includes('node-bare')
const hasExpress = KINDS.includes('express-bare')
/** Verdict cell of the figures that support the target rather than being one. */
const INFO = 'not a target'
/** @typedef {keyof typeof objects} InProcessKind */
const added = (/** @type {InProcessKind} */ kind) => objects[kind].added
const parsed = (/** @type {InProcessKind} */ kind) => parsing?.[kind]?.added ?? 0
// Shares a request's CPU would predict from the in-process figures alone, over the CPU a bare
// request costs in the trials: the server's time only, and server + client (both share the cores).
const serverBare = hasNode ? cpuOf('node-bare', 'serverCpu') : NaN
const clientBare = hasNode ? cpuOf('node-bare', 'clientCpu') : NaN
const estimate = (/** @type {InProcessKind} */ kind) => serverBare / (serverBare + added(kind) / 1000)
const estimateBoth = (/** @type {InProcessKind} */ kind) =>
  (serverBare + clientBare) / (serverBare + clientBare + (added(kind) + parsed(kind)) / 1000)
/** @type {string[][]} */
const targets = []
/** @type {string[]} */
const notes = []
if (hasNode) {
  const keep = share('node-corsica')
  const bounds = medianInterval(shares('node-corsica'))
  let where = 'too few rounds for an interval'
  if (bounds !== undefined && bounds[0] >= 0.98) where = 'the whole 95% interval of the median is at or above 98%'
  else if (bounds !== undefined && bounds[1] < 0.98)
    where = `the whole 95% interval of the median (${interval('node-corsica')}) is below 98%`
  else if (bounds !== undefined) where = `the 95% interval of the median (${interval('node-corsica')}) straddles 98%`
  const why = `${where}. The same three headers written by hand, with no CORS code, keep ${percent(share('node-floor'))} (${interval('node-floor')}) in the same rounds: the cost is in sending three more header lines, which the bare server does not send. On Node's own objects they cost the server ${ns(added('node-floor'))} by hand and ${ns(added('node-corsica'))} through corsica/node, and autocannon's parser about ${ns(parsed('node-corsica'))} more per response to read. The client shares the ${os.cpus().length} cores, so with ${serverBare.toFixed(1)} + ${clientBare.toFixed(1)} µs of server + client CPU per bare request that predicts ${percent(estimateBoth('node-floor'))} for the headers by hand and ${percent(estimateBoth('node-corsica'))} for corsica (last table; the server's part alone ${percent(estimate('node-floor'))} and ${percent(estimate('node-corsica'))}). Those are costs on hot caches, a lower bound: in the trials, bare's CPU per request is ${percent(cpuShare('node-corsica', 'serverCpu'))} of corsica's in the server and ${percent(cpuShare('node-corsica', 'clientCpu'))} in the client (by hand: ${percent(cpuShare('node-floor', 'serverCpu'))} and ${percent(cpuShare('node-floor', 'clientCpu'))})`
  let keepNote = why
  if (keep >= 0.98) keepNote = bounds !== undefined && bounds[0] >= 0.98 ? '' : `met, but ${where}`
  targets.push(
    [
      'node:http + corsica keeps ≥ 98% of bare throughput (median of per-round shares)',
      percent(keep),
      verdict(keep >= 0.98),
      keepNote,
    ],
    [
      '(control) a second bare node:http server, measured the same way',
      percent(share('node-bare-again')),
      INFO,
      `95% interval ${interval('node-bare-again')}: what the method reads for two equal servers`,
    ],
    [
      '(reference) the 3 headers by hand, no CORS code: the floor for any CORS code',
      percent(share('node-floor')),
      INFO,
      `95% interval ${interval('node-floor')}`,
    ],
    [
      '(supporting) bare server CPU per request ÷ corsica server CPU per request (median of rounds)',
      percent(cpuShare('node-corsica', 'serverCpu')),
      INFO,
      '',
    ],
    [
      '(estimate) from the in-process costs below: server + client CPU per request, bare ÷ corsica',
      percent(estimateBoth('node-corsica')),
      INFO,
      `server CPU alone: ${percent(estimate('node-corsica'))}`,
    ],
  )
  const bareRates = trials['node-bare'].map(rate)
  notes.push(
    `Noise: this run's ${bareRates.length} trials of bare node:http range over ${range(bareRates.map((value) => value / median(bareRates)))} of their median; the control's per-round shares range over ${range(shares('node-bare-again'))}, and the 95% interval of their median is ${interval('node-bare-again')}: no ratio of this run is closer than that.`,
    `Who limits the rate: during bare node:http trials the server used ${cores('node-bare', 'serverCpu').toFixed(2)} of a core and the client (autocannon: one thread, its HTTP parser written in JavaScript) ${cores('node-bare', 'clientCpu').toFixed(2)}, on ${os.cpus().length} cores${pinned ? ', one each' : ' both share'}. Neither side has CPU to spare, so the rate follows the CPU both spend per request (bare: ${serverBare.toFixed(1)} µs in the server, ${clientBare.toFixed(1)} µs in the client), and three more header lines per response cost time on both sides: on the server to write them, on the client to parse them (in the trials, bare's client CPU per request is ${percent(cpuShare('node-corsica', 'clientCpu'))} of its CPU per corsica response).`,
  )
}
/** @type {string[]} */
const lines = []
if (hasNode) {
  lines.push(
    `corsica vs \`cors\` on node:http: ${(share('node-corsica') / share('node-cors')).toFixed(2)}x the requests per second (${(cpuShare('node-corsica', 'serverCpu') / cpuShare('node-cors', 'serverCpu')).toFixed(2)}x by server CPU per request).`,
  )
}
if (hasExpress) {
  lines.push(
    `corsica vs \`cors\` on Express: ${(share('express-corsica') / share('express-cors')).toFixed(2)}x the requests per second (${(cpuShare('express-corsica', 'serverCpu') / cpuShare('express-cors', 'serverCpu')).toFixed(2)}x by server CPU per request).`,
    `Express 5 + an empty middleware: ${percent(share('express-noop'))} of bare Express's requests per second (${interval('express-noop')}), ${percent(cpuShare('express-noop', 'serverCpu'))} by server CPU per request (bare: ${cpuOf('express-bare', 'serverCpu').toFixed(1)} µs): one more layer with nothing in it.`,
  )
}
/** @type {[group: string, name: string, peer: string][]} */
const FRAMEWORK_LINES = [
  ['fastify', 'Fastify', '@fastify/cors'],
  ['koa', 'Koa', '@koa/cors'],
]
for (const [group, name, peer] of FRAMEWORK_LINES) {
  if (!KINDS.includes(/** @type {Kind} */ (`${group}-bare`))) continue
  const kind = (/** @type {string} */ variant) => /** @type {Kind} */ (`${group}-${variant}`)
  lines.push(
    `corsica vs \`${peer}\` on ${name}: ${(share(kind('corsica')) / share(kind('peer'))).toFixed(2)}x the requests per second (${(cpuShare(kind('corsica'), 'serverCpu') / cpuShare(kind('peer'), 'serverCpu')).toFixed(2)}x by server CPU per request); the headers by hand keep ${percent(share(kind('floor')))} of bare ${name}'s requests per second, corsica ${percent(share(kind('corsica')))} (bare: ${cpuOf(kind('bare'), 'serverCpu').toFixed(1)} µs of server CPU per request).`,
  )
}
/**
 * The client column: the parser's time per response for bare, the time it adds for the others.
 * @param {InProcessKind} kind
 */
function parserCell(kind) {
  const figures = parsing?.[kind]
  if (parsing === undefined) return 'n/a'
  if (figures === undefined) return 'same bytes as bare'
  return kind === 'node-bare' ? ns(figures.time) : signed(parsed(kind))
}
/** @type {InProcessKind[]} */
const inProcessKinds = ['node-bare', 'node-reads', 'node-floor', 'node-corsica', 'node-cors']
const objectRows = inProcessKinds.map((kind) => [
  LABELS[kind],
  ns(objects[kind].time),
  kind === 'node-bare' ? '' : signed(added(kind)),
  parserCell(kind),
  hasNode ? percent(estimate(kind)) : 'n/a',
  hasNode ? percent(estimateBoth(kind)) : 'n/a',
])
const objectHeader = [
  "handler on Node's own req/res, no socket",
  'server: time per request',
  'server: added to bare',
  "client: autocannon's parser per response (bare), added",
  'estimated share of bare: server CPU',
  'estimated share of bare: server + client CPU',
]
const env = machine()

console.log('')
console.log(table(header, rows))
for (const [name, figure, met, reason] of targets)
  console.log(`target: ${name}: ${figure} (${met})${reason ? `: ${reason}` : ''}`)
for (const line of [...notes, ...lines]) console.log(line)
console.log('')
console.log(table(objectHeader, objectRows))
console.log(`\n${minutes.toFixed(1)} min of HTTP trials`)

if (!smoke && only === undefined) {
  const passes = (/** @type {string} */ group) => (group === 'node' ? cycles : Math.ceil(cycles / 2))
  const body = [
    `## \`npm run bench:http\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${env.cpu}, ${env.memory}, ${env.platform}. Node ${env.node}.`,
    `Versions: corsica ${env.corsica}, cors ${versionOf('cors')}, express ${versionOf('express')}, fastify ${versionOf('fastify')}, @fastify/cors ${versionOf('@fastify/cors')}, koa ${versionOf('koa')}, @koa/cors ${versionOf('@koa/cors')}, autocannon ${versionOf('autocannon')}.`,
    '',
    `Method: autocannon, ${connections} connections, GET / with an allowed Origin, no pipelining, against each server in its own process on 127.0.0.1${pinned ? ' (servers pinned to core 1, the client to core 0)' : ' (not pinned)'}; every server answers "ok" with a text/plain body, and the client runs on the same machine. This machine's rate for this load swings by about ±15% from one tenth of a second to the next (other tenants of the host, other jobs), and two Node processes running the same code differ by a few percent for as long as they live (memory layout, hash seeds), both far more than the 2% in question. So: (1) every round starts a fresh process for every server and warms each up right before its group's trials, in a rotated order (${WARM_UP} s of load, Express, Fastify and Koa ${2 * WARM_UP} s), so that one process's luck lasts one round; (2) trials are short, ${duration} s, one server loaded at a time; (3) the servers of a group are interleaved in mirrored passes, A B C D E E D C B A with the first server rotated at each pass, so every server's two trials in a pass are centred on the same instant and a drift over the pass cancels out of their ratio; (4) a round is ${passes('node')} passes over the node:http servers and ${passes('express')} over the Express, Fastify and Koa ones each, and a server's share of bare for the round is its requests per second over its trials ÷ bare's over its own; (5) the figure is the median of the ${rounds} rounds' shares, with a distribution-free 95% confidence interval of that median (order statistics); (6) a control, a second bare node:http server measured exactly like the others, shows what the method reads for two equal servers. ${minutes.toFixed(1)} min in all. CPU per request: the server process's user + system CPU time over a trial (process.cpuUsage, asked over IPC) and the client's (this process, autocannon's setting up of each trial included), ÷ requests served; the "bare ÷ this" columns pair them by round like the shares. The "by hand" server sets the three headers corsica sends here (Access-Control-Allow-Origin, Access-Control-Allow-Credentials, Vary) with constant values and no CORS code: the floor for any CORS code (on Express, Fastify and Koa it reads the Origin and picks the precomputed headers, as in the framework groups of \`npm run bench\`).`,
    '',
    table(['target', 'figure', 'verdict', 'if missed, why'], targets),
    '',
    ...notes.flatMap((note) => [note, '']),
    table(header, rows),
    '',
    ...lines.flatMap((line) => [line, '']),
    `### The same costs in process: server handlers on Node's own objects, and the client's parser`,
    '',
    `Server: Node's IncomingMessage and ServerResponse without a socket; each call makes a request (raw header lines as autocannon sends them) and a response, runs the handler, serialises the head and queues the body. Client: autocannon's HTTP parser (http-parser-js) reading the exact bytes each server answered with (bare: ${bytes['node-bare']?.length ?? 'n/a'} bytes; corsica: ${bytes['node-corsica']?.length ?? 'n/a'}). The parser runs in a fresh worker thread; its speed depends on what the JIT made of it, and differs between runs by up to a factor of 2, so its figures are orders of magnitude, not measurements to 1%. Both timed in blocks (server: ${IN_PROCESS.blocks} blocks of ${IN_PROCESS.calls.toLocaleString('en')} calls per case; client: ${IN_CLIENT.blocks} blocks of ${IN_CLIENT.calls.toLocaleString('en')}), every case's block between two blocks of bare, the order rotated: "added" is the median over blocks of a case's time per call minus the mean of the two bare blocks around it, so the machine's drift cancels out; garbage collection is paid in the blocks that cause it. The estimated shares put those added costs on top of the CPU a bare request costs in the HTTP trials (${serverBare.toFixed(1)} µs in the server, ${clientBare.toFixed(1)} µs in the client).`,
    '',
    table(objectHeader, objectRows),
  ].join('\n')
  writeSection('http', body)
  console.log(`\nwrote bench/RESULTS.md (build measured: ${DIST})`)
}
