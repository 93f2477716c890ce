// One run of `corsica`: the arguments read, the command run against the injected I/O, the text or
// JSON written, and the exit status returned (0, 1, or 2 for a usage or network error).
import type { Send } from '../model/index.js'
import { parseArgs, UsageError, type AuditCommand, type ExplainCommand, type ProbeCommand } from './args.js'
import { auditStatus, runAudit } from './audit.js'
import { palette, useColour, type Palette } from './colours.js'
import { NOT_RECOGNISED, runExplain } from './explain.js'
import { usage } from './help.js'
import { createSend, NetworkError, type ClientOptions } from './http-client.js'
import { probeStatus, runProbe, type ProbeProgress } from './probe.js'
import { renderAudit, renderExplanation, renderProbe, requestLine, responseLine } from './render.js'

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
  return {
    sending: (request) => io.stderr(p.dim(`→ ${requestLine(request)}\n`)),
    received: (_request, response) => io.stderr(p.dim(`← ${responseLine(response)}\n`)),
    failed: (_request, error) => io.stderr(p.red(`✗ ${error.message}\n`)),
  }
}

function send(io: Io, timeout: number): Send {
  return (io.client ?? createSend)({ timeout })
}

async function probe(command: ProbeCommand, io: Io, out: Palette, err: Palette): Promise<number> {
  const result = await runProbe(command, send(io, command.timeout), progress(io, err))
  const error = result.networkError
  if (command.json) {
    const errorJson = error === undefined ? {} : { error: { message: error.message, url: error.url, code: error.code } }
    io.stdout(json({ ...result.simulation, request: result.request, ...errorJson }))
  } else {
    io.stdout(renderProbe(result, out))
  }
  return probeStatus(result)
}

async function audit(command: AuditCommand, io: Io, out: Palette, err: Palette): Promise<number> {
  const report = await runAudit(command, send(io, command.timeout), progress(io, err))
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
  io.stderr(`corsica: ${error.message}\nRun \`${more}\` for the usage.\n`)
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
    if (error instanceof NetworkError) {
      io.stderr(err.red(`corsica: network error: ${error.message}\n`))
      return 2
    }
    throw error
  }
}
