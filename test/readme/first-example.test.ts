// The README's first example must run exactly as written and print what its comments say.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as corsica from '../../src/index.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

function exampleAfter(marker: string): string {
  const start = readme.indexOf(`<!-- readme-example: ${marker} -->`)
  const code = /```js\n([\s\S]*?)```/.exec(readme.slice(start))?.[1]
  if (start === -1 || code === undefined) throw new Error(`README example "${marker}" not found`)
  return code
}

/** Runs an ESM snippet whose only import is `corsica`, collecting what it logs. */
function run(snippet: string): string[] {
  const logged: string[] = []
  const body = snippet.replace(/^import \{ ([^}]+) \} from 'corsica'$/m, 'const { $1 } = corsica')
  new Function('corsica', 'console', body)(corsica, { log: (...values: unknown[]) => logged.push(values.join(' ')) })
  return logged
}

describe('README first example', () => {
  it('runs as written and prints what its comments promise', () => {
    const snippet = exampleAfter('first')
    const promised = [...snippet.matchAll(/console\.log\(.*\) \/\/ (.*)$/gm)].map((match) => match[1] ?? '')
    const logged = run(snippet)
    expect(logged).toHaveLength(promised.length)
    for (const [index, line] of logged.entries())
      expect(line.startsWith((promised[index] ?? '').replace(/…$/, ''))).toBe(true)
  })
})
