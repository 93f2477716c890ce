// The built `corsica` as a child process (exit status, --json shape, plain output off a terminal,
// NO_COLOR, usage and network errors), and run() in-process with a terminal pretended.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { NOT_RECOGNISED, runExplain } from '../../src/cli/explain.js'
import { run } from '../../src/cli/run.js'
import type { Send } from '../../src/model/index.js'
import { startFleet, type Fleet } from './servers/fleet.js'
import { freePort } from './servers/listen.js'
import type { Running } from './servers/listen.js'
import { startMalformed } from './servers/mistakes.js'
import { fakeIo } from './support.js'

const CHROMIUM_MESSAGE =
  "Access to fetch at 'http://127.0.0.1:4000/items' from origin 'http://localhost:3000' has been blocked by CORS policy: Request header field x-trace is not allowed by Access-Control-Allow-Headers in preflight response."
const ESC = '\u001b['

let dir: string
let cli: string
let fleet: Fleet
let malformed: Running

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corsica-cli-'))
  // CORSICA_CLI: a built bin to test instead (dist/cli.js after `npm run build`).
  cli = process.env.CORSICA_CLI ?? join(dir, 'cli.mjs')
  if (process.env.CORSICA_CLI === undefined) {
    await build({
      entryPoints: ['src/cli/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node18',
      outfile: cli,
      logLevel: 'warning',
    })
  }
  ;[fleet, malformed] = await Promise.all([startFleet(), startMalformed()])
}, 30_000)

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await Promise.all([fleet.close(), malformed.close()])
})

interface Ran {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

function corsica(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, NO_COLOR: '', ...options.env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error?.code ?? 0
        resolve({ status: typeof code === 'number' ? code : -1, stdout, stderr })
      },
    )
    child.stdin?.end(options.input ?? '')
  })
}

describe('the built CLI', () => {
  it('--help and <command> --help: exit 0', async () => {
    const main = await corsica(['--help'])
    expect(main.status).toBe(0)
    expect(main.stdout).toContain('corsica probe <url> --origin <origin>')
    const probe = await corsica(['probe', '--help'])
    expect(probe.stdout).toContain('Exit status: 0 readable in every engine')
  })

  it('usage errors: exit 2 with what was wrong', async () => {
    const unknown = await corsica(['probe', 'http://127.0.0.1:1/', '--origin', 'http://a.example', '--frob'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toBe(
      'corsica: unknown option --frob for `corsica probe`\nRun `corsica probe --help` for the usage.\n',
    )
    const command = await corsica(['prob'])
    expect(command.status).toBe(2)
    expect(command.stderr).toContain('Run `corsica --help`')
    expect((await corsica(['probe', 'http://127.0.0.1:1/'])).stderr).toContain('needs --origin')
  })

  it('probe, readable: exit 0, plain text off a terminal', async () => {
    const ran = await corsica([
      'probe',
      `${fleet.urls['corsica/node']}/items`,
      '--origin',
      'http://localhost:5173',
      '-H',
      'x-trace: 1',
      '--credentials',
    ])
    expect(ran.status).toBe(0)
    expect(ran.stdout).toContain('verdict: readable in chromium, firefox, webkit')
    expect(ran.stdout).not.toContain(ESC)
    expect(ran.stderr).toBe('') // no progress when stderr is not a terminal
  })

  it('probe --json: one object with verdict, engines, standard, steps, request', async () => {
    const ran = await corsica([
      'probe',
      `${fleet.urls['corsica/fastify']}/items`,
      '--origin',
      'http://localhost:5173',
      '--header',
      'x-trace: 1',
      '--json',
    ])
    expect(ran.status).toBe(1)
    const report = JSON.parse(ran.stdout) as Record<string, unknown> & {
      engines: Record<string, { verdict: string; problem?: { code: string; fix: { header: string; corsica: string } } }>
      steps: { kind: string }[]
    }
    expect(report.verdict).toBe('blocked')
    expect(Object.keys(report.engines)).toEqual(['chromium', 'firefox', 'webkit'])
    expect(report.engines.chromium?.problem?.code).toBe('header-not-allowed')
    expect(report.engines.chromium?.problem?.fix.header).toBe('add `x-trace` to Access-Control-Allow-Headers')
    expect(report.steps.map((step) => step.kind)).toEqual(['preflight'])
    expect(report).toHaveProperty('standard')
    expect(report.request).toEqual({
      url: `${fleet.urls['corsica/fastify']}/items`,
      origin: 'http://localhost:5173',
      method: 'GET',
      headers: [['x-trace', '1']],
      credentials: 'same-origin',
    })
  })

  it('probe, blocked: exit 1 with the fix', async () => {
    const ran = await corsica(['probe', `${fleet.urls.mistakes}/double-acao`, '--origin', 'http://localhost:5173'])
    expect(ran.status).toBe(1)
    expect(ran.stdout).toContain('Access-Control-Allow-Origin has more than one value')
    expect(ran.stdout).toContain('fix: ')
  })

  it('a closed port: exit 2, in text and in JSON', async () => {
    const url = `http://127.0.0.1:${await freePort()}/`
    const text = await corsica(['probe', url, '--origin', 'http://localhost:5173'])
    expect(text.status).toBe(2)
    expect(text.stdout).toContain('network error: connection refused')
    const json = await corsica(['probe', url, '--origin', 'http://localhost:5173', '--json'])
    expect(json.status).toBe(2)
    expect(JSON.parse(json.stdout).error).toEqual({
      message: `connection refused by ${new URL(url).host}`,
      url,
      code: 'ECONNREFUSED',
    })
    const audit = await corsica(['audit', url])
    expect(audit.status).toBe(2)
    expect(audit.stderr).toContain('corsica: network error: connection refused')
  })

  it('a response that is not HTTP: exit 2', async () => {
    const ran = await corsica(['probe', malformed.url, '--origin', 'http://localhost:5173', '--timeout', '3000'])
    expect(ran.status).toBe(2)
    expect(ran.stdout).toContain('malformed response')
  })

  it('audit: exit 1 on a high finding, 0 without; --json', async () => {
    const leaky = await corsica([
      'audit',
      `${fleet.urls['cors (origin: true, credentials)']}/x`,
      '--origin',
      'http://localhost:5173',
    ])
    expect(leaky.status).toBe(1)
    expect(leaky.stdout).toContain('HIGH')
    const json = await corsica([
      'audit',
      `${fleet.urls['corsica/node']}/items`,
      '--origin',
      'http://localhost:5173',
      '--json',
    ])
    expect(json.status).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({
      url: `${fleet.urls['corsica/node']}/items`,
      trustedOrigin: 'http://localhost:5173',
      trusted: { credentials: true, plain: true },
      findings: [],
    })
  })

  // util-linux `script` gives the child a terminal: colours and progress, unless NO_COLOR.
  const SCRIPT = '/usr/bin/script'
  it.skipIf(!existsSync(SCRIPT))('on a terminal: colours and progress; NO_COLOR=1: none', async () => {
    const onTerminal = (env: Record<string, string>): Promise<Ran> =>
      new Promise((resolve) => {
        const command = [
          process.execPath,
          cli,
          'probe',
          `${fleet.urls.mistakes}/acac-case`,
          '--origin',
          'http://localhost:5173',
          '--credentials',
        ]
        execFile(
          SCRIPT,
          ['-qec', command.map((word) => `'${word}'`).join(' '), '/dev/null'],
          { env: { ...process.env, NO_COLOR: '', ...env }, timeout: 20_000 },
          (error, stdout, stderr) => {
            const code = error?.code ?? 0
            resolve({ status: typeof code === 'number' ? code : -1, stdout, stderr })
          },
        )
      })
    const coloured = await onTerminal({})
    expect(coloured.status).toBe(1)
    expect(coloured.stdout).toContain(`${ESC}31mblocked`)
    expect(coloured.stdout).toContain('→ GET ')
    const plain = await onTerminal({ NO_COLOR: '1' })
    expect(plain.status).toBe(1)
    expect(plain.stdout).not.toContain(ESC)
    expect(plain.stdout).toContain('→ GET ')
  })

  it('explain: more than 1 MiB on standard input is a usage error; audit --origin null too, no stack', async () => {
    const big = await corsica(['explain'], { input: 'x'.repeat((1 << 20) + 1) })
    expect(big.status).toBe(2)
    expect(big.stderr).toContain('corsica: standard input is over 1048576 bytes; paste the console message only')
    const nullOrigin = await corsica(['audit', 'http://127.0.0.1:9/', '--origin', 'null'])
    expect(nullOrigin.status).toBe(2)
    expect(nullOrigin.stderr).toContain('the trusted origin cannot be null')
    expect(nullOrigin.stderr).not.toContain('    at ')
  })

  it('explain: recognised (argument or standard input) exit 0, not recognised exit 1', async () => {
    const argument = await corsica(['explain', CHROMIUM_MESSAGE])
    expect(argument.status).toBe(0)
    expect(argument.stdout).toContain('engine: chromium')
    expect(argument.stdout).toContain('fix: add `x-trace` to Access-Control-Allow-Headers')
    const piped = await corsica(['explain', '--json'], { input: CHROMIUM_MESSAGE })
    expect(piped.status).toBe(0)
    expect(JSON.parse(piped.stdout)).toMatchObject({ recognised: true, engine: 'chromium', code: 'header-not-allowed' })
    const unknown = await corsica(['explain', 'hello there'])
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toBe(NOT_RECOGNISED)
  })
})

describe('run() in-process', () => {
  it('on a terminal: colours, and each request on stderr as it happens', async () => {
    const { io, out, err } = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true })
    const status = await run(
      ['probe', `${fleet.urls.mistakes}/missing-header`, '--origin', 'http://localhost:5173', '-H', 'x-trace: 1'],
      io,
    )
    expect(status).toBe(1)
    expect(out.join('')).toContain(`${ESC}31mblocked`)
    expect(err.join('')).toMatch(/→ OPTIONS http:\/\/127\.0\.0\.1:\d+\/missing-header/)
    expect(err.join('')).toContain('← 204, ')
  })

  it('NO_COLOR on a terminal: no colour, progress still there', async () => {
    const { io, out, err } = fakeIo({ stdoutIsTTY: true, stderrIsTTY: true, env: { NO_COLOR: '1' } })
    await run(['audit', `${fleet.urls['corsica/express']}/items`], io)
    expect(out.join('')).not.toContain(ESC)
    expect(err.join('')).not.toContain(ESC)
    expect(err.join('')).toContain('→ GET ')
  })

  it('a failed request on a terminal', async () => {
    const { io, err } = fakeIo({ stderrIsTTY: true })
    expect(await run(['probe', `http://127.0.0.1:${await freePort()}/`, '--origin', 'http://localhost:5173'], io)).toBe(
      2,
    )
    expect(err.join('')).toContain('✗ connection refused')
  })

  it('explain: standard input, not recognised with --json, and no input on a terminal', async () => {
    const piped = fakeIo({ stdinIsTTY: false, readStdin: async () => `${CHROMIUM_MESSAGE}\n` })
    expect(await run(['explain'], piped.io)).toBe(0)
    expect(piped.out.join('')).toContain('header: x-trace')
    const unknown = fakeIo()
    expect(await run(['explain', '--json', 'nothing like it'], unknown.io)).toBe(1)
    expect(JSON.parse(unknown.out.join(''))).toEqual({ recognised: false })
    const terminal = fakeIo({ stdinIsTTY: true })
    expect(await run(['explain'], terminal.io)).toBe(2)
    expect(terminal.err.join('')).toContain('paste the console message in quotes, or pipe it in')
    expect(runExplain('   ')).toBeUndefined()
  })

  it('probe --json off a terminal: no progress; a network error in the object', async () => {
    const readable = fakeIo()
    expect(
      await run(
        ['probe', `${fleet.urls['corsica/node']}/items`, '--origin', 'http://localhost:5173', '--json'],
        readable.io,
      ),
    ).toBe(0)
    expect(JSON.parse(readable.out.join('')).verdict).toBe('readable')
    expect(readable.err).toEqual([])
    const refused = fakeIo()
    const url = `http://127.0.0.1:${await freePort()}/`
    expect(await run(['probe', url, '--origin', 'http://localhost:5173', '--json'], refused.io)).toBe(2)
    expect(JSON.parse(refused.out.join('')).error.code).toBe('ECONNREFUSED')
    expect(refused.err).toEqual([])
  })

  it('audit --json and explain in both forms, in-process', async () => {
    const audit = fakeIo()
    expect(await run(['audit', `${fleet.urls['corsica/express']}/items`, '--json'], audit.io)).toBe(0)
    expect(JSON.parse(audit.out.join('')).findings).toEqual([])
    const json = fakeIo()
    expect(await run(['explain', '--json', CHROMIUM_MESSAGE], json.io)).toBe(0)
    expect(JSON.parse(json.out.join(''))).toMatchObject({ recognised: true, details: { header: 'x-trace' } })
    const text = fakeIo()
    expect(await run(['explain', 'not', 'a', 'message'], text.io)).toBe(1)
    expect(text.out).toEqual([])
    expect(text.err.join('')).toBe(NOT_RECOGNISED)
    const usage = fakeIo()
    expect(await run(['frob'], usage.io)).toBe(2)
    expect(usage.err.join('')).toContain('Run `corsica --help` for the usage.')
    const help = fakeIo()
    expect(await run(['explain', '--help'], help.io)).toBe(0)
    expect(help.out.join('')).toContain('reads standard input')
  })

  it('audit: a network error is exit 2, said on stderr', async () => {
    const { io, err } = fakeIo()
    expect(await run(['audit', `http://127.0.0.1:${await freePort()}/`], io)).toBe(2)
    expect(err.join('')).toContain('corsica: network error: connection refused')
  })

  it('explain prints what it read from the message, when there is something', async () => {
    const { renderExplanation } = await import('../../src/cli/render.js')
    const { palette } = await import('../../src/cli/colours.js')
    const text = renderExplanation(
      { engine: 'webkit', code: 'network-error', meaning: 'm', fix: { header: 'h', corsica: 'c' }, details: {} },
      palette(false),
    )
    expect(text).toBe('engine: webkit\nproblem: network-error\nmeaning: m\nfix: h\ncorsica: c\n')
  })

  it('an unexpected error is thrown, not turned into an exit status', async () => {
    const broken: Send = async () => {
      throw new TypeError('not a network error')
    }
    const { io } = fakeIo({ client: () => broken })
    await expect(run(['audit', 'http://127.0.0.1:9/'], io)).rejects.toThrow('not a network error')
  })
})

describe('main', () => {
  it('runs the command line it was started with', async () => {
    const { argv, exitCode } = process
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      process.argv = [argv[0] ?? 'node', 'corsica', '--help']
      const main = await import('../../src/cli/main.js')
      expect(await main.exited).toBe(0)
      expect(String(write.mock.calls[0]?.[0])).toContain('Usage:')
    } finally {
      write.mockRestore()
      process.argv = argv
      process.exitCode = exitCode
    }
  })

  it('exitWith sets process.exitCode; an unexpected error is printed and is 2', async () => {
    const { exitWith } = await import('../../src/cli/main.js')
    const before = process.exitCode
    try {
      expect(await exitWith(Promise.resolve(1), () => {})).toBe(1)
      expect(process.exitCode).toBe(1)
      const printed: string[] = []
      expect(await exitWith(Promise.reject(new Error('boom')), (text) => printed.push(text))).toBe(2)
      expect(printed.join('')).toContain('corsica: internal error: Error: boom')
      expect(await exitWith(Promise.reject('odd'), (text) => printed.push(text))).toBe(2)
      expect(printed.join('')).toContain('corsica: internal error: odd')
      const bare = new Error('no stack')
      bare.stack = undefined
      await exitWith(Promise.reject(bare), (text) => printed.push(text))
      expect(printed.at(-1)).toBe('corsica: internal error: no stack\n')
    } finally {
      process.exitCode = before
    }
  })

  it('readStream reads a whole stream', async () => {
    const { readStream } = await import('../../src/cli/main.js')
    expect(await readStream(Readable.from(['Access ', 'to fetch']))).toBe('Access to fetch')
  })
})
