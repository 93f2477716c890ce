// corsica/model: the shapes the CLI and users build on. Compiled by `npm run test:types` against
// dist/model.d.ts once package.json exports "./model" (see api.test-d.ts for how these run).
import { expectTypeOf } from 'vitest'
import {
  checkActual,
  consoleMessage,
  ENGINES,
  explain,
  PreflightCache,
  preflightCacheSeconds,
  preflightRequest,
  simulate,
  type EngineName,
  type Explanation,
  type PageRequest,
  type ProblemCode,
  type Send,
  type Simulation,
  type Verdicts,
  type WireRequest,
} from 'corsica/model'

expectTypeOf(ENGINES).toEqualTypeOf<readonly EngineName[]>()
const page: PageRequest = { url: 'https://api.example/x', origin: 'https://app.example', method: 'PUT' }
expectTypeOf(preflightRequest(page)).toEqualTypeOf<WireRequest>()
expectTypeOf(checkActual(page, { status: 200, headers: [] })).toEqualTypeOf<Verdicts>()
expectTypeOf(preflightCacheSeconds({ status: 204, headers: [] }, 'webkit')).toEqualTypeOf<number>()

const send: Send = async () => ({ status: 204, headers: [['access-control-allow-origin', '*']] })
expectTypeOf(simulate(page, send, { cache: new PreflightCache(), now: () => 0 })).toEqualTypeOf<Promise<Simulation>>()
expectTypeOf(explain('...')).toEqualTypeOf<Explanation | undefined>()

export async function show(): Promise<string> {
  const result = await simulate(page, send)
  const problem = result.engines.chromium.problem
  if (problem === undefined) return result.verdict
  expectTypeOf(problem.code).toEqualTypeOf<ProblemCode>()
  return consoleMessage('chromium', problem, page)
}

// @ts-expect-error: an engine the model does not know
preflightCacheSeconds({ status: 204, headers: [] }, 'edge')
// @ts-expect-error: header lists are pairs, not records
checkActual(page, { status: 200, headers: { 'access-control-allow-origin': '*' } })
