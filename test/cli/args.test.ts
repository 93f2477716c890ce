import { describe, expect, it } from 'vitest'
import { checkOrigin, DEFAULT_DEADLINE, DEFAULT_TIMEOUT, parseArgs, UsageError } from '../../src/cli/args.js'
import { useColour, palette } from '../../src/cli/colours.js'
import { usage } from '../../src/cli/help.js'

function usageError(argv: string[]): UsageError {
  try {
    parseArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }
  throw new Error(`no usage error for ${argv.join(' ')}`)
}

describe('parseArgs', () => {
  it('reads probe with every option, in both flag spellings', () => {
    expect(
      parseArgs([
        'probe',
        'http://127.0.0.1:1/items',
        '--origin=https://app.example',
        '-X',
        'PUT',
        '--header',
        'X-Trace: 1',
        '-H',
        'content-type:application/json',
        '--credentials',
        '--json',
        '--timeout',
        '250',
        '--deadline=5000',
      ]),
    ).toEqual({
      name: 'probe',
      url: 'http://127.0.0.1:1/items',
      origin: 'https://app.example',
      method: 'PUT',
      headers: [
        ['X-Trace', '1'],
        ['content-type', 'application/json'],
      ],
      credentials: true,
      json: true,
      timeout: 250,
      deadline: 5000,
    })
  })

  it('defaults: GET, no headers, same-origin credentials, 10 s', () => {
    expect(parseArgs(['probe', 'https://api.example', '--origin', 'null'])).toEqual({
      name: 'probe',
      url: 'https://api.example/',
      origin: 'null',
      method: 'GET',
      headers: [],
      credentials: false,
      json: false,
      timeout: DEFAULT_TIMEOUT,
      deadline: DEFAULT_DEADLINE,
    })
  })

  it('reads audit and explain', () => {
    expect(parseArgs(['audit', 'https://api.example/x', '--json'])).toEqual({
      name: 'audit',
      url: 'https://api.example/x',
      origin: undefined,
      json: true,
      timeout: DEFAULT_TIMEOUT,
      deadline: DEFAULT_DEADLINE,
    })
    expect(parseArgs(['audit', '--origin', 'https://app.example', '--', 'https://api.example/x']).name).toBe('audit')
    expect(parseArgs(['explain', 'Access', 'to', 'fetch'])).toEqual({
      name: 'explain',
      message: 'Access to fetch',
      json: false,
    })
    expect(parseArgs(['explain'])).toEqual({ name: 'explain', message: undefined, json: false })
    expect(parseArgs(['explain', '-', '--json'])).toEqual({ name: 'explain', message: undefined, json: true })
  })

  it('help: no arguments, --help, -h, help <command>, <command> --help', () => {
    expect(parseArgs([])).toEqual({ name: 'help', topic: undefined })
    expect(parseArgs(['--help'])).toEqual({ name: 'help', topic: undefined })
    expect(parseArgs(['help', 'audit'])).toEqual({ name: 'help', topic: 'audit' })
    expect(parseArgs(['help', 'nonsense'])).toEqual({ name: 'help', topic: undefined })
    expect(parseArgs(['probe', '-h'])).toEqual({ name: 'help', topic: 'probe' })
    expect(parseArgs(['explain', '--help'])).toEqual({ name: 'help', topic: 'explain' })
  })

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"', undefined],
    [['--frob'], 'unknown option "--frob"', undefined],
    [
      ['probe', 'http://a.example', '--origin', 'https://b.example', '--frob'],
      'unknown option --frob for `corsica probe`',
      'probe',
    ],
    [['probe', 'http://a.example', '--origin', 'https://b.example', '-Z'], 'unknown option -Z', 'probe'],
    [['audit', 'http://a.example', '--header', 'a: b'], 'unknown option --header for `corsica audit`', 'audit'],
    [['probe', 'http://a.example', '--origin'], '--origin needs a value', 'probe'],
    [['probe', 'http://a.example', '--origin', 'https://b.example', '--json=yes'], '--json takes no value', 'probe'],
    [
      ['probe', 'http://a.example', '--origin', 'https://b.example', '--origin', 'https://c.example'],
      '--origin given twice',
      'probe',
    ],
    [['probe', '--origin', 'https://b.example'], '`corsica probe` needs a URL', 'probe'],
    [['probe', 'http://a.example'], 'needs --origin', 'probe'],
    [['probe', 'not a url', '--origin', 'https://b.example'], 'not an absolute URL: not a url', 'probe'],
    [['probe', 'ftp://a.example', '--origin', 'https://b.example'], 'only http: and https: URLs', 'probe'],
    [
      ['probe', 'http://a.example', 'http://b.example', '--origin', 'https://b.example'],
      'unexpected argument "http://b.example"',
      'probe',
    ],
    [['probe', 'http://a.example', '--origin', 'https://b.example/path'], 'did you mean https://b.example?', 'probe'],
    [['probe', 'http://a.example', '--origin', 'b.example'], 'not an origin: b.example;', 'probe'],
    [['probe', 'http://a.example', '--origin', 'data:text/plain,x'], 'not an origin: data:', 'probe'],
    [['probe', 'http://a.example', '--origin', 'https://b.example', '-X', 'GE T'], 'not a method', 'probe'],
    [
      ['probe', 'http://a.example', '--origin', 'https://b.example', '-H', 'no colon'],
      "a header is 'name: value'",
      'probe',
    ],
    [
      ['probe', 'http://a.example', '--origin', 'https://b.example', '-H', 'bad name: x'],
      "a header is 'name: value'",
      'probe',
    ],
    [['audit', 'http://a.example', '--timeout', '0'], '--timeout is milliseconds', 'audit'],
    [['audit', 'http://a.example', '--timeout', '1.5'], '--timeout is milliseconds', 'audit'],
    [['audit', 'http://a.example', '--timeout', '600001'], '--timeout is milliseconds', 'audit'],
    [['audit', 'http://a.example', '--origin', 'nope'], 'not an origin', 'audit'],
    [['audit', 'http://a.example', '--origin', 'null'], 'the trusted origin cannot be null', 'audit'],
    [['audit', 'http://a.example', '--deadline', '0'], '--deadline is milliseconds, 1..3600000', 'audit'],
    [['probe', 'http://a.example', '--origin', 'null', '--deadline', 'soon'], '--deadline is milliseconds', 'probe'],
    [['probe', 'http://a.example', '--origin', 'null', '-X', 'CONNECT'], 'CONNECT is a forbidden method', 'probe'],
    [['probe', 'http://a.example', '--origin', 'null', '-X', 'trace'], 'trace is a forbidden method', 'probe'],
    [['probe', 'http://a.example', '--origin', 'null', '-X', 'Track'], 'fetch() refuses to send it', 'probe'],
    [
      ['probe', 'http://a.example', '--origin', 'null', '-H', 'x-name: Zoë ☃'],
      'fetch() refuses the value of x-name',
      'probe',
    ],
    [['probe', 'http://a.example', '--origin', 'null', '-H', 'x-a: 1\r\nx-b: 2'], 'without NUL, CR or LF', 'probe'],
  ])('%j is a usage error', (argv, message, topic) => {
    const error = usageError(argv)
    expect(error.message).toContain(message)
    expect(error.topic).toBe(topic)
    expect(error.name).toBe('UsageError')
  })

  it.each([
    ['probe', 'https://alice:s3cret@api.example/items', '--origin', 'https://app.example'],
    ['audit', 'http://alice:s3cret@api.example/'],
    ['audit', 'http://:s3cret@api.example/'],
    ['probe', 'http://alice@api.example/', '--origin', 'null'],
  ])('a URL with user info is a usage error that never shows the password: %s %s', (...argv) => {
    const error = usageError(argv)
    expect(error.message).toContain('a URL with a user name or password cannot be fetched (fetch() throws a TypeError)')
    expect(error.message).toContain('://api.example/')
    expect(error.message).not.toContain('s3cret')
    expect(error.message).not.toContain('alice')
  })

  it('a header value in Latin-1 is fine', () => {
    const command = parseArgs(['probe', 'http://a.example', '--origin', 'null', '-H', 'x-name: Zoë'])
    expect(command).toMatchObject({ headers: [['x-name', 'Zoë']] })
  })

  it('checkOrigin keeps serialized origins and null', () => {
    expect(checkOrigin('http://localhost:5173', 'probe')).toBe('http://localhost:5173')
    expect(checkOrigin('null', 'audit')).toBe('null')
    expect(() => checkOrigin('http://localhost:80', 'probe')).toThrow('did you mean http://localhost?')
  })
})

describe('colours', () => {
  it('on a terminal only, and never with NO_COLOR set to something', () => {
    expect(useColour(true, {})).toBe(true)
    expect(useColour(true, { NO_COLOR: '' })).toBe(true)
    expect(useColour(true, { NO_COLOR: '1' })).toBe(false)
    expect(useColour(false, {})).toBe(false)
    expect(useColour(true, { TERM: 'dumb' })).toBe(false)
    expect(useColour(true, { TERM: 'xterm-256color' })).toBe(true)
  })

  it('paints with SGR codes, or not at all', () => {
    const on = palette(true)
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m')
    expect([on.green('x'), on.yellow('x'), on.bold('x'), on.dim('x')].every((text) => text.includes('\u001b['))).toBe(
      true,
    )
    const off = palette(false)
    expect([off.red('x'), off.green('x'), off.yellow('x'), off.bold('x'), off.dim('x')]).toEqual([
      'x',
      'x',
      'x',
      'x',
      'x',
    ])
  })
})

describe('usage', () => {
  it('has a text per command and one for corsica', () => {
    expect(usage(undefined)).toContain('corsica probe <url> --origin <origin>')
    expect(usage('probe')).toContain('Exit status: 0 readable in every engine')
    expect(usage('audit')).toContain('high-severity')
    expect(usage('explain')).toContain('reads standard input')
  })
})
