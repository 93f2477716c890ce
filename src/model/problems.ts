// Each problem code in words: what came back, and the fix for any server and in corsica options.
import type { Problem, ProblemCode, ProblemFacts } from './types.js'

type Words = (facts: ProblemFacts) => { detail: string; header: string; corsica: string }

const quoted = (value: string | undefined): string => (value === undefined ? 'nothing' : `\`${value}\``)
const origin = (facts: ProblemFacts): string => facts.origin ?? "the page's origin"
const listOrigin = (facts: ProblemFacts): string =>
  facts.origin === 'null'
    ? "list `'null'` in `origin` only if sandboxed or file:// pages may read it (never with credentials)"
    : `list \`${origin(facts)}\` in \`origin\``

const WORDS: Record<ProblemCode, Words> = {
  'preflight-status': (f) => ({
    detail: `the preflight was answered with status ${f.status ?? '?'}, not 2xx`,
    header: 'answer OPTIONS preflights with 204 (or another 2xx) before authentication, routing or error handlers',
    corsica:
      'mount corsica before authentication and routing; keep `optionsSuccessStatus` 2xx; with ' +
      '`preflightContinue: true` answer OPTIONS with 2xx',
  }),
  'preflight-redirect': (f) => ({
    detail: `the preflight was answered with a redirect (${f.status ?? '3xx'}${f.location ? ` to ${f.location}` : ''})`,
    header: 'answer the preflight at the URL the page calls, without a redirect (http→https, trailing slash, www)',
    corsica: 'call the final URL from the page and mount corsica before any redirecting middleware',
  }),
  'allow-origin-missing': (f) => ({
    detail: `the ${f.step === 'preflight' ? 'preflight response' : 'response'} has no Access-Control-Allow-Origin`,
    header:
      `send \`Access-Control-Allow-Origin: ${origin(f)}\` (and \`Vary: Origin\`) ` +
      'on every response, errors included',
    corsica: `${listOrigin(f)}, and mount corsica before routes and error handlers`,
  }),
  'allow-origin-multiple': (f) => ({
    detail: `Access-Control-Allow-Origin has more than one value (${quoted(f.value)})`,
    header: 'send exactly one Access-Control-Allow-Origin line with one origin: remove the second CORS layer',
    corsica: "keep one CORS layer: remove the proxy's, the framework's or a second corsica's CORS headers",
  }),
  'allow-origin-mismatch': (f) => ({
    detail: `Access-Control-Allow-Origin is ${quoted(f.value)}, not the request's origin ${origin(f)}`,
    header: `send \`Access-Control-Allow-Origin: ${origin(f)}\` byte for byte, with \`Vary: Origin\``,
    corsica: `${listOrigin(f)}; make caches respect Vary: Origin`,
  }),
  'allow-origin-wildcard-credentials': (f) => ({
    detail: "Access-Control-Allow-Origin is '*' but the request includes credentials",
    header:
      `echo the origin (\`Access-Control-Allow-Origin: ${origin(f)}\`) with \`Access-Control-Allow-Credentials: ` +
      `true\`, not '*'`,
    corsica: `${listOrigin(f)} and set \`credentials: true\` (or drop credentials: 'include' in the page)`,
  }),
  'allow-credentials-missing': (f) => {
    const value = quoted(f.value)
    return {
      detail: `Access-Control-Allow-Credentials is ${value}, not \`true\`, and the request includes credentials`,
      header: 'send `Access-Control-Allow-Credentials: true` (exactly, lowercase)',
      corsica: "set `credentials: true` (or drop credentials: 'include' in the page)",
    }
  },
  'method-not-allowed': (f) => {
    const method = f.method ?? 'the method'
    return {
      detail:
        f.unparsable === 'methods'
          ? `Access-Control-Allow-Methods cannot be parsed (${quoted(f.value)})`
          : `Access-Control-Allow-Methods does not list ${method}`,
      header: `add \`${method}\` to Access-Control-Allow-Methods (methods are case-sensitive)`,
      corsica: `list \`${method}\` in \`methods\` (case-sensitive: write PATCH, not patch, in the page)`,
    }
  },
  'header-not-allowed': (f) => {
    const name = f.header?.toLowerCase() ?? 'the header'
    return {
      detail:
        f.unparsable === 'headers'
          ? `Access-Control-Allow-Headers cannot be parsed (${quoted(f.value)})`
          : `Access-Control-Allow-Headers does not list ${name}`,
      header: `add \`${name}\` to Access-Control-Allow-Headers`,
      corsica: `list \`${name}\` in \`allowedHeaders\` (or leave \`allowedHeaders\` unset to reflect)`,
    }
  },
  'authorization-wildcard': () => ({
    detail: "Access-Control-Allow-Headers is '*', which does not cover Authorization",
    header: 'list `authorization` beside `*` in Access-Control-Allow-Headers',
    corsica: "set `allowedHeaders: ['*', 'Authorization']`",
  }),
  'redirect-not-allowed': (f) => ({
    detail: `the redirect${f.location ? ` to ${f.location}` : ''} cannot be followed by a CORS request`,
    header: 'redirect to a plain http(s) URL without user:password, in fewer than 20 hops; or call the final URL',
    corsica: 'nothing in corsica: fix the redirect or call the final URL',
  }),
  'network-error': () => ({
    detail: 'the request got no response (DNS, connection, TLS)',
    header: 'make the server reachable from the browser: host, port, TLS certificate, firewall',
    corsica: "nothing in corsica's options: the request never reached a server",
  }),
  'unsupported-body': () => ({
    detail: 'the browser does not send a ReadableStream body',
    header: 'nothing on the server: send the body as a string, Blob or ArrayBuffer',
    corsica: 'nothing in corsica: send the body as a string, Blob or ArrayBuffer',
  }),
  'mixed-content': (f) => ({
    detail: `an https: page cannot fetch ${f.url ?? 'an http: URL'}: mixed content is blocked before anything is sent`,
    header: 'serve the API over HTTPS and call its https:// URL (only localhost and 127.0.0.1 are exempt)',
    corsica: 'nothing in corsica: serve the API over https: and call that URL from the page',
  }),
  'invalid-request': () => ({
    detail: 'fetch() refuses these arguments before sending anything',
    header: 'nothing on the server: fix the fetch() call',
    corsica: 'nothing in corsica: fix the fetch() call',
  }),
}

/** The problem for a code and its facts, worded. */
export function makeProblem(code: ProblemCode, facts: ProblemFacts): Problem {
  const { detail, header, corsica } = WORDS[code](facts)
  return { code, detail, fix: { header, corsica }, facts }
}

/** Every problem code. */
export const PROBLEM_CODES = Object.keys(WORDS) as ProblemCode[]
