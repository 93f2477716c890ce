// README.md and docs/frameworks.md are assembled from docs/readme-parts/, whose snippets the
// example tests run; this keeps both files from drifting away from their parts.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM script without types
import { composeAll } from '../../scripts/build-readme.mjs'

const files = Object.entries((composeAll as () => Record<string, string>)())

describe('files generated from docs/readme-parts/', () => {
  it('include the README and docs/frameworks.md', () => {
    expect(files.map(([file]) => file)).toEqual(['README.md', 'docs/frameworks.md'])
  })

  it.each(files)('%s is exactly what its parts produce', (file, text) => {
    expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')).toBe(text)
  })
})
