// A raw HTTP client for adapter tests: node:http's `request` lets a test send repeated header
// lines (an array of [name, value] pairs), odd methods such as `patch`, and HTTP/2 or TLS.
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import http2 from 'node:http2'
import https from 'node:https'

/** One request: method, path, and header lines in order (a name may repeat). */
export interface TestRequest {
  readonly method: string
  readonly path: string
  readonly headers?: ReadonlyArray<readonly [string, string]>
}

/** What the tests look at: status, the CORS headers (`access-control-*`, `timing-allow-origin`, `vary`), the rest. */
export interface TestResponse {
  readonly status: number
  readonly cors: Readonly<Record<string, string>>
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** How to reach a server: its base URL, and the CA to trust for a self-signed TLS certificate. */
export interface Target {
  readonly url: string
  readonly ca?: string
  readonly http2?: boolean
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE'])
const agent = new http.Agent({ keepAlive: true })

export function send(target: Target, request: TestRequest): Promise<TestResponse> {
  return target.http2 === true ? sendHttp2(target, request) : sendHttp1(target, request)
}

function sendHttp1(target: Target, request: TestRequest): Promise<TestResponse> {
  const url = new URL(request.path, target.url)
  // Node sends an array of raw pairs as written (repeated names stay separate lines), Host included;
  // an empty body is declared so that Node does not pick chunked encoding for PUT, POST, PATCH.
  const bodyless = BODYLESS.has(request.method.toUpperCase()) ? [] : [['Content-Length', '0']]
  const headers = [['Host', url.host], ...bodyless, ...(request.headers ?? [])].flat() as unknown as OutgoingHttpHeaders
  const tls = url.protocol === 'https:'
  const options = { method: request.method, headers, ...(tls ? { ca: target.ca } : { agent }) }
  return new Promise((resolve, reject) => {
    const req = (tls ? https : http).request(url, options, (res) => {
      collect(res, (body) => resolve(toResponse(res.statusCode ?? 0, res.headers, body)), reject)
    })
    req.on('error', reject)
    req.end()
  })
}

function sendHttp2(target: Target, request: TestRequest): Promise<TestResponse> {
  const session = http2.connect(target.url)
  const headers: http2.OutgoingHttpHeaders = { ':method': request.method, ':path': request.path }
  for (const [name, value] of request.headers ?? []) {
    const lower = name.toLowerCase()
    const previous = headers[lower]
    // HTTP/2 sends an array value as repeated fields.
    headers[lower] = previous === undefined ? value : ([] as string[]).concat(previous as string | string[], value)
  }
  return new Promise<TestResponse>((resolve, reject) => {
    session.on('error', reject)
    const stream = session.request(headers, { endStream: true })
    stream.on('response', (received) => {
      const { ':status': status, ...rest } = received
      collect(stream, (body) => resolve(toResponse(Number(status), rest as IncomingHttpHeaders, body)), reject)
    })
    stream.on('error', reject)
  }).finally(() => session.close())
}

function collect(stream: NodeJS.ReadableStream, done: (body: string) => void, fail: (error: Error) => void): void {
  const chunks: Buffer[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk))
  stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
  stream.on('error', fail)
}

function toResponse(status: number, headers: IncomingHttpHeaders, body: string): TestResponse {
  return { status, cors: corsHeaders(headers), headers, body }
}

/** The `access-control-*`, `timing-allow-origin` and `vary` headers, lowercase names, repeated lines joined by `, `. */
export function corsHeaders(headers: IncomingHttpHeaders | Headers): Record<string, string> {
  const out: Record<string, string> = {}
  const keep = (value: unknown, name: string): void => {
    if (name.startsWith('access-control-') || name === 'timing-allow-origin' || name === 'vary')
      out[name] = String(value)
  }
  if (headers instanceof Headers) headers.forEach(keep)
  else for (const name in headers) keep(headers[name], name)
  return out
}

/** The Vary tokens of a response, lowercased, in order (duplicates kept, so a test can count them). */
export function varyTokens(response: TestResponse): string[] {
  const vary = response.cors.vary
  return vary === undefined ? [] : vary.split(',').map((token) => token.trim().toLowerCase())
}
