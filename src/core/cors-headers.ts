// The CORS response headers of an allowed or refused request, built apart from the deciding.
// Each helper is named after the header it fills (Fetch Standard, "CORS protocol").
import * as H from './header-names.js'
import type { CompiledOptions } from './options.js'

/** What a preflight asked for and what the checks found, as the header builders need it. */
export interface PreflightAnswer {
  readonly allowOrigin: string
  readonly requestMethod: string
  /** The requested header names, lowercased; empty when not read again (a list accepted before). */
  readonly requestedHeaders: readonly string[]
  readonly methodAllowed: boolean
  readonly headersAllowed: boolean
  /** Every check passed: the headers that only an allowed preflight carries are added. */
  readonly allowed: boolean
  readonly privateNetworkRequested: boolean
}

/**
 * Access-Control-Allow-Origin, -Credentials and -Expose-Headers of an actual response, and
 * Timing-Allow-Origin with the same value: `*` only where the answer is `*` for everyone anyway.
 */
export function actualHeaders(config: CompiledOptions, allowOrigin: string): Record<string, string> {
  const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: allowOrigin }
  if (config.credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
  if (config.exposedHeaders !== undefined) headers[H.EXPOSE_HEADERS] = config.exposedHeaders
  if (config.timingAllowOrigin) headers[H.TIMING_ALLOW_ORIGIN] = allowOrigin
  return headers
}

/**
 * The headers of a preflight answer. A refused preflight keeps the headers that hold, so the
 * browser's console names the part that failed.
 */
export function preflightHeaders(config: CompiledOptions, answer: PreflightAnswer): Record<string, string> {
  const headers: Record<string, string> = { [H.ALLOW_ORIGIN]: answer.allowOrigin }
  if (config.credentials) headers[H.ALLOW_CREDENTIALS] = 'true'
  const allowMethods = answer.methodAllowed ? allowMethodsValue(config, answer.requestMethod) : ''
  // `methods: []` allows only the safelisted methods: send no header rather than an empty one.
  if (allowMethods !== '') headers[H.ALLOW_METHODS] = allowMethods
  const allowHeaders = answer.headersAllowed ? allowHeadersValue(config, answer.requestedHeaders) : ''
  if (allowHeaders !== '') headers[H.ALLOW_HEADERS] = allowHeaders
  if (!answer.allowed) return headers
  if (answer.privateNetworkRequested) headers[H.ALLOW_PRIVATE_NETWORK] = 'true'
  if (config.maxAge !== undefined) headers[H.MAX_AGE] = config.maxAge
  return headers
}

/** `*` means any method only without credentials: with them the requested method is echoed. */
function allowMethodsValue(config: CompiledOptions, requestMethod: string): string {
  if (!config.methods.any) return config.methods.value
  return config.credentials ? requestMethod : '*'
}

/**
 * The requested names, lowercased, when reflecting (or `*` with credentials, which browsers read
 * literally); otherwise the configured list. `allowedHeaders: []` allows none: ''.
 */
function allowHeadersValue(config: CompiledOptions, requested: readonly string[]): string {
  const allowed = config.allowedHeaders
  switch (allowed.mode) {
    case 'reflect':
      return requested.join(',')
    case 'any':
      return config.credentials ? requested.join(',') : allowed.value
    case 'list':
      return allowed.value
  }
}
