// Shared by the CLI suites: an in-process Io that records what run() prints, and the findings of
// an audit as `severity:id` strings, with the list every check of a reflected origin gives.
import type { AuditReport } from '../../src/cli/audit.js'
import type { Io } from '../../src/cli/run.js'

/** An Io off a terminal (stdin on one), with no environment; `over` changes any part of it. */
export function fakeIo(over: Partial<Io> = {}): { io: Io; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  const io: Io = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: true,
    readStdin: async () => '',
    ...over,
  }
  return { io, out, err }
}

/** A report's findings as `severity:id`, in order. */
export function findingIds(report: AuditReport): string[] {
  return report.findings.map((finding) => `${finding.severity}:${finding.id}`)
}

/** The findings of a server that reflects any origin with credentials: every origin check fails. */
export const ANY_ORIGIN_REFLECTED: readonly string[] = [
  'high:any-origin',
  'high:null-origin',
  'high:suffix-origin',
  'high:prefix-origin',
  'high:unescaped-dot-origin',
  'high:http-origin',
  'medium:subdomain-origin',
  'medium:localhost-origin',
]
