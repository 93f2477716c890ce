export interface OracleRequest {
  readonly url: string
  readonly method?: string
  readonly headers?: readonly (readonly [string, string])[]
  readonly credentials?: 'omit' | 'same-origin' | 'include'
}
export interface OracleAnswer {
  readonly verdict: 'readable' | 'blocked'
  readonly status?: number
  readonly error?: string
  /** The CORS errors Chromium wrote to the console for this fetch. */
  readonly console: string[]
}
export interface Oracle {
  readonly pageOrigin: string
  readonly version: string
  fetch(request: OracleRequest): Promise<OracleAnswer>
  close(): Promise<void>
}
export function oracleMissing(): Promise<string | undefined>
export function launchOracle(): Promise<Oracle>
