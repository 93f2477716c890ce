// Helpers the adapters share to read a request's header values into the engine's shape.
import type { CorsRequest } from './types.js'

/** A header value as Node or a framework delivers it: several lines come as an array. */
export type RawHeaderValue = string | readonly string[] | number | null | undefined

/** Joins repeated header lines with `, ` as RFC 9110 says a list is combined. */
export function headerText(value: RawHeaderValue): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : value.join(', ')
}

export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function'
}

/**
 * A reporter (onReject, onCandidateDiffers) may be an async function: its rejection is its own
 * failure, never an unhandled rejection that would end the process.
 */
export function ignoreRejection(value: unknown): void {
  if (isPromiseLike(value)) Promise.resolve(value).then(undefined, () => {})
}

/** A preflight is OPTIONS with Access-Control-Request-Method; any other OPTIONS is an actual request. */
export function isPreflight(request: CorsRequest): boolean {
  return request.method === 'OPTIONS' && request.requestMethod !== undefined && request.requestMethod !== null
}
