// Shared by the core suites: header names, origins, request builders and expected decisions,
// so that every table row states a whole decision in a few words.
import { expect } from 'vitest'
import {
  CorsConfigError,
  type CorsDecision,
  type CorsRequest,
  type RejectReason,
  type SyncCorsPolicy,
} from '../../src/index.js'

export const ACAO = 'access-control-allow-origin'
export const ACAC = 'access-control-allow-credentials'
export const ACAM = 'access-control-allow-methods'
export const ACAH = 'access-control-allow-headers'
export const ACEH = 'access-control-expose-headers'
export const ACAPN = 'access-control-allow-private-network'
export const MAX_AGE = 'access-control-max-age'
export const TAO = 'timing-allow-origin'

/** Vary of a preflight whose Access-Control-Allow-Origin is `*`. */
export const PREFLIGHT_VARY_TOKENS =
  'Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'
/** Vary of a preflight whose Access-Control-Allow-Origin depends on the Origin. */
export const PREFLIGHT_VARY = `Origin, ${PREFLIGHT_VARY_TOKENS}`
export const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE'

export const APP = 'https://app.example.com'
export const ADMIN = 'https://admin.example.com'
export const EVIL = 'https://evil.example.net'

/** Origin values a browser never sends: each must be refused as malformed, never echoed. */
export const MALFORMED_ORIGINS: ReadonlyArray<readonly [string, string]> = [
  ['two origins joined by a comma', `${APP}, ${EVIL}`],
  ['two origins joined without a space', `${APP},${APP}`],
  ['an origin with a path', `${APP}/path`],
  ['an origin with a trailing slash', `${APP}/`],
  ['an uppercase host', 'https://APP.example.com'],
  ['an uppercase scheme', 'HTTPS://app.example.com'],
  ['the default port spelled out', `${APP}:443`],
  ['a port with a leading zero', `${APP}:0443`],
  ['a port above 65535', `${APP}:65536`],
  ['a leading space', ` ${APP}`],
  ['a trailing space', `${APP} `],
  ['a space inside the host', 'https://app .example.com'],
  ['CR/LF (header injection)', `${APP}\r\nX-Injected: 1`],
  ['an empty string', ''],
  ['a 611-character value', `https://${'sub.'.repeat(148)}example.com`],
  ['raw unicode in the host', 'https://bücher.example.com'],
  ['a trailing dot', 'https://app.example.com.'],
  ['user info', 'https://user@app.example.com'],
  ['no scheme', 'app.example.com'],
]

export type Headers = Record<string, string>
type Vary = string | undefined

/** A request that is not a preflight: any method, no Access-Control-Request-Method. */
export function actualRequest(origin: string | null, method = 'GET'): CorsRequest {
  return { method, origin }
}

/** An OPTIONS request with Access-Control-Request-Method, and optionally the other preflight headers. */
export function preflightRequest(
  origin: string | null,
  requestMethod: string,
  requestHeaders?: string,
  requestPrivateNetwork?: string,
): CorsRequest {
  return { method: 'OPTIONS', origin, requestMethod, requestHeaders, requestPrivateNetwork }
}

export function allowedActual(headers: Headers, vary: Vary): CorsDecision {
  return { kind: 'actual', allowed: true, headers, vary, status: undefined, reason: undefined }
}

export function refusedActual(reason: RejectReason, headers: Headers, vary: Vary): CorsDecision {
  return { kind: 'actual', allowed: false, headers, vary, status: undefined, reason }
}

export function allowedPreflight(headers: Headers, vary: Vary, status: number | undefined): CorsDecision {
  return { kind: 'preflight', allowed: true, headers, vary, status, reason: undefined }
}

export function refusedPreflight(
  reason: RejectReason,
  headers: Headers,
  vary: Vary,
  status: number | undefined,
): CorsDecision {
  return { kind: 'preflight', allowed: false, headers, vary, status, reason }
}

/** A request CORS has no part in: no Origin, or CORS turned off. */
export function notCors(headers: Headers, vary: Vary): CorsDecision {
  return { kind: 'none', allowed: true, headers, vary, status: undefined, reason: undefined }
}

/** Runs a synchronous check and fails if it returned a Promise (or anything but a plain object). */
export function checkNow(policy: SyncCorsPolicy, request: CorsRequest): CorsDecision {
  const decision: unknown = policy.check(request)
  expect(decision).not.toBeInstanceOf(Promise)
  expect(typeof (decision as { then?: unknown }).then).toBe('undefined')
  expect(Object.getPrototypeOf(decision)).toBe(Object.prototype)
  return decision as CorsDecision
}

/** Every item of a comma-joined header value, e.g. `GET,PUT` → ['GET', 'PUT']. */
export function itemsOf(value: string): string[] {
  return value.split(',')
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** True when `value` is an RFC 9110 token, checked by a RegExp rather than the engine's table. */
export function isToken(value: string): boolean {
  return TOKEN.test(value)
}

/** Header-name lists of `n` distinct lowercase names joined by `,` (a canonical request list). */
export function headerNames(n: number): string {
  return Array.from({ length: n }, (_, i) => `x-h${i}`).join(',')
}

/** 64 KiB of commas and spaces: the input that makes a split on `\s*,\s*` quadratic. */
export const HOSTILE_REQUEST_HEADERS = ', '.repeat(32 * 1024)

/** The code and path of each problem of the CorsConfigError that `run` throws. */
export function problemsOf(run: () => unknown): { code: string; path: string }[] {
  try {
    run()
  } catch (error) {
    if (error instanceof CorsConfigError) return error.problems.map(({ code, path }) => ({ code, path }))
    throw error
  }
  throw new Error('no CorsConfigError')
}
