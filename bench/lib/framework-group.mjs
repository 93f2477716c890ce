// The harness every framework group shares: the same minimal app in four variants (bare,
// corsica, the peer package, the floor by hand), checked to answer alike, then timed in blocks
// paired with bare's (measure.mjs timePairedAsync): "added" is a variant's time per request less
// bare's in the blocks around it, for the same request.
import { assertSame, loosen, normalise } from './equivalence.mjs'
import { KIND_LABELS, KINDS } from './policy.mjs'
import { timeGroup, timePairedAsync } from './measure.mjs'
import { ns, table } from './results.mjs'

/**
 * @typedef {import('./policy.mjs').Kind} Kind
 * @typedef {import('./equivalence.mjs').Answer} Answer
 * @typedef {'bare' | 'corsica' | 'peer' | 'floor'} Variant
 * A call for one request kind; its result (or the promise of it) is what `answer` reads.
 * @typedef {(kind: Kind) => () => unknown} Caller
 * @typedef {{
 *   id: string,
 *   title: string,
 *   adapter: string,
 *   peer: string,
 *   variants: Record<Variant, Caller>,
 *   answer: (result: any) => Answer,
 *   engine?: Caller,
 *   floorWithReads?: { label: string, variant: Caller },
 *   note?: string,
 * }} Framework
 * `floorWithReads`: the floor plus the reads of the framework's public API an adapter cannot
 * skip (Fastify's reply headers), timed paired like the variants.
 * What a group reports through: the run's settings, a markdown block, a target.
 * @typedef {{
 *   config: import('./measure.mjs').Settings,
 *   paired: { blocks: number, calls: number },
 *   block: (markdown: string) => void,
 *   target: (name: string, figure: string, met: boolean, why?: string, value?: number) => void,
 * }} Bench
 * A kind's figures: each variant's median time per request, what it adds to bare (paired), and
 * the engine's part alone when the group has one.
 * @typedef {{
 *   time: Record<Variant, number>,
 *   added: Record<Variant, number>,
 *   engine?: number,
 *   floorWithReads?: number,
 * }} KindFigures
 * @typedef {Record<Kind, KindFigures>} Figures
 */

const CORS_VARIANTS = /** @type {Variant[]} */ (['corsica', 'peer', 'floor'])

/**
 * Checks the variants answer alike, times them, reports the table and the two targets per kind.
 * @param {Framework} framework
 * @param {Bench} bench
 * @returns {Promise<Figures>} times per call, in nanoseconds
 */
export async function runFramework(framework, bench) {
  await checkEquivalence(framework)
  /** @type {Partial<Figures>} */
  const figures = {}
  for (const kind of KINDS) {
    const cases = Object.fromEntries(CORS_VARIANTS.map((variant) => [variant, framework.variants[variant](kind)]))
    if (framework.floorWithReads) cases.floorWithReads = framework.floorWithReads.variant(kind)
    const paired = await timePairedAsync(['bare', framework.variants.bare(kind)], cases, bench.paired)
    figures[kind] = {
      time: /** @type {Record<Variant, number>} */ (mapValues(paired, (figure) => figure.time)),
      added: /** @type {Record<Variant, number>} */ (mapValues(paired, (figure) => figure.added)),
      floorWithReads: paired.floorWithReads?.added,
    }
  }
  if (framework.engine) {
    const engine = framework.engine
    const times = await timeGroup(Object.fromEntries(KINDS.map((kind) => [kind, engine(kind)])), bench.config)
    for (const kind of KINDS) defined(figures[kind]).engine = times[kind]
  }
  const complete = /** @type {Figures} */ (figures)
  bench.block(describe(framework, complete))
  for (const kind of KINDS) targets(framework, kind, complete[kind], bench)
  return complete
}

/**
 * @template T, U
 * @param {Record<string, T>} record
 * @param {(value: T) => U} map
 */
function mapValues(record, map) {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, map(value)]))
}

/**
 * @template T
 * @param {T | undefined} value
 * @returns {T}
 */
function defined(value) {
  if (value === undefined) throw new Error('a kind without figures')
  return value
}

/** @param {Framework} framework */
async function checkEquivalence(framework) {
  for (const kind of KINDS) {
    const answer = async (/** @type {Variant} */ variant) =>
      normalise(framework.answer(await framework.variants[variant](kind)()))
    const [corsica, peer, floor] = await Promise.all(CORS_VARIANTS.map(answer))
    if (!corsica || !peer || !floor) throw new Error('three variants, three answers')
    const where = `${framework.title}, ${KIND_LABELS[kind]}`
    assertSame(where, 'floor', { floor, corsica })
    assertSame(where, 'floor', { floor: loosen(floor), peer: loosen(peer) })
    const bare = framework.answer(await framework.variants.bare(kind)())
    const status = kind === 'preflight' ? 204 : 200
    if (bare.status !== status)
      throw new Error(`${framework.title}: bare answers ${KIND_LABELS[kind]} with ${bare.status}`)
  }
}

/**
 * @param {Framework} framework
 * @param {Figures} figures
 */
function describe(framework, figures) {
  const plus = (/** @type {number} */ value) => `${value < 0 ? '−' : '+'}${ns(Math.abs(value))}`
  const cell = (/** @type {KindFigures} */ kind, /** @type {Variant} */ variant) =>
    `${ns(kind.time[variant])} (${plus(kind.added[variant])})`
  const rows = KINDS.map((kind) => {
    const figure = figures[kind]
    const engine = figure.engine === undefined ? [] : [ns(figure.engine)]
    const reads = figure.floorWithReads === undefined ? [] : [plus(figure.floorWithReads)]
    return [
      KIND_LABELS[kind],
      ns(figure.time.bare),
      ...CORS_VARIANTS.map((variant) => cell(figure, variant)),
      ...reads,
      ...engine,
    ]
  })
  const header = ['request', 'bare', `${framework.adapter} (added)`, `${framework.peer} (added)`, 'floor (added)']
  if (framework.floorWithReads) header.push(`${framework.floorWithReads.label} (added)`)
  if (framework.engine) header.push(`${framework.adapter}: reading the request + check() alone`)
  const note = framework.note ? `\n\n${framework.note}` : ''
  return `### ${framework.title}\n\n${table(header, rows)}${note}`
}

/**
 * @param {Framework} framework
 * @param {Kind} kind
 * @param {KindFigures} figure
 * @param {Bench} bench
 */
function targets(framework, kind, figure, bench) {
  const { corsica: ours, peer, floor } = figure.added
  const where = `${framework.title}, ${KIND_LABELS[kind]}`
  const share = ours / peer
  const engine = figure.engine === undefined ? '' : `; reading the request + check() alone: ${ns(figure.engine)}`
  bench.target(
    `${where}: ${framework.adapter} adds ≤ 0.5x what ${framework.peer} adds`,
    `${share.toFixed(2)}x (${ns(ours)} vs ${ns(peer)})`,
    ours <= 0.5 * peer, // as an inequality: it still means something when an added time is negative
    // When the hand-written floor itself adds more than half of what the peer adds, no adapter can
    // meet this target: the figure says so.
    `${ns(ours - 0.5 * peer)} over half of ${framework.peer}'s; the floor adds ${(floor / peer).toFixed(2)}x of it${engine}`,
    share,
  )
  const overFloor = ours / floor
  const reads = framework.floorWithReads
  const withReads =
    reads === undefined || figure.floorWithReads === undefined
      ? ''
      : `; ${reads.label} adds ${ns(figure.floorWithReads)}: ${(ours / figure.floorWithReads).toFixed(2)}x of that`
  bench.target(
    `${where}: ${framework.adapter} adds ≤ 1.25x what the floor adds`,
    `${overFloor.toFixed(2)}x (${ns(ours)} vs ${ns(floor)})`,
    ours <= 1.25 * floor,
    `${ns(ours - 1.25 * floor)} over 1.25x the floor's${withReads}${engine}`,
    overFloor,
  )
}
