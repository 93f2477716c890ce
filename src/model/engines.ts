// The engines the model reproduces, and the numbers they differ in.
import type { EngineName, Reader } from './types.js'

/** Chromium, Firefox and WebKit, in that order. */
export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

/** The Fetch Standard, then each engine. */
export const READERS: readonly Reader[] = ['standard', ...ENGINES]

/** Longest preflight cache lifetime, in seconds; the standard imposes none. */
export const MAX_AGE_CAP: Readonly<Record<Reader, number>> = {
  standard: Number.POSITIVE_INFINITY,
  chromium: 7200,
  firefox: 86400,
  webkit: 600,
}

/** Seconds a preflight is cached when Access-Control-Max-Age is absent. */
export const DEFAULT_MAX_AGE = 5

/** Most redirects a fetch follows. */
export const MAX_REDIRECTS = 20
