// Console messages as each engine words them, and explain() reading them back.
import { describe, expect, it } from 'vitest'
import {
  consoleMessage,
  ENGINES,
  explain,
  makeProblem,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemFacts,
} from '../../src/model/index.js'

const request = { url: 'https://api.example/x', origin: 'https://app.example' }
const FACTS: Record<ProblemCode, ProblemFacts> = {
  'preflight-status': { step: 'preflight', status: 401 },
  'preflight-redirect': { step: 'preflight', status: 301, location: 'https://api.example/y' },
  'allow-origin-missing': { step: 'actual', status: 200 },
  'allow-origin-multiple': { step: 'actual', value: 'https://app.example, https://app.example' },
  'allow-origin-mismatch': { step: 'actual', value: 'https://b.example', status: 200 },
  'allow-origin-wildcard-credentials': { step: 'actual', value: '*' },
  'allow-credentials-missing': { step: 'actual', value: '' },
  'method-not-allowed': { step: 'preflight', method: 'PUT' },
  'header-not-allowed': { step: 'preflight', header: 'x-trace' },
  'authorization-wildcard': { step: 'preflight', header: 'authorization' },
  'redirect-not-allowed': { step: 'actual', location: 'https://u:p@api.example/y', why: 'credentials' },
  'network-error': { step: 'actual' },
  'unsupported-body': { step: 'actual', why: 'WebKit does not support ReadableStream uploads' },
  'invalid-request': { step: 'actual', why: 'TRACE is a forbidden method' },
  'mixed-content': { step: 'actual', url: 'http://api.example/x' },
}
const message = (engine: (typeof ENGINES)[number], code: ProblemCode) =>
  consoleMessage(engine, makeProblem(code, FACTS[code]), request)

describe('consoleMessage', () => {
  it.each<[(typeof ENGINES)[number], ProblemCode, string]>([
    [
      'chromium',
      'header-not-allowed',
      "Access to fetch at 'https://api.example/x' from origin 'https://app.example' has been blocked by CORS policy: Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response.",
    ],
    [
      'chromium',
      'preflight-status',
      "Access to fetch at 'https://api.example/x' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    ],
    [
      'chromium',
      'allow-credentials-missing',
      "Access to fetch at 'https://api.example/x' from origin 'https://app.example' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    ],
    [
      'firefox',
      'allow-origin-missing',
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/x. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.',
    ],
    [
      'firefox',
      'allow-origin-wildcard-credentials',
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘https://api.example/x’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).',
    ],
    [
      'firefox',
      'preflight-status',
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/x. (Reason: CORS preflight response did not succeed). Status code: 401.',
    ],
    [
      'webkit',
      'allow-origin-mismatch',
      'Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 200',
    ],
    ['webkit', 'header-not-allowed', 'Request header field x-trace is not allowed by Access-Control-Allow-Headers.'],
    ['webkit', 'preflight-status', 'Preflight response is not successful. Status code: 401'],
    [
      'chromium',
      'mixed-content',
      "Mixed Content: The page at 'https://app.example/' was loaded over HTTPS, but requested an insecure resource 'http://api.example/x'. This request has been blocked; the content must be served over HTTPS.",
    ],
    ['firefox', 'mixed-content', 'Blocked loading mixed active content “http://api.example/x”'],
    [
      'webkit',
      'mixed-content',
      '[blocked] The page at https://app.example/ requested insecure content from http://api.example/x. This content was blocked and must be served over HTTPS.',
    ],
  ])('%s %s', (engine, code, expected) => {
    expect(message(engine, code)).toBe(expected)
  })

  it('Chromium calls a value that is no URL invalid, and words the missing origin as Chromium 156 does (and reads the older no-cors hint)', () => {
    const invalid = consoleMessage(
      'chromium',
      makeProblem('allow-origin-mismatch', { step: 'actual', value: 'app.example' }),
      request,
    )
    expect(invalid).toContain("contains the invalid value 'app.example'")
    expect(message('chromium', 'allow-origin-missing')).toMatch(/present on the requested resource\.$/)
    const older =
      "Access to fetch at 'https://api.example/x' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled."
    expect(explain(older)).toMatchObject({ engine: 'chromium', code: 'allow-origin-missing' })
  })
})

/** What explain() returns for a message: [engine, code]; WebKit words a missing and a wrong origin alike. */
function expectedCode(engine: string, code: ProblemCode): ProblemCode {
  if (code === 'authorization-wildcard') return 'header-not-allowed'
  if (engine === 'webkit' && code === 'allow-origin-mismatch') return 'allow-origin-missing'
  if (engine === 'firefox' && code === 'redirect-not-allowed') return 'network-error'
  if (engine === 'chromium' && code === 'unsupported-body') return 'invalid-request'
  return code
}

describe('explain', () => {
  const readable = PROBLEM_CODES.filter(
    (code) => !['network-error', 'invalid-request', 'unsupported-body'].includes(code),
  )
  for (const engine of ENGINES)
    it.each(readable)(`reads ${engine}'s message for %s back`, (code) => {
      const explanation = explain(message(engine, code))
      expect(explanation?.engine).toBe(engine)
      expect(explanation?.code).toBe(expectedCode(engine, code))
      expect(explanation?.meaning).not.toBe('')
    })

  it('tolerates XMLHttpRequest, line breaks, straight quotes and trailing text', () => {
    const pasted = `Access to XMLHttpRequest at 'https://api.example/x' from origin 'https://app.example' has been
      blocked by CORS policy: Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response.
      GET https://api.example/x net::ERR_FAILED 204`
    expect(explain(pasted)).toEqual({
      engine: 'chromium',
      code: 'header-not-allowed',
      meaning: "The preflight's Access-Control-Allow-Headers does not list a header the page sends.",
      fix: {
        header: 'add `x-trace` to Access-Control-Allow-Headers',
        corsica: 'list `x-trace` in `allowedHeaders` (or leave `allowedHeaders` unset to reflect)',
      },
      details: { url: 'https://api.example/x', origin: 'https://app.example', header: 'x-trace' },
    })
    const firefox = explain(
      "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/x. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 404.",
    )
    expect(firefox).toMatchObject({
      engine: 'firefox',
      code: 'allow-origin-missing',
      details: { url: 'https://api.example/x', status: '404' },
    })
    const safari = explain(
      '[Error] Failed to load resource: Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 500',
    )
    expect(safari).toMatchObject({ engine: 'webkit', details: { origin: 'https://app.example', status: '500' } })
    expect(safari?.fix.corsica).toBe(
      'list `https://app.example` in `origin`, and mount corsica before routes and error handlers',
    )
  })

  it('reads the part after "blocked by CORS policy:" alone, and the old Firefox "missing token" wording', () => {
    expect(explain('Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.')).toMatchObject(
      {
        engine: 'chromium',
        code: 'method-not-allowed',
        fix: { corsica: 'list `PATCH` in `methods` (case-sensitive: write PATCH, not patch, in the page)' },
      },
    )
    expect(
      explain(
        "Reason: missing token 'x-trace' in CORS header 'Access-Control-Allow-Headers' from CORS preflight channel",
      ),
    ).toMatchObject({
      engine: 'firefox',
      code: 'header-not-allowed',
      details: { header: 'x-trace' },
    })
  })

  it('reads mixed content back with the page and the insecure URL', () => {
    expect(explain(message('chromium', 'mixed-content'))).toMatchObject({
      engine: 'chromium',
      code: 'mixed-content',
      details: { origin: 'https://app.example/', url: 'http://api.example/x' },
      fix: { header: expect.stringContaining('serve the API over HTTPS') },
    })
    expect(explain(message('firefox', 'mixed-content'))?.details).toEqual({ url: 'http://api.example/x' })
    expect(explain(message('webkit', 'mixed-content'))?.details).toEqual({
      origin: 'https://app.example/',
      url: 'http://api.example/x',
    })
  })

  it.each([
    ['more than 20 redirects', 'GET https://api.example/x net::ERR_TOO_MANY_REDIRECTS'],
    ['not an http(s) URL', 'GET https://api.example/x net::ERR_UNSAFE_REDIRECT'],
    ['not a URL', 'GET https://api.example/x net::ERR_INVALID_REDIRECT'],
    ['a stream body cannot be sent again', 'GET https://api.example/x net::ERR_FAILED'],
  ])('Chromium words a refused redirect by its cause (%s), and explain() reads the redirect ones', (why, expected) => {
    const text = consoleMessage(
      'chromium',
      makeProblem('redirect-not-allowed', { step: 'actual', location: 'data:text/plain,x', why }),
      request,
    )
    expect(text).toBe(expected)
    if (!expected.endsWith('ERR_FAILED')) expect(explain(text)?.code).toBe('redirect-not-allowed')
  })

  it('returns undefined for a message it does not know', () => {
    expect(explain('TypeError: Failed to fetch')).toBeUndefined()
  })
})

describe('the rarer wordings', () => {
  const unparsable = {
    methods: makeProblem('method-not-allowed', { step: 'preflight', unparsable: 'methods', value: 'GE T' }),
    headers: makeProblem('header-not-allowed', { step: 'preflight', unparsable: 'headers', value: 'a b' }),
  }
  it.each<[(typeof ENGINES)[number], 'methods' | 'headers', string]>([
    ['chromium', 'methods', 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'],
    ['chromium', 'headers', 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'],
    ['firefox', 'methods', '(Reason: invalid token ‘GE T’ in CORS header ‘Access-Control-Allow-Methods’).'],
    ['firefox', 'headers', '(Reason: invalid token ‘a b’ in CORS header ‘Access-Control-Allow-Headers’).'],
    ['webkit', 'methods', 'Header Access-Control-Allow-Methods has an invalid value: GE T'],
    ['webkit', 'headers', 'Header Access-Control-Allow-Headers has an invalid value: a b'],
  ])('%s: unparsable %s', (engine, list, expected) => {
    const text = consoleMessage(engine, unparsable[list], request)
    expect(text).toContain(expected)
    expect(explain(text)).toMatchObject({ engine, code: unparsable[list].code })
  })

  it.each<[(typeof ENGINES)[number], ProblemCode, ProblemFacts, string]>([
    [
      'chromium',
      'redirect-not-allowed',
      { step: 'actual', why: 'more than 20 redirects' },
      'GET https://api.example/x net::ERR_TOO_MANY_REDIRECTS',
    ],
    ['chromium', 'network-error', { step: 'actual' }, 'GET https://api.example/x net::ERR_FAILED'],
    [
      'chromium',
      'invalid-request',
      { step: 'actual' },
      "TypeError: Failed to execute 'fetch' on 'Window': fetch() refuses these arguments before sending anything",
    ],
    ['firefox', 'network-error', { step: 'actual' }, '(Reason: CORS request did not succeed). Status code: (null).'],
    [
      'firefox',
      'unsupported-body',
      { step: 'actual' },
      'TypeError: Window.fetch: the browser does not send a ReadableStream body',
    ],
    ['webkit', 'network-error', { step: 'actual' }, 'Could not connect to the server.'],
    [
      'webkit',
      'invalid-request',
      { step: 'actual' },
      'TypeError: fetch() refuses these arguments before sending anything',
    ],
    ['webkit', 'unsupported-body', { step: 'actual' }, 'NotSupportedError: ReadableStream uploading is not supported'],
    [
      'webkit',
      'redirect-not-allowed',
      { step: 'actual' },
      'Cross-origin redirection to  denied by Cross-Origin Resource Sharing policy: not allowed',
    ],
    ['webkit', 'preflight-redirect', { step: 'preflight' }, 'Preflight response is not successful'],
    ['chromium', 'method-not-allowed', { step: 'preflight' }, 'Method  is not allowed'],
    ['firefox', 'header-not-allowed', { step: 'preflight' }, 'header ‘’ is not allowed'],
    ['webkit', 'method-not-allowed', { step: 'preflight' }, 'Method  is not allowed'],
    ['webkit', 'header-not-allowed', { step: 'preflight' }, 'Request header field  is not allowed'],
    [
      'chromium',
      'allow-origin-multiple',
      { step: 'preflight' },
      "Response to preflight request doesn't pass access control check: The 'Access-Control-Allow-Origin' header contains multiple values ''",
    ],
    ['firefox', 'allow-origin-mismatch', { step: 'actual' }, 'does not match ‘’'],
  ])('%s %s', (engine, code, facts, expected) => {
    expect(consoleMessage(engine, makeProblem(code, facts), request, { status: 0, headers: [] })).toContain(expected)
  })

  it('every code has a detail and both fixes, with or without facts', () => {
    for (const code of PROBLEM_CODES)
      for (const facts of [{ step: 'actual' as const }, FACTS[code]]) {
        const problem = makeProblem(code, facts)
        expect(problem.detail).not.toBe('')
        expect(problem.fix.header).not.toBe('')
        expect(problem.fix.corsica).not.toBe('')
      }
    expect(makeProblem('allow-origin-mismatch', { step: 'actual', origin: 'null' }).fix.corsica).toContain("`'null'`")
  })
})
