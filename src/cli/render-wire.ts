// One-line views of what went on the wire, shared by probe, audit and the progress lines.
import type { WireRequest, WireResponse } from '../model/index.js'
import { safe } from './sanitize.js'

/** Response headers worth showing: the CORS ones, Vary and Location. */
export function relevant(name: string): boolean {
  const lower = name.toLowerCase()
  return lower.startsWith('access-control-') || lower === 'vary' || lower === 'location'
}

/** `METHOD url`, safe for a terminal. */
export function requestLine(request: WireRequest): string {
  return `${safe(request.method)} ${safe(request.url)}`
}

export function responseLine(response: WireResponse): string {
  return `${response.status}, ${response.headers.length} header line${response.headers.length === 1 ? '' : 's'}`
}
