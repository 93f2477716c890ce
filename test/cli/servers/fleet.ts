// The servers every CLI suite probes, and the requests made to them, with what a browser does
// (as measured in Chromium by chromium-agreement.test.ts): corsica through six adapters, peers in
// unsafe configurations, the hand-written mistakes, nginx (started apart: it may be missing).
import type { CorsOptions } from '../../../src/index.js'
import {
  startExpress,
  startFastify,
  startFetch,
  startHono,
  startKoa,
  startNodeHttp,
} from '../../adapters/support/apps.js'
import type { Running } from './listen.js'
import { startMistakes } from './mistakes.js'
import { startCorsReflectAll, startFastifyLooseRegExp, startHonoPrefixCheck } from './peers.js'

/** What a page's script asks for. */
export interface ScriptRequest {
  readonly method?: string
  readonly headers?: readonly (readonly [string, string])[]
  readonly credentials?: boolean
}

export const REQUESTS = {
  simple: {},
  credentials: { credentials: true },
  header: { headers: [['x-trace', '1']] },
  put: { method: 'PUT' },
  authorization: { headers: [['authorization', 'Bearer t']] },
  json: { method: 'POST', headers: [['content-type', 'application/json']], credentials: true },
} as const satisfies Record<string, ScriptRequest>

export type RequestName = keyof typeof REQUESTS

export interface Case {
  readonly server: string
  readonly path: string
  readonly request: RequestName
  /** Chromium's verdict, and the model's problem code when blocked. */
  readonly expect: 'readable' | `blocked:${string}`
}

const LOCAL: CorsOptions = { origin: 'http://localhost:*' }

/** corsica through each adapter, each with options that make some requests fail. */
const CORSICA: Readonly<Record<string, () => Promise<Running>>> = {
  'corsica/node': () => startNodeHttp({ ...LOCAL, credentials: true, exposedHeaders: ['x-request-id'] }),
  'corsica/express': () => startExpress({}),
  'corsica/fastify': () => startFastify({ ...LOCAL, allowedHeaders: ['content-type'] }),
  'corsica/koa': () => startKoa({ ...LOCAL, methods: ['GET', 'POST'] }),
  'corsica/hono': () => startHono({ origin: 'https://other.example' }),
  'corsica/fetch': () => startFetch({ ...LOCAL, allowedHeaders: '*' }),
}

const PEERS: Readonly<Record<string, () => Promise<Running>>> = {
  'cors (origin: true, credentials)': startCorsReflectAll,
  'hono/cors (prefix check)': startHonoPrefixCheck,
  '@fastify/cors (/localhost/)': startFastifyLooseRegExp,
}

export const CASES: readonly Case[] = [
  // corsica/node: localhost pages with credentials
  { server: 'corsica/node', path: '/items', request: 'simple', expect: 'readable' },
  { server: 'corsica/node', path: '/items', request: 'credentials', expect: 'readable' },
  { server: 'corsica/node', path: '/items', request: 'header', expect: 'readable' },
  { server: 'corsica/node', path: '/items', request: 'put', expect: 'readable' },
  { server: 'corsica/node', path: '/items', request: 'json', expect: 'readable' },
  { server: 'corsica/node', path: '/private', request: 'simple', expect: 'readable' },
  { server: 'corsica/node', path: '/private', request: 'authorization', expect: 'readable' },
  { server: 'corsica/node', path: '/redirect', request: 'credentials', expect: 'readable' },
  { server: 'corsica/node', path: '/boom', request: 'simple', expect: 'readable' },
  // corsica/express: the default, '*'
  { server: 'corsica/express', path: '/items', request: 'simple', expect: 'readable' },
  {
    server: 'corsica/express',
    path: '/items',
    request: 'credentials',
    expect: 'blocked:allow-origin-wildcard-credentials',
  },
  { server: 'corsica/express', path: '/items', request: 'header', expect: 'readable' },
  { server: 'corsica/express', path: '/redirect', request: 'simple', expect: 'readable' },
  // corsica/fastify: allowedHeaders: content-type only
  { server: 'corsica/fastify', path: '/items', request: 'simple', expect: 'readable' },
  { server: 'corsica/fastify', path: '/items', request: 'header', expect: 'blocked:header-not-allowed' },
  { server: 'corsica/fastify', path: '/items', request: 'json', expect: 'blocked:allow-credentials-missing' },
  { server: 'corsica/fastify', path: '/private', request: 'simple', expect: 'readable' },
  // corsica/koa: GET and POST only
  { server: 'corsica/koa', path: '/items', request: 'put', expect: 'blocked:method-not-allowed' },
  { server: 'corsica/koa', path: '/items', request: 'header', expect: 'readable' },
  { server: 'corsica/koa', path: '/redirect', request: 'simple', expect: 'readable' },
  // corsica/hono: another origin only
  { server: 'corsica/hono', path: '/items', request: 'simple', expect: 'blocked:allow-origin-missing' },
  { server: 'corsica/hono', path: '/items', request: 'header', expect: 'blocked:allow-origin-missing' },
  // corsica/fetch: allowedHeaders '*' (Authorization not covered: corsica refuses it)
  { server: 'corsica/fetch', path: '/items', request: 'header', expect: 'readable' },
  { server: 'corsica/fetch', path: '/items', request: 'authorization', expect: 'blocked:header-not-allowed' },
  // peers
  { server: 'cors (origin: true, credentials)', path: '/any', request: 'credentials', expect: 'readable' },
  { server: 'cors (origin: true, credentials)', path: '/any', request: 'header', expect: 'readable' },
  { server: 'hono/cors (prefix check)', path: '/any', request: 'credentials', expect: 'readable' },
  { server: 'hono/cors (prefix check)', path: '/any', request: 'put', expect: 'readable' },
  { server: '@fastify/cors (/localhost/)', path: '/any', request: 'credentials', expect: 'readable' },
  { server: '@fastify/cors (/localhost/)', path: '/any', request: 'header', expect: 'readable' },
  // the hand-written mistakes
  { server: 'mistakes', path: '/ok', request: 'json', expect: 'readable' },
  { server: 'mistakes', path: '/double-acao', request: 'simple', expect: 'blocked:allow-origin-multiple' },
  { server: 'mistakes', path: '/acao-list', request: 'simple', expect: 'blocked:allow-origin-multiple' },
  { server: 'mistakes', path: '/wildcard-credentials', request: 'simple', expect: 'readable' },
  {
    server: 'mistakes',
    path: '/wildcard-credentials',
    request: 'credentials',
    expect: 'blocked:allow-origin-wildcard-credentials',
  },
  { server: 'mistakes', path: '/no-vary', request: 'credentials', expect: 'readable' },
  { server: 'mistakes', path: '/preflight-redirect', request: 'simple', expect: 'readable' },
  { server: 'mistakes', path: '/preflight-redirect', request: 'header', expect: 'blocked:preflight-redirect' },
  { server: 'mistakes', path: '/auth', request: 'authorization', expect: 'blocked:allow-origin-missing' },
  { server: 'mistakes', path: '/auth-cors', request: 'authorization', expect: 'blocked:preflight-status' },
  { server: 'mistakes', path: '/missing-header', request: 'header', expect: 'blocked:header-not-allowed' },
  { server: 'mistakes', path: '/missing-header', request: 'json', expect: 'readable' },
  { server: 'mistakes', path: '/star-headers', request: 'authorization', expect: 'readable' },
  { server: 'mistakes', path: '/star-headers', request: 'header', expect: 'readable' },
  { server: 'mistakes', path: '/acac-case', request: 'credentials', expect: 'blocked:allow-credentials-missing' },
  { server: 'mistakes', path: '/wrong-origin', request: 'simple', expect: 'blocked:allow-origin-mismatch' },
  { server: 'mistakes', path: '/redirect', request: 'credentials', expect: 'readable' },
  { server: 'mistakes', path: '/redirect-no-cors', request: 'simple', expect: 'blocked:allow-origin-missing' },
  { server: 'mistakes', path: '/nothing', request: 'simple', expect: 'blocked:allow-origin-missing' },
]

/** nginx's rows: run when nginx is there. */
export const NGINX_CASES: readonly Case[] = [
  { server: 'nginx', path: '/ok', request: 'credentials', expect: 'readable' },
  { server: 'nginx', path: '/missing', request: 'simple', expect: 'blocked:allow-origin-missing' },
  { server: 'nginx', path: '/error', request: 'simple', expect: 'blocked:allow-origin-missing' },
  { server: 'nginx', path: '/always-missing', request: 'credentials', expect: 'readable' },
  { server: 'nginx', path: '/preflight', request: 'header', expect: 'readable' },
  { server: 'nginx', path: '/preflight', request: 'json', expect: 'readable' },
  { server: 'nginx', path: '/if-drop', request: 'header', expect: 'blocked:allow-origin-missing' },
  { server: 'nginx', path: '/if-drop', request: 'simple', expect: 'readable' },
  { server: 'nginx', path: '/inherit', request: 'simple', expect: 'blocked:allow-origin-missing' },
]

export interface Fleet {
  readonly urls: Readonly<Record<string, string>>
  close(): Promise<void>
}

/** Starts every server but nginx. */
export async function startFleet(): Promise<Fleet> {
  const starters = { ...CORSICA, ...PEERS, mistakes: startMistakes }
  const running = await Promise.all(
    Object.entries(starters).map(async ([name, start]) => [name, await start()] as const),
  )
  return {
    urls: Object.fromEntries(running.map(([name, server]) => [name, server.url])),
    close: async () => {
      await Promise.all(running.map(([, server]) => server.close()))
    },
  }
}

/** The CLI's arguments for a case's request. */
export function probeArgs(request: RequestName): { method: string; headers: [string, string][]; credentials: boolean } {
  const script: ScriptRequest = REQUESTS[request]
  return {
    method: script.method ?? 'GET',
    headers: (script.headers ?? []).map(([name, value]) => [name, value]),
    credentials: script.credentials === true,
  }
}
