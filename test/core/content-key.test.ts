// The per-request options cache (corsica/express) keys options by content: equal keys must mean
// options that compile to the same policy, and the policy is compiled from the copy the key read.
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../src/core/content-key.js'

const allow = (): boolean => true
const regexpWithOwnTest = Object.defineProperty(/^https:\/\/a\.example$/, 'test', { value: () => true })
/** A subclass may override exec() or test(): its instances count by identity. */
class LooseRegExp extends RegExp {}

describe('snapshot keys are injective', () => {
  it.each<readonly [string, unknown, unknown]>([
    ['a string spelling a RegExp and the RegExp', 'regexp:/^a$/', /^a$/],
    ['a string spelling a function id and a function', '#0', allow],
    ['a number and a bigint', 600, 600n],
    ['a number and its string', 600, '600'],
    ['undefined and a missing option', { origin: undefined }, {}],
    // biome-ignore lint/suspicious/noSparseArray: the hole is what the row is about
    ['a hole and null', [, 'a'], [null, 'a']],
    ['an array and an object with index keys', ['a'], { 0: 'a' }],
    ['a RegExp and one with its own test()', /^https:\/\/a\.example$/, regexpWithOwnTest],
    ['a RegExp and a Proxy of it', /^a$/, new Proxy(/^a$/, {})],
    ['two functions with the same text', () => true, () => true],
    ['two strings', 'https://a.example', 'https://b.example'],
    ['two numbers', 600, 601],
    ['two bigints', 600n, 601n],
    ['true and false', true, false],
    ['two symbols of different text', Symbol.for('a'), Symbol.for('b')],
    ['two RegExps of different sources', /^https:\/\/a\.example$/, /^https:\/\/b\.example$/],
    ['two RegExps of different flags', /^https:\/\/a\.example$/, /^https:\/\/a\.example$/i],
    [
      'a RegExp and an instance of a RegExp subclass',
      /^https:\/\/a\.example$/,
      new LooseRegExp('^https://a\\.example$'),
    ],
    ['one value under two option names', { origin: 'https://a.example' }, { methods: 'https://a.example' }],
  ])('%s get different keys', (_, a, b) => {
    expect(snapshot(a).key).not.toBe(snapshot(b).key)
  })

  it.each<readonly [string, unknown, unknown]>([
    [
      'options of equal content, whatever the key order',
      { origin: ['https://a.example'], maxAge: 60 },
      { maxAge: 60, origin: ['https://a.example'] },
    ],
    ['a null-prototype object and a plain one', Object.assign(Object.create(null), { maxAge: 60 }), { maxAge: 60 }],
    ['one function, read twice', { origin: allow }, { origin: allow }],
  ])('%s get one key', (_, a, b) => {
    expect(snapshot(a).key).toBe(snapshot(b).key)
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

  it('copies every primitive as it is, and holes as undefined', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what the row is about
    const { value } = snapshot({ origin: ['https://a.example', 600, 600n, true, null, undefined, ,] })
    expect(value).toStrictEqual({ origin: ['https://a.example', 600, 600n, true, null, undefined, undefined] })
  })

  it('keeps values nested below an option value as they are (options are shallow): they count by identity', () => {
    const list = ['https://a.example']
    const record = { c: 'https://a.example' }
    const { value } = snapshot({ origin: [[list]], nested: { a: { b: record } } }) as {
      value: { origin: unknown[][][]; nested: { a: { b: unknown } } }
    }
    expect(value.origin[0]?.[0]).toBe(list)
    expect(value.nested.a.b).toBe(record)
  })

  it('rebuilds RegExps, so later changes to the original cannot reach the compiled policy', () => {
    const original = /^https:\/\/a\.example$/
    const { value } = snapshot({ origin: original }) as { value: { origin: RegExp } }
    expect(value.origin).not.toBe(original)
    expect([value.origin.source, value.origin.flags]).toEqual([original.source, original.flags])
  })
})
