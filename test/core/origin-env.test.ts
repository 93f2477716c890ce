// parseOrigins: a variable's value becomes the `origin` option, or a CorsConfigError that names
// the variable in every problem. An unset or empty variable is an error, never '*' or "no CORS".
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors, parseOrigins, type CorsConfigProblem } from '../../src/index.js'
import { ACAO, APP, actualRequest as actual, checkNow } from './support.js'

const NAME = 'CORS_ORIGINS'

/** The CorsConfigError parseOrigins must throw for `value`. */
function errorOf(value: unknown, name = NAME): CorsConfigError {
  try {
    parseOrigins(value as string | undefined, name)
  } catch (error) {
    expect(error).toBeInstanceOf(CorsConfigError)
    return error as CorsConfigError
  }
  throw new Error(`parseOrigins accepted ${JSON.stringify(value)}`)
}

const notAnOrigin = (entry: string, flaws: string, fix: string): string =>
  `"${entry}" is not a scheme://host[:port] origin (${flaws}); did you mean "${fix}"?`
const FIX =
  'set it to the allowed origins, separated by commas or spaces (CORS_ORIGINS=https://app.example.com,https://*.example.org), or to * for any origin'

describe('parseOrigins: values it accepts', () => {
  it.each<readonly [string, string, string[] | '*']>([
    ['one origin', 'https://a.example', ['https://a.example']],
    ['comma-separated', 'https://a.example,https://*.b.example', ['https://a.example', 'https://*.b.example']],
    [
      'commas and spaces around',
      '  https://a.example , https://b.example  ',
      ['https://a.example', 'https://b.example'],
    ],
    [
      'spaces, tabs and newlines alone',
      'https://a.example\thttps://b.example\nhttp://localhost:*',
      ['https://a.example', 'https://b.example', 'http://localhost:*'],
    ],
    ['empty items between commas', 'https://a.example,,https://b.example,', ['https://a.example', 'https://b.example']],
    [
      'duplicates, dropped, first place kept',
      'https://b.example https://a.example https://b.example',
      ['https://b.example', 'https://a.example'],
    ],
    ["'null', kept (createCors refuses it with credentials)", 'null https://a.example', ['null', 'https://a.example']],
    ['a non-special scheme', 'chrome-extension://abcdef', ['chrome-extension://abcdef']],
    ["'*' alone: any origin", '*', '*'],
    ["'*' with spaces around", ' * ', '*'],
    ["'*' twice is '*' alone", '*,*', '*'],
  ])('%s: %j', (_name, value, want) => {
    expect(parseOrigins(value, NAME)).toStrictEqual(want)
  })
})

describe('parseOrigins: values it refuses, each problem under the variable', () => {
  it.each<readonly [string, unknown, CorsConfigProblem[]]>([
    ['unset', undefined, [{ code: 'missing-origins', path: NAME, message: `CORS_ORIGINS is not set: ${FIX}` }]],
    ['empty', '', [{ code: 'missing-origins', path: NAME, message: `CORS_ORIGINS is empty: ${FIX}` }]],
    ['separators only', ' ,\n, ', [{ code: 'missing-origins', path: NAME, message: `CORS_ORIGINS is empty: ${FIX}` }]],
    [
      'not a string (from JavaScript)',
      ['https://a.example'],
      [{ code: 'invalid-type', path: NAME, message: 'must be a string of origins, got an array' }],
    ],
    [
      'a trailing slash',
      'https://a.example/',
      [
        {
          code: 'invalid-origin',
          path: `${NAME}[0]`,
          message: notAnOrigin('https://a.example/', 'a trailing slash', 'https://a.example'),
          suggestion: 'https://a.example',
        },
      ],
    ],
    [
      'the second item, uppercase',
      'https://a.example, HTTPS://B.example',
      [
        {
          code: 'invalid-origin',
          path: `${NAME}[1]`,
          message: notAnOrigin('HTTPS://B.example', 'uppercase letters', 'https://b.example'),
          suggestion: 'https://b.example',
        },
      ],
    ],
    [
      'no scheme, and a default port',
      'a.example https://b.example:443',
      [
        {
          code: 'invalid-origin',
          path: `${NAME}[0]`,
          message: notAnOrigin('a.example', 'no scheme', 'https://a.example'),
          suggestion: 'https://a.example',
        },
        {
          code: 'invalid-origin',
          path: `${NAME}[1]`,
          message: notAnOrigin('https://b.example:443', 'the default port 443', 'https://b.example'),
          suggestion: 'https://b.example',
        },
      ],
    ],
    [
      "'*' beside origins",
      '*,https://a.example',
      [
        {
          code: 'invalid-origin',
          path: `${NAME}[0]`,
          message: `'*' cannot be mixed with origins; did you mean "*"?`,
          suggestion: '*',
        },
      ],
    ],
    [
      'a wildcard inside a label',
      'https://api-*.example.com',
      [
        {
          code: 'invalid-origin-pattern',
          path: `${NAME}[0]`,
          message:
            `"https://api-*.example.com": '*' may only be a leading label (https://*.example.com) ` +
            'or the port (http://localhost:*)',
        },
      ],
    ],
    [
      'a pattern over a top-level domain',
      'https://a.example https://*.com',
      [
        {
          code: 'origin-pattern-too-broad',
          path: `${NAME}[1]`,
          message: '"https://*.com" covers a whole top-level domain; name a domain: https://*.example.com',
        },
      ],
    ],
  ])('%s', (_name, value, problems) => {
    expect(errorOf(value).problems).toStrictEqual(problems)
  })

  it("names the variable it was given, in the error's message too", () => {
    const error = errorOf('https://a.example/ ftp://b.example', 'ALLOWED_ORIGINS')
    expect(error.message).toBe(
      'Invalid corsica options (1 problem):\n' +
        `  - ALLOWED_ORIGINS[0]: ${notAnOrigin('https://a.example/', 'a trailing slash', 'https://a.example')}`,
    )
    expect(errorOf(undefined, 'ALLOWED_ORIGINS').problems[0]?.message).toMatch(
      /^ALLOWED_ORIGINS is not set: .*\(ALLOWED_ORIGINS=/,
    )
  })
})

describe('parseOrigins into createCors', () => {
  it('the parsed list and patterns decide as the origin option', () => {
    const policy = createCors({ origin: parseOrigins(`${APP} https://*.example.org`, NAME) })
    expect(checkNow(policy, actual(APP)).headers[ACAO]).toBe(APP)
    expect(checkNow(policy, actual('https://x.example.org')).headers[ACAO]).toBe('https://x.example.org')
    expect(checkNow(policy, actual('https://example.org')).allowed).toBe(false)
  })

  it("'*' answers any origin with '*'", () => {
    const policy = createCors({ origin: parseOrigins('*', NAME) })
    expect(checkNow(policy, actual('https://any.example')).headers[ACAO]).toBe('*')
  })

  it("'*' and 'null' are refused with credentials, by createCors", () => {
    const codes = (value: string) => {
      try {
        createCors({ origin: parseOrigins(value, NAME), credentials: true })
      } catch (error) {
        return (error as CorsConfigError).problems.map((found) => `${found.code} at ${found.path}`)
      }
      return []
    }
    expect(codes('*')).toEqual(['credentials-with-any-origin at origin'])
    expect(codes(`${APP} null`)).toEqual(['null-origin-with-credentials at origin[1]'])
  })
})
