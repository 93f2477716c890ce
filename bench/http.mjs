// `npm run bench:http`: requests per second with autocannon against servers in child processes
// on 127.0.0.1: bare node:http / + corsica / + `cors`, and the same on Express 5.
// Rounds are interleaved (every server once per round, order rotated) and medians reported; a
// share of bare throughput is the median of the shares measured round by round (bare and the
// variant a few seconds apart), which cancels the drift of a shared machine better than a ratio of
// medians. The server's own CPU time per request (process.cpuUsage, asked over IPC) is reported
// beside it: time other processes take from the server does not count in it.
// --pin puts the servers on core 1 and the client on core 0 (taskset). Off by default: a pinned
// Node process shares its one core with its own compiler and GC threads, which on a 2-core
// machine cost Express more than half its throughput in trials.
//   node bench/http.mjs [--smoke] [--rounds N] [--duration seconds] [--connections N] [--pin]
import { execFileSync, spawn } from 'node:child_process'
import http from 'node:http'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import corsPackage from 'cors'
import { ALLOWED, OPTIONS } from './lib/fixtures.mjs'
import { DIST, loadCorsica, machine, versionOf } from './lib/load.mjs'
import { median, settings, timeGroup } from './lib/measure.mjs'
import { ns, table, verdict, writeSection } from './lib/results.mjs'

const args = process.argv.slice(2)
const smoke = args.includes('--smoke')
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(args[at + 1])
}
const rounds = option('rounds', smoke ? 1 : 9)
const duration = option('duration', smoke ? 1 : 2)
const connections = option('connections', 10)
const KINDS = ['node-bare', 'node-floor', 'node-corsica', 'node-cors', 'express-bare', 'express-noop', 'express-corsica', 'express-cors']
const LABELS = {
  'node-bare': 'node:http, bare',
  'node-reads': 'node:http + reading the Origin header',
  'node-floor': 'node:http + the 3 headers by hand',
  'node-corsica': 'node:http + corsica/node',
  'node-cors': 'node:http + cors',
  'express-bare': 'Express 5, bare',
  'express-noop': 'Express 5 + an empty middleware',
  'express-corsica': 'Express 5 + corsica/express',
  'express-cors': 'Express 5 + cors',
}

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

function startServer(kind) {
  const script = fileURLToPath(new URL('./http-server.mjs', import.meta.url))
  const [command, argv] = pinned ? ['taskset', ['-c', '1', process.execPath, script, kind]] : [process.execPath, [script, kind]]
  const child = spawn(command, argv, { env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    let output = ''
    child.once('exit', (code) => reject(new Error(`server ${kind} exited with ${code}`)))
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('\n')) resolve({ kind, child, port: JSON.parse(output).port })
    })
  })
}

function cpuTime(server) {
  return new Promise((resolve) => {
    server.child.once('message', (message) => resolve(message.cpu))
    server.child.send('cpu')
  })
}

/** Loads a server for `seconds`: its requests per second and its CPU microseconds per request. */
async function load(server, seconds) {
  const cpuBefore = await cpuTime(server)
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/`,
    headers: { origin: ALLOWED },
    connections,
    duration: seconds,
  })
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${server.kind}: ${result.errors} errors, ${result.non2xx} non-2xx responses`)
  const cpu = (await cpuTime(server)) - cpuBefore
  return { rps: result.requests.total / (result.duration || seconds), cpuPerRequest: cpu / result.requests.total }
}

async function checkHeaders(server) {
  const response = await fetch(`http://127.0.0.1:${server.port}/`, { headers: { origin: ALLOWED } })
  const allowOrigin = response.headers.get('access-control-allow-origin')
  const expected = server.kind.endsWith('bare') || server.kind.endsWith('noop') ? null : ALLOWED
  if (allowOrigin !== expected) throw new Error(`${server.kind}: Access-Control-Allow-Origin ${allowOrigin}, expected ${expected}`)
}

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
    const req = new http.IncomingMessage(null)
    req.method = 'GET'
    req.url = '/'
    const raw = ['host', '127.0.0.1:8080', 'origin', ALLOWED]
    req._addHeaderLines(raw, raw.length) // what node:http's parser calls (internal, stable since Node 15)
    return req
  }
  const reply = (res) => {
    res.setHeader('content-type', 'text/plain')
    res.end('ok')
    return res
  }
  return timeGroup(
    {
      'node-bare': () => reply(new http.ServerResponse(request())),
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
    settings(smoke),
  )
}
const objects = await inProcess()

const servers = await Promise.all(KINDS.map(startServer))
const samples = Object.fromEntries(KINDS.map((kind) => [kind, []]))
try {
  for (const server of servers) {
    await checkHeaders(server)
    await load(server, 1) // warm-up: optimised code, connections open
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(k + round) % servers.length]
      const sample = await load(server, duration)
      samples[server.kind].push(sample)
      console.log(`round ${round + 1}/${rounds}  ${LABELS[server.kind].padEnd(30)} ${Math.round(sample.rps).toLocaleString('en').padStart(9)} req/s  ${sample.cpuPerRequest.toFixed(1).padStart(6)} µs CPU/request`)
    }
  }
} finally {
  for (const { child } of servers) child.kill('SIGTERM')
}

const bareOf = (kind) => (kind.startsWith('node') ? 'node-bare' : 'express-bare')
const rps = Object.fromEntries(KINDS.map((kind) => [kind, median(samples[kind].map((sample) => sample.rps))]))
const cpu = Object.fromEntries(KINDS.map((kind) => [kind, median(samples[kind].map((sample) => sample.cpuPerRequest))]))
/** Median over rounds of this round's req/s divided by the same round's bare req/s. */
const share = (kind) => median(samples[kind].map((sample, round) => sample.rps / samples[bareOf(kind)][round].rps))
const percent = (value) => `${(value * 100).toFixed(1)}%`
const count = (value) => Math.round(value).toLocaleString('en')
const rows = KINDS.map((kind) => [
  LABELS[kind],
  count(rps[kind]),
  percent(share(kind)),
  `${cpu[kind].toFixed(1)} µs`,
  percent(cpu[bareOf(kind)] / cpu[kind]),
  samples[kind].map((sample) => count(sample.rps)).join(' · '),
])
const keep = share('node-corsica')
const keepCpu = cpu['node-bare'] / cpu['node-corsica']
const floorCpu = cpu['node-bare'] / cpu['node-floor']
/** Verdict cell of the figures that support the target rather than being one. */
const INFO = 'not a target'
const spread = (kind) => {
  const values = samples[kind].map((sample) => sample.rps)
  return `${percent(Math.min(...values) / median(values))}–${percent(Math.max(...values) / median(values))}`
}
const added = (kind) => objects[kind] - objects['node-bare']
const why = `on Node's own objects corsica/node adds ${ns(added('node-corsica'))} per request; writing the same three headers by hand adds ${ns(added('node-floor'))}, and reading one request header (Node builds req.headers on first read) ${ns(added('node-reads'))} (last table): the bare server reads no header and writes no CORS header; and this machine's rounds of bare node:http range over ${spread('node-bare')} of their median`
const targets = [
  ['node:http + corsica keeps ≥ 98% of bare throughput (median of per-round shares)', percent(keep), verdict(keep >= 0.98), keep >= 0.98 ? '' : why],
  ['(supporting) bare CPU per request ÷ corsica CPU per request', percent(keepCpu), INFO, ''],
  ['(reference) bare CPU per request ÷ CPU with the same 3 headers written by hand', percent(floorCpu), INFO, ''],
]
const layerCost = cpu['express-noop'] - cpu['express-bare']
// Added CPU per request from the in-process figures, over the bare server's CPU per request.
const estimate = (kind) => cpu['node-bare'] / (cpu['node-bare'] + (objects[kind] - objects['node-bare']) / 1000)
targets.push(['(estimate) bare CPU per request ÷ (bare + the time corsica/node adds on Node\'s own objects)', percent(estimate('node-corsica')), INFO, ''])
const objectRows = ['node-bare', 'node-reads', 'node-floor', 'node-corsica', 'node-cors'].map((kind) => [
  LABELS[kind],
  ns(objects[kind]),
  kind === 'node-bare' ? '' : signed(objects[kind] - objects['node-bare']),
  percent(estimate(kind)),
])
function signed(delta) {
  return `${delta < 0 ? '−' : '+'}${ns(Math.abs(delta))}`
}
const objectHeader = ['handler on Node\'s own req/res, no socket', 'time per request', 'added to bare', 'estimated share of bare throughput']
const versus = `corsica vs \`cors\`: ${(rps['node-corsica'] / rps['node-cors']).toFixed(2)}x the requests per second on node:http (${(cpu['node-cors'] / cpu['node-corsica']).toFixed(2)}x by CPU per request), ${(rps['express-corsica'] / rps['express-cors']).toFixed(2)}x on Express (${(cpu['express-cors'] / cpu['express-corsica']).toFixed(2)}x by CPU).`
const layer = `Express 5 + an empty middleware vs bare Express (${cpu['express-bare'].toFixed(1)} µs of CPU per request): ${layerCost < 0 ? '−' : '+'}${Math.abs(layerCost).toFixed(1)} µs, one more layer with nothing in it; differences of this size between the Express rows are within the noise.`
const header = ['server', 'median req/s', 'share of bare (median of rounds)', 'server CPU per request (median)', 'bare CPU ÷ this CPU', 'rounds (req/s)']
const env = machine()

console.log('')
console.log(table(header, rows))
for (const [name, figure, met, reason] of targets) console.log(`target: ${name}: ${figure} (${met})${reason ? `: ${reason}` : ''}`)
console.log(versus)
console.log(layer)
console.log('')
console.log(table(objectHeader, objectRows))

if (!smoke) {
  const body = [
    `## \`npm run bench:http\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Machine: ${env.cpu}, ${env.memory}, ${env.platform}. Node ${env.node}.`,
    `Versions: corsica ${env.corsica}, cors ${versionOf('cors')}, express ${versionOf('express')}, autocannon ${versionOf('autocannon')}.`,
    `Method: autocannon, ${connections} connections, GET / with an allowed Origin; each server in its own process on 127.0.0.1${pinned ? ', pinned to core 1 with the client on core 0 (taskset)' : ' (not pinned)'}; ${rounds} interleaved rounds of ${duration} s after a 1 s warm-up. Share of bare: median over rounds of (req/s ÷ the same round's bare req/s). Server CPU per request: the server process's user + system CPU time over the round ÷ requests served. Every server answers "ok" with a text/plain body. The "by hand" server sets the three headers corsica sends here (Access-Control-Allow-Origin, Access-Control-Allow-Credentials, Vary) with constant values and no CORS logic: the floor for any CORS code.`,
    '',
    table(['target', 'figure', 'verdict', 'if missed, why'], targets),
    '',
    `Noise: this run's rounds of bare node:http range over ${spread('node-bare')} of their median, so a 2% difference in requests per second is within one round's noise here; the in-process estimate (last table) is the steadier figure.`,
    '',
    table(header, rows),
    '',
    versus,
    '',
    layer,
    '',
    `### The same handlers on Node's own objects, in process`,
    '',
    `Node's IncomingMessage and ServerResponse without a socket: each call makes a request (raw header lines as autocannon sends them) and a response, runs the handler, serialises the head and queues the body. mitata, ${settings(smoke).rounds} interleaved rounds, lowest round median. The estimated share divides the bare server's measured CPU per request (${cpu['node-bare'].toFixed(1)} µs) by itself plus the time added here.`,
    '',
    table(objectHeader, objectRows),
  ].join('\n')
  writeSection('http', body)
  console.log(`\nwrote bench/RESULTS.md (build measured: ${DIST})`)
}
