// The framework quick-starts shown in the README (docs/readme-parts/quickstarts.md) and in
// docs/frameworks.md (docs/readme-parts/frameworks.md and more-frameworks.md) are the example files,
// verbatim: each code block follows a marker naming its file, and must equal it. Every example the
// examples test runs is shown once, in one of them.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EXAMPLES } from './support/examples.js'

const root = new URL('../../', import.meta.url)
const PARTS = [
  'docs/readme-parts/quickstarts.md',
  'docs/readme-parts/frameworks.md',
  'docs/readme-parts/more-frameworks.md',
]
const snippets = PARTS.flatMap((part) =>
  [
    ...readFileSync(new URL(part, root), 'utf8').matchAll(
      /<!-- example: (examples\/[\w-]+\.mjs) -->\n```js\n([\s\S]*?)```/g,
    ),
  ].map((match) => [match[1] ?? '', part, match[2] ?? ''] as const),
)

describe('framework quick-starts in the README and docs/frameworks.md', () => {
  it('show every framework example exactly once', () => {
    const shown = snippets.map(([file]) => file).sort()
    expect(shown).toEqual([...EXAMPLES].map((name) => `examples/${name}.mjs`).sort())
  })

  it("show each adapter's quick start in the README", () => {
    const inReadme = snippets.filter(([, part]) => part === PARTS[0]).map(([file]) => file)
    expect(inReadme).toEqual(
      ['express', 'node-http', 'fetch-node', 'fastify', 'koa', 'hono'].map((name) => `examples/${name}.mjs`),
    )
  })

  it.each(snippets)('%s in %s is verbatim', (file, _part, code) => {
    expect(code).toBe(readFileSync(new URL(file, root), 'utf8'))
  })
})

// The runtime examples (docs/readme-parts/runtimes.md) run in the runtimes suite, which needs Bun,
// Deno and workerd; their text is checked here too, so a reformatted example fails in `npm test`.
describe('runtime examples in docs/readme-parts/runtimes.md', () => {
  const part = readFileSync(new URL('docs/readme-parts/runtimes.md', root), 'utf8')
  const blocks = [...part.matchAll(/<!-- example: (examples\/[\w.-]+) -->\n```\w+\n([\s\S]*?)```/g)]

  it.each(blocks.map((match) => [match[1] ?? '', match[2] ?? ''] as const))('%s is verbatim', (file, code) => {
    expect(code).toBe(readFileSync(new URL(file, root), 'utf8'))
  })
})
