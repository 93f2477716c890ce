// The size check CI runs: every entry stays under its ceiling, and the verdict fails where it should.
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM script without types
import { measure, sizeVerdict } from '../../scripts/check-size.mjs'

interface SizeRow {
  name: string
  target: number
  ceiling: number
  min: number
  gzip: number
}
const measureEntries = measure as () => Promise<SizeRow[]>
const verdict = sizeVerdict as (rows: SizeRow[], reportOnly: boolean) => { lines: string[]; failed: boolean }
const row = (gzip: number): SizeRow => ({ name: 'entry', target: 100, ceiling: 110, min: 300, gzip })

describe('size check', () => {
  it('measures every public entry under its ceiling', async () => {
    const rows = await measureEntries()
    expect(rows).toHaveLength(4)
    for (const measured of rows) expect(measured.gzip, measured.name).toBeLessThanOrEqual(measured.ceiling)
  })

  it.each([
    { case: 'within target', gzip: 100, reportOnly: false, failed: false },
    { case: 'over target', gzip: 101, reportOnly: false, failed: true },
    { case: 'over target, --report', gzip: 101, reportOnly: true, failed: false },
    { case: 'over ceiling', gzip: 111, reportOnly: false, failed: true },
    { case: 'over ceiling, --report', gzip: 111, reportOnly: true, failed: true },
  ])('$case: failed is $failed', ({ gzip, reportOnly, failed }) => {
    expect(verdict([row(gzip)], reportOnly).failed).toBe(failed)
  })

  it('names each entry over a limit with its size and the limit', () => {
    const { lines } = verdict([row(111)], true)
    expect(lines).toContain('over target: entry 111 B > 100 B')
    expect(lines).toContain('over ceiling (the code grew): entry 111 B > 110 B')
  })
})
