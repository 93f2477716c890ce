// Before a group is timed, its variants must give the same answer to each request: the CORS
// headers and the status, with harmless differences normalised (header case, the order of a
// list's items, spaces after commas).
import { strict as assert } from 'node:assert'

/**
 * @typedef {{ status: number, headers: Record<string, string> }} Answer
 */

/** Response headers whose items form an unordered list. */
const LISTS = new Set(['vary', 'access-control-allow-methods', 'access-control-allow-headers'])

/**
 * The CORS part of an answer: its status, the Access-Control-* headers and Vary, names lowercased,
 * list items lowercased, trimmed and sorted.
 * @param {Answer} answer
 */
export function normalise(answer) {
  /** @type {Record<string, string>} */
  const headers = {}
  for (const [name, value] of Object.entries(answer.headers)) {
    const lower = name.toLowerCase()
    if (!(lower.startsWith('access-control-') || lower === 'vary')) continue
    headers[lower] = LISTS.has(lower) ? [...new Set(list(value))].sort().join(',') : String(value)
  }
  return { status: answer.status, headers: Object.fromEntries(Object.entries(headers).sort()) }
}

/**
 * What a peer is held to, beyond normalise(): the peers send Access-Control-Allow-Credentials
 * without Access-Control-Allow-Origin on refused and Origin-less responses (inert: a browser
 * reads neither without the other), and Vary: Origin alone on preflights, where corsica and the
 * floor also name the Access-Control-Request-* headers (hono/cors names one of them). Both are
 * dropped, from the peer's answer and from the one it is compared with.
 * @param {Answer} answer normalised
 */
export function loosen(answer) {
  const { 'access-control-allow-credentials': credentials, vary, ...rest } = answer.headers
  /** @type {Record<string, string>} */
  const headers = { ...rest }
  if (credentials !== undefined && rest['access-control-allow-origin'] !== undefined)
    headers['access-control-allow-credentials'] = credentials
  if (vary !== undefined) headers.vary = list(vary).includes('origin') ? 'origin' : vary
  return { status: answer.status, headers: Object.fromEntries(Object.entries(headers).sort()) }
}

/** @param {string} value */
const list = (value) =>
  String(value)
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean)

/**
 * Asserts that `answers` (variant name → answer) all equal the reference's.
 * @param {string} where e.g. "koa, refused origin"
 * @param {string} reference the variant the others are compared with
 * @param {Record<string, Answer>} answers normalised
 */
export function assertSame(where, reference, answers) {
  const expected = answers[reference]
  for (const [name, answer] of Object.entries(answers))
    assert.deepEqual(answer, expected, `${where}: ${name} answers differently from ${reference}`)
}
