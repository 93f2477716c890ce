// A full run measures each group in a fresh process: a group's caches, apps and compiled code
// then neither fill the heap of the groups after it nor change how V8 optimises their calls.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * What a group's process reports (run.mjs --only <group> --json <file>).
 * @typedef {{ name: string, figure: string, met: boolean, value: number | undefined }} Measured
 * @typedef {{ targets: Measured[], rows: string[][], report: string[] }} GroupResult
 */

/**
 * Runs `script --only <group> --json <file>` for each group in turn and returns their results in
 * order; a group's progress goes to this process's output as it happens.
 * @param {string} script
 * @param {string[]} groups
 * @returns {GroupResult[]}
 */
export function runApart(script, groups) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'corsica-bench-group-'))
  try {
    return groups.map((group) => {
      const file = path.join(folder, `${group}.json`)
      execFileSync(process.execPath, [script, '--only', group, '--json', file], { stdio: 'inherit' })
      return /** @type {GroupResult} */ (JSON.parse(readFileSync(file, 'utf8')))
    })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}
