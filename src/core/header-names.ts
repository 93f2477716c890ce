// Lowercase names of the headers the engine writes.
export const ALLOW_ORIGIN = 'access-control-allow-origin'
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials'
export const ALLOW_METHODS = 'access-control-allow-methods'
export const ALLOW_HEADERS = 'access-control-allow-headers'
export const ALLOW_PRIVATE_NETWORK = 'access-control-allow-private-network'
export const EXPOSE_HEADERS = 'access-control-expose-headers'
export const MAX_AGE = 'access-control-max-age'
export const TIMING_ALLOW_ORIGIN = 'timing-allow-origin'
/** The `debug` option's header naming why a request was refused. */
export const REFUSAL_HEADER = 'corsica-refusal'

/**
 * Every CORS response header a decision may hold. An adapter sets the ones the decision has and
 * removes the others, so a header an outer layer set never survives this layer's answer.
 */
export const CORS_RESPONSE_HEADERS: readonly string[] = [
  ALLOW_ORIGIN,
  ALLOW_CREDENTIALS,
  ALLOW_METHODS,
  ALLOW_HEADERS,
  ALLOW_PRIVATE_NETWORK,
  EXPOSE_HEADERS,
  MAX_AGE,
  // Owned too: an outer layer's or an upstream's value must not outlive this layer's refusal.
  TIMING_ALLOW_ORIGIN,
  // An outer layer's refusal text must not reach a response this layer allows.
  REFUSAL_HEADER,
]

/** Vary tokens, in the case RFC 9110 uses. */
export const VARY_ORIGIN = 'Origin'
export const VARY_PREFLIGHT =
  'Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'
