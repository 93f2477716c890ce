// The CLI's only network code: one request with node:http or node:https, never following a
// redirect (the model decides what a browser does next), the response's header lines as they
// came (`rawHeaders` keeps repeats, order and case), the body read and dropped, a timeout over
// the whole exchange. Any failure is a NetworkError naming what went wrong.
import http from 'node:http'
import https from 'node:https'
import type { HeaderList, Send, WireRequest, WireResponse } from '../model/index.js'

export interface ClientOptions {
  /** Milliseconds for the whole exchange, from connecting to the end of the body. */
  readonly timeout: number
  /** Extra trusted certificate(s), PEM; NODE_EXTRA_CA_CERTS works too. */
  readonly ca?: string | undefined
}

/** The request got no (usable) response: refused, reset, timed out, unparseable. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
  constructor(
    message: string,
    readonly url: string,
    readonly code: string,
  ) {
    super(message)
  }
}

/** The largest body read before the connection is dropped; the CLI reads no body anyway. */
const MAX_BODY = 1 << 20

/** What is sent when the model says the request has a body. */
export const BODY = 'corsica probe'

function pairs(raw: readonly string[]): HeaderList {
  const list: (readonly [string, string])[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i] as string, raw[i + 1] as string])
  return list
}

function headerObject(headers: HeaderList): Record<string, string> {
  const object: Record<string, string> = {}
  for (const [name, value] of headers) {
    const key = Object.keys(object).find((seen) => seen.toLowerCase() === name.toLowerCase()) ?? name
    object[key] = object[key] === undefined ? value : `${object[key]}, ${value}`
  }
  return object
}

/** A request's failure in words, by its error code. */
export function describeError(error: NodeJS.ErrnoException, url: URL, timeout: number): NetworkError {
  const code = error.code ?? 'ERROR'
  const where = url.host
  const messages: Record<string, string> = {
    ECONNREFUSED: `connection refused by ${where}`,
    ECONNRESET: `${where} closed the connection before answering`,
    ENOTFOUND: `host not found: ${url.hostname}`,
    EAI_AGAIN: `host not found: ${url.hostname}`,
    ETIMEDOUT: `no answer from ${where} within ${timeout} ms`,
    EHOSTUNREACH: `${where} is unreachable`,
  }
  const known = messages[code]
  if (known !== undefined) return new NetworkError(known, url.href, code)
  if (code.startsWith('HPE_'))
    return new NetworkError(`malformed response from ${where}: ${error.message}`, url.href, code)
  return new NetworkError(`request to ${where} failed: ${error.message}`, url.href, code)
}

/** Sends one request and resolves with its status and raw header lines. */
export function sendRequest(request: WireRequest, options: ClientOptions): Promise<WireResponse> {
  const url = new URL(request.url)
  const client = url.protocol === 'https:' ? https : http
  return new Promise<WireResponse>((resolve, reject) => {
    // Whichever comes first settles the promise; a later call changes nothing.
    const finish = (error: NetworkError | undefined, response?: WireResponse): void => {
      clearTimeout(timer)
      if (error !== undefined) reject(error)
      else resolve(response as WireResponse)
    }
    const req = client.request(
      url,
      {
        method: request.method,
        headers: headerObject(request.headers),
        agent: false,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      },
      (res) => {
        const response: WireResponse = { status: Number(res.statusCode), headers: pairs(res.rawHeaders) }
        let size = 0
        res.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_BODY) {
            res.destroy()
            finish(undefined, response)
          }
        })
        res.on('end', () => finish(undefined, response))
        res.on('error', (error: NodeJS.ErrnoException) => finish(describeError(error, url, options.timeout)))
      },
    )
    const timer = setTimeout(() => {
      req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }))
    }, options.timeout)
    req.on('error', (error: NodeJS.ErrnoException) => finish(describeError(error, url, options.timeout)))
    // The model says whether there is a body, not what it is: a short text stands in for it.
    req.end(request.body === undefined ? undefined : BODY)
  })
}

/** A `Send` for the model: every request through sendRequest with these options. */
export function createSend(options: ClientOptions): Send {
  return (request) => sendRequest(request, options)
}
