// What text output may carry and what it must say: server bytes escaped before they reach a
// terminal (JSON exact), a reason for every blocked engine, dropped headers named, a password
// never printed, stdin bounded, the overall deadline, colour codes that end before the newline.
import net, { type AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UsageError } from '../../src/cli/args.js'
import { palette } from '../../src/cli/colours.js'
import { DeadlineError, withDeadline } from '../../src/cli/deadline.js'
import { createSend } from '../../src/cli/http-client.js'
import { MAX_STDIN, readStream } from '../../src/cli/main.js'
import { renderProbe } from '../../src/cli/render.js'
import { run } from '../../src/cli/run.js'
import { MAX_SHOWN, safe } from '../../src/cli/sanitize.js'
import { simulate, type Send, type WireRequest } from '../../src/model/index.js'
import { fakeIo } from './support.js'

const ESC = '\u001b'
/** The palette's own SGR codes; anything else starting with ESC came from outside. */
const OUR_SGR = new RegExp(`${ESC}\\[(?:1|2|22|31|32|33|39)m`, 'g')

type Answer = (request: { method: string; path: string; origin: string | undefined }) => string | undefined
/** The bytes 0x80-0x9F: C1 controls (0x9B is CSI, 0x9D OSC) that Node's parser lets through. */
const CSI = '\u009b'
const OSC = '\u009d'
const ST = '\u009c'

/** A raw HTTP/1.1 server on loopback: `answer` returns the whole response, or undefined for silence. */
async function rawServer(answer: Answer, delay = 0): Promise<{ url: string; close(): void; hits: string[] }> {
  const hits: string[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    let buffer = ''
    socket.on('data', (data) => {
      buffer += data.toString('latin1')
      if (!buffer.includes('\r\n\r\n')) return
      const [first = '', ...lines] = buffer.split('\r\n')
      const [method = '', path = ''] = first.split(' ')
      const origin = lines
        .find((line) => /^origin:/i.test(line))
        ?.slice(7)
        .trim()
      hits.push(`${method} ${path}`)
      const response = answer({ method, path, origin })
      if (response !== undefined) setTimeout(() => socket.end(Buffer.from(response, 'latin1')), delay)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => {
      for (const socket of sockets) socket.destroy()
      server.close()
    },
  }
}

function response(status: string, headers: string[]): string {
  return `HTTP/1.1 ${status}\r\n${headers.map((line) => `${line}\r\n`).join('')}Content-Length: 0\r\nConnection: close\r\n\r\n`
}

let evil: Awaited<ReturnType<typeof rawServer>>
let slow: Awaited<ReturnType<typeof rawServer>>
let silent: Awaited<ReturnType<typeof rawServer>>
let redirects: Awaited<ReturnType<typeof rawServer>>

beforeAll(async () => {
  evil = await rawServer(({ path, origin }) => {
    if (path === '/long') return response('200 OK', [`Access-Control-Allow-Origin: ${'A'.repeat(15000)}`])
    return response('200 OK', [
      `Access-Control-Allow-Origin: ${origin ?? ''}${CSI}2J${OSC}0;TITLE${ST}${CSI}1A${CSI}2Kverdict: readable`,
      'Vary: Origin',
      `Access-Control-Evil: 1\u0085`,
    ])
  })
  slow = await rawServer(() => response('404 Not Found', []), 120)
  silent = await rawServer(() => undefined)
  redirects = await rawServer(({ path, origin }) => {
    const cors = `Access-Control-Allow-Origin: ${origin ?? '*'}`
    if (path === '/to-data') return response('302 Found', [cors, 'Location: data:text/plain,hi'])
    if (path === '/to-javascript') return response('302 Found', [cors, 'Location: javascript:alert(1)'])
    if (path === '/to-userinfo') return response('302 Found', [cors, 'Location: http://u:p@127.0.0.1/'])
    const hop = Number(path.slice(2) || 0)
    return response('302 Found', [cors, `Location: /n${hop + 1}`])
  })
})
afterAll(() => {
  for (const server of [evil, slow, silent, redirects]) server.close()
})

describe('safe()', () => {
  it('escapes C0, DEL and C1 controls as \\xNN and keeps the rest', () => {
    expect(safe(`a${ESC}[31mb\u0007\u007f\u0085\u009fc\td\u00a0é☃`)).toBe(
      'a\\x1b[31mb\\x07\\x7f\\x85\\x9fc\\x09d\u00a0é☃',
    )
    expect(safe('\u0000\u001f')).toBe('\\x00\\x1f')
  })

  it('cuts a very long value and says how long it was', () => {
    const text = safe('A'.repeat(15000))
    expect(text).toBe(`${'A'.repeat(MAX_SHOWN)}… (cut: 15000 characters)`)
    expect(safe('A'.repeat(MAX_SHOWN))).toBe('A'.repeat(MAX_SHOWN))
  })
})

describe('terminal injection', () => {
  function foreign(text: string): string {
    return text.replace(OUR_SGR, '')
  }

  it('probe on a terminal: the server cannot write C1 escape sequences; --json keeps the bytes', async () => {
    const { io, out, err } = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true })
    await run(['probe', `${evil.url}/x`, '--origin', 'http://localhost:5173'], io)
    const text = out.join('')
    expect(foreign(text)).not.toContain(ESC)
    expect(foreign(err.join(''))).not.toContain(ESC)
    for (const control of [CSI, OSC, ST, '\u0085']) expect(text).not.toContain(control)
    expect(text).toContain('http://localhost:5173\\x9b2J\\x9d0;TITLE\\x9c\\x9b1A\\x9b2Kverdict: readable')
    expect(text).toContain('Access-Control-Evil: 1\\x85')
    const json = fakeIo({ stdoutIsTTY: true })
    await run(['probe', `${evil.url}/x`, '--origin', 'http://localhost:5173', '--json'], json.io)
    const headers = JSON.parse(json.out.join('')).steps[0].response.headers as [string, string][]
    expect(headers[0]?.[1]).toBe(`http://localhost:5173${CSI}2J${OSC}0;TITLE${ST}${CSI}1A${CSI}2Kverdict: readable`)
  })

  it('whatever the client hands back (ESC, BEL, in names, values and redirects) is escaped', async () => {
    const client = (): Send => async (request) => ({
      status: request.url.endsWith('/next') ? 200 : 302,
      headers: [
        ['Access-Control-Allow-Origin', `x${ESC}]0;pwned\u0007${ESC}[2J`],
        [`Access-Control-${ESC}[31mEvil`, '1'],
        ['Location', `/next`],
      ],
    })
    for (const command of [
      ['probe', 'https://api.example/', '--origin', 'https://app.example'],
      ['audit', 'https://api.example/', '--origin', 'https://app.example'],
    ]) {
      const { io, out, err } = fakeIo({ client, stdoutIsTTY: true, stderrIsTTY: true })
      await run(command, io)
      const text = out.join('')
      expect(foreign(text)).not.toContain(ESC)
      expect(text).not.toContain('\u0007')
      expect(foreign(err.join(''))).not.toContain(ESC)
      expect(text).toContain('x\\x1b]0;pwned\\x07\\x1b[2J')
    }
  })

  it('audit and explain text: escaped too; a long value is cut with its length', async () => {
    const audit = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true })
    await run(['audit', `${evil.url}/x`, '--origin', 'https://app.example'], audit.io)
    expect(foreign(audit.out.join(''))).not.toContain(ESC)
    expect(audit.out.join('')).not.toContain(CSI)
    const long = fakeIo()
    await run(['probe', `${evil.url}/long`, '--origin', 'http://localhost:5173'], long.io)
    expect(long.out.join('')).toContain('… (cut: 15000 characters)')
    expect(long.out.join('')).not.toContain('A'.repeat(MAX_SHOWN + 1))
    const explain = fakeIo({ stdoutIsTTY: true })
    const message = `Access to fetch at 'http://a.example/${ESC}]0;x\u0007' from origin 'https://b.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`
    expect(await run(['explain', message], explain.io)).toBe(0)
    expect(foreign(explain.out.join(''))).not.toContain(ESC)
    expect(explain.out.join('')).toContain('url: http://a.example/\\x1b]0;x\\x07')
  })
})

describe('every blocked engine says why', () => {
  const local = 'http://localhost:5173'

  it.each([
    ['/to-data', 'not an http(s) URL', 'net::ERR_UNSAFE_REDIRECT'],
    ['/to-javascript', 'not an http(s) URL', 'net::ERR_UNSAFE_REDIRECT'],
    ['/to-userinfo', 'credentials', 'contains a username and password'],
    ['/n0', 'more than 20 redirects', 'net::ERR_TOO_MANY_REDIRECTS'],
  ])('a redirect %s that is refused: the reason, the fix and the console message', async (path, why, chromium) => {
    const { io, out } = fakeIo()
    expect(await run(['probe', `${redirects.url}${path}`, '--origin', local], io)).toBe(1)
    const text = out.join('')
    expect(text).toContain('verdict: blocked in chromium, firefox, webkit')
    expect(text).toMatch(
      new RegExp(
        `blocked \\(chromium, firefox, webkit\\): the redirect to .* cannot be followed by a CORS request \\(${why.replace(/[()]/g, '\\$&')}\\)`,
      ),
    )
    expect(text).toContain('fix: redirect to a plain http(s) URL')
    expect(text).toContain(`chromium console: `)
    expect(text.slice(text.indexOf('verdict:'))).toContain(chromium)
    expect(text).not.toContain('no reason given')
  })

  it('mixed content: nothing sent, every engine blocked with the console message', async () => {
    const sent: WireRequest[] = []
    const client = (): Send => async (request) => {
      sent.push(request)
      return { status: 200, headers: [] }
    }
    const { io, out } = fakeIo({ client })
    expect(await run(['probe', 'http://api.example/x', '--origin', 'https://app.example'], io)).toBe(1)
    expect(sent).toEqual([])
    const text = out.join('')
    expect(text).toContain(
      'blocked (chromium, firefox, webkit): an https: page cannot fetch http://api.example/x: mixed content is blocked before anything is sent',
    )
    expect(text).toContain(
      "chromium console: Mixed Content: The page at 'https://app.example/' was loaded over HTTPS, but requested an insecure resource 'http://api.example/x'.",
    )
    expect(text).toContain('firefox console: Blocked loading mixed active content “http://api.example/x”')
    expect(text).toContain('webkit console: [blocked] The page at https://app.example/')
  })

  it('a request fetch() refuses (a non-Latin-1 header value, in the model): the reason is printed', async () => {
    const simulation = await simulate(
      { url: 'https://api.example/', origin: 'https://app.example', headers: [['x-name', '☃']] },
      async () => ({ status: 200, headers: [] }),
    )
    const text = renderProbe(
      {
        request: { url: 'https://api.example/', origin: 'https://app.example' },
        simulation,
        networkError: undefined,
        dropped: [],
      },
      palette(false),
    )
    expect(text).toContain(
      'blocked (chromium, firefox, webkit): fetch() refuses these arguments before sending anything (x-name: ☃ is not a valid header)',
    )
    expect(text).toContain(
      "chromium console: TypeError: Failed to execute 'fetch' on 'Window': x-name: ☃ is not a valid header",
    )
  })

  it('CONNECT, TRACE and a URL with a password: usage errors before anything is sent, no password printed', async () => {
    const client = (): Send => async () => {
      throw new Error('nothing may be sent')
    }
    for (const argv of [
      ['probe', 'http://127.0.0.1:9/', '--origin', local, '-X', 'CONNECT'],
      ['probe', 'http://127.0.0.1:9/', '--origin', local, '-X', 'TRACE'],
      ['probe', 'http://alice:s3cret@127.0.0.1:9/', '--origin', local],
      ['audit', 'http://alice:s3cret@127.0.0.1:9/'],
    ]) {
      const { io, err, out } = fakeIo({ client })
      expect(await run(argv, io)).toBe(2)
      expect(out).toEqual([])
      expect(err.join('')).toMatch(
        /forbidden method: fetch\(\) refuses to send it|user name or password cannot be fetched/,
      )
      expect(err.join('')).not.toContain('s3cret')
    }
  })

  it('audit --origin null: a usage error, no stack trace', async () => {
    const { io, err } = fakeIo()
    expect(await run(['audit', 'http://127.0.0.1:9/', '--origin', 'null'], io)).toBe(2)
    expect(err.join('')).toBe(
      'corsica: the trusted origin cannot be null: audit derives look-alike origins from a real one (scheme://host[:port])\nRun `corsica audit --help` for the usage.\n',
    )
  })
})

describe('forbidden headers given with -H', () => {
  it('are named as dropped, in text and JSON, and never sent', async () => {
    const sent: WireRequest[] = []
    const client = (): Send => async (request) => {
      sent.push(request)
      return { status: 200, headers: [['Access-Control-Allow-Origin', '*']] }
    }
    const argv = [
      'probe',
      'https://api.example/',
      '--origin',
      'https://app.example',
      '-H',
      'Cookie: a=1',
      '-H',
      'Sec-Fetch-Mode: cors',
      '-H',
      'Content-Length: 5',
      '-H',
      'X-HTTP-Method-Override: TRACE',
      '-H',
      'x-ok: 1',
    ]
    const text = fakeIo({ client })
    await run(argv, text.io)
    const printed = text.out.join('')
    expect(printed).toContain('dropped: Cookie is a forbidden header name, browsers never let a script set it')
    expect(printed).toContain('dropped: Sec-Fetch-Mode is a forbidden header name, browsers never let a script set it')
    expect(printed).toContain('dropped: Content-Length is a forbidden header name')
    expect(printed).toContain('dropped: X-HTTP-Method-Override names a forbidden method')
    expect(printed).not.toContain('dropped: x-ok')
    for (const request of sent) expect(request.headers.map(([name]) => name.toLowerCase())).not.toContain('cookie')
    const json = fakeIo({ client })
    await run([...argv, '--json'], json.io)
    expect(JSON.parse(json.out.join('')).dropped).toEqual([
      { name: 'Cookie', why: 'is a forbidden header name, browsers never let a script set it' },
      { name: 'Sec-Fetch-Mode', why: 'is a forbidden header name, browsers never let a script set it' },
      { name: 'Content-Length', why: 'is a forbidden header name, browsers never let a script set it' },
      { name: 'X-HTTP-Method-Override', why: 'names a forbidden method, browsers never let a script set it' },
    ])
  })
})

describe('standard input for explain', () => {
  it('stops past 1 MiB with a usage error', async () => {
    const stream = new PassThrough()
    const reading = readStream(stream)
    stream.write(Buffer.alloc(MAX_STDIN, 'a'))
    stream.write('b')
    await expect(reading).rejects.toBeInstanceOf(UsageError)
    await expect(reading).rejects.toThrow(`standard input is over ${MAX_STDIN} bytes`)
    const exact = new PassThrough()
    const whole = readStream(exact, 4)
    exact.end('abcd')
    expect(await whole).toBe('abcd')
    const split = new PassThrough()
    const utf8 = readStream(split)
    split.write(Buffer.from([0xe2, 0x98]))
    split.end(Buffer.from([0x83]))
    expect(await utf8).toBe('☃')
  })

  it('run(): exit 2 and the message', async () => {
    const { io, err } = fakeIo({
      stdinIsTTY: false,
      readStdin: () => readStream(new PassThrough().end(Buffer.alloc(MAX_STDIN + 1, 'a'))),
    })
    expect(await run(['explain'], io)).toBe(2)
    expect(err.join('')).toContain(`corsica: standard input is over ${MAX_STDIN} bytes; paste the console message only`)
  })
})

describe('the overall deadline', () => {
  it('probe: a server that never answers is given up on at --deadline, exit 2', async () => {
    const { io, err, out } = fakeIo()
    const started = Date.now()
    expect(await run(['probe', `${silent.url}/`, '--origin', 'http://localhost:5173', '--deadline', '300'], io)).toBe(2)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(err.join('')).toBe(
      'corsica: gave up: the whole command took longer than --deadline 300 ms (raise --deadline, or lower --timeout)\n',
    )
    expect(out.join('')).toContain('network error: gave up')
  })

  it('audit: exit 2 with the message when the scan takes longer', async () => {
    const { io, err, out } = fakeIo()
    const started = Date.now()
    expect(await run(['audit', `${slow.url}/`, '--deadline', '250'], io)).toBe(2)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(out).toEqual([])
    expect(err.join('')).toContain('corsica: gave up: the whole command took longer than --deadline 250 ms')
  })

  it('withDeadline: no request after the deadline; the per-request timeout otherwise', async () => {
    let clock = 0
    const timeouts: number[] = []
    const client = (options: { timeout: number }): Send => {
      timeouts.push(options.timeout)
      return async () => ({ status: 204, headers: [] })
    }
    const send = withDeadline(client, 1000, 5000, () => clock)
    const request = { url: 'http://a.example/', method: 'GET', headers: [] }
    await send(request)
    clock = 4500
    await send(request)
    expect(timeouts).toEqual([1000, 500])
    clock = 5000
    await expect(send(request)).rejects.toBeInstanceOf(DeadlineError)
    expect(timeouts).toHaveLength(2)
    const failing = withDeadline(
      () => createSend({ timeout: 1 }),
      1000,
      5000,
      () => 0,
    )
    await expect(failing({ url: `${silent.url}/`, method: 'GET', headers: [] })).rejects.not.toBeInstanceOf(
      DeadlineError,
    )
  })
})

describe('colour', () => {
  it('progress lines: the colour ends before the newline', async () => {
    const { io, err } = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true })
    await run(['probe', `${redirects.url}/to-data`, '--origin', 'http://localhost:5173'], io)
    expect(err.length).toBeGreaterThan(0)
    for (const line of err) {
      expect(line.endsWith('\n')).toBe(true)
      expect(line.slice(0, -1)).not.toContain('\n')
      expect(line).toMatch(new RegExp(`${ESC}\\[(?:22|39)m\n$`))
    }
  })

  it('TERM=dumb: no colour on a terminal, progress still there', async () => {
    const { io, out, err } = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true, env: { TERM: 'dumb' } })
    await run(['probe', `${redirects.url}/to-data`, '--origin', 'http://localhost:5173'], io)
    expect(out.join('')).not.toContain(ESC)
    expect(err.join('')).not.toContain(ESC)
    expect(err.join('')).toContain('→ GET ')
  })
})
