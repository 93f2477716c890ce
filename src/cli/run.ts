// One run of `corsica`: the arguments read, the command run against the injected I/O, the text or
// JSON written, and the exit status returned (0, 1, or 2 for a usage or network error).
import type { Send } from '../model/index.js'
import { parseArgs, UsageError, type AuditCommand, type ExplainCommand, type ProbeCommand } from './args.js'
import { auditStatus, runAudit } from './audit.js'
import { palette, useColour, type Palette } from './colours.js'
import { DeadlineError, withDeadline } from './deadline.js'
import { NOT_RECOGNISED, runExplain } from './explain.js'
import { usage } from './help.js'
import { createSend, NetworkError, type ClientOptions } from './http-client.js'
import { probeStatus, runProbe, type ProbeProgress } from './probe.js'
import { renderExplanation, renderProbe } from './render.js'
import { renderAudit } from './render-audit.js'
import { requestLine, responseLine } from './render-wire.js'
import { safe } from './sanitize.js'

export interface Io {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly stdinIsTTY: boolean
  readonly readStdin: () => Promise<string>
  /** How requests are sent; default: node:http / node:https (createSend). */
  readonly client?: (options: ClientOptions) => Send
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** Each request and response on stderr as it happens, when a person watches stderr. */
function progress(io: Io, p: Palette): ProbeProgress {
  if (!io.stderrIsTTY) return { sending() {}, received() {}, failed() {} }
  // The colour ends before the newline: a line never leaves the terminal coloured.
  return {
    sending: (request) => io.stderr(`${p.dim(`→ ${requestLine(request)}`)}\n`),
    received: (_request, response) => io.stderr(`${p.dim(`← ${responseLine(response)}`)}\n`),
    failed: (_request, error) => io.stderr(`${p.red(`✗ ${safe(error.message)}`)}\n`),
  }
}

function send(io: Io, command: ProbeCommand | AuditCommand): Send {
  return withDeadline(io.client ?? createSend, command.timeout, command.deadline)
}

function deadlineError(error: DeadlineError, io: Io, p: Palette): number {
  io.stderr(`${p.red(`corsica: ${error.message}`)}\n`)
  return 2
}

async function probe(command: ProbeCommand, io: Io, out: Palette, err: Palette): Promise<number> {
  const result = await runProbe(command, send(io, command), progress(io, err))
  const error = result.networkError
  if (command.json) {
    const errorJson = error === undefined ? {} : { error: { message: error.message, url: error.url, code: error.code } }
    io.stdout(json({ ...result.simulation, request: result.request, dropped: result.dropped, ...errorJson }))
  } else {
    io.stdout(renderProbe(result, out))
  }
  if (error instanceof DeadlineError) return deadlineError(error, io, err)
  return probeStatus(result)
}

async function audit(command: AuditCommand, io: Io, out: Palette, err: Palette): Promise<number> {
  const report = await runAudit(command, send(io, command), progress(io, err))
  io.stdout(command.json ? json(report) : renderAudit(report, out))
  return auditStatus(report)
}

async function explainCommand(command: ExplainCommand, io: Io, out: Palette): Promise<number> {
  if (command.message === undefined && io.stdinIsTTY) {
    throw new UsageError('paste the console message in quotes, or pipe it in', 'explain')
  }
  const message = command.message ?? (await io.readStdin())
  const explanation = runExplain(message)
  if (explanation === undefined) {
    if (command.json) io.stdout(json({ recognised: false }))
    io.stderr(NOT_RECOGNISED)
    return 1
  }
  io.stdout(command.json ? json({ recognised: true, ...explanation }) : renderExplanation(explanation, out))
  return 0
}

function usageError(error: UsageError, io: Io): number {
  const more = error.topic === undefined ? 'corsica --help' : `corsica ${error.topic} --help`
  io.stderr(`corsica: ${safe(error.message)}\nRun \`${more}\` for the usage.\n`)
  return 2
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const out = palette(useColour(io.stdoutIsTTY, io.env))
  const err = palette(useColour(io.stderrIsTTY, io.env))
  try {
    const command = parseArgs(argv)
    if (command.name === 'help') {
      io.stdout(usage(command.topic))
      return 0
    }
    if (command.name === 'probe') return await probe(command, io, out, err)
    if (command.name === 'audit') return await audit(command, io, out, err)
    return await explainCommand(command, io, out)
  } catch (error) {
    if (error instanceof UsageError) return usageError(error, io)
    if (error instanceof DeadlineError) return deadlineError(error, io, err)
    if (error instanceof NetworkError) {
      io.stderr(`${err.red(`corsica: network error: ${safe(error.message)}`)}\n`)
      return 2
    }
    throw error
  }
}
