// The part of autocannon's API that bench/http.mjs uses: autocannon ships no types.
declare module 'autocannon' {
  interface Options {
    url: string
    headers?: Record<string, string>
    connections?: number
    /** Seconds. */
    duration?: number
    /** Milliseconds between samples. */
    sampleInt?: number
  }
  interface Result {
    requests: { total: number }
    errors: number
    /** Responses whose status is not 2xx. */
    non2xx: number
    start: Date
    finish: Date
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
