// What a `cors`-style origin callback's answer means (corsica/express): judged with the policy's
// credentials by the rules configured options obey. `true` allows the origin asked about;
// `false`, `null` and `undefined` refuse it; anything else is an origin option the origin must
// match, or a configuration error placed at `origin callback answer…`.
import { describe, expect, it } from 'vitest'
import { UNDECIDED } from '../../src/core/decision.js'
import { CorsConfigError, type CorsConfigProblem } from '../../src/core/errors.js'
import { originAnswerJudge } from '../../src/core/origin-answer.js'
import { APP, EVIL } from './support.js'

/** A problem as a row states it; the message only where its words matter. */
type ExpectedProblem = Pick<CorsConfigProblem, 'code' | 'path'> & { message?: unknown }
/** `allowed` / `refused` for the origin asked about, or the problems of the CorsConfigError thrown. */
type Want = 'allowed' | 'refused' | ExpectedProblem[]

const ANY_WITH_CREDENTIALS: ExpectedProblem[] = [
  {
    code: 'credentials-with-any-origin',
    path: 'origin callback answer',
    message: "'*' with credentials lets any site read users' data; list origins or patterns, or use a predicate",
  },
]
const NOT_AN_OPTION = "must be '*', a boolean, an origin, a RegExp, an array or a function"

function problems(code: CorsConfigProblem['code'], path: string, message?: unknown): ExpectedProblem[] {
  return [{ code, path, message: message ?? expect.any(String) }]
}

/** What the judge says: allowed or refused, or the problems of the CorsConfigError it throws. */
function judgement(credentials: boolean, answer: unknown, origin: string): Want {
  try {
    return originAnswerJudge(credentials)(answer, origin) ? 'allowed' : 'refused'
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error
    return error.problems.map(({ code, path, message }) => ({ code, path, message }))
  }
}

describe('originAnswerJudge: what a callback answer means, with credentials off and on', () => {
  const rows: ReadonlyArray<readonly [string, unknown, string, Want, Want]> = [
    // name, answer, origin asked about, without credentials, with credentials
    ['true allows any origin', true, EVIL, 'allowed', 'allowed'],
    ['false refuses', false, APP, 'refused', 'refused'],
    ['null refuses', null, APP, 'refused', 'refused'],
    ['undefined refuses (it is not the default origin)', undefined, APP, 'refused', 'refused'],
    ["'*' allows any origin, and is refused with credentials", '*', EVIL, 'allowed', ANY_WITH_CREDENTIALS],
    ["['*'] reads as '*'", ['*'], EVIL, 'allowed', ANY_WITH_CREDENTIALS],
    ['an origin allows itself', APP, APP, 'allowed', 'allowed'],
    ['an origin refuses another', APP, EVIL, 'refused', 'refused'],
    ['a pattern allows an origin it matches', 'https://*.example.com', APP, 'allowed', 'allowed'],
    ['a pattern refuses an origin it does not match', 'https://*.example.com', EVIL, 'refused', 'refused'],
    [
      'an origin with a trailing slash is an invalid origin',
      `${APP}/`,
      APP,
      problems('invalid-origin', 'origin callback answer'),
      problems('invalid-origin', 'origin callback answer'),
    ],
    ['an anchored RegExp allows an origin it matches', /^https:\/\/app\.example\.com$/, APP, 'allowed', 'allowed'],
    ['an anchored RegExp refuses another', /^https:\/\/app\.example\.com$/, EVIL, 'refused', 'refused'],
    [
      'an unanchored RegExp is refused',
      /example\.com/,
      APP,
      problems('unanchored-regexp', 'origin callback answer'),
      problems('unanchored-regexp', 'origin callback answer'),
    ],
    [
      "'null' refuses a real origin, and is refused with credentials",
      'null',
      APP,
      'refused',
      [
        {
          code: 'null-origin-with-credentials',
          path: 'origin callback answer',
          message: "'null' with credentials lets any sandboxed iframe read users' data; remove it",
        },
      ],
    ],
    [
      'a list allows an origin it holds',
      ['https://a.example.org', /^https:\/\/app\.example\.com$/],
      APP,
      'allowed',
      'allowed',
    ],
    ['a list refuses an origin it does not hold', ['https://a.example.org', APP], EVIL, 'refused', 'refused'],
    ['an empty list refuses', [], APP, 'refused', 'refused'],
    ['a list with true allows any origin (cors reads true as allow)', [false, true], EVIL, 'allowed', 'allowed'],
    ['a list with false skips it and matches the rest', [false, APP], APP, 'allowed', 'allowed'],
    ['a list with false refuses an origin the rest does not hold', [false, APP], EVIL, 'refused', 'refused'],
    ['a list with true still has its other items validated', ['*', true], EVIL, 'allowed', ANY_WITH_CREDENTIALS],
    [
      'a list with an invalid item names its index',
      [APP, `${EVIL}/`],
      APP,
      problems('invalid-origin', 'origin callback answer[1]'),
      problems('invalid-origin', 'origin callback answer[1]'),
    ],
    [
      'a list with null names the null',
      [null],
      APP,
      problems('invalid-type', 'origin callback answer[0]', 'must be an origin or a RegExp, got null'),
      problems('invalid-type', 'origin callback answer[0]', 'must be an origin or a RegExp, got null'),
    ],
    [
      'a list with a hole reads the hole as undefined',
      // biome-ignore lint/suspicious/noSparseArray: the hole is what the row is about
      [, APP],
      APP,
      problems('invalid-type', 'origin callback answer[0]', 'must be an origin or a RegExp, got undefined'),
      problems('invalid-type', 'origin callback answer[0]', 'must be an origin or a RegExp, got undefined'),
    ],
    [
      'an Error as the value, not as the error, is an invalid type',
      new Error('oops'),
      APP,
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got an object`),
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got an object`),
    ],
    [
      'a number is an invalid type',
      5,
      APP,
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got number 5`),
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got number 5`),
    ],
    [
      'a symbol is an invalid type',
      Symbol.for('origin'),
      APP,
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got symbol Symbol(origin)`),
      problems('invalid-type', 'origin callback answer', `${NOT_AN_OPTION}, got symbol Symbol(origin)`),
    ],
    [
      'a function is an invalid type (it would never be called)',
      () => true,
      APP,
      problems(
        'invalid-type',
        'origin callback answer',
        'must be true, false, an origin, a RegExp or an array, got a function',
      ),
      problems(
        'invalid-type',
        'origin callback answer',
        'must be true, false, an origin, a RegExp or an array, got a function',
      ),
    ],
  ]
  const cases = rows.flatMap(([name, answer, origin, plain, credentialed]) => [
    { name: `${name}, without credentials`, answer, origin, credentials: false, want: plain },
    { name: `${name}, with credentials`, answer, origin, credentials: true, want: credentialed },
  ])

  it.each(cases)('$name', ({ answer, origin, credentials, want }) => {
    expect(judgement(credentials, answer, origin)).toEqual(want)
  })

  it('an answer that throws while it is compiled is rethrown as it is, not as a configuration error', () => {
    const thrown = new Error('hostile prototype')
    const hostile = Object.create(
      new Proxy(
        {},
        {
          getPrototypeOf() {
            throw thrown
          },
        },
      ),
    )
    expect(() => originAnswerJudge(false)(hostile, APP)).toThrow(thrown)
  })
})

describe('originAnswerJudge: answers are compiled once per content', () => {
  it('the same content answered again, in a new array, is judged the same', () => {
    const judge = originAnswerJudge(true)
    expect([judge([APP], APP), judge([APP], EVIL), judge([APP], APP)]).toEqual([true, false, true])
  })

  it('an answer changed after it was judged is validated anew', () => {
    const judge = originAnswerJudge(false)
    const answer = [APP]
    expect(judge(answer, EVIL)).toBe(false)
    answer.push(`${EVIL}/`)
    expect(() => judge(answer, EVIL)).toThrow(CorsConfigError)
    answer[1] = EVIL
    expect(judge(answer, EVIL)).toBe(true)
  })

  it('each judge compiles with its own credentials', () => {
    expect(originAnswerJudge(false)('*', EVIL)).toBe(true)
    expect(() => originAnswerJudge(true)('*', EVIL)).toThrow(CorsConfigError)
  })
})

describe('UNDECIDED: what the response carries when an answer cannot be judged', () => {
  it('no CORS header, and Vary: Origin since the failure may depend on the origin', () => {
    expect([UNDECIDED.kind, UNDECIDED.headers, UNDECIDED.vary, UNDECIDED.reason]).toStrictEqual([
      'none',
      {},
      'Origin',
      undefined,
    ])
  })
})
