// The model against corsica's own answers: a table of options × page requests run through
// corsica/fetch; the model reads the response as readable exactly when corsica allows.
import { describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../src/index.js'
import { simulate, type PageRequest } from '../../src/model/index.js'
import { corsicaAllows, corsicaSend } from './support.js'

const PAGE = 'https://app.example'
const OTHER = 'https://other.example'
const URL_ = 'https://api.example/items'

const get: PageRequest = { url: URL_, origin: PAGE }
const put: PageRequest = { url: URL_, origin: PAGE, method: 'PUT', body: 'text' }
const trace: PageRequest = { url: URL_, origin: PAGE, headers: [['X-Trace', '1']] }
const auth: PageRequest = { url: URL_, origin: PAGE, headers: [['Authorization', 'Bearer t']] }
const json: PageRequest = {
  url: URL_,
  origin: PAGE,
  method: 'POST',
  body: 'text',
  headers: [['Content-Type', 'application/json']],
}
const include: PageRequest = { url: URL_, origin: PAGE, credentials: 'include' }
const includePut: PageRequest = { ...put, credentials: 'include' }
const patchLower: PageRequest = { url: URL_, origin: PAGE, method: 'patch' }
const nullOrigin: PageRequest = { url: URL_, origin: 'null' }

type Row = [name: string, options: CorsOptions<Request>, page: PageRequest, expected: 'readable' | 'blocked']

const ROWS: Row[] = [
  ['GET, origin listed', { origin: [PAGE] }, get, 'readable'],
  ['GET, origin not listed', { origin: [OTHER] }, get, 'blocked'],
  ["GET, origin '*'", { origin: '*' }, get, 'readable'],
  ['GET, CORS off', { origin: false }, get, 'blocked'],
  ['PUT, origin listed', { origin: [PAGE] }, put, 'readable'],
  ['PUT, origin not listed', { origin: [OTHER] }, put, 'blocked'],
  ['PUT, not in methods', { origin: [PAGE], methods: ['GET'] }, put, 'blocked'],
  ["PUT, methods '*'", { origin: [PAGE], methods: '*' }, put, 'readable'],
  ['PUT, preflightContinue', { origin: [PAGE], preflightContinue: true }, put, 'readable'],
  ['PUT, optionsSuccessStatus 200', { origin: [PAGE], optionsSuccessStatus: 200 }, put, 'readable'],
  ['lower-case patch, default methods', { origin: [PAGE] }, patchLower, 'blocked'],
  ["lower-case patch, methods ['patch']", { origin: [PAGE], methods: ['patch'] }, patchLower, 'readable'],
  ['X-Trace, allowedHeaders unset', { origin: [PAGE] }, trace, 'readable'],
  ['X-Trace, not allowed', { origin: [PAGE], allowedHeaders: ['content-type'] }, trace, 'blocked'],
  ["X-Trace, allowedHeaders '*'", { origin: [PAGE], allowedHeaders: '*' }, trace, 'readable'],
  ["Authorization, allowedHeaders '*'", { origin: [PAGE], allowedHeaders: '*' }, auth, 'blocked'],
  [
    "Authorization, ['*', 'Authorization']",
    { origin: [PAGE], allowedHeaders: ['*', 'Authorization'] },
    auth,
    'readable',
  ],
  ['JSON POST, allowed', { origin: [PAGE] }, json, 'readable'],
  ['JSON POST, content-type not allowed', { origin: [PAGE], allowedHeaders: ['x-trace'] }, json, 'blocked'],
  ['include, credentials on', { origin: [PAGE], credentials: true }, include, 'readable'],
  ['include, credentials off', { origin: [PAGE] }, include, 'blocked'],
  ["include, origin '*'", { origin: '*' }, include, 'blocked'],
  ['include PUT, credentials on', { origin: [PAGE], credentials: true }, includePut, 'readable'],
  [
    "include PUT, methods '*' + credentials",
    { origin: [PAGE], methods: '*', credentials: true },
    includePut,
    'readable',
  ],
  ["Origin null, 'null' listed", { origin: ['null'] }, nullOrigin, 'readable'],
  ["Origin null, 'null' not listed", { origin: [PAGE] }, nullOrigin, 'blocked'],
  ['maxAge 600, PUT', { origin: [PAGE], maxAge: 600 }, put, 'readable'],
]

describe('simulate against corsica/fetch', () => {
  it.each(ROWS)('%s', async (_name, options, page, expected) => {
    expect(corsicaAllows(options, page) ? 'readable' : 'blocked').toBe(expected)
    const simulation = await simulate(page, corsicaSend(options))
    expect(simulation.standard.verdict).toBe(expected)
    expect(simulation.verdict).toBe(expected)
    for (const engine of ['chromium', 'firefox', 'webkit'] as const)
      expect(simulation.engines[engine].verdict).toBe(expected)
  })

  it('reads the exposed headers corsica sends, never Set-Cookie', async () => {
    const hidden = await simulate(get, corsicaSend({ origin: [PAGE] }))
    expect(hidden.standard.readable).toEqual(['content-type'])
    const exposed = await simulate(get, corsicaSend({ origin: [PAGE], exposedHeaders: ['X-Total'] }))
    expect(exposed.standard.readable).toEqual(['content-type', 'x-total'])
    const all = await simulate(get, corsicaSend({ origin: [PAGE], exposedHeaders: '*' }))
    expect(all.standard.readable).not.toContain('set-cookie')
    expect(all.standard.readable).toContain('x-total')
  })

  it('caches corsica preflights for maxAge, each engine up to its cap', async () => {
    const { PreflightCache } = await import('../../src/model/index.js')
    const cache = new PreflightCache()
    const send = corsicaSend({ origin: [PAGE], maxAge: 3600 })
    let now = 0
    const first = await simulate(put, send, { cache, now: () => now })
    expect(first.engines.chromium.preflights).toBe(1)
    now = 601_000
    const later = await simulate(put, send, { cache, now: () => now })
    expect(later.engines.chromium.preflights).toBe(0)
    expect(later.engines.firefox.preflights).toBe(0)
    expect(later.engines.webkit.preflights).toBe(1)
  })
})
