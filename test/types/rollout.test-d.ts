// Types of the rollout, metrics and debug options: the candidate takes the policy's options but
// the reporting ones, its predicate the same context; the event and the counters are read-only.
import { expectTypeOf } from 'vitest'
import {
  type CandidateDifference,
  type CandidateOptions,
  type CandidateOutcome,
  type CorsMetrics,
  type CorsMetricsSnapshot,
  type CorsOptions,
  type RejectReason,
  corsMetrics,
  createCors,
} from 'corsica'
import { cors as nodeCors } from 'corsica/node'
import { cors as expressCors } from 'corsica/express'
import { cors as fetchCors } from 'corsica/fetch'
import type { IncomingMessage } from 'node:http'

const metrics = corsMetrics()
expectTypeOf(metrics).toEqualTypeOf<CorsMetrics>()
expectTypeOf(metrics.allowed).toEqualTypeOf<number>()
expectTypeOf(metrics.refused).toEqualTypeOf<Readonly<Record<RejectReason, number>>>()
expectTypeOf(metrics.snapshot()).toEqualTypeOf<CorsMetricsSnapshot>()
// @ts-expect-error: the counters are the engine's to increment
metrics.allowed = 3

expectTypeOf<CorsOptions['metrics']>().toEqualTypeOf<CorsMetrics | undefined>()
expectTypeOf<CorsOptions['debug']>().toEqualTypeOf<boolean | undefined>()
expectTypeOf<NonNullable<CorsOptions['onCandidateDiffers']>>().parameter(0).toEqualTypeOf<CandidateDifference>()

createCors({
  origin: '*',
  candidate: { origin: ['https://app.example.com'], methods: ['GET'], privateNetwork: true },
  onCandidateDiffers: (event) => {
    expectTypeOf(event.kind).toEqualTypeOf<'preflight' | 'actual'>()
    expectTypeOf(event.enforced.allowed).toEqualTypeOf<boolean>()
    expectTypeOf(event.candidate).toEqualTypeOf<CandidateOutcome>()
    expectTypeOf(event.candidate.detail).toEqualTypeOf<string | undefined>()
    expectTypeOf(event.candidate.error).toEqualTypeOf<unknown>()
  },
  metrics,
  debug: true,
})

// A candidate has no reporting options of its own.
// @ts-expect-error: onReject belongs beside the candidate
createCors({ candidate: { origin: '*', onReject: () => {} }, metrics })
// @ts-expect-error: nor a candidate of its own
const nested: CandidateOptions = { candidate: {} }
// @ts-expect-error: debug is a boolean
createCors({ debug: 'yes' })
// @ts-expect-error: metrics come from corsMetrics()
createCors({ metrics: { allowed: 0 } })

// Its predicate receives the adapter's context, like the enforced one's.
nodeCors<IncomingMessage>({
  candidate: {
    origin: (_origin, req) => {
      expectTypeOf(req).toEqualTypeOf<IncomingMessage>()
      return true
    },
  },
  metrics,
})
fetchCors({ candidate: { origin: (_origin, request) => request.url !== '' }, metrics })
expressCors({ origin: true, candidate: { origin: ['https://app.example.com'] }, metrics, debug: false })
void nested
