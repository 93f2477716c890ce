// Times functions with mitata, interleaving the cases of a group round by round so that a
// slow patch of a shared machine hits every case alike. Each round gives a median (p50) per call;
// a figure is the lowest of its rounds' medians: other processes only ever add time, so the
// lowest round is the one least disturbed.
import { measure } from 'mitata'

export function settings(smoke) {
  return smoke
    ? { rounds: 1, opts: { min_cpu_time: 2e6, min_samples: 2, max_samples: 8, warmup_samples: 1, batch_samples: 64 } }
    : { rounds: 5, opts: { min_cpu_time: 200e6 } }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** cases: { name: fn }. Returns { name: nanoseconds per call (lowest p50 over the rounds) }. */
export async function timeGroup(cases, { rounds, opts }) {
  const names = Object.keys(cases)
  const samples = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round: no case always runs first or last.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]
      const stats = await measure(cases[name], opts)
      samples[name].push(stats.p50)
    }
  }
  return Object.fromEntries(names.map((name) => [name, Math.min(...samples[name])]))
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
 */
export function timePaired(baseline, cases, { blocks, calls }) {
  const names = Object.keys(cases)
  const all = { [baseline[0]]: baseline[1], ...cases }
  let sink
  const block = (fn) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) sink = fn()
    return Number(process.hrtime.bigint() - start) / calls
  }
  for (const fn of Object.values(all)) for (let k = 0; k < 20; k++) block(fn) // warm-up: optimised code
  const times = Object.fromEntries(Object.keys(all).map((name) => [name, []]))
  const added = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < blocks; round++) {
    let before = block(baseline[1])
    times[baseline[0]].push(before)
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]
      const time = block(cases[name])
      const after = block(baseline[1])
      times[name].push(time)
      times[baseline[0]].push(after)
      added[name].push(time - (before + after) / 2)
      before = after
    }
  }
  if (sink === undefined) throw new Error('no result')
  return Object.fromEntries(Object.keys(all).map((name) => [name, { time: median(times[name]), added: name === baseline[0] ? 0 : median(added[name]) }]))
}
