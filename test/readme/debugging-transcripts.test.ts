// The README's "Debugging CORS" transcripts are real: each command runs again, in process, against
// the servers of examples/debugging.mjs (on ports of this run), and prints what the README shows.
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, leaky } from '../../examples/debugging.mjs'
import { run } from '../../src/cli/run.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
/** The ports the README's transcripts were taken on. */
const README_PORTS: readonly [Server, string][] = [
  [api, '8080'],
  [leaky, '8081'],
]

/** The command (after `npx corsica`) and the output printed under a marker. */
function transcript(name: string): { argv: string[]; printed: string } {
  const start = readme.indexOf(`<!-- readme-example: ${name} -->`)
  expect(start).not.toBe(-1)
  const [, command = '', printed = ''] =
    /```sh\n\$ npx corsica (.*)\n```\n\n```text\n([\s\S]*?)\n```/.exec(readme.slice(start)) ?? []
  return { argv: shellWords(command), printed }
}

/** Splits a command line on spaces, honouring single and double quotes (no escapes). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')
}

/** The README's ports swapped for this run's, one way or the other. */
function swapPorts(text: string, toReadme: boolean): string {
  let result = text
  for (const [server, readmePort] of README_PORTS) {
    const port = String((server.address() as AddressInfo).port)
    const [from, to] = toReadme ? [port, readmePort] : [readmePort, port]
    result = result.replaceAll(`127.0.0.1:${from}`, `127.0.0.1:${to}`)
  }
  return result
}

async function corsica(argv: string[]): Promise<{ status: number; output: string }> {
  const out: string[] = []
  const status = await run(argv, {
    stdout: (text) => out.push(text),
    stderr: () => {},
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: true,
    readStdin: async () => '',
  })
  return { status, output: out.join('').replace(/\n$/, '') }
}

describe('README "Debugging CORS" transcripts', () => {
  beforeAll(async () => {
    for (const [server] of README_PORTS) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  })
  afterAll(() => {
    for (const [server] of README_PORTS) server.close()
  })

  it.each([
    ['probe', 1],
    ['audit', 1],
    ['explain', 0],
  ])('%s prints what the README shows, and exits %i', async (name, exit) => {
    const { argv, printed } = transcript(name)
    const { status, output } = await corsica(argv.map((word) => swapPorts(word, false)))
    expect(swapPorts(output, true)).toBe(printed)
    expect(status).toBe(exit)
  })
})
