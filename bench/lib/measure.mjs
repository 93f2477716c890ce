// Times functions with mitata, interleaving the cases of a group round by round so that a
// slow patch of a shared machine hits every case alike. Each round gives a median (p50) per call;
// a figure is the lowest of its rounds' medians: other processes only ever add time, so the
// lowest round is the one least disturbed.
import { do_not_optimize, measure } from 'mitata'

/**
 * How long each group runs: `rounds` of mitata's measure() per case, with mitata's `opts`.
 * @typedef {{ rounds: number, opts: import('mitata').k_options }} Settings
 */

/**
 * The settings of a full run, or of a smoke run (every case runs, very briefly).
 * @param {boolean} smoke
 * @returns {Settings}
 */
export function settings(smoke) {
  return smoke
    ? { rounds: 1, opts: { min_cpu_time: 2e6, min_samples: 2, max_samples: 8, warmup_samples: 1, batch_samples: 64 } }
    : { rounds: 5, opts: { min_cpu_time: 200e6 } }
}

/**
 * For cases of microseconds (a request through a framework): shorter measures, smaller batches,
 * so a group of 20 cases × 5 rounds stays within a minute or so.
 * @param {boolean} smoke
 * @returns {Settings}
 */
export function requestSettings(smoke) {
  return smoke ? settings(true) : { rounds: 5, opts: { min_cpu_time: 50e6, batch_samples: 256 } }
}

/**
 * For paired timing of requests through a framework (timePairedAsync): a block of 1,000 calls
 * takes 2 to 40 ms, long enough that a garbage collection or a slow patch is a small part of it
 * (blocks of 400 left Koa's and Express's figures scattered by more than they measure); 41
 * rounds give each case 41 pairs.
 * @param {boolean} smoke
 */
export function pairedSettings(smoke) {
  return smoke ? { blocks: 2, calls: 8 } : { blocks: 41, calls: 1000 }
}

/**
 * The median of `values` (NaN when there are none).
 * @param {number[]} values
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const at = (/** @type {number} */ index) => sorted[index] ?? Number.NaN
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2
}

/**
 * `items` in the order of round `round`: from index `round` (modulo the length) to the end, then
 * from the start, so no item always comes first or last.
 * @template T
 * @param {T[]} items
 * @param {number} round
 */
export function rotated(items, round) {
  const first = round % items.length
  return [...items.slice(first), ...items.slice(0, first)]
}

/**
 * A case that checks `requests` with `policy` in turn, the next one each call, so that no one
 * request object (or origin string) is the only one the engine sees.
 * @param {{ check(request: import('corsica').CorsRequest): unknown }} policy
 * @param {readonly import('corsica').CorsRequest[]} requests
 */
export function checksInTurn(policy, requests) {
  const count = requests.length
  let i = 0
  return () => {
    i = (i + 1) % count
    return do_not_optimize(policy.check(/** @type {import('corsica').CorsRequest} */ (requests[i])))
  }
}

/**
 * cases: { name: fn }. Returns { name: nanoseconds per call (lowest p50 over the rounds) }.
 * @template {string} Name
 * @param {Record<Name, () => unknown>} cases
 * @param {Settings} settings
 * @returns {Promise<Record<Name, number>>}
 */
export async function timeGroup(cases, settings) {
  return (await timeRounds(cases, settings)).best
}

/**
 * timeGroup's figures with every round's: `best` is the lowest p50 over the rounds, `rounds[i]`
 * the p50s of round i (each round times every case once, so figures of one round pair up).
 * @template {string} Name
 * @param {Record<Name, () => unknown>} cases
 * @param {Settings} settings
 * @returns {Promise<{ best: Record<Name, number>, rounds: Record<Name, number>[] }>}
 */
export async function timeRounds(cases, { rounds, opts }) {
  const entries = /** @type {[Name, () => unknown][]} */ (Object.entries(cases))
  const rows = entries.map(([name, fn]) => ({ name, fn, samples: /** @type {number[]} */ ([]) }))
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round: no case always runs first or last.
    for (const row of rotated(rows, round)) {
      const stats = await measure(row.fn, opts)
      row.samples.push(stats.p50)
    }
  }
  const record = (/** @type {(samples: number[]) => number} */ pick) =>
    /** @type {Record<Name, number>} */ (Object.fromEntries(rows.map((row) => [row.name, pick(row.samples)])))
  return {
    best: record((samples) => Math.min(...samples)),
    rounds: Array.from({ length: rounds }, (_, round) => record((samples) => samples[round] ?? Number.NaN)),
  }
}

export { median }

/**
 * Paired timing against a baseline, for cases that cost a few microseconds: blocks of `calls`
 * calls, every case's block between two baseline blocks (b A b B b C b A …, the order rotated each
 * round), each block timed with the monotonic clock. A case's added time is the median over its
 * blocks of (its time per call − the mean of the two baseline blocks around it): the blocks of a
 * pair are a few milliseconds apart, so a machine whose speed drifts over seconds hits both
 * alike. Garbage collection runs where it falls, so each case's allocations are paid for in its
 * own blocks.
 * Returns { name: { time, added } } in nanoseconds per call (time: median over blocks).
 * @template {string} Base
 * @template {string} Name
 * @param {[name: Base, fn: () => unknown]} baseline
 * @param {Record<Name, () => unknown>} cases
 * @param {{ blocks: number, calls: number }} settings
 * @returns {Record<Base | Name, { time: number, added: number }>}
 */
export function timePaired(baseline, cases, { blocks, calls }) {
  const pairing = new Pairing(baseline, cases)
  /** @type {unknown} */
  let sink
  const block = (/** @type {() => unknown} */ fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) sink = fn()
    return Number(process.hrtime.bigint() - start) / calls
  }
  for (const row of pairing.all) for (let k = 0; k < 20; k++) block(row.fn) // warm-up: optimised code
  for (const row of pairing.order(blocks)) pairing.record(row, block(row.fn))
  if (sink === undefined) throw new Error('no result')
  return /** @type {Record<Base | Name, { time: number, added: number }>} */ (pairing.result())
}

/**
 * timePaired for async cases (a request through a framework): each call is awaited, and every 64
 * calls the event loop turns, so that work a framework defers to it is paid in the block that made
 * it (see framework-group.mjs).
 * @template {string} Base
 * @template {string} Name
 * @param {[name: Base, fn: () => unknown]} baseline
 * @param {Record<Name, () => unknown>} cases
 * @param {{ blocks: number, calls: number }} settings
 * @returns {Promise<Record<Base | Name, { time: number, added: number }>>}
 */
export async function timePairedAsync(baseline, cases, { blocks, calls }) {
  const pairing = new Pairing(baseline, cases)
  const block = async (/** @type {() => unknown} */ fn) => {
    const start = process.hrtime.bigint()
    for (let i = 1; i <= calls; i++) {
      await fn()
      if (i % 64 === 0) await new Promise(setImmediate)
    }
    return Number(process.hrtime.bigint() - start) / calls
  }
  for (const row of pairing.all) for (let k = 0; k < 5; k++) await block(row.fn) // warm-up
  for (const row of pairing.order(blocks)) pairing.record(row, await block(row.fn))
  return /** @type {Record<Base | Name, { time: number, added: number }>} */ (pairing.result())
}

/**
 * The bookkeeping of a paired timing: the order of the blocks, and each case's time less the mean
 * of the baseline blocks before and after it.
 * @typedef {{ name: string, fn: () => unknown, times: number[], added: number[] }} Row
 */
class Pairing {
  /**
   * @param {[name: string, fn: () => unknown]} baseline
   * @param {Record<string, () => unknown>} cases
   */
  constructor([name, fn], cases) {
    /** @type {Row} */
    this.base = { name, fn, times: [], added: [] }
    /** @type {Row[]} */
    this.rows = Object.entries(cases).map(([name, fn]) => ({ name, fn, times: [], added: [] }))
    this.all = [this.base, ...this.rows]
    /** @type {{ row: Row, time: number } | undefined} */
    this.pending = undefined
    this.before = Number.NaN
  }

  /**
   * The blocks in order: round by round, the baseline, then each case followed by the baseline.
   * @param {number} blocks
   */
  *order(blocks) {
    for (let round = 0; round < blocks; round++) {
      yield this.base
      for (const row of rotated(this.rows, round)) {
        yield row
        yield this.base
      }
    }
  }

  /**
   * @param {Row} row
   * @param {number} time nanoseconds per call in this block
   */
  record(row, time) {
    row.times.push(time)
    if (row !== this.base) {
      this.pending = { row, time }
      return
    }
    if (this.pending) this.pending.row.added.push(this.pending.time - (this.before + time) / 2)
    this.pending = undefined
    this.before = time
  }

  /** @returns {Record<string, { time: number, added: number }>} */
  result() {
    return Object.fromEntries(
      this.all.map((row) => [row.name, { time: median(row.times), added: row === this.base ? 0 : median(row.added) }]),
    )
  }
}
