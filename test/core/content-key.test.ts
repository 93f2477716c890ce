// The per-request options cache (corsica/express) keys options by content: equal keys must mean
// options that compile to the same policy, and the policy is compiled from the copy the key read.
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../src/core/content-key.js'

const allow = (): boolean => true
const regexpWithOwnTest = Object.defineProperty(/^https:\/\/a\.example$/, 'test', { value: () => true })

describe('snapshot keys are injective', () => {
  it.each<readonly [string, unknown, unknown]>([
    ['a string spelling a RegExp and the RegExp', 'regexp:/^a$/', /^a$/],
    ['a string spelling a function id and a function', '#0', allow],
    ['a number and a bigint', 600, 600n],
    ['a number and its string', 600, '600'],
    ['undefined and a missing option', { origin: undefined }, {}],
    ['a hole and null', [, 'a'], [null, 'a']],
    ['an array and an object with index keys', ['a'], { 0: 'a' }],
    ['a RegExp and one with its own test()', /^https:\/\/a\.example$/, regexpWithOwnTest],
    ['a RegExp and a Proxy of it', /^a$/, new Proxy(/^a$/, {})],
    ['two functions with the same text', () => true, () => true],
  ])('%s get different keys', (_, a, b) => {
    expect(snapshot(a).key).not.toBe(snapshot(b).key)
  })

  it('options of equal content get one key, whatever the key order', () => {
    expect(snapshot({ origin: ['https://a.example'], maxAge: 60 }).key).toBe(snapshot({ maxAge: 60, origin: ['https://a.example'] }).key)
  })
})

describe('the copy is what the key read', () => {
  it('reads a getter once, and the copy holds that one value', () => {
    let reads = 0
    const origins = ['https://a.example']
    Object.defineProperty(origins, 0, { enumerable: true, get: () => (reads++ === 0 ? 'https://a.example' : '*') })
    const { value } = snapshot({ origin: origins })
    expect(reads).toBe(1)
    expect(value).toEqual({ origin: ['https://a.example'] })
  })

  it('rebuilds RegExps, so later changes to the original cannot reach the compiled policy', () => {
    const original = /^https:\/\/a\.example$/
    const { value } = snapshot({ origin: original }) as { value: { origin: RegExp } }
    expect(value.origin).not.toBe(original)
    expect([value.origin.source, value.origin.flags]).toEqual([original.source, original.flags])
  })
})
