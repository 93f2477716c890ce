// timingAllowOrigin: allowed actual responses carry Timing-Allow-Origin with the value of
// Access-Control-Allow-Origin, so Resource Timing shows their details to the page that may read
// them. `*` only where the answer is `*` for everyone; never on refusals or preflights.
import { describe, expect, it } from 'vitest'
import {
  CorsConfigError,
  createCors,
  type CorsDecision,
  type CorsRequest,
  type SyncCorsOptions,
} from '../../src/index.js'
import {
  ACAC,
  ACAM,
  ACAO,
  APP,
  DEFAULT_METHODS,
  EVIL,
  PREFLIGHT_VARY,
  PREFLIGHT_VARY_TOKENS,
  TAO,
  actualRequest as actual,
  allowedActual,
  allowedPreflight,
  checkNow,
  notCors,
  preflightRequest as preflight,
  refusedActual,
} from './support.js'

const ON = { timingAllowOrigin: true } as const

const ROWS: ReadonlyArray<readonly [string, SyncCorsOptions, CorsRequest, CorsDecision]> = [
  ["'*': Timing-Allow-Origin: *, no Vary", ON, actual(APP), allowedActual({ [ACAO]: '*', [TAO]: '*' }, undefined)],
  [
    "'*', no Origin (an <img> or <script> load): the same answer as for everyone",
    ON,
    actual(null),
    notCors({ [ACAO]: '*', [TAO]: '*' }, undefined),
  ],
  [
    "'*', a preflight: none (Resource Timing reports the actual request)",
    ON,
    preflight(APP, 'PUT'),
    allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
  ],
  [
    'a listed origin, with credentials: its origin, and Vary: Origin',
    { ...ON, origin: [APP], credentials: true },
    actual(APP, 'POST'),
    allowedActual({ [ACAO]: APP, [ACAC]: 'true', [TAO]: APP }, 'Origin'),
  ],
  ['an origin the list refuses: none', { ...ON, origin: [APP] }, actual(EVIL), refusedActual('origin', {}, 'Origin')],
  [
    'a malformed Origin: none',
    { ...ON, origin: [APP] },
    actual(`${APP}, ${EVIL}`),
    refusedActual('malformed', {}, 'Origin'),
  ],
  ['a list, no Origin: none', { ...ON, origin: [APP] }, actual(null), notCors({}, 'Origin')],
  [
    'a listed origin, preflight: none',
    { ...ON, origin: [APP] },
    preflight(APP, 'PUT'),
    allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
  ],
  [
    'origin: true echoes the origin, never *',
    { ...ON, origin: true },
    actual(EVIL),
    allowedActual({ [ACAO]: EVIL, [TAO]: EVIL }, 'Origin'),
  ],
  [
    "a listed 'null': null",
    { ...ON, origin: ['null'] },
    actual('null'),
    allowedActual({ [ACAO]: 'null', [TAO]: 'null' }, 'Origin'),
  ],
  [
    'a predicate that allows: its origin',
    { ...ON, origin: (origin) => origin === APP },
    actual(APP),
    allowedActual({ [ACAO]: APP, [TAO]: APP }, 'Origin'),
  ],
  ['CORS off: nothing', { ...ON, origin: false }, actual(APP), notCors({}, undefined)],
  ['false: none', { timingAllowOrigin: false }, actual(APP), allowedActual({ [ACAO]: '*' }, undefined)],
  ['unset: none', { origin: [APP] }, actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')],
]

describe('timingAllowOrigin decisions', () => {
  it.each(ROWS)('%s', (_name, options, request, want) => {
    const policy = createCors(options)
    // Twice: the second answer comes from the decision cache and must be the same.
    expect(checkNow(policy, request)).toStrictEqual(want)
    expect(checkNow(policy, request)).toStrictEqual(want)
  })
})

describe('timingAllowOrigin validation', () => {
  it.each<readonly [unknown, string]>([
    ['true', 'the string "true"'],
    [1, 'number 1'],
    ['*', 'the string "*"'],
    [null, 'null'],
  ])('%j is refused: it must be true or false', (value, got) => {
    const error = (() => {
      try {
        createCors({ timingAllowOrigin: value as boolean })
      } catch (thrown) {
        return thrown
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(CorsConfigError)
    expect((error as CorsConfigError).problems).toStrictEqual([
      { code: 'invalid-type', path: 'timingAllowOrigin', message: `must be true or false, got ${got}` },
    ])
  })

  it.each(['timingAllowOrigins', 'timingAllowedOrigin', 'TimingAllowOrigin', 'timing-allow-origin'])(
    'the misspelt %s gets "did you mean timingAllowOrigin"',
    (name) => {
      expect(() => createCors({ [name]: true } as SyncCorsOptions)).toThrow(
        `"${name}" is not a corsica option; did you mean "timingAllowOrigin"?`,
      )
    },
  )
})
