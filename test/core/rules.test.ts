// docs/design.md rules 1-13 and 17, one describe each. The decision table shows single answers; these tests
// sweep many configurations and requests for the invariants a rule states, and probe the edges.
import { describe, expect, it, vi } from 'vitest'
import {
  createCors,
  mergeVary,
  type CorsDecision,
  type CorsRequest,
  type RejectReason,
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
  EVIL,
  MALFORMED_ORIGINS,
  MAX_AGE,
  PREFLIGHT_VARY,
  PREFLIGHT_VARY_TOKENS,
  actualRequest as actual,
  checkNow,
  headerNames,
  isToken,
  itemsOf,
  preflightRequest as preflight,
} from './support.js'

// ---- A sweep: configurations of every origin kind × requests of every shape ----

const SWEEP_ORIGINS = [
  APP,
  ADMIN,
  EVIL,
  'https://example.com',
  'https://a.b.example.com',
  'http://localhost:3000',
  'http://[::1]:8080',
  'null',
  ...MALFORMED_ORIGINS.map(([, origin]) => origin),
]
const SWEEP_METHODS = ['PUT', 'patch', 'PROPFIND', 'GET', 'P UT']
const SWEEP_HEADERS = [undefined, 'content-type', 'X-A, Authorization', 'x-a;b', ' , X-Trace ,']

function sweepRequests(): CorsRequest[] {
  const requests: CorsRequest[] = [actual(null), actual(null, 'OPTIONS'), preflight(null, 'PUT')]
  for (const origin of SWEEP_ORIGINS) {
    requests.push(actual(origin), actual(origin, 'OPTIONS'), actual(origin, 'DELETE'))
    for (const method of SWEEP_METHODS) {
      for (const headers of SWEEP_HEADERS)
        requests.push(preflight(origin, method, headers), preflight(origin, method, headers, 'true'))
    }
  }
  return requests
}
const REQUESTS = sweepRequests()

const SWEEP_CONFIGS: ReadonlyArray<readonly [string, SyncCorsOptions]> = [
  ['default', {}],
  ['origin true', { origin: true }],
  ['a list with null', { origin: [APP, 'null'], exposedHeaders: '*' }],
  ['a list with credentials', { origin: [APP, 'http://[::1]:8080'], credentials: true }],
  [
    'a pattern, any method and header, credentials',
    { origin: 'https://*.example.com', credentials: true, methods: '*', allowedHeaders: '*' },
  ],
  [
    'a RegExp, * and authorization, credentials',
    { origin: /^https:\/\/(app|admin)\.example\.com$/, credentials: true, allowedHeaders: ['*', 'authorization'] },
  ],
  [
    'a predicate with private network',
    {
      origin: (origin) => origin.endsWith('.example.com'),
      credentials: true,
      privateNetwork: true,
      exposedHeaders: ['X-A'],
    },
  ],
  [
    'localhost on any port with lists',
    { origin: 'http://localhost:*', methods: ['PUT', 'patch'], allowedHeaders: ['Content-Type'], maxAge: 0 },
  ],
  ['status 200 and max-age', { origin: [APP], optionsSuccessStatus: 200, maxAge: 7200, privateNetwork: true }],
]

interface Outcome {
  config: string
  options: SyncCorsOptions
  request: CorsRequest
  decision: CorsDecision
}

function sweep(filter: (options: SyncCorsOptions) => boolean = () => true): Outcome[] {
  const outcomes: Outcome[] = []
  for (const [config, options] of SWEEP_CONFIGS.filter(([, options]) => filter(options))) {
    const policy = createCors(options)
    for (const request of REQUESTS) outcomes.push({ config, options, request, decision: checkNow(policy, request) })
  }
  return outcomes
}

/** Every outcome that breaks `holds`, labelled, so a failure names the configuration and request. */
function violations(outcomes: Outcome[], holds: (outcome: Outcome) => boolean): string[] {
  return outcomes
    .filter((outcome) => !holds(outcome))
    .map(({ config, request, decision }) => `${config}: ${JSON.stringify(request)} -> ${JSON.stringify(decision)}`)
}

const ALL = sweep()

function decide(options: SyncCorsOptions, request: CorsRequest): CorsDecision {
  return checkNow(createCors(options), request)
}

/** An origin as a browser serializes it, checked by a RegExp written apart from the engine. */
const SERIALIZED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[a-z0-9_-]+(\.[a-z0-9_-]+)*)(:[1-9][0-9]{0,4})?$/

describe('Rule 1: a preflight is OPTIONS + Origin + Access-Control-Request-Method', () => {
  it('only such requests are judged as preflights or answered with a status', () => {
    const isPreflight = ({ method, origin, requestMethod }: CorsRequest) =>
      method === 'OPTIONS' && origin != null && requestMethod != null
    expect(
      violations(ALL, ({ request, decision }) => (decision.kind === 'preflight') === isPreflight(request)),
    ).toEqual([])
    expect(violations(ALL, ({ decision }) => decision.status === undefined || decision.kind === 'preflight')).toEqual(
      [],
    )
  })

  it('an OPTIONS request without ACRM reaches the application like any request', () => {
    for (const [, options] of SWEEP_CONFIGS) {
      const decision = decide(options, {
        method: 'OPTIONS',
        origin: APP,
        requestHeaders: 'x-a',
        requestPrivateNetwork: 'true',
      })
      expect(decision.kind).toBe('actual')
      expect(decision.status).toBeUndefined()
    }
  })

  it('the method is compared byte for byte: a lowercase "options" is not a preflight', () => {
    expect(decide({ origin: [APP] }, { method: 'options', origin: APP, requestMethod: 'PUT' })).toMatchObject({
      kind: 'actual',
      status: undefined,
    })
  })
})

describe('Rule 2: Access-Control-Allow-Origin is * or the request origin, byte for byte', () => {
  it('across every configuration and request, ACAO is absent, * or exactly the Origin', () => {
    expect(
      violations(ALL, ({ request, decision }) => [undefined, '*', request.origin].includes(decision.headers[ACAO])),
    ).toEqual([])
  })

  it('an echoed origin is always a serialized origin or "null": never a list, a path or a changed case', () => {
    const echoed = ALL.filter(({ decision }) => decision.headers[ACAO] !== undefined && decision.headers[ACAO] !== '*')
    expect(echoed.length).toBeGreaterThan(0)
    expect(
      violations(
        echoed,
        ({ decision }) => decision.headers[ACAO] === 'null' || SERIALIZED_ORIGIN.test(decision.headers[ACAO] ?? ''),
      ),
    ).toEqual([])
  })
})

describe('Rule 3: credentials echo the origin and send ACAC only to allowed origins', () => {
  const credentialed = sweep((options) => options.credentials === true)

  it('with credentials, ACAO is never *', () => {
    expect(violations(credentialed, ({ decision }) => decision.headers[ACAO] !== '*')).toEqual([])
  })

  it('with credentials, ACAC: true goes with ACAO on preflight and actual responses, and never without it', () => {
    expect(
      violations(
        credentialed,
        ({ decision }) => (decision.headers[ACAC] === 'true') === (decision.headers[ACAO] !== undefined),
      ),
    ).toEqual([])
    const kinds = new Set(
      credentialed.filter(({ decision }) => decision.headers[ACAC] !== undefined).map(({ decision }) => decision.kind),
    )
    expect([...kinds].sort()).toEqual(['actual', 'preflight'])
  })

  it('without credentials, ACAC is never sent', () => {
    expect(
      violations(
        sweep((options) => options.credentials !== true),
        ({ decision }) => decision.headers[ACAC] === undefined,
      ),
    ).toEqual([])
  })
})

describe('Rule 4: the Origin must be a serialized origin or null; null only when listed', () => {
  it('a predicate is asked only about serialized origins, never "null" or malformed values, and gets the request', () => {
    const predicate = vi.fn((_origin: string, _request: CorsRequest) => true)
    const policy = createCors({ origin: predicate })
    for (const request of REQUESTS) checkNow(policy, request)
    expect(predicate).toHaveBeenCalled()
    for (const [origin, request] of predicate.mock.calls) {
      expect(origin).toMatch(SERIALIZED_ORIGIN)
      expect(request.origin).toBe(origin)
    }
  })

  it.each(MALFORMED_ORIGINS)(
    'an Origin with %s is refused as malformed even when everything is allowed',
    (_, origin) => {
      for (const options of [
        { origin: true },
        { origin: () => true },
        { origin: [APP, 'https://*.example.com', /^.*$/] },
      ] satisfies SyncCorsOptions[]) {
        expect(decide(options, actual(origin))).toMatchObject({ allowed: false, reason: 'malformed', headers: {} })
        expect(decide(options, preflight(origin, 'PUT'))).toMatchObject({
          allowed: false,
          reason: 'malformed',
          headers: {},
        })
      }
    },
  )

  it.each<readonly [string, SyncCorsOptions, boolean]>([
    ['is allowed when listed', { origin: ['null'] }, true],
    ['is refused when not listed', { origin: [APP] }, false],
    ['is refused by origin true', { origin: true }, false],
    ['is refused even by a predicate that allows everything', { origin: () => true }, false],
    ['is refused even by a RegExp that matches anything', { origin: /^.*$/ }, false],
  ])('the null origin %s', (_, options, allowed) => {
    expect(decide(options, actual('null'))).toMatchObject({ allowed, reason: allowed ? undefined : 'origin' })
  })

  it("'null' with credentials is refused at construction", () => {
    expect(() => createCors({ origin: ['null', APP], credentials: true })).toThrow(/origin\[0\]/)
  })
})

describe('Rule 5: methods are compared byte-case-sensitively; * means any only without credentials', () => {
  it.each<readonly [string[], string, RejectReason | undefined]>([
    [['PATCH'], 'PATCH', undefined],
    [['PATCH'], 'patch', 'method'],
    [['patch'], 'patch', undefined],
    [['patch'], 'PATCH', 'method'],
    [['PROPFIND'], 'propfind', 'method'],
  ])('methods %j, preflight for %s: reason %s', (methods, requestMethod, reason) => {
    expect(decide({ origin: [APP], methods }, preflight(APP, requestMethod)).reason).toBe(reason)
  })

  it.each(['GET', 'HEAD', 'POST'])(
    '%s needs no listing, even with methods: [] (and no empty ACAM is sent)',
    (method) => {
      const decision = decide({ origin: [APP], methods: [] }, preflight(APP, method))
      expect(decision.allowed).toBe(true)
      expect(decision.headers).not.toHaveProperty(ACAM)
    },
  )

  it('PUT is refused with methods: []', () => {
    expect(decide({ origin: [APP], methods: [] }, preflight(APP, 'PUT')).reason).toBe('method')
  })

  it.each(['PUT', 'patch', 'PROPFIND', 'X-Custom'])(
    "methods '*': %s gets * without credentials and itself with credentials",
    (method) => {
      expect(decide({ origin: [APP], methods: '*' }, preflight(APP, method)).headers[ACAM]).toBe('*')
      expect(decide({ origin: [APP], methods: '*', credentials: true }, preflight(APP, method)).headers[ACAM]).toBe(
        method,
      )
    },
  )
})

describe('Rule 6: header names compare case-insensitively; Authorization is never covered by *', () => {
  it.each(['x-trace', 'X-TRACE', 'x-TrAcE'])('a header listed as X-Trace allows %s', (requested) => {
    expect(decide({ origin: [APP], allowedHeaders: ['X-Trace'] }, preflight(APP, 'PUT', requested)).allowed).toBe(true)
  })

  const AUTHORIZATION_SPELLINGS = ['authorization', 'Authorization', 'x-a, AUTHORIZATION', 'Authorization,x-a']
  it.each(AUTHORIZATION_SPELLINGS)("'*' alone refuses %j with and without credentials", (requested) => {
    for (const credentials of [false, true]) {
      expect(decide({ origin: [APP], allowedHeaders: '*', credentials }, preflight(APP, 'PUT', requested)).reason).toBe(
        'headers',
      )
    }
  })

  it.each(AUTHORIZATION_SPELLINGS)("'*' beside Authorization allows %j with and without credentials", (requested) => {
    for (const credentials of [false, true]) {
      const decision = decide(
        { origin: [APP], allowedHeaders: ['*', 'Authorization'], credentials },
        preflight(APP, 'PUT', requested),
      )
      expect(decision.allowed).toBe(true)
      expect(itemsOf(decision.headers[ACAH] ?? '').map((item) => item.toLowerCase())).toContain('authorization')
    }
  })

  it.each(['Set-Cookie', 'SET-COOKIE', 'set-cookie2'])('%s can never be exposed', (name) => {
    expect(() => createCors({ exposedHeaders: [name] })).toThrow(/exposedHeaders\[0\]/)
  })

  it('every item of every emitted list header is a valid token', () => {
    const lists = [ACAM, ACAH, ACEH]
    expect(
      violations(ALL, ({ decision }) =>
        lists.every((name) => {
          const value = decision.headers[name]
          return value === undefined || itemsOf(value).every(isToken)
        }),
      ),
    ).toEqual([])
  })
})

describe('Rule 7: Access-Control-Request-Headers is an RFC 9110 list, parsed with caps', () => {
  const reflect = (requestHeaders: string) => decide({ origin: [APP] }, preflight(APP, 'PUT', requestHeaders))

  it.each(['x-a,x-b', 'x-a, x-b', ' x-a , x-b ', 'x-a,,x-b', ',x-a,x-b,', 'X-A,\tX-B', 'x-a, , ,x-b'])(
    '%j is the list x-a, x-b',
    (requestHeaders) => {
      expect(reflect(requestHeaders).headers[ACAH]).toBe('x-a,x-b')
    },
  )

  it('a value of exactly 4096 characters is parsed; 4097 is refused as malformed', () => {
    expect(reflect('x'.repeat(4096)).headers[ACAH]).toBe('x'.repeat(4096))
    expect(reflect('x'.repeat(4097)).reason).toBe('malformed')
    expect(reflect(`x-a${' '.repeat(4094)}`).reason).toBe('malformed')
  })

  it('empty items do not count toward the 128-item cap', () => {
    expect(reflect(`${headerNames(128)}${','.repeat(200)}`).headers[ACAH]).toBe(headerNames(128))
    expect(reflect(headerNames(129)).reason).toBe('malformed')
  })

  it('whitespace inside an item is malformed, not two items', () => {
    expect(reflect('x-a x-b').reason).toBe('malformed')
  })
})

describe('Rule 8: Access-Control-Max-Age is a non-negative integer, sent only on allowed preflights', () => {
  it('absent maxAge sends no max-age at all (the browser default of 5 seconds applies)', () => {
    expect(
      violations(
        sweep((options) => options.maxAge === undefined),
        ({ decision }) => decision.headers[MAX_AGE] === undefined,
      ),
    ).toEqual([])
  })

  it('a configured maxAge is sent as its decimal string on exactly the allowed preflights', () => {
    const outcomes = sweep((options) => options.maxAge !== undefined)
    const expected = ({ options, decision }: Outcome) =>
      decision.kind === 'preflight' && decision.allowed ? String(options.maxAge) : undefined
    expect(violations(outcomes, (outcome) => outcome.decision.headers[MAX_AGE] === expected(outcome))).toEqual([])
  })

  it.each([-1, 0.5, 86401, Number.POSITIVE_INFINITY])('maxAge %s is refused', (maxAge) => {
    expect(() => createCors({ maxAge })).toThrow(/maxAge/)
  })
})

describe('Rule 9: a preflight is answered with a 2xx status, allowed or refused', () => {
  it('every preflight decision carries the configured 2xx status, whatever the reason', () => {
    const preflights = ALL.filter(({ decision }) => decision.kind === 'preflight')
    const status = (options: SyncCorsOptions) => options.optionsSuccessStatus ?? 204
    expect(violations(preflights, ({ options, decision }) => decision.status === status(options))).toEqual([])
    const reasons = new Set(preflights.map(({ decision }) => decision.reason))
    expect([...reasons].sort()).toEqual(
      ['headers', 'malformed', 'method', 'origin', 'private-network', undefined].sort(),
    )
  })
})

describe('Rule 10: Vary on Origin whenever ACAO depends on it; preflights vary on what they ask', () => {
  const varying = sweep((options) => options.origin !== undefined && options.origin !== '*')

  it('every response of a varying policy (allowed, refused, non-CORS) varies on Origin', () => {
    expect(violations(varying, ({ decision }) => decision.vary?.split(', ').includes('Origin') === true)).toEqual([])
  })

  it('every preflight varies on Origin, ACRM, ACRH and ACRPN', () => {
    expect(
      violations(varying, ({ decision }) => decision.kind !== 'preflight' || decision.vary === PREFLIGHT_VARY),
    ).toEqual([])
  })

  it("under '*', nothing varies on Origin; preflights still vary on what they ask", () => {
    const any = sweep((options) => options.origin === undefined || options.origin === '*')
    expect(
      violations(
        any,
        ({ decision }) => decision.vary === (decision.kind === 'preflight' ? PREFLIGHT_VARY_TOKENS : undefined),
      ),
    ).toEqual([])
  })

  it.each<readonly [Parameters<typeof mergeVary>[0], string | undefined]>([
    [undefined, 'Origin'],
    ['  ', 'Origin'],
    ['Accept-Encoding', 'Accept-Encoding, Origin'],
    [['Accept-Encoding', 'Cookie'], 'Accept-Encoding, Cookie, Origin'],
    [['Accept', 'Cookie'], 'Accept, Cookie, Origin'],
    [42, '42, Origin'],
    ['ORIGIN', undefined],
    ['accept-encoding, origin', undefined],
    ['*', undefined],
    ['Accept, *', undefined],
    [' * ', undefined],
  ])('merging Origin into an existing Vary %j gives %j', (existing, merged) => {
    expect(mergeVary(existing, 'Origin')).toBe(merged)
  })

  // Both sides are RFC 9110 lists: commas with or without spaces, tabs, empty items.
  it.each<readonly [string | undefined, string | undefined, string | undefined]>([
    ['Origin', 'Origin,Accept', 'Origin, Accept'],
    ['Origin', 'Accept, ,Origin', 'Origin, Accept'],
    ['Accept,,Origin', 'Origin', undefined],
    ['Accept\t,\tOrigin', 'Origin', undefined],
    ['Accept,Origin', 'origin, ACCEPT', undefined],
    [undefined, 'Origin, origin', 'Origin'],
    [undefined, 'Origin,Accept', 'Origin, Accept'],
    ['Accept', '*', '*'],
    ['Origin', 'Origin, Access-Control-Request-Method', 'Origin, Access-Control-Request-Method'],
    ['Accept', undefined, undefined],
    ['Accept', '', undefined],
    [undefined, ' , ', undefined],
    [' , ', 'Origin, Accept', 'Origin, Accept'],
    [undefined, 'Origin, *', '*'],
    ['Accept,  Origin \t ', 'Origin', undefined],
    [undefined, 'Origin,\tX-Api  Key ', 'Origin, X-Api  Key'],
  ])('mergeVary(%j, %j) parses both lists: %j', (existing, tokens, merged) => {
    expect(mergeVary(existing, tokens)).toBe(merged)
  })
})

describe('Rule 11: safelisted response headers are readable without exposure', () => {
  const SAFELISTED = [
    'Cache-Control',
    'Content-Language',
    'Content-Length',
    'Content-Type',
    'Expires',
    'Last-Modified',
    'Pragma',
  ]

  it('listing them is accepted and harmless: a valid token list sent as configured', () => {
    const decision = decide({ origin: [APP], exposedHeaders: SAFELISTED }, actual(APP))
    expect(decision.headers[ACEH]).toBe(SAFELISTED.join(','))
    expect(itemsOf(decision.headers[ACEH] ?? '').every(isToken)).toBe(true)
  })

  it('not listing them sends no Access-Control-Expose-Headers at all', () => {
    expect(decide({ origin: [APP] }, actual(APP)).headers).not.toHaveProperty(ACEH)
  })
})

describe('Rule 12: Access-Control-Allow-Private-Network only when asked, allowed and on', () => {
  const MATRIX: ReadonlyArray<readonly [string | undefined, boolean, string]> = [
    ['true', true, APP],
    ['true', false, APP],
    ['true', true, EVIL],
    [undefined, true, APP],
    ['false', true, APP],
    ['TRUE', true, APP],
  ]
  it.each(MATRIX)('ACRPN %j, privateNetwork %s, origin %s', (requestPrivateNetwork, privateNetwork, origin) => {
    const decision = decide(
      { origin: [APP], privateNetwork },
      preflight(origin, 'PUT', undefined, requestPrivateNetwork),
    )
    const granted = requestPrivateNetwork === 'true' && privateNetwork && origin === APP
    expect(decision.headers[ACAPN]).toBe(granted ? 'true' : undefined)
  })

  it('across the sweep, ACAPN appears only on allowed preflights that asked for it', () => {
    expect(
      violations(
        ALL,
        ({ request, decision }) =>
          decision.headers[ACAPN] === undefined ||
          (decision.allowed && decision.kind === 'preflight' && request.requestPrivateNetwork === 'true'),
      ),
    ).toEqual([])
  })
})

describe('Rule 13: same-origin requests with an Origin header are not harmed', () => {
  const SELF = 'https://api.example.com'
  const SAME_ORIGIN_REQUESTS = ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'].map((method) => actual(SELF, method))

  it.each<readonly [string, SyncCorsOptions]>([
    ['a list without the server itself', { origin: [APP], credentials: true }],
    ['a predicate that refuses it', { origin: () => false }],
    ["'*'", {}],
    ['origin true', { origin: true }],
  ])('with %s, the request reaches the handler: no status, never a preflight', (_, options) => {
    for (const request of SAME_ORIGIN_REQUESTS) {
      const decision = decide(options, request)
      expect(decision.kind).toBe('actual')
      expect(decision.status).toBeUndefined()
    }
  })

  it('a refused same-origin request gets no CORS headers (the browser needs none) and keeps Vary', () => {
    expect(decide({ origin: [APP] }, actual(SELF, 'POST'))).toMatchObject({ headers: {}, vary: 'Origin' })
  })
})

describe('Rule 17: every request value the engine reads has a length cap', () => {
  const MIB = 2 ** 20
  const onReject = vi.fn()
  const echoing = createCors({ origin: true, methods: '*', allowedHeaders: '*', onReject })

  it('a 1 MiB Access-Control-Request-Method is malformed, never echoed (methods * with credentials echoes)', () => {
    const policy = createCors({ origin: [APP], methods: '*', credentials: true })
    const decision = checkNow(policy, preflight(APP, 'A'.repeat(MIB)))
    expect(decision).toMatchObject({ allowed: false, reason: 'malformed' })
    expect(decision.headers[ACAM]).toBeUndefined()
  })

  it('a method just over 64 characters is malformed; one of 64 is a method like any other', () => {
    expect(checkNow(echoing, preflight(APP, 'A'.repeat(65))).reason).toBe('malformed')
    expect(checkNow(echoing, preflight(APP, 'A'.repeat(64))).headers[ACAM]).toBe('*')
  })

  it('a 1 MiB Origin is malformed before any lookup, and onReject quotes only its start', () => {
    const origin = `https://${'a'.repeat(MIB)}.example.com`
    expect(checkNow(echoing, actual(origin))).toMatchObject({ allowed: false, reason: 'malformed', headers: {} })
    expect(onReject.mock.lastCall?.[0]?.detail.length).toBeLessThan(300)
  })

  it("under '*' a preflight's Origin is never a cache key: every origin, however long, gets the same decision", () => {
    const policy = createCors({ maxAge: 600 })
    const first = checkNow(policy, preflight('https://a.example', 'PUT'))
    for (const origin of ['https://b.example', `https://${'x'.repeat(MIB)}.example`, 'not an origin']) {
      expect(checkNow(policy, preflight(origin, 'PUT'))).toBe(first)
    }
  })

  it('a 1 MiB Access-Control-Request-Headers is malformed, never echoed', () => {
    const decision = checkNow(createCors({ origin: [APP] }), preflight(APP, 'PUT', 'x'.repeat(MIB)))
    expect(decision).toMatchObject({ allowed: false, reason: 'malformed' })
    expect(decision.headers[ACAH]).toBeUndefined()
  })
})
