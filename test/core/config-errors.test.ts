// Configuration errors: every unsafe or invalid option is refused at construction, each problem
// with its stable code, its option path, the suggestion where there is an obvious fix, and the
// message where its words matter. Valid edge configurations are accepted and take effect.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CorsConfigError,
  createCors,
  type CorsConfigProblem,
  type CorsDecision,
  type CorsOptions,
  type CorsRequest,
  type SyncCorsOptions,
} from '../../src/index.js'
import {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACAPN,
  ACEH,
  ADMIN,
  APP,
  DEFAULT_METHODS,
  EVIL,
  MAX_AGE,
  PREFLIGHT_VARY,
  PREFLIGHT_VARY_TOKENS,
  actualRequest as actual,
  allowedActual,
  allowedPreflight,
  checkNow,
  notCors,
  preflightRequest as preflight,
} from './support.js'

/** A problem as a row states it: its code and path, its suggestion if any, and its message where the words matter. */
type ExpectedProblem = Pick<CorsConfigProblem, 'code' | 'path'> & { suggestion?: string; message?: string }

interface InvalidRow {
  name: string
  options: unknown
  problems: ExpectedProblem[]
}

/** Calls createCors and returns the CorsConfigError it must throw. */
function configErrorOf(options: unknown): CorsConfigError {
  try {
    createCors(options as CorsOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    return error as CorsConfigError
  }
  throw new Error(`createCors accepted ${String(options)}`)
}

/** What a row compares: code and path, the suggestion when the problem has one, the message when the row states one. */
function comparable(problem: CorsConfigProblem, withMessage: boolean): ExpectedProblem {
  const { code, path, message } = problem
  return {
    code,
    path,
    ...('suggestion' in problem ? { suggestion: problem.suggestion } : {}),
    ...(withMessage ? { message } : {}),
  }
}

function invalid(name: string, options: unknown, ...problems: ExpectedProblem[]): InvalidRow {
  return { name, options, problems }
}

/** An unknown option close to a known one: the message asks "did you mean". */
function nearName(name: string, suggestion: string): ExpectedProblem {
  return {
    code: 'unknown-option',
    path: name,
    suggestion,
    message: `"${name}" is not a corsica option; did you mean "${suggestion}"?`,
  }
}

const ANY_ORIGIN_WITH_CREDENTIALS: ExpectedProblem = { code: 'credentials-with-any-origin', path: 'origin' }

/** Names other CORS libraries use, or one or two edits away from an option, and the option they point to. */
const NEAR_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['allowHeaders', 'allowedHeaders'],
  ['headers', 'allowedHeaders'],
  ['exposeHeaders', 'exposedHeaders'],
  ['allowCredentials', 'credentials'],
  ['origins', 'origin'],
  ['Origin', 'origin'],
  ['maxage', 'maxAge'],
  ['methds', 'methods'],
  ['privateNetworks', 'privateNetwork'],
  ['onRejct', 'onReject'],
]
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['allowedheader', 'allowedHeaders'],
  ['allowmethods', 'methods'],
  ['allowedMethods', 'methods'],
  ['method', 'methods'],
  ['exposedheader', 'exposedHeaders'],
  ['allowedOrigins', 'origin'],
  ['allowOrigin', 'origin'],
  ['allowPrivateNetwork', 'privateNetwork'],
]
/** The Fetch Standard's forbidden request-header names, every one of them. */
const FORBIDDEN_REQUEST_HEADERS = [
  'accept-charset',
  'Accept-Encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'Host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
  'sec-fetch-mode',
  'Proxy-Authorization',
]
const NON_NORMALIZED_METHODS: ReadonlyArray<readonly [string, string]> = [
  ['get', 'GET'],
  ['Delete', 'DELETE'],
  ['options', 'OPTIONS'],
  ['head', 'HEAD'],
  ['post', 'POST'],
  ['pUt', 'PUT'],
]

const INVALID: InvalidRow[] = [
  // origin: any origin with credentials
  invalid(
    "origin '*' with credentials",
    { origin: '*', credentials: true },
    {
      ...ANY_ORIGIN_WITH_CREDENTIALS,
      message: "'*' with credentials lets any site read users' data; list origins or patterns, or use a predicate",
    },
  ),
  // Unset is not a '*' the user wrote: the message names what is missing.
  invalid(
    "credentials with the default origin '*'",
    { credentials: true },
    {
      ...ANY_ORIGIN_WITH_CREDENTIALS,
      message:
        'credentials needs origin set to the sites allowed to send them (unset means any site); list origins or patterns, or use a predicate',
    },
  ),
  invalid(
    'origin true with credentials (reflects every origin)',
    { origin: true, credentials: true },
    {
      ...ANY_ORIGIN_WITH_CREDENTIALS,
      message: expect.stringMatching(/^true with credentials lets any site read/),
    },
  ),
  invalid(
    "'null' in a list with credentials",
    { origin: ['null'], credentials: true },
    { code: 'null-origin-with-credentials', path: 'origin[0]' },
  ),
  invalid(
    "'null' after an origin, with credentials",
    { origin: [APP, 'null'], credentials: true },
    {
      code: 'null-origin-with-credentials',
      path: 'origin[1]',
      message: expect.stringContaining('sandboxed iframe'),
    },
  ),
  invalid(
    "'null' alone with credentials",
    { origin: 'null', credentials: true },
    { code: 'null-origin-with-credentials', path: 'origin' },
  ),
  // origin: not a serialized origin (the words of each flaw: origin-config-errors.test.ts)
  invalid(
    'origin with a trailing slash',
    { origin: 'https://example.com/' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with a path, second in a list',
    { origin: [APP, 'https://example.com/path'] },
    { code: 'invalid-origin', path: 'origin[1]', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with a port and a trailing slash',
    { origin: 'https://example.com:8080/' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com:8080' },
  ),
  invalid(
    'origin with uppercase letters',
    { origin: 'https://Example.COM' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with the https default port',
    { origin: 'https://example.com:443' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with the http default port',
    { origin: ['http://example.com:80'] },
    { code: 'invalid-origin', path: 'origin[0]', suggestion: 'http://example.com' },
  ),
  invalid(
    'origin with surrounding whitespace',
    { origin: ' https://example.com ' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin without a scheme',
    { origin: 'example.com' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with a trailing dot',
    { origin: 'https://example.com.' },
    { code: 'invalid-origin', path: 'origin', suggestion: 'https://example.com' },
  ),
  invalid(
    'origin with user info (no obvious fix)',
    { origin: 'https://user@example.com' },
    { code: 'invalid-origin', path: 'origin' },
  ),
  invalid(
    'two origins in one string',
    { origin: 'https://a.example.com,https://b.example.com' },
    { code: 'invalid-origin', path: 'origin', suggestion: '["https://a.example.com", "https://b.example.com"]' },
  ),
  invalid(
    'two origins in one string, the second misspelled',
    { origin: 'https://a.com, https://B.com/' },
    {
      code: 'invalid-origin',
      path: 'origin',
      suggestion: '["https://a.com", "https://b.com"]',
      message:
        '"https://a.com, https://B.com/" holds several origins in one string; did you mean ["https://a.com", "https://b.com"]?',
    },
  ),
  invalid(
    'an origin and junk in one string',
    { origin: 'https://a.com, junk junk' },
    {
      code: 'invalid-origin',
      path: 'origin',
      suggestion: '["https://a.com", "junk junk"]',
    },
  ),
  invalid(
    "'*' as one entry among others",
    { origin: ['*', APP] },
    { code: 'invalid-origin', path: 'origin[0]', suggestion: '*' },
  ),
  invalid(
    "'*' after an origin",
    { origin: [APP, '*'] },
    {
      code: 'invalid-origin',
      path: 'origin[1]',
      suggestion: '*',
      message: `'*' cannot be mixed with origins; did you mean "*"?`,
    },
  ),
  invalid(
    "['*'] (read from an environment list) with credentials",
    { origin: ['*'], credentials: true },
    ANY_ORIGIN_WITH_CREDENTIALS,
  ),
  invalid(
    'a method longer than any request may ask for',
    { methods: ['X'.repeat(65)] },
    {
      code: 'invalid-method',
      path: 'methods[0]',
      message: `"${'X'.repeat(20)}…" is longer than 64 characters: no request asks for it`,
    },
  ),
  // origin: patterns
  invalid(
    'wildcard in a middle label',
    { origin: 'https://foo.*.example.com' },
    { code: 'invalid-origin-pattern', path: 'origin' },
  ),
  invalid(
    'wildcard glued to a label',
    { origin: [APP, 'https://*example.com'] },
    { code: 'invalid-origin-pattern', path: 'origin[1]' },
  ),
  invalid(
    'wildcard glued to a label, alone in a list',
    { origin: ['https://*example.com'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'wildcard glued to the first label',
    { origin: 'https://a*.example.com' },
    {
      code: 'invalid-origin-pattern',
      path: 'origin',
      message: `"https://a*.example.com": '*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)`,
    },
  ),
  invalid(
    'wildcard glued to the first label, in a list',
    { origin: ['https://a*.example.com'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'two wildcard labels',
    { origin: ['https://*.*.example.com'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'wildcard as the top-level domain',
    { origin: 'https://example.*' },
    { code: 'invalid-origin-pattern', path: 'origin' },
  ),
  invalid(
    'wildcard as the top-level domain, in a list',
    { origin: ['https://example.*'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid('wildcard as the whole host', { origin: 'https://*' }, { code: 'invalid-origin-pattern', path: 'origin' }),
  invalid(
    'pattern without a scheme',
    { origin: '*.example.com' },
    {
      code: 'invalid-origin-pattern',
      path: 'origin',
      message: `"*.example.com": '*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)`,
    },
  ),
  invalid(
    'pattern without a scheme, in a list',
    { origin: ['*.example.com'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'pattern with a trailing slash',
    { origin: 'https://*.example.com/' },
    { code: 'invalid-origin-pattern', path: 'origin', suggestion: 'https://*.example.com' },
  ),
  invalid(
    'pattern with uppercase letters and a trailing slash',
    { origin: 'https://*.Example.com/' },
    {
      code: 'invalid-origin-pattern',
      path: 'origin',
      suggestion: 'https://*.example.com',
      message:
        '"https://*.Example.com/" is not a valid pattern (a trailing slash, uppercase letters); did you mean "https://*.example.com"?',
    },
  ),
  invalid(
    'pattern with an uppercase scheme',
    { origin: 'HTTP://localhost:*' },
    { code: 'invalid-origin-pattern', path: 'origin', suggestion: 'http://localhost:*' },
  ),
  invalid(
    'pattern with the default port',
    { origin: 'https://*.example.com:443' },
    { code: 'invalid-origin-pattern', path: 'origin', suggestion: 'https://*.example.com' },
  ),
  invalid(
    'pattern with a space in the host (no obvious fix)',
    { origin: 'https://*.exa mple.com' },
    { code: 'invalid-origin-pattern', path: 'origin' },
  ),
  invalid(
    'pattern over a bare top-level domain',
    { origin: 'https://*.com' },
    {
      code: 'origin-pattern-too-broad',
      path: 'origin',
      message: '"https://*.com" covers a whole top-level domain; name a domain: https://*.example.com',
    },
  ),
  invalid(
    'pattern over a bare top-level domain, in a list',
    { origin: ['https://*.com'] },
    { code: 'origin-pattern-too-broad', path: 'origin[0]' },
  ),
  invalid(
    'subdomains of localhost on any port',
    { origin: ['https://*.localhost:*'] },
    { code: 'origin-pattern-too-broad', path: 'origin[0]' },
  ),
  invalid(
    'subdomain pattern over an IP address',
    { origin: 'https://*.192.168.0.1' },
    { code: 'invalid-origin-pattern', path: 'origin' },
  ),
  invalid(
    'subdomain pattern over an IPv4 address, in a list',
    { origin: ['https://*.127.0.0.1'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'subdomain pattern over an IPv6 address',
    { origin: ['https://*.[::1]'] },
    { code: 'invalid-origin-pattern', path: 'origin[0]' },
  ),
  invalid(
    'subdomain pattern over an IPv4-mapped IPv6 address',
    { origin: 'https://*.[::ffff:1.2.3.4]' },
    { code: 'invalid-origin-pattern', path: 'origin' },
  ),
  // origin: RegExps (the words of each claim: origin-config-errors.test.ts)
  invalid(
    'RegExp without ^',
    { origin: /example\.com$/ },
    { code: 'unanchored-regexp', path: 'origin', suggestion: '/^https:\\/\\/(?:example\\.com)$/' },
  ),
  invalid(
    'RegExp without $',
    { origin: /^https:\/\/example\.com/ },
    { code: 'unanchored-regexp', path: 'origin', suggestion: '/^(?:https:\\/\\/example\\.com)$/' },
  ),
  invalid(
    'RegExp without $, on another host',
    { origin: /^https:\/\/a\.com/ },
    { code: 'unanchored-regexp', path: 'origin', suggestion: '/^(?:https:\\/\\/a\\.com)$/' },
  ),
  invalid(
    'RegExp without ^ ending in a character class',
    { origin: /a[^b]$/ },
    { code: 'unanchored-regexp', path: 'origin', suggestion: '/^https:\\/\\/(?:a[^b])$/' },
  ),
  invalid(
    'RegExp without anchors, with one slash after a colon',
    { origin: /a:\/b/ },
    { code: 'unanchored-regexp', path: 'origin', suggestion: '/^https:\\/\\/(?:a:\\/b)$/' },
  ),
  invalid(
    'RegExp with a top-level alternation',
    { origin: [/^https:\/\/a\.com$|^https:\/\/b\.com$/] },
    { code: 'unanchored-regexp', path: 'origin[0]', suggestion: '/^(?:https:\\/\\/a\\.com$|^https:\\/\\/b\\.com)$/' },
  ),
  invalid(
    'RegExp with the g flag',
    { origin: /^https:\/\/example\.com$/g },
    { code: 'stateful-regexp', path: 'origin', suggestion: '/^https:\\/\\/example\\.com$/' },
  ),
  invalid(
    'RegExp with the g flag, in words',
    { origin: /^https:\/\/a\.com$/g },
    {
      code: 'stateful-regexp',
      path: 'origin',
      suggestion: '/^https:\\/\\/a\\.com$/',
      message:
        '/^https:\\/\\/a\\.com$/g is stateful (g flag): test() then misses matches; did you mean /^https:\\/\\/a\\.com$/?',
    },
  ),
  invalid(
    'RegExp with the y flag, keeping i',
    { origin: [APP, /^https:\/\/example\.com$/iy] },
    { code: 'stateful-regexp', path: 'origin[1]', suggestion: '/^https:\\/\\/example\\.com$/i' },
  ),
  invalid(
    'RegExp with the y flag, keeping i, alone in a list',
    { origin: [/^https:\/\/a\.com$/iy] },
    {
      code: 'stateful-regexp',
      path: 'origin[0]',
      suggestion: '/^https:\\/\\/a\\.com$/i',
      message: expect.stringContaining('is stateful (y flag)'),
    },
  ),
  // methods
  invalid('CONNECT in methods', { methods: ['GET', 'CONNECT'] }, { code: 'forbidden-method', path: 'methods[1]' }),
  invalid('TRACE in a methods string', { methods: 'GET, TRACE' }, { code: 'forbidden-method', path: 'methods' }),
  invalid(
    'TRACE alone in a methods string',
    { methods: 'TRACE' },
    {
      code: 'forbidden-method',
      path: 'methods',
      message: '"TRACE" is forbidden: browsers never send it',
    },
  ),
  ...['TRACE', 'connect', 'track'].map((method) =>
    invalid(`${method} after PUT`, { methods: ['PUT', method] }, { code: 'forbidden-method', path: 'methods[1]' }),
  ),
  invalid('track in any case', { methods: ['track'] }, { code: 'forbidden-method', path: 'methods[0]' }),
  invalid(
    'lowercase get (browsers send GET)',
    { methods: ['get'] },
    { code: 'non-normalized-method', path: 'methods[0]', suggestion: 'GET' },
  ),
  invalid(
    'mixed-case Delete beside *',
    { methods: ['*', 'Delete'] },
    { code: 'non-normalized-method', path: 'methods[1]', suggestion: 'DELETE' },
  ),
  ...NON_NORMALIZED_METHODS.map(([method, normalized]) =>
    invalid(
      `${method} after PUT (browsers send ${normalized})`,
      { methods: ['PUT', method] },
      {
        code: 'non-normalized-method',
        path: 'methods[1]',
        suggestion: normalized,
      },
    ),
  ),
  invalid(
    'lowercase put in a methods string',
    { methods: 'put' },
    {
      code: 'non-normalized-method',
      path: 'methods',
      suggestion: 'PUT',
      message: '"put" never matches: browsers send PUT; did you mean "PUT"?',
    },
  ),
  invalid('a method that is not a token', { methods: ['GET POST'] }, { code: 'invalid-method', path: 'methods[0]' }),
  invalid(
    'a method with a space, after PUT',
    { methods: ['PUT', 'GE T'] },
    { code: 'invalid-method', path: 'methods[1]' },
  ),
  invalid(
    'a method with a colon',
    { methods: 'A:B' },
    {
      code: 'invalid-method',
      path: 'methods',
      message: '"A:B" is not a method name (a token)',
    },
  ),
  invalid(
    'a method with a colon in a methods string',
    { methods: 'PUT, A:B' },
    { code: 'invalid-method', path: 'methods' },
  ),
  // allowedHeaders
  invalid(
    'Cookie in allowedHeaders',
    { allowedHeaders: ['Cookie'] },
    { code: 'forbidden-request-header', path: 'allowedHeaders[0]' },
  ),
  invalid(
    'Host in allowedHeaders',
    { allowedHeaders: ['Host'] },
    { code: 'forbidden-request-header', path: 'allowedHeaders[0]' },
  ),
  invalid(
    'a sec- header in allowedHeaders',
    { allowedHeaders: ['x-a', 'Sec-Fetch-Mode'] },
    { code: 'forbidden-request-header', path: 'allowedHeaders[1]' },
  ),
  invalid(
    'a proxy- header in an allowedHeaders string',
    { allowedHeaders: 'Proxy-Authorization' },
    { code: 'forbidden-request-header', path: 'allowedHeaders' },
  ),
  ...FORBIDDEN_REQUEST_HEADERS.map((name) =>
    invalid(
      `${name} after x-a`,
      { allowedHeaders: ['x-a', name] },
      {
        code: 'forbidden-request-header',
        path: 'allowedHeaders[1]',
        message: `"${name.toLowerCase()}" is forbidden: scripts cannot send it`,
      },
    ),
  ),
  invalid(
    'a header name with a space',
    { allowedHeaders: ['x a'] },
    { code: 'invalid-header-name', path: 'allowedHeaders[0]' },
  ),
  invalid(
    'a header name with a space, in an allowedHeaders string',
    { allowedHeaders: 'x a' },
    {
      code: 'invalid-header-name',
      path: 'allowedHeaders',
      message: '"x a" is not a header name (a token)',
    },
  ),
  // exposedHeaders
  invalid(
    'Set-Cookie in exposedHeaders',
    { exposedHeaders: ['Set-Cookie'] },
    {
      code: 'forbidden-exposed-header',
      path: 'exposedHeaders[0]',
      message: '"set-cookie" is never exposed to scripts',
    },
  ),
  invalid(
    'set-cookie2 in an exposedHeaders string',
    { exposedHeaders: 'set-cookie2' },
    { code: 'forbidden-exposed-header', path: 'exposedHeaders' },
  ),
  invalid(
    "exposedHeaders '*' with credentials",
    { origin: [APP], credentials: true, exposedHeaders: '*' },
    { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' },
  ),
  invalid(
    "'*' among exposedHeaders with credentials",
    { origin: APP, credentials: true, exposedHeaders: ['x-a', '*'] },
    {
      code: 'credentials-with-expose-wildcard',
      path: 'exposedHeaders',
      message: `'*' with credentials means a header named "*"; list the headers`,
    },
  ),
  invalid(
    'an exposed header name with parentheses',
    { exposedHeaders: ['x(y)'] },
    { code: 'invalid-header-name', path: 'exposedHeaders[0]' },
  ),
  // maxAge, optionsSuccessStatus
  invalid('negative maxAge', { maxAge: -1 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('fractional maxAge', { maxAge: 1.5 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge over a day', { maxAge: 86401 }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge as a string', { maxAge: '600' }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid('maxAge NaN', { maxAge: Number.NaN }, { code: 'invalid-max-age', path: 'maxAge' }),
  invalid(
    'optionsSuccessStatus 301 (a redirect fails the preflight)',
    { optionsSuccessStatus: 301 },
    {
      code: 'invalid-status',
      path: 'optionsSuccessStatus',
      message: 'must be a 2xx status, got number 301',
    },
  ),
  invalid(
    'optionsSuccessStatus 199',
    { optionsSuccessStatus: 199 },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
  ),
  invalid(
    'optionsSuccessStatus 300',
    { optionsSuccessStatus: 300 },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
  ),
  invalid(
    'fractional optionsSuccessStatus',
    { optionsSuccessStatus: 204.5 },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
  ),
  invalid(
    'optionsSuccessStatus as a string',
    { optionsSuccessStatus: '204' },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
  ),
  // unknown options
  invalid(
    'allowHeaders typo',
    { allowHeaders: ['x-a'] },
    { code: 'unknown-option', path: 'allowHeaders', suggestion: 'allowedHeaders' },
  ),
  invalid('origns typo', { origns: APP }, { code: 'unknown-option', path: 'origns', suggestion: 'origin' }),
  ...NEAR_NAMES.map(([name, suggestion]) =>
    invalid(`${name} is near ${suggestion}`, { [name]: 1 }, nearName(name, suggestion)),
  ),
  ...ALIASES.map(([name, suggestion]) =>
    invalid(
      `${name} is another name for ${suggestion}`,
      { [name]: 1 },
      { code: 'unknown-option', path: name, suggestion },
    ),
  ),
  invalid('maAg is two edits from maxAge', { maAg: 1 }, { code: 'unknown-option', path: 'maAg', suggestion: 'maxAge' }),
  // Two edits at the end of the name: the whole of both names is compared.
  invalid(
    'originab is two edits from origin',
    { originab: 1 },
    { code: 'unknown-option', path: 'originab', suggestion: 'origin' },
  ),
  invalid(
    'xyzAge is three edits from maxAge: no suggestion',
    { xyzAge: 1 },
    { code: 'unknown-option', path: 'xyzAge' },
  ),
  invalid(
    'maxAgeSecs is four edits from maxAge: no suggestion',
    { maxAgeSecs: 1 },
    { code: 'unknown-option', path: 'maxAgeSecs' },
  ),
  // Names are loosened only at their start and end, so a prefix does not make a near name.
  invalid('xAllowHeaders: no suggestion', { xAllowHeaders: 1 }, { code: 'unknown-option', path: 'xAllowHeaders' }),
  invalid('an unrelated option name', { foo: 1 }, { code: 'unknown-option', path: 'foo' }),
  invalid(
    'an option far from every name lists the known ones',
    { timeoutSeconds: 5 },
    {
      code: 'unknown-option',
      path: 'timeoutSeconds',
      message:
        '"timeoutSeconds" is not a corsica option; known options: origin, credentials, methods, allowedHeaders, exposedHeaders, maxAge, preflightContinue, optionsSuccessStatus, privateNetwork, timingAllowOrigin, onReject, vary, candidate, onCandidateDiffers, metrics, debug',
    },
  ),
  // candidate, its reporter, metrics, debug (test/core/rollout.test.ts has the rest)
  invalid(
    'a candidate with an onReject and an invalid origin',
    { candidate: { origin: ['https://ok.example', 'https://x.example/'], onReject: () => {} }, metrics: undefined },
    { code: 'candidate-unreported', path: 'candidate' },
    { code: 'misplaced-candidate-option', path: 'candidate.onReject' },
    { code: 'invalid-origin', path: 'candidate.origin[1]', suggestion: 'https://x.example' },
  ),
  invalid(
    'onCandidateDiffers with no candidate',
    { onCandidateDiffers: () => {} },
    {
      code: 'candidate-missing',
      path: 'onCandidateDiffers',
      message: 'has nothing to report: set candidate to the options to try',
    },
  ),
  invalid(
    'metrics not made by corsMetrics() and debug not a boolean',
    { metrics: { allowed: 0 }, debug: 'yes' },
    { code: 'invalid-type', path: 'metrics', message: 'must be counters made by corsMetrics(), got an object' },
    { code: 'invalid-type', path: 'debug', message: 'must be true or false, got the string "yes"' },
  ),
  // wrong types
  invalid('options that are not an object', null, {
    code: 'invalid-type',
    path: '(options)',
    message: 'options must be an object, got null',
  }),
  invalid('options that are an array', [], {
    code: 'invalid-type',
    path: '(options)',
    message: 'options must be an object, got an array',
  }),
  invalid('options that are a string', 'https://a.com', {
    code: 'invalid-type',
    path: '(options)',
    message: 'options must be an object, got the string "https://a.com"',
  }),
  invalid('options that are a number', 3, {
    code: 'invalid-type',
    path: '(options)',
    message: 'options must be an object, got number 3',
  }),
  invalid('credentials as a string', { credentials: 'true' }, { code: 'invalid-type', path: 'credentials' }),
  invalid(
    'credentials as "yes"',
    { credentials: 'yes' },
    {
      code: 'invalid-type',
      path: 'credentials',
      message: 'must be true or false, got the string "yes"',
    },
  ),
  invalid(
    'origin as a number',
    { origin: 42 },
    {
      code: 'invalid-type',
      path: 'origin',
      message: "must be '*', a boolean, an origin, a RegExp, an array or a function, got number 42",
    },
  ),
  invalid('a number inside the origin list', { origin: [APP, 42] }, { code: 'invalid-type', path: 'origin[1]' }),
  invalid(
    'another number inside the origin list',
    { origin: [APP, 7] },
    {
      code: 'invalid-type',
      path: 'origin[1]',
      message: 'must be an origin or a RegExp, got number 7',
    },
  ),
  invalid(
    'null inside the origin list',
    { origin: [null] },
    { code: 'invalid-type', path: 'origin[0]', message: expect.stringContaining('got null') },
  ),
  invalid(
    'methods as a number',
    { methods: 5 },
    { code: 'invalid-type', path: 'methods', message: 'must be a string or an array, got number 5' },
  ),
  invalid('a number inside methods', { methods: ['GET', 5] }, { code: 'invalid-type', path: 'methods[1]' }),
  invalid(
    'a number inside allowedHeaders',
    { allowedHeaders: ['x-a', 1] },
    {
      code: 'invalid-type',
      path: 'allowedHeaders[1]',
      message: 'must be a string, got number 1',
    },
  ),
  invalid(
    'a RegExp inside exposedHeaders',
    { exposedHeaders: [/x/] },
    {
      code: 'invalid-type',
      path: 'exposedHeaders[0]',
      message: 'must be a string, got a RegExp',
    },
  ),
  invalid(
    'preflightContinue as a string',
    { preflightContinue: 'yes' },
    {
      code: 'invalid-type',
      path: 'preflightContinue',
      message: 'must be true or false, got the string "yes"',
    },
  ),
  invalid('privateNetwork as a number', { privateNetwork: 1 }, { code: 'invalid-type', path: 'privateNetwork' }),
  invalid(
    'privateNetwork as a string',
    { privateNetwork: 'yes' },
    {
      code: 'invalid-type',
      path: 'privateNetwork',
      message: 'must be true or false, got the string "yes"',
    },
  ),
  invalid(
    'onReject that is not a function',
    { onReject: 'log' },
    {
      code: 'invalid-type',
      path: 'onReject',
      message: 'must be a function, got the string "log"',
    },
  ),
  invalid(
    "credentials with the default origin and exposedHeaders '*'",
    { credentials: true, exposedHeaders: '*' },
    ANY_ORIGIN_WITH_CREDENTIALS,
    { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' },
  ),
  invalid(
    'many problems at once are all listed, in option order',
    {
      origin: ['https://app.example.com/', 'null', /example\.com$/, 'https://*.com'],
      credentials: true,
      methods: ['get', 'TRACE'],
      allowedHeaders: ['Cookie', 'x a'],
      exposedHeaders: ['Set-Cookie', '*'],
      maxAge: -5,
      optionsSuccessStatus: 404,
      privateNetwork: 'yes',
      allowHeaders: ['x-a'],
    },
    { code: 'unknown-option', path: 'allowHeaders', suggestion: 'allowedHeaders' },
    { code: 'invalid-origin', path: 'origin[0]', suggestion: 'https://app.example.com' },
    { code: 'null-origin-with-credentials', path: 'origin[1]' },
    { code: 'unanchored-regexp', path: 'origin[2]', suggestion: '/^https:\\/\\/(?:example\\.com)$/' },
    { code: 'origin-pattern-too-broad', path: 'origin[3]' },
    { code: 'non-normalized-method', path: 'methods[0]', suggestion: 'GET' },
    { code: 'forbidden-method', path: 'methods[1]' },
    { code: 'forbidden-request-header', path: 'allowedHeaders[0]' },
    { code: 'invalid-header-name', path: 'allowedHeaders[1]' },
    { code: 'forbidden-exposed-header', path: 'exposedHeaders[0]' },
    { code: 'credentials-with-expose-wildcard', path: 'exposedHeaders' },
    { code: 'invalid-max-age', path: 'maxAge' },
    { code: 'invalid-status', path: 'optionsSuccessStatus' },
    { code: 'invalid-type', path: 'privateNetwork' },
  ),
]

/** The codes of the CorsConfigProblemCode union, read from the source (as scripts/gen-config-errors-doc.mjs does). */
function problemCodes(): string[] {
  const source = readFileSync(new URL('../../src/core/errors.ts', import.meta.url), 'utf8')
  // Ends at a blank line, or at a semicolon in the copy Stryker prints (a mutation run reads that copy).
  const union = /export type CorsConfigProblemCode =([^;]*?)(?:;|\n\n)/s.exec(source)?.[1] ?? ''
  return [...union.matchAll(/'([a-z-]+)'/g)].map((match) => match[1] ?? '')
}

describe('CorsConfigError: invalid configurations', () => {
  for (const { name, options, problems } of INVALID) {
    it(name, () => {
      const error = configErrorOf(options)
      const found = error.problems.map((problem, i) => comparable(problem, problems[i]?.message !== undefined))
      expect(found).toStrictEqual(problems)
      for (const { path, suggestion, message } of problems) {
        expect(error.message).toContain(`${path}: `)
        if (suggestion !== undefined) expect(error.message).toContain(suggestion)
        if (typeof message === 'string') expect(error.message).toContain(`${path}: ${message}`)
      }
    })
  }

  it('has a row for every problem code', () => {
    const codes = problemCodes()
    expect(codes).toContain('unknown-option')
    // Raised by corsica/fastify when a route is registered, not by createCors: its adapter tests cover them.
    const covered = new Set<string>(['late-options-route', 'route-origin-unset'])
    // Raised by parseOrigins, originLookup and corsica/upgrade, not by createCors: their own tests
    // (test/core/origin-env, test/dynamic/origin-lookup, test/upgrade/options) cover them.
    for (const code of ['missing-origins', 'invalid-lookup-option', 'upgrade-any-origin']) covered.add(code)
    for (const { problems } of INVALID) for (const { code } of problems) covered.add(code)
    expect(codes.filter((code) => !covered.has(code))).toEqual([])
  })

  it('is a named error with a stable code, a count, one line per problem and a frozen problem list', () => {
    const error = configErrorOf({ maxAge: -1, optionsSuccessStatus: 301 })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CorsConfigError')
    expect(error.code).toBe('CORS_CONFIG')
    expect(error.message.split('\n')).toEqual([
      'Invalid corsica options (2 problems):',
      '  - maxAge: must be whole seconds from 0 to 86400, got number -1',
      '  - optionsSuccessStatus: must be a 2xx status, got number 301',
    ])
    expect(Object.isFrozen(error.problems)).toBe(true)
    expect(configErrorOf({ maxAge: -1, optionsSuccessStatus: 500 }).message).toMatch(
      /^Invalid corsica options \(2 problems\):\n/,
    )
    expect(() => createCors({ maxAge: 1.5 })).toThrow(
      /^Invalid corsica options \(1 problem\):\n {2}- maxAge: .*got number 1\.5$/,
    )
  })

  it('copies the problem list it is given', () => {
    const given: CorsConfigProblem[] = [{ code: 'invalid-max-age', path: 'maxAge', message: 'm' }]
    const error = new CorsConfigError(given)
    given.push({ code: 'invalid-status', path: 'optionsSuccessStatus', message: 'n' })
    expect(error.problems).toHaveLength(1)
    expect(Object.isFrozen(given)).toBe(false)
  })

  it('says "did you mean" with the corrected origin', () => {
    expect(configErrorOf({ origin: 'https://Example.com/' }).message).toContain('did you mean "https://example.com"?')
  })
})

describe('messages name what the user wrote', () => {
  it.each([
    ['an undefined list item', { origin: [APP, undefined] }, 'origin[1]: must be an origin or a RegExp, got undefined'],
    ['an undefined method', { methods: ['GET', undefined] }, 'methods[1]: must be a string, got undefined'],
    [
      'a function where a list goes',
      { exposedHeaders: () => 'x' },
      'exposedHeaders: must be a string or an array, got a function',
    ],
    ['an object where an origin goes', { origin: [{}] }, 'origin[0]: must be an origin or a RegExp, got an object'],
  ])('%s', (_, options, message) => {
    expect(configErrorOf(options).message.split('\n')).toContain(`  - ${message}`)
  })
})

describe('valid edge configurations are accepted and take effect', () => {
  interface ValidRow {
    name: string
    options: SyncCorsOptions | undefined
    request: CorsRequest
    want: CorsDecision
  }
  const ANY_PREFLIGHT = { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }
  const VALID: ValidRow[] = [
    {
      name: 'no options at all',
      options: undefined,
      request: preflight(APP, 'PUT', 'x-a'),
      want: allowedPreflight({ ...ANY_PREFLIGHT, [ACAH]: 'x-a' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'an empty object',
      options: {},
      request: preflight(EVIL, 'DELETE', 'x-a'),
      want: allowedPreflight({ ...ANY_PREFLIGHT, [ACAH]: 'x-a' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: "methods '*' with credentials (the method is echoed)",
      options: { origin: [APP], credentials: true, methods: '*' },
      request: preflight(APP, 'PURGE'),
      want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'PURGE' }, PREFLIGHT_VARY, 204),
    },
    {
      name: "allowedHeaders '*' with credentials (the headers are echoed)",
      options: { origin: [APP], credentials: true, allowedHeaders: '*' },
      request: preflight(APP, 'PUT', 'X-Trace'),
      want: allowedPreflight(
        { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-trace' },
        PREFLIGHT_VARY,
        204,
      ),
    },
    {
      name: "allowedHeaders ['*', 'authorization']",
      options: { origin: [APP], allowedHeaders: ['*', 'authorization'] },
      request: preflight(APP, 'PUT', 'content-type'),
      want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' }, PREFLIGHT_VARY, 204),
    },
    {
      name: "allowedHeaders ['*', 'Authorization'] with credentials",
      options: { origin: [APP], credentials: true, allowedHeaders: ['*', 'Authorization'] },
      request: preflight(APP, 'PUT', 'authorization'),
      want: allowedPreflight(
        { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'authorization' },
        PREFLIGHT_VARY,
        204,
      ),
    },
    {
      name: 'allowedHeaders merely starting like forbidden names',
      options: { allowedHeaders: ['x-sec-token', 'secret', 'proxyish', 'x-cookie', 'hosts'] },
      request: preflight(APP, 'PUT', 'x-sec-token'),
      want: allowedPreflight(
        { ...ANY_PREFLIGHT, [ACAH]: 'x-sec-token,secret,proxyish,x-cookie,hosts' },
        PREFLIGHT_VARY_TOKENS,
        204,
      ),
    },
    {
      name: 'exposing Content-Length (a no-op, not an error)',
      options: { exposedHeaders: ['Content-Length'] },
      request: actual(APP),
      want: allowedActual({ [ACAO]: '*', [ACEH]: 'Content-Length' }, undefined),
    },
    {
      name: "exposedHeaders '*' without credentials",
      options: { exposedHeaders: '*' },
      request: actual(APP),
      want: allowedActual({ [ACAO]: '*', [ACEH]: '*' }, undefined),
    },
    {
      name: 'maxAge 0',
      options: { maxAge: 0 },
      request: preflight(APP, 'PUT'),
      want: allowedPreflight({ ...ANY_PREFLIGHT, [MAX_AGE]: '0' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'maxAge 86400',
      options: { maxAge: 86400 },
      request: preflight(APP, 'PUT'),
      want: allowedPreflight({ ...ANY_PREFLIGHT, [MAX_AGE]: '86400' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'optionsSuccessStatus 200',
      options: { optionsSuccessStatus: 200 },
      request: preflight(APP, 'PUT'),
      want: allowedPreflight(ANY_PREFLIGHT, PREFLIGHT_VARY_TOKENS, 200),
    },
    {
      name: 'optionsSuccessStatus 299',
      options: { optionsSuccessStatus: 299 },
      request: preflight(APP, 'PUT'),
      want: allowedPreflight(ANY_PREFLIGHT, PREFLIGHT_VARY_TOKENS, 299),
    },
    {
      name: "'null' without credentials",
      options: { origin: 'null' },
      request: actual('null'),
      want: allowedActual({ [ACAO]: 'null' }, 'Origin'),
    },
    {
      name: 'an IPv6 origin with a port',
      options: { origin: 'http://[::1]:8080' },
      request: actual('http://[::1]:8080'),
      want: allowedActual({ [ACAO]: 'http://[::1]:8080' }, 'Origin'),
    },
    {
      name: 'localhost on any port',
      options: { origin: 'http://localhost:*' },
      request: actual('http://localhost:8080'),
      want: allowedActual({ [ACAO]: 'http://localhost:8080' }, 'Origin'),
    },
    {
      name: 'subdomains on any port',
      options: { origin: 'https://*.example.com:*' },
      request: actual('https://api.example.com:3000'),
      want: allowedActual({ [ACAO]: 'https://api.example.com:3000' }, 'Origin'),
    },
    {
      name: 'subdomains of a two-label public suffix',
      options: { origin: 'https://*.example.co.uk' },
      request: actual('https://shop.example.co.uk'),
      want: allowedActual({ [ACAO]: 'https://shop.example.co.uk' }, 'Origin'),
    },
    {
      name: 'a browser-extension origin',
      options: { origin: 'chrome-extension://abcdefghijklmnop' },
      request: actual('chrome-extension://abcdefghijklmnop'),
      want: allowedActual({ [ACAO]: 'chrome-extension://abcdefghijklmnop' }, 'Origin'),
    },
    {
      name: 'an anchored RegExp with an alternation inside a group',
      options: { origin: /^https:\/\/(app|admin)\.example\.com$/ },
      request: actual(ADMIN),
      want: allowedActual({ [ACAO]: ADMIN }, 'Origin'),
    },
    {
      name: 'a predicate with credentials',
      options: { origin: (origin) => origin === APP, credentials: true },
      request: actual(APP),
      want: allowedActual({ [ACAO]: APP, [ACAC]: 'true' }, 'Origin'),
    },
    {
      name: 'origin true without credentials',
      options: { origin: true },
      request: actual(EVIL),
      want: allowedActual({ [ACAO]: EVIL }, 'Origin'),
    },
    {
      name: "origin ['*'] means '*', not a list mixing '*' with origins",
      options: { origin: ['*'] },
      request: actual(APP),
      want: allowedActual({ [ACAO]: '*' }, undefined),
    },
    {
      name: 'CORS off with credentials set',
      options: { origin: false, credentials: true },
      request: actual(APP),
      want: notCors({}, undefined),
    },
    {
      name: 'a lowercase extension method and an unknown one',
      options: { methods: ['patch', 'PROPFIND'] },
      request: preflight(APP, 'PROPFIND'),
      want: allowedPreflight({ [ACAO]: '*', [ACAM]: 'patch,PROPFIND' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'methods merely containing a forbidden or a browser-normalized name',
      options: { methods: ['TRACKING', 'XCONNECT', 'getter', 'unput'] },
      request: preflight(APP, 'XCONNECT'),
      want: allowedPreflight({ [ACAO]: '*', [ACAM]: 'TRACKING,XCONNECT,getter,unput' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'exposedHeaders merely containing set-cookie',
      options: { exposedHeaders: ['x-set-cookie', 'set-cookie-id'] },
      request: actual(APP),
      want: allowedActual({ [ACAO]: '*', [ACEH]: 'x-set-cookie,set-cookie-id' }, undefined),
    },
    {
      name: 'empty items in list options are ignored, as in an RFC 9110 list',
      options: { methods: 'GET,, PUT, ', allowedHeaders: ['', 'X-Trace'], exposedHeaders: ' ,X-Total-Count' },
      request: preflight(APP, 'PUT', 'x-trace'),
      want: allowedPreflight({ [ACAO]: '*', [ACAM]: 'GET,PUT', [ACAH]: 'X-Trace' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'a method of 64 characters, the longest a request may ask for',
      options: { methods: ['X'.repeat(64)] },
      request: preflight(APP, 'X'.repeat(64)),
      want: allowedPreflight({ [ACAO]: '*', [ACAM]: 'X'.repeat(64) }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'empty lists (no empty header is sent)',
      options: { methods: [], allowedHeaders: [], exposedHeaders: [] },
      request: preflight(APP, 'GET'),
      want: allowedPreflight({ [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204),
    },
    {
      name: 'list options as comma-separated strings',
      options: { methods: 'GET, PUT', allowedHeaders: 'Content-Type, X-Trace', exposedHeaders: 'X-Total-Count' },
      request: preflight(APP, 'PUT', 'x-trace'),
      want: allowedPreflight(
        { [ACAO]: '*', [ACAM]: 'GET,PUT', [ACAH]: 'Content-Type,X-Trace' },
        PREFLIGHT_VARY_TOKENS,
        204,
      ),
    },
    {
      name: 'every boolean option set',
      options: { preflightContinue: true, privateNetwork: true, credentials: false },
      request: preflight(APP, 'PUT', undefined, 'true'),
      want: allowedPreflight({ ...ANY_PREFLIGHT, [ACAPN]: 'true' }, PREFLIGHT_VARY_TOKENS, undefined),
    },
  ]
  for (const { name, options, request, want } of VALID) {
    it(name, () => {
      expect(checkNow(createCors(options), request)).toStrictEqual(want)
    })
  }
})
