// Shared by the model's tests: a `send` backed by corsica's own Fetch adapter, and the oracle of
// what corsica decides for a page request.
import { createCors, type CorsOptions } from '../../src/index.js'
import { withCors } from '../../src/fetch.js'
import {
  preflightRequest,
  preflightReasons,
  type PageRequest,
  type Send,
  type WireResponse,
} from '../../src/model/index.js'
import { normalizeMethod } from '../../src/model/safelist.js'

/** Response headers the application sets, for reading exposed headers. */
export const APP_HEADERS = { 'x-total': '42', 'content-type': 'text/plain', 'set-cookie': 'a=b' }

/** A `send` that answers through corsica/fetch wrapping an app that answers 200 with APP_HEADERS. */
export function corsicaSend(options: CorsOptions<Request>): Send {
  const handler = withCors(() => new Response('ok', { status: 200, headers: APP_HEADERS }), options)
  return async (wire) => {
    const hasBody = wire.body !== undefined && !['GET', 'HEAD'].includes(wire.method)
    const request = new Request(wire.url, {
      method: wire.method,
      headers: wire.headers.map(([name, value]): [string, string] => [name, value]),
      ...(hasBody ? { body: 'x' } : {}),
    })
    const response = await handler(request)
    return toWire(response)
  }
}

/** A Response as the model reads it. */
export function toWire(response: Response): WireResponse {
  const headers: [string, string][] = []
  response.headers.forEach((value, name) => {
    headers.push([name, value])
  })
  return { status: response.status, headers }
}

/**
 * Whether corsica allows this page request: the preflight (when the standard sends one) and the
 * actual request both allowed, CORS on, and credentials on when the page includes them.
 */
export function corsicaAllows(options: CorsOptions<Request>, page: PageRequest): boolean {
  const policy = createCors(options as CorsOptions)
  const method = normalizeMethod(page.method ?? 'GET')
  const decisions = [policy.check({ method, origin: page.origin })]
  if (preflightReasons(page).length > 0) {
    const preflight = preflightRequest(page).headers
    const requestHeaders = preflight.find(([name]) => name === 'Access-Control-Request-Headers')?.[1]
    decisions.push(policy.check({ method: 'OPTIONS', origin: page.origin, requestMethod: method, requestHeaders }))
  }
  const settled = decisions.map((decision) => {
    if (decision instanceof Promise) throw new Error('corsicaAllows needs synchronous options')
    return decision
  })
  const credentialsOk = page.credentials !== 'include' || options.credentials === true
  return settled.every((decision) => decision.allowed && decision.kind !== 'none') && credentialsOk
}
