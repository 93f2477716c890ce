// The size check inside `npm test`: every public entry stays under its ceiling, the verdict
// fails where it should, and the peers are bundled as the report says.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM script without types
import * as sizeCheck from '../../scripts/check-size.mjs'

interface EntryRow {
  name: string
  file: string
  ceiling: number
  reason: string
  min: number
  gzip: number
  inputs: { path: string; bytes: number }[]
}
interface PeerRow {
  name: string
  external: string[]
  versus: string
  min: number
  gzip: number
  packages: string[]
  imported: string[]
}
interface SizeCheck {
  ceilingVerdict(size: number, ceiling: number): 'ok' | 'over ceiling'
  ceilingFor(size: number): number
  measureEntries(): Promise<EntryRow[]>
  measurePeers(): Promise<PeerRow[]>
  sizeReport(entries: EntryRow[], peers: PeerRow[]): { lines: string[]; failed: boolean }
}
const { ceilingVerdict, ceilingFor, measureEntries, measurePeers, sizeReport } = sizeCheck as SizeCheck

const entry = (gzip: number, ceiling = 1000): EntryRow => ({
  name: 'corsica',
  file: 'src/index.ts',
  ceiling,
  reason: 'test',
  min: 2 * gzip,
  gzip,
  inputs: [{ path: 'src/index.ts', bytes: 2 * gzip }],
})

describe('ceilingVerdict', () => {
  it.each([
    { size: 999, verdict: 'ok' },
    { size: 1000, verdict: 'ok' },
    { size: 1001, verdict: 'over ceiling' },
  ])('$size B against a 1000 B ceiling: $verdict', ({ size, verdict }) => {
    expect(ceilingVerdict(size, 1000)).toBe(verdict)
  })
})

describe('sizeReport', () => {
  it('fails and names the entry, its size and ceiling when an entry is over its ceiling', () => {
    const { lines, failed } = sizeReport([entry(1001)], [])
    expect(failed).toBe(true)
    expect(lines).toContain('over ceiling: corsica 1,001 B > 1,000 B. See what grew in "What each entry contains";')
  })

  it('passes when every entry is at or under its ceiling', () => {
    const { lines, failed } = sizeReport([entry(1000), entry(400)], [])
    expect(failed).toBe(false)
    expect(lines.join('\n')).not.toContain('over ceiling:')
  })

  it('suggests a ceiling 15% above the size, rounded up to 100 B', () => {
    expect(ceilingFor(8636)).toBe(10_000)
    expect(ceilingFor(1000)).toBe(1200)
  })
})

describe('the real entries', () => {
  let rows: EntryRow[]
  beforeAll(async () => {
    rows = await measureEntries()
  })

  it('measures exactly the entries package.json publishes', () => {
    const { exports } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>
    }
    const published = Object.keys(exports)
      .filter((path) => path !== './package.json')
      .map((path) => (path === '.' ? 'corsica' : `corsica/${path.slice(2)}`))
    expect(rows.map((row) => row.name).sort()).toEqual(published.sort())
  })

  it('has each entry under its ceiling', () => {
    for (const row of rows) {
      expect(ceilingVerdict(row.gzip, row.ceiling), `${row.name} ${row.gzip} B, ceiling ${row.ceiling} B`).toBe('ok')
    }
  })

  it('attributes each entry to its own source modules', () => {
    for (const row of rows) {
      expect(row.inputs.map((input) => input.path)).toContain(row.file)
      for (const input of row.inputs) expect(input.path).toMatch(/^src\//)
    }
  })
})

describe('the peers', () => {
  it('bundles each peer with its dependencies, leaving only the declared externals as imports', async () => {
    const peers = new Map((await measurePeers()).map((peer) => [peer.name, peer]))
    const names = (peer: PeerRow | undefined) => peer?.packages.map((item) => item.split(' ')[0])
    expect(names(peers.get('cors'))).toEqual(['cors', 'object-assign', 'vary'])
    expect(names(peers.get('hono/cors'))).toEqual(['hono'])
    expect(names(peers.get('@koa/cors'))).toEqual(['@koa/cors', 'vary'])
    expect(names(peers.get('@fastify/cors'))).not.toContain('fastify-plugin')
    expect(names(peers.get('@fastify/cors'))).not.toContain('fastify')
    expect(peers.get('@fastify/cors')?.imported).toEqual(['fastify-plugin'])
    for (const peer of peers.values()) expect(peer.gzip).toBeGreaterThan(0)
  })
})
