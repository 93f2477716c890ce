// The CORS check and the preflight checks, for the Fetch Standard and each engine, including the
// malformed answers servers send: repeated or listed Allow-Origin, 'null', stray spaces, 'True'.
import { describe, expect, it } from 'vitest'
import { checkActual, checkPreflight, type HeaderList, type PageRequest, type Verdicts } from '../../src/model/index.js'

const ORIGIN = 'https://app.example'
const page: PageRequest = { url: 'https://api.example/x', origin: ORIGIN }
const include: PageRequest = { ...page, credentials: 'include' }
const ok = (headers: HeaderList, status = 200) => ({ status, headers })

/** [standard, chromium, firefox, webkit] problem codes ('ok' when the step passes). */
function codes(verdicts: Verdicts): string[] {
  const read = (v: { ok: boolean; problem?: { code: string } }) => (v.ok ? 'ok' : (v.problem?.code ?? '?'))
  return [
    read(verdicts.standard),
    read(verdicts.engines.chromium),
    read(verdicts.engines.firefox),
    read(verdicts.engines.webkit),
  ]
}
const all = (code: string) => [code, code, code, code]

describe('the CORS check (checkActual)', () => {
  it.each<[string, PageRequest, HeaderList, string[]]>([
    ['the origin echoed', page, [['Access-Control-Allow-Origin', ORIGIN]], all('ok')],
    ["'*' without credentials", page, [['access-control-allow-origin', '*']], all('ok')],
    ['trailing spaces are trimmed', page, [['access-control-allow-origin', ` ${ORIGIN}  `]], all('ok')],
    ['no Allow-Origin', page, [], all('allow-origin-missing')],
    ['another origin', page, [['access-control-allow-origin', 'https://b.example']], all('allow-origin-mismatch')],
    ["'null' for a real origin", page, [['access-control-allow-origin', 'null']], all('allow-origin-mismatch')],
    [
      'the origin with a trailing slash',
      page,
      [['access-control-allow-origin', `${ORIGIN}/`]],
      all('allow-origin-mismatch'),
    ],
    [
      'the origin upper-cased',
      page,
      [['access-control-allow-origin', ORIGIN.toUpperCase()]],
      all('allow-origin-mismatch'),
    ],
    [
      'a list of origins in one line (Firefox: a mismatch)',
      page,
      [['access-control-allow-origin', `${ORIGIN}, https://b.example`]],
      ['allow-origin-multiple', 'allow-origin-multiple', 'allow-origin-mismatch', 'allow-origin-multiple'],
    ],
    [
      'a space-separated list (Chromium: several values)',
      page,
      [['access-control-allow-origin', `${ORIGIN} https://b.example`]],
      ['allow-origin-mismatch', 'allow-origin-multiple', 'allow-origin-mismatch', 'allow-origin-mismatch'],
    ],
    [
      'the same origin on two lines',
      page,
      [
        ['access-control-allow-origin', ORIGIN],
        ['Access-Control-Allow-Origin', ORIGIN],
      ],
      all('allow-origin-multiple'),
    ],
    [
      "'*' twice",
      page,
      [
        ['access-control-allow-origin', '*'],
        ['access-control-allow-origin', '*'],
      ],
      all('allow-origin-multiple'),
    ],
    [
      "'*' with credentials",
      include,
      [
        ['access-control-allow-origin', '*'],
        ['access-control-allow-credentials', 'true'],
      ],
      all('allow-origin-wildcard-credentials'),
    ],
    [
      'credentials, ACAC true',
      include,
      [
        ['access-control-allow-origin', ORIGIN],
        ['access-control-allow-credentials', 'true'],
      ],
      all('ok'),
    ],
    ['credentials, ACAC absent', include, [['access-control-allow-origin', ORIGIN]], all('allow-credentials-missing')],
    [
      "credentials, ACAC 'True'",
      include,
      [
        ['access-control-allow-origin', ORIGIN],
        ['access-control-allow-credentials', 'True'],
      ],
      all('allow-credentials-missing'),
    ],
    [
      'credentials, ACAC twice',
      include,
      [
        ['access-control-allow-origin', ORIGIN],
        ['access-control-allow-credentials', 'true'],
        ['access-control-allow-credentials', 'true'],
      ],
      all('allow-credentials-missing'),
    ],
    [
      'no credentials: ACAC is not read',
      page,
      [
        ['access-control-allow-origin', ORIGIN],
        ['access-control-allow-credentials', 'no'],
      ],
      all('ok'),
    ],
    ["Origin null, 'null' answered", { ...page, origin: 'null' }, [['access-control-allow-origin', 'null']], all('ok')],
  ])('%s', (_name, request, headers, expected) => {
    expect(codes(checkActual(request, ok(headers)))).toEqual(expected)
  })

  it('an error status still passes: CORS decides the read, not the status', () => {
    expect(codes(checkActual(page, ok([['access-control-allow-origin', ORIGIN]], 500)))).toEqual(all('ok'))
  })

  it('WebKit refuses a stream body before any check', () => {
    expect(
      codes(checkActual({ ...page, method: 'POST', body: 'stream' }, ok([['access-control-allow-origin', ORIGIN]]))),
    ).toEqual(['ok', 'ok', 'ok', 'unsupported-body'])
  })
})

const allow = (...extra: [string, string][]): HeaderList => [['access-control-allow-origin', ORIGIN], ...extra]
const put: PageRequest = { ...page, method: 'PUT' }
const trace: PageRequest = { ...page, headers: [['X-Trace', '1']] }
const auth: PageRequest = { ...page, headers: [['Authorization', 'Bearer t']] }

describe('the preflight checks (checkPreflight)', () => {
  it.each<[string, PageRequest, HeaderList, number, string[]]>([
    ['PUT listed', put, allow(['access-control-allow-methods', 'GET, PUT']), 204, all('ok')],
    ['PUT not listed', put, allow(['access-control-allow-methods', 'GET']), 204, all('method-not-allowed')],
    ['PUT and no Allow-Methods', put, allow(), 204, all('method-not-allowed')],
    ["methods '*'", put, allow(['access-control-allow-methods', '*']), 204, all('ok')],
    [
      "methods '*' with credentials is a literal '*'",
      { ...put, credentials: 'include' },
      allow(['access-control-allow-credentials', 'true'], ['access-control-allow-methods', '*']),
      204,
      all('method-not-allowed'),
    ],
    [
      'methods compared case-sensitively',
      { ...page, method: 'patch' },
      allow(['access-control-allow-methods', 'PATCH']),
      204,
      all('method-not-allowed'),
    ],
    [
      'an unparsable Allow-Methods',
      put,
      allow(['access-control-allow-methods', 'PUT, GE T']),
      204,
      all('method-not-allowed'),
    ],
    ['x-trace listed in another case', trace, allow(['access-control-allow-headers', 'X-TRACE']), 204, all('ok')],
    ['x-trace not listed', trace, allow(['access-control-allow-headers', 'x-other']), 204, all('header-not-allowed')],
    [
      'empty Allow-Headers items are skipped',
      trace,
      allow(['access-control-allow-headers', ', ,x-trace,,']),
      204,
      all('ok'),
    ],
    [
      'two Allow-Headers lines are combined',
      trace,
      allow(['access-control-allow-headers', 'x-a'], ['access-control-allow-headers', 'x-trace']),
      204,
      all('ok'),
    ],
    [
      'an unparsable Allow-Headers',
      trace,
      allow(['access-control-allow-headers', 'x-trace, a b']),
      204,
      all('header-not-allowed'),
    ],
    ["headers '*'", trace, allow(['access-control-allow-headers', '*']), 204, all('ok')],
    [
      "headers '*' with credentials is a literal '*'",
      { ...trace, credentials: 'include' },
      allow(['access-control-allow-credentials', 'true'], ['access-control-allow-headers', '*']),
      204,
      all('header-not-allowed'),
    ],
    [
      "Authorization under '*': the standard blocks, the three engines let it through",
      auth,
      allow(['access-control-allow-headers', '*']),
      204,
      ['authorization-wildcard', 'ok', 'ok', 'ok'],
    ],
    [
      "Authorization listed beside '*'",
      auth,
      allow(['access-control-allow-headers', '*, authorization']),
      204,
      all('ok'),
    ],
    [
      'a 401 preflight with CORS headers',
      put,
      allow(['access-control-allow-methods', 'PUT']),
      401,
      all('preflight-status'),
    ],
    [
      'a 404 preflight without CORS headers: Chromium and the standard report the origin, Firefox and WebKit the status',
      put,
      [],
      404,
      ['allow-origin-missing', 'allow-origin-missing', 'preflight-status', 'preflight-status'],
    ],
    ['a redirected preflight', put, [['location', 'https://api.example/y']], 301, all('preflight-redirect')],
    ['a 2xx other than 204', put, allow(['access-control-allow-methods', 'PUT']), 299, all('ok')],
    ['a 300 is not ok', put, allow(['access-control-allow-methods', 'PUT']), 300, all('preflight-status')],
    [
      'a stream POST with no Allow-Methods: the method counts as allowed',
      { ...page, method: 'POST', body: 'stream' },
      allow(),
      204,
      ['ok', 'ok', 'ok', 'unsupported-body'],
    ],
  ])('%s', (_name, request, headers, status, expected) => {
    expect(codes(checkPreflight(request, ok(headers, status)))).toEqual(expected)
  })

  it('names the header each engine names: WebKit keeps the script case', () => {
    const verdicts = checkPreflight(trace, ok(allow()))
    expect(verdicts.engines.chromium.problem?.facts.header).toBe('x-trace')
    expect(verdicts.engines.webkit.problem?.facts.header).toBe('X-Trace')
    expect(verdicts.standard.problem?.detail).toBe('Access-Control-Allow-Headers does not list x-trace')
    expect(verdicts.standard.problem?.fix).toEqual({
      header: 'add `x-trace` to Access-Control-Allow-Headers',
      corsica: 'list `x-trace` in `allowedHeaders` (or leave `allowedHeaders` unset to reflect)',
    })
  })

  it("Firefox warns when '*' covers Authorization", () => {
    const verdicts = checkPreflight(auth, ok(allow(['access-control-allow-headers', '*'])))
    expect(verdicts.engines.firefox.message).toContain('the `Authorization` header is not covered')
    expect(verdicts.engines.chromium.message).toBeUndefined()
  })
})
