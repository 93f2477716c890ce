#!/usr/bin/env node
// The `corsica` command: run() with the process's streams, environment and exit status.
import { UsageError } from './args.js'
import { run } from './run.js'

/** The most `corsica explain` reads from standard input: a console message is a line or two. */
export const MAX_STDIN = 1 << 20

/** All of a stream's text (standard input, for `corsica explain`); a UsageError past `limit` bytes. */
export function readStream(stream: NodeJS.ReadableStream, limit: number = MAX_STDIN): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size > limit) {
        stream.removeListener('data', onData)
        stream.pause()
        reject(new UsageError(`standard input is over ${limit} bytes; paste the console message only`, 'explain'))
        return
      }
      chunks.push(bytes)
    }
    stream.on('data', onData)
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
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
