// The `origin` option: `'*'`, `true`, `false`, a predicate, or a list of origins, patterns and
// RegExps compiled into an allow-list.
import { invalidType, problem, type CorsConfigProblem } from './errors.js'
import { addConfiguredOrigin } from './origin-diagnosis.js'
import { OriginAllowList } from './origin-list.js'
import { ownItems } from './own.js'
import type { OriginPredicate } from './types.js'

export type OriginMode =
  | { readonly kind: 'off' }
  | { readonly kind: 'any' }
  | { readonly kind: 'echo-any' }
  | { readonly kind: 'list'; readonly list: OriginAllowList }
  | { readonly kind: 'predicate'; readonly predicate: OriginPredicate<unknown> }

const ORIGIN_TYPES = "'*', a boolean, an origin, a RegExp, an array or a function"
const NULL_WITH_CREDENTIALS = `'null' with credentials lets any sandboxed iframe read users' data; remove it`

export function compileOrigin(value: unknown, credentials: boolean, problems: CorsConfigProblem[]): OriginMode {
  // `['*']` is what a one-item list of origins read from the environment looks like: it means '*'.
  const origin = Array.isArray(value) && value.length === 1 && ownItems(value)[0] === '*' ? '*' : value
  if (origin === undefined || origin === '*' || origin === true) {
    if (credentials) problems.push(problem('credentials-with-any-origin', 'origin', anyOriginWithCredentials(origin)))
    return { kind: origin === true ? 'echo-any' : 'any' }
  }
  if (origin === false) return { kind: 'off' }
  if (typeof origin === 'function') return { kind: 'predicate', predicate: origin as OriginPredicate<unknown> }
  return { kind: 'list', list: compileOriginList(origin, credentials, problems) }
}

function anyOriginWithCredentials(origin: '*' | true | undefined): string {
  const fix = 'list origins or patterns, or use a predicate'
  // Unset is the usual slip (an environment variable that was not set): say so, not '*'.
  if (origin === undefined)
    return `credentials needs origin set to the sites allowed to send them (unset means any site); ${fix}`
  return `${origin === true ? 'true' : "'*'"} with credentials lets any site read users' data; ${fix}`
}

function compileOriginList(value: unknown, credentials: boolean, problems: CorsConfigProblem[]): OriginAllowList {
  const list = new OriginAllowList()
  const isList = Array.isArray(value)
  if (typeof value !== 'string' && !(value instanceof RegExp) && !isList)
    problems.push(invalidType('origin', ORIGIN_TYPES, value))
  const entries = isList ? ownItems(value) : [value]
  entries.forEach((entry, index) => {
    const path = isList ? `origin[${index}]` : 'origin'
    if (typeof entry === 'string' || entry instanceof RegExp) addConfiguredOrigin(list, entry, path, problems)
    else if (isList) problems.push(invalidType(path, 'an origin or a RegExp', entry))
    if (entry === 'null' && credentials)
      problems.push(problem('null-origin-with-credentials', path, NULL_WITH_CREDENTIALS))
  })
  return list
}
