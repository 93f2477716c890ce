// Text for people: what probe sent and got back, where each engine stopped and why, the fix;
// explain's reading of a console message (audit's findings: render-audit.ts; lines: render-wire.ts). Plain text,
// coloured by the palette (colourless off a terminal, with NO_COLOR or TERM=dumb); everything
// from outside goes through safe() first, so the server cannot write to the terminal.
import type {
  EngineName,
  EngineOutcome,
  Explanation,
  HeaderList,
  Problem,
  Simulation,
  Step,
  Verdict,
} from '../model/index.js'
import type { Palette } from './colours.js'
import type { ProbeResult } from './probe.js'
import { relevant, requestLine } from './render-wire.js'
import { safe } from './sanitize.js'

const ENGINE_NAMES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

function headerLines(headers: HeaderList, mark: string, only: (name: string) => boolean): string[] {
  const shown = headers.filter(([name]) => only(name))
  const lines = shown.map(([name, value]) => `  ${mark} ${safe(name)}: ${safe(value)}`)
  const others = headers.length - shown.length
  if (others > 0) lines.push(`  ${mark} (${others} other header${others === 1 ? '' : 's'})`)
  return lines
}

function list(names: readonly string[]): string {
  return names.join(', ')
}

/** Engines grouped by identical readings, so agreeing engines take one line. */
function groups<T>(read: (engine: EngineName) => T, key: (value: T) => string): { engines: EngineName[]; value: T }[] {
  const found: { key: string; engines: EngineName[]; value: T }[] = []
  for (const engine of ENGINE_NAMES) {
    const value = read(engine)
    const group = found.find((candidate) => candidate.key === key(value))
    if (group === undefined) found.push({ key: key(value), engines: [engine], value })
    else group.engines.push(engine)
  }
  return found
}

function problemKey(problem: Problem | undefined): string {
  return `${problem?.code ?? ''}|${problem?.detail ?? ''}|${problem?.facts.why ?? ''}`
}

/** The problem's sentence, with why fetch() refused or the redirect was not followed. */
function detailOf(problem: Problem): string {
  const why = problem.facts.why
  return safe(why === undefined ? problem.detail : `${problem.detail} (${why})`)
}

function problemLines(problem: Problem | undefined, who: string, p: Palette): string[] {
  const lines = [`  ${p.red('blocked')} (${who}): ${problem === undefined ? 'no reason given' : detailOf(problem)}`]
  if (problem !== undefined) {
    lines.push(`    fix: ${safe(problem.fix.header)}`)
    lines.push(`    corsica: ${safe(problem.fix.corsica)}`)
  }
  return lines
}

function verdictLines(verdict: Verdict, who: string, p: Palette): string[] {
  return verdict.ok ? [`  ${p.green('ok')} (${who})`] : problemLines(verdict.problem, who, p)
}

function consoleLines(engines: readonly EngineName[], message: (engine: EngineName) => string | undefined, p: Palette) {
  const lines: string[] = []
  for (const engine of engines) {
    const text = message(engine)
    if (text !== undefined) lines.push(`    ${engine} console: ${p.yellow(safe(text))}`)
  }
  return lines
}

function stepLines(step: Step, index: number, p: Palette): string[] {
  const lines = [p.bold(`${index + 1}. ${step.kind}  ${requestLine(step.request)}`)]
  const skipped = ENGINE_NAMES.filter((engine) => !step.sentBy.includes(engine))
  if (skipped.length > 0) lines.push(p.dim(`  (not sent by ${list(skipped)})`))
  for (const reason of step.reasons ?? []) lines.push(`  why: ${safe(reason)}`)
  lines.push(...headerLines(step.request.headers, '>', () => true))
  if (step.response === undefined) lines.push(`  < ${p.red('no response')}`)
  else {
    lines.push(`  < ${step.response.status}`)
    lines.push(...headerLines(step.response.headers, '<', relevant))
  }
  const verdicts = step.verdicts.engines
  for (const group of groups(
    (engine) => verdicts[engine],
    (verdict) => `${verdict.ok}|${problemKey(verdict.problem)}`,
  ))
    lines.push(...verdictLines(group.value, list(group.engines), p))
  const standard = step.verdicts.standard
  if (Object.values(verdicts).every((verdict) => verdict.ok !== standard.ok)) {
    lines.push(p.dim(`  the Fetch Standard reads it otherwise:`))
    lines.push(...verdictLines(standard, 'standard', p).map((line) => p.dim(line)))
  }
  lines.push(...consoleLines(ENGINE_NAMES, (engine) => verdicts[engine].message, p))
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

/** True when a step already shows this engine's blocking problem. */
function shownByStep(simulation: Simulation, engine: EngineName, problem: Problem | undefined): boolean {
  const key = problemKey(problem)
  return simulation.steps.some((step) => {
    const verdict = step.verdicts.engines[engine]
    return !verdict.ok && problemKey(verdict.problem) === key
  })
}

/** Why each engine stopped, when no step says it: a refused request, a redirect not followed. */
function unshownLines(simulation: Simulation, p: Palette): string[] {
  const { engines } = simulation
  const unshown = (engine: EngineName): EngineOutcome | undefined => {
    const outcome = engines[engine]
    return outcome.verdict === 'blocked' && !shownByStep(simulation, engine, outcome.problem) ? outcome : undefined
  }
  const lines: string[] = []
  for (const group of groups(unshown, (outcome) => (outcome === undefined ? '' : problemKey(outcome.problem)))) {
    if (group.value === undefined) continue
    lines.push(...problemLines(group.value.problem, list(group.engines), p))
    lines.push(...consoleLines(group.engines, (engine) => engines[engine].message, p))
  }
  return lines
}

export function renderSimulation(simulation: Simulation, p: Palette): string[] {
  const lines: string[] = []
  simulation.steps.forEach((step, index) => {
    lines.push(...stepLines(step, index, p), '')
  })
  lines.push(`${p.bold('verdict:')} ${outcomeLine(simulation.engines, p)}`)
  lines.push(...unshownLines(simulation, p))
  const readable = simulation.engines.chromium.readable
  if (simulation.engines.chromium.verdict === 'readable' && readable !== undefined) {
    lines.push(`the script can read these response headers: ${readable.length === 0 ? '(none)' : safe(list(readable))}`)
  }
  return lines
}

export function renderProbe(result: ProbeResult, p: Palette): string {
  const { request } = result
  const credentials = request.credentials === 'include' ? ', with credentials' : ''
  const lines = [
    p.bold(`corsica probe: ${safe(request.method ?? 'GET')} ${safe(request.url)}`),
    `page origin ${safe(request.origin)}${credentials}`,
  ]
  for (const { name, why } of result.dropped) lines.push(p.yellow(`dropped: ${safe(name)} ${why}`))
  lines.push('')
  lines.push(...renderSimulation(result.simulation, p))
  if (result.networkError !== undefined) lines.push(p.red(`network error: ${safe(result.networkError.message)}`))
  return `${lines.join('\n')}\n`
}

export function renderExplanation(explanation: Explanation, p: Palette): string {
  const details = Object.entries(explanation.details).map(([name, value]) => `  ${name}: ${safe(value)}`)
  const lines = [
    `${p.bold('engine:')} ${explanation.engine}`,
    `${p.bold('problem:')} ${explanation.code}`,
    `${p.bold('meaning:')} ${explanation.meaning}`,
    `${p.bold('fix:')} ${safe(explanation.fix.header)}`,
    `${p.bold('corsica:')} ${safe(explanation.fix.corsica)}`,
  ]
  if (details.length > 0) lines.push(p.bold('read from the message:'), ...details)
  return `${lines.join('\n')}\n`
}
