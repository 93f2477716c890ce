// README.md is assembled from docs/readme-parts/, whose snippets the example tests run; this keeps
// the README itself from drifting away from them.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain ESM script without types
import { composeReadme } from '../../scripts/build-readme.mjs'

describe('README.md', () => {
  it('is exactly what docs/readme-parts/ produce', () => {
    expect(readFileSync(new URL('../../README.md', import.meta.url), 'utf8')).toBe((composeReadme as () => string)())
  })
})
