// audit's findings as text: each with the request that shows it, the answer, the fix; the notes
// that say what the scan could not see; the counts. Outside text goes through safe().
import type { HeaderList } from '../model/index.js'
import type { AuditReport } from './audit.js'
import type { Palette } from './colours.js'
import { relevant, requestLine } from './render-wire.js'
import { safe } from './sanitize.js'

const SEVERITY_WIDTH = 7

function pairs(headers: HeaderList): string[] {
  return headers.map(([name, value]) => `${safe(name)}: ${safe(value)}`)
}

function trustedLine(report: AuditReport): string {
  if (report.trusted.credentials) return 'allowed, with credentials'
  if (report.trusted.plain) return 'allowed, without credentials'
  if (report.trusted.preflight) return 'its preflight passes, but GET is not readable'
  return 'not allowed (is it the right origin?)'
}

export function renderAudit(report: AuditReport, p: Palette): string {
  const lines = [
    p.bold(`corsica audit: ${safe(report.url)}`),
    `trusted origin ${safe(report.trustedOrigin)}: ${trustedLine(report)}`,
    `${report.requests} requests sent`,
    '',
  ]
  for (const finding of report.findings) {
    const colour = { high: p.red, medium: p.yellow, low: p.dim }[finding.severity]
    lines.push(`${colour(finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH))} ${p.bold(safe(finding.title))}`)
    const indent = ' '.repeat(SEVERITY_WIDTH + 1)
    lines.push(`${indent}${safe(finding.detail)}`)
    const sent = pairs(finding.request.headers).join(', ')
    lines.push(`${indent}shown by: ${requestLine(finding.request)}${sent === '' ? '' : ` (${sent})`}`)
    const answer = pairs(finding.response.headers.filter(([name]) => relevant(name)))
    lines.push(`${indent}answered: ${[String(finding.response.status), ...answer].join(', ')}`)
    lines.push(`${indent}fix: ${safe(finding.fix)}`)
    lines.push('')
  }
  for (const note of report.notes) lines.push(`${p.yellow('note:')} ${safe(note)}`)
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
