// Each engine's console text for a problem, worded as the engine's sources word it: Chromium's
// cors_error_string.cc (and net_error_list.h, mixed_content_checker.cc), Firefox's
// security.properties (CORS*, BlockMixedActiveContent), WebKit's CrossOriginAccessControl.cpp and
// MixedContentChecker.cpp.
import type { EngineName, PageRequest, Problem, ProblemFacts, WireResponse } from './types.js'

/** What a message is filled in with. */
interface Fill {
  readonly url: string
  readonly origin: string
  readonly status: string
  readonly facts: ProblemFacts
}

// Chromium 156 (measured by test/cli) no longer appends the older "if an opaque response serves
// your needs, set the request's mode to 'no-cors'" hint; explain() reads both wordings.
const NO_CORS = ''
const NO_CORS_VALUE = ' Have the server send the header with a valid value.'
const PREFLIGHT_PREFIX = "Response to preflight request doesn't pass access control check: "
/** Chromium's errors that it words as a failed preflight when they come from one. */
const CHROMIUM_PREFLIGHT_CODES = new Set([
  'allow-origin-missing',
  'allow-origin-multiple',
  'allow-origin-mismatch',
  'allow-origin-wildcard-credentials',
  'allow-credentials-missing',
  'preflight-status',
  'preflight-redirect',
])

function isUrl(value: string): boolean {
  try {
    return new URL(value).origin !== ''
  } catch {
    return false
  }
}

function chromiumReason(problem: Problem, { facts }: Fill): string {
  const value = facts.value ?? ''
  switch (problem.code) {
    case 'allow-origin-missing':
      return `No 'Access-Control-Allow-Origin' header is present on the requested resource.${NO_CORS}`
    case 'allow-origin-multiple':
      return (
        `The 'Access-Control-Allow-Origin' header contains multiple values '${value}', but only one is ` +
        `allowed.${NO_CORS_VALUE}`
      )
    case 'allow-origin-mismatch':
      return isUrl(value) || value === 'null'
        ? `The 'Access-Control-Allow-Origin' header has a value '${value}' that is not equal to the supplied ` +
            `origin.${NO_CORS_VALUE}`
        : `The 'Access-Control-Allow-Origin' header contains the invalid value '${value}'.${NO_CORS_VALUE}`
    case 'allow-origin-wildcard-credentials':
      return (
        "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when " +
        "the request's credentials mode is 'include'."
      )
    case 'allow-credentials-missing':
      return (
        `The value of the 'Access-Control-Allow-Credentials' header in the response is '${value}' which must be ` +
        `'true' when the request's credentials mode is 'include'.`
      )
    case 'preflight-status':
      return 'It does not have HTTP ok status.'
    case 'preflight-redirect':
      return 'Redirect is not allowed for a preflight request.'
    case 'method-not-allowed':
      return facts.unparsable === 'methods'
        ? 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'
        : `Method ${facts.method ?? ''} is not allowed by Access-Control-Allow-Methods in preflight response.`
    default:
      return facts.unparsable === 'headers'
        ? 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'
        : `Request header field ${facts.header ?? ''} is not allowed by Access-Control-Allow-Headers in preflight ` +
            `response.`
  }
}

/**
 * A redirect Chromium does not follow, by cause: user info is a CORS error; the others are the
 * network log line (net_error_list.h): too many hops, an unsafe scheme (data:, file:,
 * javascript:), a Location that is no URL, a stream body that cannot be sent again.
 */
function chromiumRedirect(fill: Fill): string {
  const { location, why = '' } = fill.facts
  if (why === 'credentials')
    return (
      `Access to fetch at '${fill.url}' from origin '${fill.origin}' has been blocked by CORS policy: Redirect ` +
      `location '${location ?? ''}' contains a username and password, which is disallowed for cross-origin ` +
      `requests.`
    )
  if (why.startsWith('more than')) return `GET ${fill.url} net::ERR_TOO_MANY_REDIRECTS`
  if (why === 'not an http(s) URL') return `GET ${fill.url} net::ERR_UNSAFE_REDIRECT`
  if (why === 'not a URL') return `GET ${fill.url} net::ERR_INVALID_REDIRECT`
  return `GET ${fill.url} net::ERR_FAILED`
}

/** Problems that are not a CORS check Chromium words as such: the network log line. */
function chromiumOther(problem: Problem, fill: Fill): string | undefined {
  if (problem.code === 'redirect-not-allowed') return chromiumRedirect(fill)
  if (problem.code === 'mixed-content')
    return (
      `Mixed Content: The page at '${fill.origin}/' was loaded over HTTPS, but requested an insecure resource ` +
      `'${fill.url}'. This request has been blocked; the content must be served over HTTPS.`
    )
  if (problem.code === 'network-error') return `GET ${fill.url} net::ERR_FAILED`
  if (problem.code === 'invalid-request' || problem.code === 'unsupported-body')
    return `TypeError: Failed to execute 'fetch' on 'Window': ${fill.facts.why ?? problem.detail}`
  return undefined
}

function chromium(problem: Problem, fill: Fill): string {
  const other = chromiumOther(problem, fill)
  if (other !== undefined) return other
  const prefix = fill.facts.step === 'preflight' && CHROMIUM_PREFLIGHT_CODES.has(problem.code) ? PREFLIGHT_PREFIX : ''
  return (
    `Access to fetch at '${fill.url}' from origin '${fill.origin}' has been blocked by CORS policy: ` +
    `${prefix}${chromiumReason(problem, fill)}`
  )
}

function firefoxReason(problem: Problem, { facts, status }: Fill): [reason: string, status?: string] {
  const value = facts.value ?? ''
  switch (problem.code) {
    case 'allow-origin-missing':
      return ['CORS header ‘Access-Control-Allow-Origin’ missing', status]
    case 'allow-origin-multiple':
      return ['Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed']
    case 'allow-origin-mismatch':
      return [`CORS header ‘Access-Control-Allow-Origin’ does not match ‘${value}’`]
    case 'allow-origin-wildcard-credentials':
      return ['Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’']
    case 'allow-credentials-missing':
      return ['expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’']
    case 'preflight-status':
      return ['CORS preflight response did not succeed', status]
    case 'preflight-redirect':
      return ['CORS request external redirect not allowed']
    case 'method-not-allowed':
      return facts.unparsable === 'methods'
        ? [`invalid token ‘${value}’ in CORS header ‘Access-Control-Allow-Methods’`]
        : ['Did not find method in CORS header ‘Access-Control-Allow-Methods’']
    case 'header-not-allowed':
    case 'authorization-wildcard':
      return facts.unparsable === 'headers'
        ? [`invalid token ‘${value}’ in CORS header ‘Access-Control-Allow-Headers’`]
        : [
            `header ‘${facts.header ?? ''}’ is not allowed according to header ` +
              '‘Access-Control-Allow-Headers’ from CORS preflight response',
          ]
    default:
      return ['CORS request did not succeed', '(null)']
  }
}

function firefox(problem: Problem, fill: Fill): string {
  if (problem.code === 'invalid-request' || problem.code === 'unsupported-body')
    return `TypeError: Window.fetch: ${fill.facts.why ?? problem.detail}`
  if (problem.code === 'mixed-content') return `Blocked loading mixed active content “${fill.url}”`
  const [reason, status] = firefoxReason(problem, fill)
  // Firefox quotes the URL in this one message only.
  const url = problem.code === 'allow-origin-wildcard-credentials' ? `‘${fill.url}’` : fill.url
  const tail = status === undefined ? '' : ` Status code: ${status}.`
  return (
    `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. ` +
    `(Reason: ${reason}).${tail}`
  )
}

function webkit(problem: Problem, { facts, origin, status, url }: Fill): string {
  switch (problem.code) {
    case 'allow-origin-missing':
    case 'allow-origin-mismatch':
      return `Origin ${origin} is not allowed by Access-Control-Allow-Origin. Status code: ${status}`
    case 'allow-origin-multiple':
      return 'Access-Control-Allow-Origin cannot contain more than one origin.'
    case 'allow-origin-wildcard-credentials':
      return 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.'
    case 'allow-credentials-missing':
      return 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".'
    case 'preflight-status':
      return `Preflight response is not successful. Status code: ${status}`
    case 'preflight-redirect':
      return 'Preflight response is not successful'
    case 'method-not-allowed':
      return facts.unparsable === 'methods'
        ? `Header Access-Control-Allow-Methods has an invalid value: ${facts.value ?? ''}`
        : `Method ${facts.method ?? ''} is not allowed by Access-Control-Allow-Methods.`
    case 'header-not-allowed':
    case 'authorization-wildcard':
      return facts.unparsable === 'headers'
        ? `Header Access-Control-Allow-Headers has an invalid value: ${facts.value ?? ''}`
        : `Request header field ${facts.header ?? ''} is not allowed by Access-Control-Allow-Headers.`
    case 'unsupported-body':
      return 'NotSupportedError: ReadableStream uploading is not supported'
    case 'redirect-not-allowed':
      return (
        `Cross-origin redirection to ${facts.location ?? ''} denied by Cross-Origin Resource Sharing policy: ` +
        `${facts.why ?? 'not allowed'}`
      )
    case 'network-error':
      return 'Could not connect to the server.'
    case 'mixed-content':
      return (
        `[blocked] The page at ${origin}/ requested insecure content from ${url}. This content was blocked and ` +
        `must be served over HTTPS.`
      )
    default:
      return `TypeError: ${facts.why ?? problem.detail}`
  }
}

const WRITERS: Record<EngineName, (problem: Problem, fill: Fill) => string> = { chromium, firefox, webkit }

/** Each engine's console message for a problem (as the engine words it, URL and origin filled in). */
export function consoleMessage(
  engine: EngineName,
  problem: Problem,
  request: PageRequest,
  response?: WireResponse,
): string {
  const facts = problem.facts
  const status = facts.status ?? response?.status
  const fill: Fill = {
    url: facts.url ?? request.url,
    origin: facts.origin ?? request.origin,
    status: status === undefined ? '0' : String(status),
    facts,
  }
  return WRITERS[engine](problem, fill)
}

/** Firefox's warning when `Access-Control-Allow-Headers: *` covers Authorization, which it means to stop. */
export function firefoxAuthorizationWarning(url: string): string {
  return (
    `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${url} ` +
    `soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not ` +
    `covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header ` +
    `\`Access-Control-Allow-Headers\`).`
  )
}
