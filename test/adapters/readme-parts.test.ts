// The README's quick-starts are the example files, verbatim: each code block in
// docs/readme-parts/quickstarts.md follows a marker naming its file, and must equal it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const quickstarts = readFileSync(new URL('docs/readme-parts/quickstarts.md', root), 'utf8')
const snippets = [...quickstarts.matchAll(/<!-- example: (examples\/[\w-]+\.mjs) -->\n```js\n([\s\S]*?)```/g)].map((match) => [match[1]!, match[2]!] as const)

describe('docs/readme-parts/quickstarts.md', () => {
  it('has a snippet for every framework', () => {
    expect(snippets.map(([file]) => file)).toEqual(['node-http', 'node-http-async', 'express', 'fastify', 'koa', 'hono', 'fetch-node'].map((name) => `examples/${name}.mjs`))
  })

  it.each(snippets)('%s is verbatim', (file, code) => {
    expect(code).toBe(readFileSync(new URL(file, root), 'utf8'))
  })
})
