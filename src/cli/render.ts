// Text for people: what probe sent and got back, where each engine stopped and why, the fix;
// audit findings; explain's reading of a console message. Plain text, coloured by the palette
// (which is colourless off a terminal or with NO_COLOR).
import type {
  EngineName,
  EngineOutcome,
  Explanation,
  HeaderList,
  Simulation,
  Step,
  Verdict,
  WireRequest,
  WireResponse,
} from '../model/index.js'
import type { AuditReport } from './audit.js'
import type { Palette } from './colours.js'
import type { ProbeResult } from './probe.js'

const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

/** Response headers worth showing: the CORS ones, Vary and Location. */
function relevant(name: string): boolean {
  const lower = name.toLowerCase()
  return lower.startsWith('access-control-') || lower === 'vary' || lower === 'location'
}

function headerLines(headers: HeaderList, mark: string, only: (name: string) => boolean): string[] {
  const shown = headers.filter(([name]) => only(name))
  const lines = shown.map(([name, value]) => `  ${mark} ${name}: ${value}`)
  const others = headers.length - shown.length
  if (others > 0) lines.push(`  ${mark} (${others} other header${others === 1 ? '' : 's'})`)
  return lines
}

export function requestLine(request: WireRequest): string {
  return `${request.method} ${request.url}`
}

export function responseLine(response: WireResponse): string {
  return `${response.status}, ${response.headers.length} header line${response.headers.length === 1 ? '' : 's'}`
}

function list(names: readonly string[]): string {
  return names.join(', ')
}

/** Engines grouped by identical readings, so agreeing engines take one line. */
function groups(verdicts: Readonly<Record<EngineName, Verdict>>): { engines: EngineName[]; verdict: Verdict }[] {
  const found: { key: string; engines: EngineName[]; verdict: Verdict }[] = []
  for (const engine of ENGINE_NAMES) {
    const verdict = verdicts[engine]
    const key = `${verdict.ok}|${verdict.problem?.code ?? ''}|${verdict.problem?.detail ?? ''}`
    const group = found.find((candidate) => candidate.key === key)
    if (group === undefined) found.push({ key, engines: [engine], verdict })
    else group.engines.push(engine)
  }
  return found
}

function verdictLines(verdict: Verdict, who: string, p: Palette): string[] {
  if (verdict.ok) return [`  ${p.green('ok')} (${who})`]
  const problem = verdict.problem
  const lines = [`  ${p.red('blocked')} (${who}): ${problem?.detail ?? 'no reason given'}`]
  if (problem !== undefined) {
    lines.push(`    fix: ${problem.fix.header}`)
    lines.push(`    corsica: ${problem.fix.corsica}`)
  }
  return lines
}

function stepLines(step: Step, index: number, p: Palette): string[] {
  const lines = [p.bold(`${index + 1}. ${step.kind}  ${requestLine(step.request)}`)]
  const skipped = ENGINE_NAMES.filter((engine) => !step.sentBy.includes(engine))
  if (skipped.length > 0) lines.push(p.dim(`  (not sent by ${list(skipped)})`))
  for (const reason of step.reasons ?? []) lines.push(`  why: ${reason}`)
  lines.push(...headerLines(step.request.headers, '>', () => true))
  if (step.response === undefined) lines.push(`  < ${p.red('no response')}`)
  else {
    lines.push(`  < ${step.response.status}`)
    lines.push(...headerLines(step.response.headers, '<', relevant))
  }
  for (const group of groups(step.verdicts.engines)) {
    lines.push(...verdictLines(group.verdict, list(group.engines), p))
  }
  const standard = step.verdicts.standard
  const engines = Object.values(step.verdicts.engines)
  if (engines.every((verdict) => verdict.ok !== standard.ok)) {
    lines.push(p.dim(`  the Fetch Standard reads it otherwise:`))
    lines.push(...verdictLines(standard, 'standard', p).map((line) => p.dim(line)))
  }
  for (const engine of ENGINE_NAMES) {
    const message = step.verdicts.engines[engine].message
    if (message !== undefined) lines.push(`    ${engine} console: ${p.yellow(message)}`)
  }
  return lines
}

function outcomeLine(engines: Readonly<Record<EngineName, EngineOutcome>>, p: Palette): string {
  const readable = ENGINE_NAMES.filter((engine) => engines[engine].verdict === 'readable')
  const blocked = ENGINE_NAMES.filter((engine) => engines[engine].verdict === 'blocked')
  const parts: string[] = []
  if (readable.length > 0) parts.push(p.green(`readable in ${list(readable)}`))
  if (blocked.length > 0) parts.push(p.red(`blocked in ${list(blocked)}`))
  return parts.join('; ')
}

export function renderSimulation(simulation: Simulation, p: Palette): string[] {
  const lines: string[] = []
  simulation.steps.forEach((step, index) => {
    lines.push(...stepLines(step, index, p), '')
  })
  lines.push(`${p.bold('verdict:')} ${outcomeLine(simulation.engines, p)}`)
  const readable = simulation.engines.chromium.readable
  if (simulation.engines.chromium.verdict === 'readable' && readable !== undefined) {
    lines.push(`the script can read these response headers: ${readable.length === 0 ? '(none)' : list(readable)}`)
  }
  return lines
}

export function renderProbe(result: ProbeResult, p: Palette): string {
  const { request } = result
  const credentials = request.credentials === 'include' ? ', with credentials' : ''
  const lines = [
    p.bold(`corsica probe: ${request.method ?? 'GET'} ${request.url}`),
    `page origin ${request.origin}${credentials}`,
    '',
  ]
  lines.push(...renderSimulation(result.simulation, p))
  if (result.networkError !== undefined) lines.push(p.red(`network error: ${result.networkError.message}`))
  return `${lines.join('\n')}\n`
}

export function renderExplanation(explanation: Explanation, p: Palette): string {
  const details = Object.entries(explanation.details).map(([name, value]) => `  ${name}: ${value}`)
  const lines = [
    `${p.bold('engine:')} ${explanation.engine}`,
    `${p.bold('problem:')} ${explanation.code}`,
    `${p.bold('meaning:')} ${explanation.meaning}`,
    `${p.bold('fix:')} ${explanation.fix.header}`,
    `${p.bold('corsica:')} ${explanation.fix.corsica}`,
  ]
  if (details.length > 0) lines.push(p.bold('read from the message:'), ...details)
  return `${lines.join('\n')}\n`
}

const SEVERITY_WIDTH = 7

export function renderAudit(report: AuditReport, p: Palette): string {
  const lines = [
    p.bold(`corsica audit: ${report.url}`),
    `trusted origin ${report.trustedOrigin}: ${trustedLine(report)}`,
    `${report.requests} requests sent`,
    '',
  ]
  for (const finding of report.findings) {
    const colour = { high: p.red, medium: p.yellow, low: p.dim }[finding.severity]
    lines.push(`${colour(finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH))} ${p.bold(finding.title)}`)
    const indent = ' '.repeat(SEVERITY_WIDTH + 1)
    lines.push(`${indent}${finding.detail}`)
    const origin = finding.request.headers.map(([name, value]) => `${name}: ${value}`).join(', ')
    lines.push(`${indent}shown by: ${requestLine(finding.request)}${origin === '' ? '' : ` (${origin})`}`)
    const answer = finding.response.headers.filter(([name]) => relevant(name)).map(([n, v]) => `${n}: ${v}`)
    lines.push(`${indent}answered: ${[String(finding.response.status), ...answer].join(', ')}`)
    lines.push(`${indent}fix: ${finding.fix}`)
    lines.push('')
  }
  const counts = (['high', 'medium', 'low'] as const)
    .map((severity) => [severity, report.findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
  lines.push(
    report.findings.length === 0
      ? p.green('no findings')
      : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}: ${counts.join(', ')}`,
  )
  return `${lines.join('\n')}\n`
}

function trustedLine(report: AuditReport): string {
  if (report.trusted.credentials) return 'allowed, with credentials'
  if (report.trusted.plain) return 'allowed, without credentials'
  return 'not allowed (is it the right origin?)'
}
