// Shared by the hardening suites: fake Node req/res objects, one request run through each of the
// three adapters, and the checks every emitted header value must pass.
import { cors as expressCors } from '../../src/express.js'
import { withCors } from '../../src/fetch.js'
import { cors as nodeCors, type NodeRequestLike, type NodeResponseLike } from '../../src/node.js'
import type { CorsOptions, CorsRequest } from '../../src/index.js'

/** What an adapter produced, reduced to what CORS decides: status, CORS headers, Vary. */
export interface Outcome {
  /** True when the adapter answered the request itself (a preflight) instead of calling the app. */
  answered: boolean
  status: number
  /** access-control-* headers, lowercase names. */
  cors: Record<string, string>
  vary: string | undefined
}

/** A ServerResponse stand-in: case-insensitive headers, statusCode, end(). */
export class FakeResponse implements NodeResponseLike {
  statusCode = 200
  ended = false
  readonly headers = new Map<string, string>()

  getHeader(name: string): string | undefined {
    return this.headers.get(name.toLowerCase())
  }
  setHeader(name: string, value: string): this {
    this.headers.set(name.toLowerCase(), value)
    return this
  }
  removeHeader(name: string): void {
    this.headers.delete(name.toLowerCase())
  }
  end(): this {
    this.ended = true
    return this
  }
}

/** Builds the request as Node delivers it: lowercase names; repeated lines as the array Node gives for unknown headers. */
export function nodeRequest(request: CorsRequest, raw: Record<string, string | string[]> = {}): NodeRequestLike {
  const headers: Record<string, string | string[]> = { ...raw }
  if (request.origin != null) headers.origin = request.origin
  if (request.requestMethod != null) headers['access-control-request-method'] = request.requestMethod
  if (request.requestHeaders != null) headers['access-control-request-headers'] = request.requestHeaders
  if (request.requestPrivateNetwork != null)
    headers['access-control-request-private-network'] = request.requestPrivateNetwork
  return { method: request.method, headers }
}

export function corsHeadersOf(entries: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of entries)
    if (name.toLowerCase().startsWith('access-control-')) out[name.toLowerCase()] = value
  return out
}

function outcomeOf(res: FakeResponse, answered: boolean): Outcome {
  return {
    answered,
    status: answered ? res.statusCode : 200,
    cors: corsHeadersOf(res.headers),
    vary: res.getHeader('vary'),
  }
}

/** The adapters, built once per options object. `existingVary` is a Vary the application already set. */
export function adapters(options: CorsOptions) {
  const node = nodeCors(options)
  const express = expressCors(options)
  let appVary: string | undefined
  const fetchHandler = withCors(
    () => new Response('ok', { status: 200, headers: appVary === undefined ? {} : { vary: appVary } }),
    options,
  )
  return {
    async node(request: CorsRequest, existingVary?: string): Promise<Outcome> {
      const res = new FakeResponse()
      if (existingVary !== undefined) res.setHeader('vary', existingVary)
      const answered = await node(nodeRequest(request), res)
      return outcomeOf(res, answered)
    },
    express(request: CorsRequest, existingVary?: string): Promise<Outcome> {
      const res = new FakeResponse()
      if (existingVary !== undefined) res.setHeader('vary', existingVary)
      return new Promise((resolve, reject) => {
        const originalEnd = res.end.bind(res)
        res.end = () => {
          originalEnd()
          resolve(outcomeOf(res, true))
          return res
        }
        express(nodeRequest(request), res, (err?: unknown) =>
          err === undefined ? resolve(outcomeOf(res, false)) : reject(err),
        )
      })
    },
    async fetch(request: CorsRequest, existingVary?: string): Promise<Outcome> {
      const headers = new Headers()
      if (request.origin != null) headers.set('origin', request.origin)
      if (request.requestMethod != null) headers.set('access-control-request-method', request.requestMethod)
      if (request.requestHeaders != null) headers.set('access-control-request-headers', request.requestHeaders)
      if (request.requestPrivateNetwork != null)
        headers.set('access-control-request-private-network', request.requestPrivateNetwork)
      appVary = existingVary
      const response = await fetchHandler(new Request('http://127.0.0.1/resource', { method: request.method, headers }))
      const answered = (await response.clone().text()) !== 'ok'
      return {
        answered,
        status: response.status,
        cors: corsHeadersOf(entriesOf(response.headers)),
        vary: response.headers.get('vary') ?? undefined,
      }
    },
  }
}

/** A Headers object's entries (typed without the DOM.Iterable lib). */
export function entriesOf(headers: Headers): [string, string][] {
  const entries: [string, string][] = []
  headers.forEach((value, name) => {
    entries.push([name, value])
  })
  return entries
}

/** A field value as RFC 9110 defines it, without leading or trailing whitespace; no CR, LF, NUL. */
const FIELD_VALUE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const LIST_HEADERS = new Set([
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
])

/** Problems with emitted header values; empty when every value is one a browser accepts. */
export function headerValueProblems(headers: Readonly<Record<string, string>>, vary: string | undefined): string[] {
  const problems: string[] = []
  const all: [string, string][] = Object.entries(headers)
  if (vary !== undefined) all.push(['vary', vary])
  for (const [name, value] of all) {
    if (typeof value !== 'string') problems.push(`${name} is not a string`)
    else if (!FIELD_VALUE.test(value)) problems.push(`${name}: ${JSON.stringify(value)} is not a field value`)
    else if (LIST_HEADERS.has(name) || name === 'vary') {
      for (const item of value.split(','))
        if (!TOKEN.test(item.trim())) problems.push(`${name}: item ${JSON.stringify(item)} is not a token`)
    }
  }
  if (headers['access-control-max-age'] !== undefined && !/^(0|[1-9][0-9]*)$/.test(headers['access-control-max-age']))
    problems.push('max-age is not a non-negative integer')
  for (const name of ['access-control-allow-credentials', 'access-control-allow-private-network']) {
    if (headers[name] !== undefined && headers[name] !== 'true') problems.push(`${name} is not "true"`)
  }
  return problems
}

/** True when the string can travel in an HTTP header line (what Node's parser and `Headers` accept unchanged). */
export function isTransportable(value: string | null | undefined): boolean {
  return value == null || value === '' || FIELD_VALUE.test(value)
}
