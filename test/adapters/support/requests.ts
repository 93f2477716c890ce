// What the adapter tests send and read: the CORS response header names, and requests built from
// an origin and extra header lines.
import type { TestRequest, TestResponse } from './client.js'

export const APP_ORIGIN = 'https://app.example.com'
export const OTHER_ORIGIN = 'https://evil.example.com'

// The header names are the core suites' own.
export { ACAC, ACAH, ACAM, ACAO, ACAPN, ACEH, MAX_AGE as ACMA, TAO } from '../../core/support.js'

/** A header line as sent: name, value. */
export type Line = [string, string]

/** A GET from `origin` (default: the conformance table's allowed origin). */
export const get = (path: string, origin = APP_ORIGIN, ...extra: Line[]): TestRequest => ({
  method: 'GET',
  path,
  headers: [['Origin', origin], ...extra],
})

/** A preflight from `origin` asking for `method`. */
export const preflight = (path: string, method: string, origin = APP_ORIGIN, ...extra: Line[]): TestRequest => ({
  method: 'OPTIONS',
  path,
  headers: [['Origin', origin], ['Access-Control-Request-Method', method], ...extra],
})

/** The access-control-* headers a response carries, Vary aside. */
export const corsNames = (response: TestResponse): string[] =>
  Object.keys(response.cors).filter((name) => name !== 'vary')
