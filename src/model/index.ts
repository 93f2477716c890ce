/**
 * corsica/model: the browser's side of CORS, as the Fetch Standard and Chromium, Firefox and
 * WebKit do it. Pure: no I/O but the `send` function simulate() is given.
 * @module corsica/model
 */
export { PreflightCache, preflightCacheSeconds, type CacheQuery } from './cache.js'
export { DEFAULT_MAX_AGE, ENGINES, MAX_AGE_CAP, MAX_REDIRECTS, READERS } from './engines.js'
export { explain } from './explain.js'
export { readableHeaders, SAFELISTED_RESPONSE_HEADERS } from './exposed.js'
export { consoleMessage } from './messages.js'
export { actualRequest, preflightReasons, preflightRequest } from './preflight.js'
export { makeProblem, PROBLEM_CODES } from './problems.js'
export { FORBIDDEN_METHODS, headerRule, isForbiddenHeader, isSafelistedMethod, normalizeMethod } from './safelist.js'
export { simulate, type SimulateOptions } from './simulate.js'
export { checkActual, checkPreflight } from './verdicts.js'
export type {
  EngineName,
  EngineOutcome,
  Explanation,
  HeaderList,
  PageRequest,
  Problem,
  ProblemCode,
  ProblemFacts,
  Reader,
  Send,
  Simulation,
  Step,
  Verdict,
  Verdicts,
  WireRequest,
  WireResponse,
} from './types.js'
