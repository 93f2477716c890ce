// `corsica probe`: the request a page would make, sent as a browser would send it (the model's
// simulate() decides the preflight, the actual request and each redirect), with every request and
// response reported as it happens. A network failure is kept apart: it makes the exit status 2.
import {
  isForbiddenHeader,
  simulate,
  type PageRequest,
  type Send,
  type Simulation,
  type WireRequest,
  type WireResponse,
} from '../model/index.js'
import type { ProbeCommand } from './args.js'
import { NetworkError } from './http-client.js'

/** Told about each request as it goes out and each response as it comes back. */
export interface ProbeProgress {
  sending(request: WireRequest): void
  received(request: WireRequest, response: WireResponse): void
  failed(request: WireRequest, error: NetworkError): void
}

export interface ProbeResult {
  readonly request: PageRequest
  readonly simulation: Simulation
  /** The first request that got no response. */
  readonly networkError: NetworkError | undefined
  /** The script's headers fetch() drops without a word, and why. */
  readonly dropped: readonly DroppedHeader[]
}

export interface DroppedHeader {
  readonly name: string
  readonly why: string
}

/** The headers fetch() would drop: forbidden names, and method overrides naming a forbidden method. */
export function droppedHeaders(headers: ProbeCommand['headers']): DroppedHeader[] {
  return headers
    .filter(([name, value]) => isForbiddenHeader(name, value))
    .map(([name]) => ({
      name,
      // With an empty value only the name can be forbidden.
      why: isForbiddenHeader(name, '')
        ? 'is a forbidden header name, browsers never let a script set it'
        : 'names a forbidden method, browsers never let a script set it',
    }))
}

/** The page's fetch() call that the command describes. */
export function pageRequest(
  command: Pick<ProbeCommand, 'url' | 'origin' | 'method' | 'headers' | 'credentials'>,
): PageRequest {
  return {
    url: command.url,
    origin: command.origin,
    method: command.method,
    headers: command.headers,
    credentials: command.credentials ? 'include' : 'same-origin',
  }
}

function asNetworkError(error: unknown, request: WireRequest): NetworkError {
  if (error instanceof NetworkError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new NetworkError(`request to ${request.url} failed: ${message}`, request.url, 'ERROR')
}

const SILENT: ProbeProgress = { sending() {}, received() {}, failed() {} }

export async function runProbe(
  command: Pick<ProbeCommand, 'url' | 'origin' | 'method' | 'headers' | 'credentials'>,
  send: Send,
  progress: ProbeProgress = SILENT,
): Promise<ProbeResult> {
  const request = pageRequest(command)
  let networkError: NetworkError | undefined
  const watched: Send = async (wire) => {
    progress.sending(wire)
    try {
      const response = await send(wire)
      progress.received(wire, response)
      return response
    } catch (error) {
      const failure = asNetworkError(error, wire)
      networkError ??= failure
      progress.failed(wire, failure)
      throw failure
    }
  }
  // simulate() makes a failed send a network-error step; the failure is kept for the exit status.
  const simulation = await simulate(request, watched)
  return { request, simulation, networkError, dropped: droppedHeaders(command.headers) }
}

/** 0: readable in every engine; 1: blocked in one at least; 2: a request got no response. */
export function probeStatus(result: ProbeResult): 0 | 1 | 2 {
  if (result.networkError !== undefined) return 2
  return result.simulation.verdict === 'readable' ? 0 : 1
}
