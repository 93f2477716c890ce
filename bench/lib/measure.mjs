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
