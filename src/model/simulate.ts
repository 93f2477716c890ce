// The whole flow a browser runs for one fetch(), for the Fetch Standard and each engine apart:
// a preflight when needed (unless cached), the actual request, the CORS check of every response,
// redirects. `send` is the only I/O; each distinct request is sent once and shared by the readers.
import { PreflightCache, preflightCacheSeconds } from './cache.js'
import { type CheckContext, corsFailure, type Failure } from './checks.js'
import { ENGINES, READERS } from './engines.js'
import { basicReadable, readableHeaders } from './exposed.js'
import { isRefusal, isSameOrigin, type Prepared, prepare } from './page.js'
import { reasonsFor, requestHeaderNames, wireActual, wirePreflight } from './preflight.js'
import { follow, type Hop } from './redirects.js'
import type {
  EngineName,
  EngineOutcome,
  PageRequest,
  Reader,
  Send,
  Simulation,
  Step,
  Verdict,
  WireRequest,
  WireResponse,
} from './types.js'
import { perReader, preflightVerdict, verdictOf } from './verdicts.js'

/** Options of simulate(). */
export interface SimulateOptions {
  /** A cache kept across calls (a page that fetches again); a fresh one by default. */
  readonly cache?: PreflightCache
  /** The clock, in milliseconds; `Date.now` by default. */
  readonly now?: () => number
}

/** One request a reader sent, with what the checks compared it with. */
interface Record_ {
  readonly kind: Step['kind']
  readonly request: WireRequest
  readonly response?: WireResponse
  readonly prepared: Prepared
  readonly context: CheckContext
  readonly reasons?: readonly string[]
}

/** One reader's run. */
interface Flow {
  readonly outcome: EngineOutcome
  readonly records: readonly Record_[]
}

interface Run {
  readonly page: PageRequest
  readonly send: (request: WireRequest) => Promise<WireResponse | undefined>
  readonly cache: PreflightCache
  readonly now: () => number
}

/** `send` once per distinct request; undefined for a network error. */
function sharedSend(send: Send): Run['send'] {
  const sent = new Map<string, Promise<WireResponse | undefined>>()
  return (request) => {
    const key = JSON.stringify(request)
    let response = sent.get(key)
    if (response === undefined) {
      response = send(request).catch(() => undefined)
      sent.set(key, response)
    }
    return response
  }
}

function blocked(verdict: Verdict, preflights: number): EngineOutcome {
  return {
    verdict: 'blocked',
    ...(verdict.problem && { problem: verdict.problem }),
    ...(verdict.message && { message: verdict.message }),
    preflights,
  }
}

/** The reading of one recorded step by `reader`. */
function readRecord(reader: Reader, record: Record_, page: PageRequest): Verdict {
  const { response, context } = record
  if (response === undefined)
    return verdictOf(
      reader,
      { code: 'network-error', facts: { step: record.kind, url: context.url, origin: context.origin } },
      page,
    )
  if (record.kind === 'preflight') return preflightVerdict(reader, record.prepared, response, context, page)
  if (context.origin === '') return { ok: true }
  return verdictOf(reader, corsFailure(reader, response, context), page, response)
}

/** The serialized origin the hop sends: `null` once tainted. */
function hopOrigin(hop: Hop): string {
  return hop.tainted ? 'null' : hop.request.origin
}

function contextOf(hop: Hop, step: CheckContext['step']): CheckContext {
  // A same-origin (basic) hop is not checked: an empty origin marks it.
  return { origin: hop.cors ? hopOrigin(hop) : '', credentials: hop.request.credentials, step, url: hop.request.url }
}

/** Sends the preflight when the hop needs one and the cache does not cover it. */
async function preflight(reader: Reader, hop: Hop, run: Run, records: Record_[]): Promise<Verdict | undefined> {
  const reasons = reasonsFor(hop.request)
  if (!hop.cors || reasons.length === 0) return undefined
  const query = {
    origin: hopOrigin(hop),
    url: hop.request.url,
    credentials: hop.request.credentials,
    method: hop.request.method,
    headers: requestHeaderNames(hop.request),
    forcePreflight: hop.request.forcePreflight,
  }
  if (run.cache.covers(reader, query, run.now())) return undefined
  const request = wirePreflight(hop.request, hopOrigin(hop))
  const response = await run.send(request)
  const context = contextOf(hop, 'preflight')
  const record: Record_ = {
    kind: 'preflight',
    request,
    prepared: hop.request,
    context,
    reasons,
    ...(response && { response }),
  }
  records.push(record)
  const verdict = readRecord(reader, record, run.page)
  if (verdict.ok && response !== undefined)
    run.cache.store(reader, query, response, preflightCacheSeconds(response, reader), run.now())
  return verdict
}

/** The actual request of one hop: the wire request, the response, its verdict. */
async function actual(reader: Reader, hop: Hop, run: Run, records: Record_[]) {
  const sendsOrigin = hop.cors || !['GET', 'HEAD'].includes(hop.request.method)
  const request = wireActual(hop.request, sendsOrigin ? hopOrigin(hop) : undefined)
  const response = await run.send(request)
  const record: Record_ = {
    kind: 'actual',
    request,
    prepared: hop.request,
    context: contextOf(hop, 'actual'),
    ...(response && { response }),
  }
  records.push(record)
  return { response, verdict: readRecord(reader, record, run.page) }
}

function readable(
  reader: Reader,
  hop: Hop,
  response: WireResponse,
  preflights: number,
  message?: string,
): EngineOutcome {
  const names = hop.cors ? readableHeaders(response, reader, hop.request.credentials) : basicReadable(response.headers)
  return { verdict: 'readable', readable: names, preflights, status: response.status, ...(message && { message }) }
}

function isFailure(next: Hop | Failure): next is Failure {
  return 'code' in next
}

/** One reader's flow from the first request to the last hop. */
async function flow(reader: Reader, run: Run): Promise<Flow> {
  const records: Record_[] = []
  const prepared = prepare(run.page, reader)
  if (isRefusal(prepared)) {
    const failure = {
      code: prepared.code,
      facts: { step: 'actual' as const, url: run.page.url, origin: run.page.origin, why: prepared.why },
    }
    return { outcome: blocked(verdictOf(reader, failure, run.page), 0), records }
  }
  let hop: Hop = { request: prepared, tainted: false, cors: !isSameOrigin(prepared.url, prepared.origin), redirects: 0 }
  let preflights = 0
  let warning: string | undefined
  for (;;) {
    const before = records.length
    const checked = await preflight(reader, hop, run, records)
    preflights += records.length - before
    if (checked !== undefined && !checked.ok) return { outcome: blocked(checked, preflights), records }
    warning = checked?.message ?? warning
    const { response, verdict } = await actual(reader, hop, run, records)
    if (!verdict.ok || response === undefined) return { outcome: blocked(verdict, preflights), records }
    const next = follow(hop, response, hopOrigin(hop))
    if (next === undefined) return { outcome: readable(reader, hop, response, preflights, warning), records }
    if (isFailure(next)) return { outcome: blocked(verdictOf(reader, next, run.page, response), preflights), records }
    hop = { ...next, cors: next.cors || !isSameOrigin(next.request.url, prepared.origin) }
  }
}

/** The steps of every flow, each distinct request once, read by every reader. */
function mergeSteps(flows: Readonly<Record<Reader, Flow>>, page: PageRequest): Step[] {
  const steps = new Map<string, { record: Record_; sentBy: Reader[] }>()
  for (const reader of READERS)
    for (const record of flows[reader].records) {
      const key = JSON.stringify([record.kind, record.request])
      const step = steps.get(key) ?? { record, sentBy: [] }
      step.sentBy.push(reader)
      steps.set(key, step)
    }
  return [...steps.values()].map(({ record, sentBy }) => ({
    kind: record.kind,
    request: record.request,
    ...(record.response && { response: record.response }),
    verdicts: perReader((reader) => readRecord(reader, record, page)),
    ...(record.reasons && { reasons: record.reasons }),
    sentBy,
  }))
}

/**
 * The whole flow a browser runs, each engine apart: a preflight when needed (and not cached), the
 * actual request, redirects (at most 20; a preflight must not redirect; a redirect between two
 * origins other than the page's makes later Origin headers 'null'). `send` is called once per
 * distinct request, and must not follow redirects.
 */
export async function simulate(request: PageRequest, send: Send, options: SimulateOptions = {}): Promise<Simulation> {
  const run: Run = {
    page: request,
    send: sharedSend(send),
    cache: options.cache ?? new PreflightCache(),
    now: options.now ?? Date.now,
  }
  const flows = {} as Record<Reader, Flow>
  // One reader after another: each reader's preflight cache sees the requests in order.
  for (const reader of READERS) flows[reader] = await flow(reader, run)
  const engines = {} as Record<EngineName, EngineOutcome>
  for (const engine of ENGINES) engines[engine] = flows[engine].outcome
  const verdict = ENGINES.every((engine) => engines[engine].verdict === 'readable') ? 'readable' : 'blocked'
  return { verdict, engines, standard: flows.standard.outcome, steps: mergeSteps(flows, request) }
}
