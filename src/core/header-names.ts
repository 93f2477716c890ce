// Lowercase names of the headers the engine reads and writes.
export const ALLOW_ORIGIN = 'access-control-allow-origin'
export const ALLOW_CREDENTIALS = 'access-control-allow-credentials'
export const ALLOW_METHODS = 'access-control-allow-methods'
export const ALLOW_HEADERS = 'access-control-allow-headers'
export const ALLOW_PRIVATE_NETWORK = 'access-control-allow-private-network'
export const EXPOSE_HEADERS = 'access-control-expose-headers'
export const MAX_AGE = 'access-control-max-age'

export const ORIGIN = 'origin'
export const REQUEST_METHOD = 'access-control-request-method'
export const REQUEST_HEADERS = 'access-control-request-headers'
export const REQUEST_PRIVATE_NETWORK = 'access-control-request-private-network'
export const VARY = 'vary'

/** Vary tokens, in the case RFC 9110 uses. */
export const VARY_ORIGIN = 'Origin'
export const VARY_PREFLIGHT = 'Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network'
