// A server on 127.0.0.1, port 0: its base URL and a close() that drops keep-alive sockets too.
import net, { type AddressInfo, type Server } from 'node:net'

export interface Running {
  readonly url: string
  close(): Promise<void>
}

export async function listen(server: Server & { closeAllConnections?: () => void }): Promise<Running> {
  if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections?.()
      }),
  }
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((done) => server.close(() => done()))
  return port
}
