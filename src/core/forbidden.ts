// What the Fetch Standard forbids a script to send: the methods fetch() refuses and the request
// headers it drops, and the methods it upper-cases itself. The core refuses options that name
// them; corsica/model uses the same lists to say what a page can send.

/** Methods fetch() refuses to send. */
export const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK']
/** Methods fetch() upper-cases; every other method goes out byte for byte. */
export const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']
/** Fetch's forbidden request-header names (lowercase), besides every `proxy-` and `sec-` name. */
export const FORBIDDEN_REQUEST_HEADERS = [
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]
