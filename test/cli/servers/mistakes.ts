// A hand-written node:http server making the classic CORS mistakes, one path each. The Origin is
// reflected unless the path says otherwise; OPTIONS is answered on every path.
//   /ok                    reflection done right: Vary: Origin, credentials, preflights answered
//   /double-acao           Access-Control-Allow-Origin sent twice (two header lines)
//   /acao-list             Access-Control-Allow-Origin: <origin>, https://other.example
//   /wildcard-credentials  Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true
//   /no-vary               the Origin reflected without Vary: Origin
//   /preflight-redirect    OPTIONS answered 302 to /ok
//   /auth                  authentication before CORS: OPTIONS (no Authorization) gets 401, no CORS
//   /auth-cors             the same, but the 401 carries the CORS headers
//   /missing-header        the preflight allows Content-Type only
//   /star-headers          Access-Control-Allow-Headers: * (no credentials)
//   /acac-case             Access-Control-Allow-Credentials: True
//   /wrong-origin          Access-Control-Allow-Origin: https://trusted.example, whatever the Origin
//   /redirect              302 to /ok, with CORS headers on the redirect
//   /redirect-no-cors      302 to /ok, without CORS headers
//   anything else          404 without CORS headers
import http from 'node:http'
import net from 'node:net'
import { listen, type Running } from './listen.js'

type Headers = Record<string, string | string[]>

function answer(res: http.ServerResponse, status: number, headers: Headers): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  res.statusCode = status
  res.end(status === 204 || status === 302 ? undefined : 'body')
}

function preflightHeaders(req: http.IncomingMessage): Headers {
  return {
    'Access-Control-Allow-Methods': req.headers['access-control-request-method'] ?? 'GET',
    ...(req.headers['access-control-request-headers'] === undefined
      ? {}
      : { 'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] }),
  }
}

function route(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const origin = req.headers.origin ?? ''
  const preflight = req.method === 'OPTIONS'
  const reflected = {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Origin',
  }
  const ok = (headers: Headers) =>
    answer(res, preflight ? 204 : 200, preflight ? { ...headers, ...preflightHeaders(req) } : headers)
  switch (path) {
    case '/ok':
      return ok(reflected)
    case '/double-acao':
      return ok({ ...reflected, 'Access-Control-Allow-Origin': [origin, origin] })
    case '/acao-list':
      return ok({ ...reflected, 'Access-Control-Allow-Origin': `${origin}, https://other.example` })
    case '/wildcard-credentials':
      return ok({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' })
    case '/no-vary':
      return ok({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' })
    case '/preflight-redirect':
      if (preflight) return answer(res, 302, { ...reflected, Location: '/ok' })
      return ok(reflected)
    case '/auth':
      if (req.headers.authorization === undefined) {
        return answer(res, 401, { 'WWW-Authenticate': 'Bearer' })
      }
      return ok(reflected)
    case '/auth-cors':
      if (req.headers.authorization === undefined) {
        return answer(res, 401, { ...reflected, 'WWW-Authenticate': 'Bearer' })
      }
      return ok(reflected)
    case '/missing-header':
      if (preflight) {
        return answer(res, 204, {
          ...reflected,
          'Access-Control-Allow-Methods': 'GET, POST, PUT',
          'Access-Control-Allow-Headers': 'Content-Type',
        })
      }
      return ok(reflected)
    case '/star-headers':
      if (preflight) {
        return answer(res, 204, {
          'Access-Control-Allow-Origin': origin,
          Vary: 'Origin',
          'Access-Control-Allow-Methods': '*',
          'Access-Control-Allow-Headers': '*',
        })
      }
      return ok({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' })
    case '/acac-case':
      return ok({ ...reflected, 'Access-Control-Allow-Credentials': 'True' })
    case '/wrong-origin':
      return ok({ 'Access-Control-Allow-Origin': 'https://trusted.example', Vary: 'Origin' })
    case '/redirect':
      return answer(res, 302, { ...reflected, Location: '/ok' })
    case '/redirect-no-cors':
      return answer(res, 302, { Location: '/ok' })
    default:
      return answer(res, 404, {})
  }
}

export function startMistakes(): Promise<Running> {
  return listen(http.createServer(route))
}

/** A TCP server that answers every connection with bytes that are not HTTP. */
export function startMalformed(): Promise<Running> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {})
    socket.once('data', () => socket.end('this is not HTTP\r\n\r\n'))
  })
  return listen(server)
}

/** A TCP server that accepts connections and never answers (for timeouts). */
export async function startSilent(): Promise<Running> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
  })
  const running = await listen(server)
  return {
    url: running.url,
    close: () => {
      for (const socket of sockets) socket.destroy()
      return running.close()
    },
  }
}
