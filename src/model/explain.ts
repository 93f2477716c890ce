// Reading a pasted console message back: which engine wrote it, which problem it reports, the
// values in it, and the server setting behind it. Tolerates curly or straight quotes, line breaks,
// "Access to XMLHttpRequest at", Safari's "[Error]" and "Failed to load resource:" prefixes, and
// text after the message.
import { makeProblem } from './problems.js'
import type { EngineName, Explanation, ProblemCode, ProblemFacts } from './types.js'

interface Rule {
  readonly engine: EngineName
  readonly code: ProblemCode
  readonly pattern: RegExp
}

/** A pattern written in pieces, each a RegExp source (String.raw where it has a backslash): long engine wording. */
const joined = (...sources: string[]): RegExp => new RegExp(sources.join(''))

const CHROMIUM_HEAD = joined(
  String.raw`Access to [A-Za-z]+ at '(?<url>[^']*)'(?: \(redirected from '[^']*'\))?`,
  ` from origin '(?<origin>[^']*)' has been blocked by CORS policy:`,
)
const FIREFOX_HEAD = /disallows reading the remote resource at '?(?<url>\S+?)'?\. \(Reason:/
const PREFLIGHT = /Response to preflight request doesn't pass access control check/

const rule = (engine: EngineName, code: ProblemCode, pattern: RegExp): Rule => ({ engine, code, pattern })

/** Chromium's, then Firefox's, then WebKit's wordings; the first match wins. */
const RULES: readonly Rule[] = [
  rule(
    'chromium',
    'allow-origin-missing',
    /No 'Access-Control-Allow-Origin' header is present on the requested resource/,
  ),
  rule(
    'chromium',
    'allow-origin-multiple',
    /'Access-Control-Allow-Origin' header contains multiple values '(?<value>[^']*)'/,
  ),
  rule(
    'chromium',
    'allow-origin-mismatch',
    /'Access-Control-Allow-Origin' header has a value '(?<value>[^']*)' that is not equal/,
  ),
  rule(
    'chromium',
    'allow-origin-mismatch',
    /'Access-Control-Allow-Origin' header contains the invalid value '(?<value>[^']*)'/,
  ),
  rule(
    'chromium',
    'allow-origin-wildcard-credentials',
    /must not be the wildcard '\*' when the request's credentials mode is 'include'/,
  ),
  rule(
    'chromium',
    'allow-credentials-missing',
    /'Access-Control-Allow-Credentials' header in the response is '(?<value>[^']*)' which must be 'true'/,
  ),
  rule('chromium', 'preflight-status', /It does not have HTTP ok status/),
  rule('chromium', 'preflight-redirect', /Redirect is not allowed for a preflight request/),
  rule(
    'chromium',
    'method-not-allowed',
    /Method (?<method>\S+) is not allowed by Access-Control-Allow-Methods in preflight response/,
  ),
  rule('chromium', 'method-not-allowed', /Cannot parse Access-Control-Allow-Methods response header field/),
  rule(
    'chromium',
    'header-not-allowed',
    /Request header field (?<header>\S+) is not allowed by Access-Control-Allow-Headers in preflight response/,
  ),
  rule('chromium', 'header-not-allowed', /Cannot parse Access-Control-Allow-Headers response header field/),
  rule('chromium', 'redirect-not-allowed', /Redirect location '(?<location>[^']*)' contains a username and password/),
  rule('chromium', 'redirect-not-allowed', /net::ERR_(?:TOO_MANY|UNSAFE|INVALID)_REDIRECTS?\b/),
  rule(
    'chromium',
    'mixed-content',
    joined(
      `Mixed Content: The page at '(?<origin>[^']*)' was loaded over HTTPS,`,
      ` but requested an insecure resource '(?<url>[^']*)'`,
    ),
  ),
  rule('firefox', 'mixed-content', /Blocked loading mixed active content "(?<url>[^"]*)"/),
  rule('firefox', 'allow-origin-missing', /CORS header 'Access-Control-Allow-Origin' missing/),
  rule('firefox', 'allow-origin-multiple', /Multiple CORS header 'Access-Control-Allow-Origin' not allowed/),
  rule(
    'firefox',
    'allow-origin-mismatch',
    /CORS header 'Access-Control-Allow-Origin' does not match '(?<value>[^']*)'/,
  ),
  rule(
    'firefox',
    'allow-origin-wildcard-credentials',
    /Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '\*'/,
  ),
  rule('firefox', 'allow-credentials-missing', /expected 'true' in CORS header 'Access-Control-Allow-Credentials'/),
  rule('firefox', 'preflight-status', /CORS preflight (?:response|channel) did not succeed/),
  rule('firefox', 'preflight-redirect', /CORS request external redirect not allowed/),
  rule('firefox', 'method-not-allowed', /Did not find method in CORS header 'Access-Control-Allow-Methods'/),
  rule(
    'firefox',
    'method-not-allowed',
    /invalid token '(?<value>[^']*)' in CORS header 'Access-Control-Allow-Methods'/,
  ),
  rule(
    'firefox',
    'header-not-allowed',
    joined(
      `(?:missing token|header) '(?<header>[^']*)' (?:in|is not allowed according to header)`,
      ` (?:CORS header )?'Access-Control-Allow-Headers'`,
    ),
  ),
  rule(
    'firefox',
    'header-not-allowed',
    /invalid token '(?<value>[^']*)' in CORS header 'Access-Control-Allow-Headers'/,
  ),
  rule('firefox', 'authorization-wildcard', /the `Authorization` header is not covered/),
  rule('firefox', 'network-error', /CORS request did not succeed/),
  rule(
    'webkit',
    'mixed-content',
    /The page at (?<origin>\S+) requested insecure content from (?<url>\S+?)\.? This content was blocked/,
  ),
  rule('webkit', 'allow-origin-missing', /Origin (?<origin>\S+) is not allowed by Access-Control-Allow-Origin/),
  rule('webkit', 'allow-origin-multiple', /Access-Control-Allow-Origin cannot contain more than one origin/),
  rule(
    'webkit',
    'allow-origin-wildcard-credentials',
    /Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true/,
  ),
  rule(
    'webkit',
    'allow-credentials-missing',
    /Credentials flag is true, but Access-Control-Allow-Credentials is not "true"/,
  ),
  rule('webkit', 'preflight-status', /Preflight response is not successful\. Status code: (?<status>\d+)/),
  rule('webkit', 'preflight-redirect', /Preflight response is not successful/),
  rule('webkit', 'method-not-allowed', /Method (?<method>\S+) is not allowed by Access-Control-Allow-Methods/),
  rule('webkit', 'method-not-allowed', /Header Access-Control-Allow-Methods has an invalid value: ?(?<value>.*)/),
  rule(
    'webkit',
    'header-not-allowed',
    /Request header field (?<header>\S+) is not allowed by Access-Control-Allow-Headers/,
  ),
  rule('webkit', 'header-not-allowed', /Header Access-Control-Allow-Headers has an invalid value: ?(?<value>.*)/),
  rule('webkit', 'unsupported-body', /ReadableStream uploading is not supported/),
  rule('webkit', 'redirect-not-allowed', /Cross-origin redirection to (?<location>\S+) denied/),
]

const MEANINGS: Record<ProblemCode, string> = {
  'preflight-status': 'The OPTIONS preflight got a status outside 200-299, so the browser never sent the request.',
  'preflight-redirect': 'The OPTIONS preflight was answered with a redirect, which a preflight may not follow.',
  'allow-origin-missing':
    "The response had no Access-Control-Allow-Origin for the page's origin: the server does not allow it, or the " +
    "response (an error page, a proxy's answer) never went through the CORS layer.",
  'allow-origin-multiple': 'Access-Control-Allow-Origin came with more than one value: two layers set CORS headers.',
  'allow-origin-mismatch': "Access-Control-Allow-Origin names another origin than the page's.",
  'allow-origin-wildcard-credentials':
    "The request includes credentials (cookies) and the answer is '*', which never allows them.",
  'allow-credentials-missing':
    'The request includes credentials and Access-Control-Allow-Credentials is not exactly `true`.',
  'method-not-allowed': "The preflight's Access-Control-Allow-Methods does not list the request's method.",
  'header-not-allowed': "The preflight's Access-Control-Allow-Headers does not list a header the page sends.",
  'authorization-wildcard':
    "Access-Control-Allow-Headers is '*', which the Fetch Standard says never covers Authorization.",
  'redirect-not-allowed':
    'A redirect the request may not follow: credentials in the URL, more than 20 hops, a scheme other than ' +
    'http(s) (data:, file:, javascript:), or a Location that is no URL.',
  'mixed-content':
    'An https: page fetched an http: URL that is not localhost: browsers block mixed content before sending anything.',
  'network-error':
    'The request got no HTTP response at all (connection refused, DNS, TLS), or a CORS failure Firefox reports ' +
    'without a reason.',
  'unsupported-body': 'The browser refuses to send a ReadableStream body.',
  'invalid-request': 'fetch() refused its arguments before sending anything.',
}

/** The message in one line, curly quotes made straight. */
function normalize(message: string): string {
  return message.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim()
}

/** The named groups of every pattern that matches, merged; undefined groups dropped. */
function groups(text: string, patterns: readonly RegExp[]): Record<string, string> {
  const found: Record<string, string> = {}
  for (const pattern of patterns)
    for (const [name, value] of Object.entries(pattern.exec(text)?.groups ?? {}))
      if (value !== undefined) found[name] = value
  return found
}

function factsOf(details: Record<string, string>, preflight: boolean): ProblemFacts {
  const { status, ...rest } = details
  return {
    step: preflight ? 'preflight' : 'actual',
    ...rest,
    ...(status === undefined ? {} : { status: Number(status) }),
  }
}

/** Reads a pasted console message: which engine, which problem, what it means, which server setting. */
export function explain(message: string): Explanation | undefined {
  const text = normalize(message)
  const match = RULES.find((candidate) => candidate.pattern.test(text))
  if (match === undefined) return undefined
  const details = groups(text, [CHROMIUM_HEAD, FIREFOX_HEAD, /Status code: (?<status>\d+)/, match.pattern])
  const preflight = PREFLIGHT.test(text) || /preflight|Allow-Methods|Allow-Headers/i.test(match.pattern.source)
  const problem = makeProblem(match.code, factsOf(details, preflight))
  return { engine: match.engine, code: match.code, meaning: MEANINGS[match.code], fix: problem.fix, details }
}
