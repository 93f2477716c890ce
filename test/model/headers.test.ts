// HTTP whitespace trimming: correct at the edges, and linear, so a megabyte of spaces inside a
// header value cannot stall a check (the old regex took minutes on this; the test would time out).
import { describe, expect, it } from 'vitest'
import { getHeader, tokenList, trimHttp } from '../../src/model/headers.js'
import { checkActual } from '../../src/model/index.js'

const MB = 1 << 20

describe('trimHttp', () => {
  it.each([
    ['', ''],
    [' \t\r\n', ''],
    ['  a b  ', 'a b'],
    ['\ta\n', 'a'],
    ['a', 'a'],
    ['\u00a0a\u00a0', '\u00a0a\u00a0'], // not HTTP whitespace
  ])('%j → %j', (value, trimmed) => {
    expect(trimHttp(value)).toBe(trimmed)
  })

  it('a 1 MB run of spaces: leading, trailing and inside a value', () => {
    const spaces = ' '.repeat(MB)
    expect(trimHttp(`${spaces}a`)).toBe('a')
    expect(trimHttp(`a${spaces}`)).toBe('a')
    const inside = `a${spaces}b`
    expect(trimHttp(inside)).toBe(inside)
    expect(trimHttp(`\t${inside}\r\n`)).toBe(inside)
  })

  it('header reads on a 1 MB value of spaces and tabs', () => {
    const value = `x${' \t'.repeat(MB / 2)}y`
    expect(getHeader([['Vary', value]], 'vary')).toBe(value)
    expect(tokenList([['Access-Control-Allow-Headers', `a,${value}`]], 'access-control-allow-headers')).toBe('failure')
    const verdicts = checkActual(
      { url: 'https://api.example/', origin: 'https://app.example' },
      { status: 200, headers: [['Access-Control-Allow-Origin', `https://app.example${' '.repeat(MB)}`]] },
    )
    expect(verdicts.standard.ok).toBe(true)
  })
})
