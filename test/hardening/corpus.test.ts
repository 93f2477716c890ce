// Hostile-input corpus: every entry of test/fixtures/hostile-corpus.json runs through the engine
// and through the Node adapter. Each must give the decision the entry states, throw nothing,
// emit only valid field values, and never echo a value that is not a serialized origin.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createCors, type CorsDecision, type CorsPolicy, type CorsOptions, type CorsRequest } from '../../src/index.js'
import { cors as nodeCors } from '../../src/node.js'
import { FakeResponse, headerValueProblems } from './harness.js'

type Text = string | { prefix: string; repeat: string; times: number; suffix?: string }

interface Entry {
  name: string
  config: string
  request: {
    method: string
    origin?: Text
    requestMethod?: Text
    requestHeaders?: Text
    requestPrivateNetwork?: Text
    /** Header lines in arrival order; repeated names are joined with `, ` as Node joins them. */
    headerLines?: [string, Text][]
  }
  expect: { kind: CorsDecision['kind']; allowed: boolean; reason?: NonNullable<CorsDecision['reason']> }
}

const APP = 'https://app.example.com'
const predicateCalls: string[] = []

/** The named configurations the corpus refers to. */
const CONFIGS: Record<string, CorsOptions> = {
  any: { origin: '*' },
  echo: { origin: true },
  off: { origin: false },
  list: {
    origin: [APP, 'http://localhost:3000', 'https://*.example.org', 'http://127.0.0.1:*', 'https://[::1]:8443'],
    methods: ['GET', 'PUT', 'patch'],
    allowedHeaders: ['x-trace', 'content-type'],
  },
  credentials: { origin: [APP, 'https://*.example.org'], credentials: true },
  'null-listed': { origin: ['null', APP] },
  predicate: {
    origin: (origin) => {
      predicateCalls.push(origin)
      return origin === APP
    },
  },
  regexp: { origin: [/^https:\/\/[a-z0-9-]+\.example\.net$/] },
  'any-methods': { origin: [APP], methods: '*' },
  'any-headers': { origin: [APP], allowedHeaders: '*' },
  reflect: { origin: [APP] },
  'private-network': { origin: [APP], privateNetwork: true },
}

/** Exact strings configured as origins: the only non-origin-shaped values that may be echoed. */
const CONFIGURED = new Set(['null', APP])
/** A serialized origin, checked without src/core: lowercase scheme://host[:port], nothing else. */
const SERIALIZED_ORIGIN =
  /^[a-z][a-z0-9+.-]*:\/\/(?:\[[0-9a-f:.]+\]|(?:[a-z0-9_-]+\.)*[a-z0-9_-]+)(?::[1-9][0-9]{0,4})?$/

const corpus = JSON.parse(readFileSync(new URL('../fixtures/hostile-corpus.json', import.meta.url), 'utf8')) as {
  entries: Entry[]
}
// Compiled on first use inside a test, so mutation testing's per-test coverage sees compilation.
const compiled = new Map<string, { policy: CorsPolicy; node: ReturnType<typeof nodeCors> }>()
function configured(name: string) {
  const cached = compiled.get(name)
  if (cached !== undefined) return cached
  const options = CONFIGS[name]
  if (options === undefined) throw new Error(`the corpus names an unknown configuration: ${name}`)
  const entry = { policy: createCors(options), node: nodeCors(options) }
  compiled.set(name, entry)
  return entry
}

function text(value: Text | undefined): string | undefined {
  if (value === undefined || typeof value === 'string') return value
  return value.prefix + value.repeat.repeat(value.times) + (value.suffix ?? '')
}

/** The request as the engine sees it, and the header record as Node delivers it. */
function materialize(entry: Entry): { request: CorsRequest; nodeHeaders: Record<string, string | string[]> } {
  const lines: [string, string][] = (entry.request.headerLines ?? []).map(([name, value]) => [name, text(value) ?? ''])
  const fields: [keyof CorsRequest, string][] = [
    ['origin', 'origin'],
    ['requestMethod', 'access-control-request-method'],
    ['requestHeaders', 'access-control-request-headers'],
    ['requestPrivateNetwork', 'access-control-request-private-network'],
  ]
  for (const [field, name] of fields) {
    const value = text(entry.request[field as keyof Entry['request']] as Text | undefined)
    if (value !== undefined) lines.push([name, value])
  }
  const nodeHeaders: Record<string, string | string[]> = {}
  const request: Record<string, string> = { method: entry.request.method }
  for (const [name, value] of lines) {
    const previous = nodeHeaders[name]
    nodeHeaders[name] = previous === undefined ? value : [previous, value].flat()
  }
  for (const [field, name] of fields) {
    const value = nodeHeaders[name]
    if (value !== undefined) request[field] = Array.isArray(value) ? value.join(', ') : value
  }
  return { request: request as unknown as CorsRequest, nodeHeaders }
}

function checkEmitted(
  origin: string | undefined,
  headers: Readonly<Record<string, string>>,
  vary: string | undefined,
): void {
  expect(headerValueProblems(headers, vary)).toEqual([])
  for (const value of [...Object.values(headers), vary ?? '']) expect(value).not.toMatch(/[\r\n\0]/)
  if (origin === undefined || origin === '') return
  for (const [name, value] of Object.entries(headers)) {
    if (!value.includes(origin)) continue
    // The only place the request's origin may appear: the allow-origin value, byte for byte, for a valid or listed origin.
    expect(name).toBe('access-control-allow-origin')
    expect(value).toBe(origin)
    expect(CONFIGURED.has(origin) || SERIALIZED_ORIGIN.test(origin)).toBe(true)
  }
}

describe('hostile-input corpus', () => {
  it('has uniquely named entries, each naming a known configuration', () => {
    expect(new Set(corpus.entries.map((entry) => entry.name)).size).toBe(corpus.entries.length)
    for (const entry of corpus.entries) expect(Object.keys(CONFIGS)).toContain(entry.config)
  })

  describe.each(corpus.entries.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const { request, nodeHeaders } = materialize(entry)
    const origin = request.origin ?? undefined

    it('engine: gives the stated decision, emits nothing unsafe', () => {
      predicateCalls.length = 0
      const decision = configured(entry.config).policy.check(request) as CorsDecision
      expect({ kind: decision.kind, allowed: decision.allowed }).toEqual({
        kind: entry.expect.kind,
        allowed: entry.expect.allowed,
      })
      expect(decision.reason).toBe(entry.expect.reason)
      checkEmitted(origin, decision.headers, decision.vary)
      // A refused origin gets no CORS header at all (a refused method or header list keeps the ones that hold).
      const originRefused =
        origin !== undefined &&
        !(configured(entry.config).policy.check({ method: 'GET', origin }) as CorsDecision).allowed
      if (originRefused) expect(decision.headers).toEqual({})
      for (const seen of predicateCalls) expect(seen).toMatch(SERIALIZED_ORIGIN)
    })

    // The adapters are not mutated: the mutation run (CORSICA_MUTATION_RUN) checks the engine half only.
    it.skipIf(process.env.CORSICA_MUTATION_RUN === '1')(
      'node adapter: writes exactly the decision, emits nothing unsafe',
      async () => {
        const decision = configured(entry.config).policy.check(request) as CorsDecision
        const res = new FakeResponse()
        const answered = await configured(entry.config).node(
          { method: entry.request.method, headers: nodeHeaders },
          res,
        )
        const written = Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-')))
        expect(written).toEqual(decision.headers)
        expect(res.getHeader('vary')).toBe(decision.vary)
        expect(answered).toBe(decision.status !== undefined)
        if (answered) expect(res.statusCode).toBe(decision.status)
        checkEmitted(origin, written, res.getHeader('vary'))
      },
    )
  })
})
