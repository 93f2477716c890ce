// The README's configuration-error example must throw exactly the error printed under it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CorsConfigError, createCors } from '../../src/index.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('README configuration-error example', () => {
  it('throws the CorsConfigError printed below it', () => {
    const start = readme.indexOf('<!-- readme-example: config-error -->')
    expect(start).not.toBe(-1)
    const [, code = '', printed = ''] =
      /```js\n([\s\S]*?)```\n\n```text\n([\s\S]*?)\n```/.exec(readme.slice(start)) ?? []
    expect(code).not.toBe('')
    let thrown: unknown
    try {
      new Function('createCors', code)(createCors)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CorsConfigError)
    const error = thrown as CorsConfigError
    expect(`${error.name}: ${error.message}`).toBe(printed)
  })
})
