#!/usr/bin/env node
// The `corsica` command: run() with the process's streams, environment and exit status.
import { run } from './run.js'

/** All of a stream's text (standard input, for `corsica explain`). */
export function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      text += chunk
    })
    stream.on('end', () => resolve(text))
    stream.on('error', reject)
  })
}

/** Sets process.exitCode from the run's status; an unexpected error is printed and is status 2. */
export function exitWith(status: Promise<number>, stderr: (text: string) => void): Promise<number> {
  return status.then(
    (code) => {
      process.exitCode = code
      return code
    },
    (error: unknown) => {
      stderr(`corsica: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
      process.exitCode = 2
      return 2
    },
  )
}

const stderr = process.stderr.write.bind(process.stderr)

/** The exit status, once the command has run. */
export const exited: Promise<number> = exitWith(
  run(process.argv.slice(2), {
    stdout: process.stdout.write.bind(process.stdout),
    stderr,
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: readStream.bind(undefined, process.stdin),
  }),
  stderr,
)
