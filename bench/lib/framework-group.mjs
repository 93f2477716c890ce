// The harness every framework group shares: the same minimal app in four variants (bare,
// corsica, the peer package, the floor by hand), checked to answer alike, then timed in
// interleaved rounds; "added" is a variant's time minus bare's for the same request.
import { do_not_optimize } from 'mitata'
import { assertSame, loosen, normalise } from './equivalence.mjs'
import { KIND_LABELS, KINDS } from './policy.mjs'
import { timeGroup } from './measure.mjs'
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
 *   note?: string,
 * }} Framework
 * What a group reports through: the run's settings, a markdown block, a target.
 * @typedef {{
 *   config: import('./measure.mjs').Settings,
 *   block: (markdown: string) => void,
 *   target: (name: string, figure: string, met: boolean, why?: string, value?: number) => void,
 * }} Bench
 * @typedef {Record<Kind, Record<Variant, number> & { engine?: number }>} Figures
 */

const VARIANTS = /** @type {Variant[]} */ (['bare', 'corsica', 'peer', 'floor'])
const CORS_VARIANTS = /** @type {Variant[]} */ (['corsica', 'peer', 'floor'])

/**
 * Checks the variants answer alike, times them, reports the table and the two targets per kind.
 * @param {Framework} framework
 * @param {Bench} bench
 * @returns {Promise<Figures>} times per call, in nanoseconds
 */
export async function runFramework(framework, bench) {
  await checkEquivalence(framework)
  /** @type {Record<string, () => Promise<unknown>>} */
  const cases = {}
  for (const kind of KINDS) {
    for (const variant of VARIANTS) cases[`${variant} ${kind}`] = timed(framework.variants[variant](kind))
    if (framework.engine) cases[`engine ${kind}`] = timed(framework.engine(kind))
  }
  const times = await timeGroup(cases, bench.config)
  const figures = /** @type {Figures} */ (
    Object.fromEntries(
      KINDS.map((kind) => [
        kind,
        Object.fromEntries(
          Object.keys(cases)
            .filter((name) => name.endsWith(` ${kind}`))
            .map((name) => [name.split(' ')[0], times[name]]),
        ),
      ]),
    )
  )
  bench.block(describe(framework, figures))
  for (const kind of KINDS) targets(framework, kind, figures[kind], bench)
  return figures
}

/** @param {() => unknown} call */
function timed(call) {
  return async () => do_not_optimize(await call())
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
 * @param {Record<Variant, number>} times
 * @param {Variant} variant
 */
const added = (times, variant) => (times[variant] ?? Number.NaN) - times.bare

/**
 * @param {Framework} framework
 * @param {Figures} figures
 */
function describe(framework, figures) {
  const plus = (/** @type {number} */ value) => `${value < 0 ? '−' : '+'}${ns(Math.abs(value))}`
  const cell = (/** @type {Record<Variant, number>} */ times, /** @type {Variant} */ variant) =>
    `${ns(times[variant])} (${plus(added(times, variant))})`
  const rows = KINDS.map((kind) => {
    const times = figures[kind]
    const engine = times.engine === undefined ? [] : [ns(times.engine)]
    return [KIND_LABELS[kind], ns(times.bare), ...CORS_VARIANTS.map((variant) => cell(times, variant)), ...engine]
  })
  const header = ['request', 'bare', `${framework.adapter} (added)`, `${framework.peer} (added)`, 'floor (added)']
  if (framework.engine) header.push(`${framework.adapter}: reading the request + check() alone`)
  const note = framework.note ? `\n\n${framework.note}` : ''
  return `### ${framework.title}\n\n${table(header, rows)}${note}`
}

/**
 * @param {Framework} framework
 * @param {Kind} kind
 * @param {Record<Variant, number> & { engine?: number }} times
 * @param {Bench} bench
 */
function targets(framework, kind, times, bench) {
  const ours = added(times, 'corsica')
  const peer = added(times, 'peer')
  const floor = added(times, 'floor')
  const where = `${framework.title}, ${KIND_LABELS[kind]}`
  const share = ours / peer
  const engine = times.engine === undefined ? '' : `; reading the request + check() alone: ${ns(times.engine)}`
  bench.target(
    `${where}: ${framework.adapter} adds ≤ 0.5x what ${framework.peer} adds`,
    `${share.toFixed(2)}x (${ns(ours)} vs ${ns(peer)})`,
    ours <= 0.5 * peer, // as an inequality: it still means something when an added time is negative
    `${ns(ours - 0.5 * peer)} over half of ${framework.peer}'s${engine}`,
    share,
  )
  const overFloor = ours / floor
  bench.target(
    `${where}: ${framework.adapter} adds ≤ 1.25x what the floor adds`,
    `${overFloor.toFixed(2)}x (${ns(ours)} vs ${ns(floor)})`,
    ours <= 1.25 * floor,
    `${ns(ours - 1.25 * floor)} over 1.25x the floor's${engine}`,
    overFloor,
  )
}
