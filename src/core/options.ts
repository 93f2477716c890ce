// Validates options once and compiles them into the lookups the policy reads per request.
import { CorsConfigError, report, type CorsConfigProblemCode, type Problems } from './errors.js'
import { addConfiguredOrigin, OriginAllowList } from './origin.js'
import { ownItems, ownValue } from './own.js'
import { isToken, MAX_METHOD_LENGTH } from './tokens.js'
import type { CorsOptions, CorsRejectEvent, OriginPredicate } from './types.js'

export type OriginMode =
  | { readonly kind: 'off' }
  | { readonly kind: 'any' }
  | { readonly kind: 'echo-any' }
  | { readonly kind: 'list'; readonly list: OriginAllowList }
  | { readonly kind: 'predicate'; readonly predicate: OriginPredicate }

export interface CompiledMethods {
  readonly any: boolean
  readonly allowed: ReadonlySet<string>
  /** The configured list as sent in Access-Control-Allow-Methods. */
  readonly value: string
}

export type CompiledAllowedHeaders =
  | { readonly mode: 'reflect' }
  | { readonly mode: 'any'; readonly authorization: boolean; readonly value: string }
  | { readonly mode: 'list'; readonly names: ReadonlySet<string>; readonly value: string }

export interface CompiledOptions {
  readonly origin: OriginMode
  readonly credentials: boolean
  readonly methods: CompiledMethods
  readonly allowedHeaders: CompiledAllowedHeaders
  readonly exposedHeaders: string | undefined
  readonly maxAge: string | undefined
  readonly preflightContinue: boolean
  readonly optionsSuccessStatus: number
  readonly privateNetwork: boolean
  readonly onReject: ((event: CorsRejectEvent) => void) | undefined
}

const OPTION_NAMES: readonly string[] = [
  'origin',
  'credentials',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'maxAge',
  'preflightContinue',
  'optionsSuccessStatus',
  'privateNetwork',
  'onReject',
] satisfies (keyof CorsOptions)[]

const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE'
/** Fetch's forbidden request-header names: scripts cannot set them, so allowing them is a mistake. */
const FORBIDDEN_REQUEST_HEADER =
  /^(accept-(charset|encoding)|access-control-request-(headers|method)|connection|content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|set-cookie|te|trailer|transfer-encoding|upgrade|via|(sec|proxy)-.*)$/
const FORBIDDEN_RESPONSE_HEADER = /^set-cookie2?$/

/** Checks one item of a list option, reporting what is wrong with it. */
type ItemCheck = (item: string, path: string, problems: Problems) => boolean

/** Validates `options` and compiles them; throws CorsConfigError listing every problem. */
export function compileOptions(options: CorsOptions | undefined): CompiledOptions {
  const problems: Problems = []
  let input: Record<string, unknown> = {}
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) input = options as Record<string, unknown>
  else if (options !== undefined) report(problems, 'invalid-type', '(options)', `options must be an object, got ${describe(options)}`)
  for (const name of Object.keys(input)) if (!OPTION_NAMES.includes(name)) unknownOption(name, problems)
  // Own properties only: an option inherited through a polluted Object.prototype is not an option.
  const option = (name: keyof CorsOptions): unknown => ownValue(input, name)
  const bool = (name: keyof CorsOptions): boolean => {
    const value = option(name)
    if (value !== undefined && typeof value !== 'boolean') invalidType(problems, name, 'true or false', value)
    return value === true
  }
  const credentials = bool('credentials')
  const onReject = option('onReject')
  // In option order, so the problems are listed in that order.
  const compiled: CompiledOptions = {
    origin: compileOrigin(option('origin'), credentials, problems),
    credentials,
    methods: compileMethods(option('methods'), problems),
    allowedHeaders: compileAllowedHeaders(option('allowedHeaders'), credentials, problems),
    exposedHeaders: compileExposedHeaders(option('exposedHeaders'), credentials, problems),
    maxAge: integerOption(option('maxAge'), 0, 86400, 'maxAge', 'whole seconds from 0 to 86400', problems)?.toString(),
    preflightContinue: bool('preflightContinue'),
    optionsSuccessStatus: integerOption(option('optionsSuccessStatus'), 200, 299, 'optionsSuccessStatus', 'a 2xx status', problems) ?? 204,
    privateNetwork: bool('privateNetwork'),
    onReject: typeof onReject === 'function' ? (onReject as CompiledOptions['onReject']) : undefined,
  }
  if (onReject !== undefined && typeof onReject !== 'function') invalidType(problems, 'onReject', 'a function', onReject)
  if (problems.length > 0) throw new CorsConfigError(problems)
  return compiled
}

/** The option's value when it is a whole number from `min` to `max`; undefined when unset or reported. */
function integerOption(value: unknown, min: number, max: number, path: 'maxAge' | 'optionsSuccessStatus', rule: string, problems: Problems): number | undefined {
  if (value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)) return value as number | undefined
  report(problems, path === 'maxAge' ? 'invalid-max-age' : 'invalid-status', path, `must be ${rule}, got ${describe(value)}`)
  return undefined
}

/** An option name with case, a leading `allow`/`allowed` and a plural `s` ignored: what people bring from other libraries. */
function looseName(name: string): string {
  return name.toLowerCase().replace(/^allow(ed)?|s$/g, '')
}

function unknownOption(name: string, problems: Problems): void {
  let suggestion: string | undefined
  let best = 3 // suggest only a name at most two edits away
  for (const known of OPTION_NAMES) {
    const distance = editDistance(looseName(known), looseName(name))
    if (distance < best) [suggestion, best] = [known, distance]
  }
  const message = `"${name}" is not a corsica option`
  report(problems, 'unknown-option', name, suggestion === undefined ? `${message}; known options: ${OPTION_NAMES.join(', ')}` : message, suggestion)
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

/** Names a value for a message: its type, and the value itself where it is short and printable. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (Array.isArray(value)) return 'an array'
  if (value instanceof RegExp) return 'a RegExp'
  if (typeof value === 'string') return `the string "${value}"`
  if (typeof value === 'function') return 'a function'
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

function invalidType(problems: Problems, path: string, expected: string, value: unknown): void {
  report(problems, 'invalid-type', path, `must be ${expected}, got ${describe(value)}`)
}

function compileOrigin(value: unknown, credentials: boolean, problems: Problems): OriginMode {
  // `['*']` is what a one-item list of origins read from the environment looks like: it means '*'.
  const origin = Array.isArray(value) && value.length === 1 && ownItems(value)[0] === '*' ? '*' : value
  if (origin === undefined || origin === '*' || origin === true) {
    if (credentials) report(problems, 'credentials-with-any-origin', 'origin', anyOriginWithCredentials(origin))
    return { kind: origin === true ? 'echo-any' : 'any' }
  }
  if (origin === false) return { kind: 'off' }
  if (typeof origin === 'function') return { kind: 'predicate', predicate: origin as OriginPredicate }
  return { kind: 'list', list: compileOriginList(origin, credentials, problems) }
}

function anyOriginWithCredentials(origin: '*' | true | undefined): string {
  const fix = 'list origins or patterns, or use a predicate'
  // Unset is the usual slip (an environment variable that was not set): say so, not '*'.
  if (origin === undefined) return `credentials needs origin set to the sites allowed to send them (unset means any site); ${fix}`
  return `${origin === true ? 'true' : "'*'"} with credentials lets any site read users' data; ${fix}`
}

function compileOriginList(value: unknown, credentials: boolean, problems: Problems): OriginAllowList {
  const list = new OriginAllowList()
  if (typeof value !== 'string' && !(value instanceof RegExp) && !Array.isArray(value)) {
    invalidType(problems, 'origin', "'*', a boolean, an origin, a RegExp, an array or a function", value)
  }
  const entries = Array.isArray(value) ? ownItems(value) : [value]
  entries.forEach((entry, index) => {
    const path = Array.isArray(value) ? `origin[${index}]` : 'origin'
    if (typeof entry === 'string' || entry instanceof RegExp) addConfiguredOrigin(list, entry, path, problems)
    else if (Array.isArray(value)) invalidType(problems, path, 'an origin or a RegExp', entry)
    if (entry === 'null' && credentials) {
      report(problems, 'null-origin-with-credentials', path, `'null' with credentials lets any sandboxed iframe read users' data; remove it`)
    }
  })
  return list
}

/**
 * Reads a list option (`'GET, POST'` or an array) into its trimmed, non-empty items that pass
 * `check`, keeping the first of those `key` finds equal; undefined when unset.
 */
function readList(value: unknown, name: string, problems: Problems, check: ItemCheck, key = (item: string) => item): string[] | undefined {
  if (value === undefined) return undefined
  const items: string[] = []
  const seen = new Set<string>()
  if (typeof value !== 'string' && !Array.isArray(value)) invalidType(problems, name, 'a string or an array', value)
  else {
    ;(typeof value === 'string' ? value.split(',') : ownItems(value as unknown[])).forEach((raw, index) => {
      const path = typeof value === 'string' ? name : `${name}[${index}]`
      if (typeof raw !== 'string') return invalidType(problems, path, 'a string', raw)
      const item = raw.trim()
      if (item === '' || !check(item, path, problems) || seen.has(key(item))) return
      seen.add(key(item))
      items.push(item)
    })
  }
  return items
}

function compileMethods(value: unknown, problems: Problems): CompiledMethods {
  const methods = readList(value ?? DEFAULT_METHODS, 'methods', problems, methodIsValid)!
  return { any: methods.includes('*'), allowed: new Set(methods), value: methods.join(',') }
}

function methodIsValid(method: string, path: string, problems: Problems): boolean {
  const upper = method.toUpperCase()
  if (method === '*') return true
  if (method.length > MAX_METHOD_LENGTH) report(problems, 'invalid-method', path, `"${method.slice(0, 20)}…" is longer than ${MAX_METHOD_LENGTH} characters: no request asks for it`)
  else if (!isToken(method)) report(problems, 'invalid-method', path, `"${method}" is not a method name (a token)`)
  else if (/^(CONNECT|TRACE|TRACK)$/.test(upper)) report(problems, 'forbidden-method', path, `"${method}" is forbidden: browsers never send it`)
  // Browsers upper-case these methods themselves; a lowercase entry would never match.
  else if (method !== upper && /^(DELETE|GET|HEAD|OPTIONS|POST|PUT)$/.test(upper)) {
    report(problems, 'non-normalized-method', path, `"${method}" never matches: browsers send ${upper}`, upper)
  } else return true
  return false
}

/** Checks a header name: a token, and not one `forbidden` matches (lowercased). */
function headerNameCheck(forbidden: RegExp, code: CorsConfigProblemCode, why: string): ItemCheck {
  return (name, path, problems) => {
    const lower = name.toLowerCase()
    if (name === '*') return true
    if (!isToken(name)) report(problems, 'invalid-header-name', path, `"${name}" is not a header name (a token)`)
    else if (forbidden.test(lower)) report(problems, code, path, `"${lower}" ${why}`)
    else return true
    return false
  }
}

function lowercase(name: string): string {
  return name.toLowerCase()
}

const allowedHeaderCheck = headerNameCheck(FORBIDDEN_REQUEST_HEADER, 'forbidden-request-header', 'is forbidden: scripts cannot send it')
const exposedHeaderCheck = headerNameCheck(FORBIDDEN_RESPONSE_HEADER, 'forbidden-exposed-header', 'is never exposed to scripts')

function compileAllowedHeaders(value: unknown, credentials: boolean, problems: Problems): CompiledAllowedHeaders {
  const names = readList(value, 'allowedHeaders', problems, allowedHeaderCheck, lowercase)
  if (names === undefined) return { mode: 'reflect' }
  const lowercased = names.map(lowercase)
  if (names.includes('*')) {
    const authorization = lowercased.includes('authorization')
    // Without credentials the browser reads '*' as "any but Authorization"; with them we echo.
    return { mode: 'any', authorization, value: authorization && !credentials ? '*,authorization' : '*' }
  }
  return { mode: 'list', names: new Set(lowercased), value: names.join(',') }
}

function compileExposedHeaders(value: unknown, credentials: boolean, problems: Problems): string | undefined {
  const names = readList(value, 'exposedHeaders', problems, exposedHeaderCheck, lowercase) ?? []
  if (credentials && names.includes('*')) {
    report(problems, 'credentials-with-expose-wildcard', 'exposedHeaders', `'*' with credentials means a header named "*"; list the headers`)
  }
  return names.length === 0 ? undefined : names.join(',')
}
