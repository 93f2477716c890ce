// The default clock of originLookup: Date.now() read at most once a millisecond. Reading the clock
// costs more than the cached answer it guards (a Map lookup), so a burst of requests shares one
// reading, which a timer forgets after a millisecond. A timer runs only between loop turns, so a
// blocked event loop keeps the reading: it can be as old as the longest stall plus the rest of
// that turn (the options' `now` documents this; `now: Date.now` reads per request).

let reading: number | undefined

/** Milliseconds since the epoch, as old as a millisecond plus any event-loop stall since it was read. */
export function coarseNow(): number {
  if (reading !== undefined) return reading
  reading = Date.now()
  const timer: unknown = setTimeout(forget, 1)
  // Node's timers would keep a process alive; other runtimes return a number and need nothing.
  ;(timer as { unref?: () => void }).unref?.()
  return reading
}

function forget(): void {
  reading = undefined
}
