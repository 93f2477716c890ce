// Validates options once and compiles them into the lookups the policy reads per request.
import { CorsConfigError, type CorsConfigProblem } from './errors.js'
import { addConfiguredOrigin, OriginAllowList } from './origin.js'
import { HeaderNameSet, isToken } from './tokens.js'
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
  | { readonly mode: 'list'; readonly names: HeaderNameSet; readonly value: string }

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

const OPTION_NAMES: readonly (keyof CorsOptions)[] = [
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
]

/** Names people bring from other CORS libraries and the headers themselves. */
const OPTION_ALIASES: Readonly<Record<string, keyof CorsOptions>> = {
  headers: 'allowedHeaders',
  allowheaders: 'allowedHeaders',
  allowedheader: 'allowedHeaders',
  allowmethods: 'methods',
  allowedmethods: 'methods',
  method: 'methods',
  exposeheaders: 'exposedHeaders',
  exposedheader: 'exposedHeaders',
  allowcredentials: 'credentials',
  allowedorigins: 'origin',
  alloworigin: 'origin',
  origins: 'origin',
  allowprivatenetwork: 'privateNetwork',
}

export const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE'
/** Methods browsers upper-case themselves; a lowercase entry would never match. */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])
/** Fetch's forbidden request-header names: scripts cannot set them, so allowing them is a mistake. */
const FORBIDDEN_REQUEST_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
])
const FORBIDDEN_RESPONSE_HEADERS = new Set(['set-cookie', 'set-cookie2'])

type Problems = CorsConfigProblem[]

/** Validates `options` and compiles them; throws CorsConfigError listing every problem. */
export function compileOptions(options: CorsOptions | undefined): CompiledOptions {
  const problems: Problems = []
  const input: Record<string, unknown> = options === undefined ? {} : checkObject(options, problems)
  for (const name of Object.keys(input)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) problems.push(unknownOption(name))
  }
  const credentials = readBoolean(input, 'credentials', false, problems)
  const compiled: CompiledOptions = {
    origin: compileOrigin(input.origin, credentials, problems),
    credentials,
    methods: compileMethods(input.methods, problems),
    allowedHeaders: compileAllowedHeaders(input.allowedHeaders, credentials, problems),
    exposedHeaders: compileExposedHeaders(input.exposedHeaders, credentials, problems),
    maxAge: compileMaxAge(input.maxAge, problems),
    preflightContinue: readBoolean(input, 'preflightContinue', false, problems),
    optionsSuccessStatus: compileStatus(input.optionsSuccessStatus, problems),
    privateNetwork: readBoolean(input, 'privateNetwork', false, problems),
    onReject: compileOnReject(input.onReject, problems),
  }
  if (problems.length > 0) throw new CorsConfigError(problems)
  return compiled
}

function checkObject(options: unknown, problems: Problems): Record<string, unknown> {
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) return options as Record<string, unknown>
  problems.push({ code: 'invalid-type', path: '(options)', message: `options must be an object, got ${describeType(options)}` })
  return {}
}

function unknownOption(name: string): CorsConfigProblem {
  const suggestion = OPTION_ALIASES[name.toLowerCase()] ?? OPTION_NAMES.find((known) => isNear(known, name))
  const hint = suggestion === undefined ? `known options: ${OPTION_NAMES.join(', ')}` : `did you mean "${suggestion}"?`
  return { code: 'unknown-option', path: name, message: `"${name}" is not a corsica option; ${hint}`, ...(suggestion === undefined ? {} : { suggestion }) }
}

/** Same name ignoring case, or at most two edits apart. */
function isNear(known: string, name: string): boolean {
  const a = known.toLowerCase()
  const b = name.toLowerCase()
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 2) return false
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]! <= 2
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof RegExp) return 'a RegExp'
  return typeof value === 'string' ? `the string "${value}"` : `${typeof value} ${String(value)}`
}

function invalidType(path: string, expected: string, value: unknown): CorsConfigProblem {
  return { code: 'invalid-type', path, message: `must be ${expected}, got ${describeType(value)}` }
}

function readBoolean(input: Record<string, unknown>, name: keyof CorsOptions, fallback: boolean, problems: Problems): boolean {
  const value = input[name]
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  problems.push(invalidType(name, 'true or false', value))
  return fallback
}

function compileOrigin(value: unknown, credentials: boolean, problems: Problems): OriginMode {
  if (value === undefined || value === '*' || value === true) {
    if (credentials) {
      problems.push({
        code: 'credentials-with-any-origin',
        path: 'origin',
        message: `origin ${value === true ? 'true' : "'*'"} with credentials: true would let every website read your users' authenticated responses; list the origins (['https://app.example.com']), use a pattern ('https://*.example.com') or a predicate`,
      })
    }
    return { kind: value === true ? 'echo-any' : 'any' }
  }
  if (value === false) return { kind: 'off' }
  if (typeof value === 'function') return { kind: 'predicate', predicate: value as OriginPredicate }
  const entries: readonly unknown[] | undefined = typeof value === 'string' || value instanceof RegExp ? [value] : Array.isArray(value) ? value : undefined
  if (entries === undefined) {
    problems.push(invalidType('origin', "'*', true, false, an origin string, a RegExp, an array of those, or a function", value))
    return { kind: 'off' }
  }
  const list = new OriginAllowList()
  entries.forEach((entry, index) => {
    const path = Array.isArray(value) ? `origin[${index}]` : 'origin'
    if (typeof entry !== 'string' && !(entry instanceof RegExp)) problems.push(invalidType(path, 'an origin string or a RegExp', entry))
    else addConfiguredOrigin(list, entry, path, problems)
    if (entry === 'null' && credentials) {
      problems.push({
        code: 'null-origin-with-credentials',
        path,
        message: `'null' with credentials: true would let any sandboxed iframe, data: URL or redirected request read authenticated responses; remove 'null' or turn credentials off`,
      })
    }
  })
  return { kind: 'list', list }
}

/** One item of a list option, with the path a problem about it reports. */
interface ListItem {
  readonly value: string
  readonly path: string
}

/**
 * Reads a list option (`'GET, POST'` or an array) into trimmed, non-empty items, reporting wrong
 * types; undefined when unset or not a list.
 */
function readList(value: unknown, name: keyof CorsOptions, problems: Problems): ListItem[] | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return itemsOf(value.split(','), () => name)
  if (!Array.isArray(value)) {
    problems.push(invalidType(name, 'a comma-separated string or an array of strings', value))
    return undefined
  }
  const strings: string[] = []
  const paths: string[] = []
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') problems.push(invalidType(`${name}[${index}]`, 'a string', item))
    else {
      strings.push(item)
      paths.push(`${name}[${index}]`)
    }
  })
  return itemsOf(strings, (index) => paths[index]!)
}

function itemsOf(raw: readonly string[], pathOf: (index: number) => string): ListItem[] {
  const items: ListItem[] = []
  raw.forEach((item, index) => {
    if (item.trim() !== '') items.push({ value: item.trim(), path: pathOf(index) })
  })
  return items
}

/** Keeps the first spelling of each name, comparing as `key` says. */
function unique(items: readonly string[], key: (item: string) => string): string[] {
  const seen = new Set<string>()
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined)
}

function compileMethods(value: unknown, problems: Problems): CompiledMethods {
  const items = readList(value, 'methods', problems)
  const valid = items === undefined ? DEFAULT_METHODS.split(',') : items.filter((item) => methodIsValid(item, problems)).map((item) => item.value)
  const methods = unique(valid, (method) => method)
  return { any: methods.includes('*'), allowed: new Set(methods), value: methods.join(',') }
}

function methodIsValid({ value: method, path }: ListItem, problems: Problems): boolean {
  if (method === '*') return true
  if (!isToken(method)) {
    problems.push({ code: 'invalid-method', path, message: `"${method}" is not a method token (letters, digits and !#$%&'*+-.^_\`|~ only)` })
    return false
  }
  const upper = method.toUpperCase()
  if (FORBIDDEN_METHODS.has(upper)) {
    problems.push({ code: 'forbidden-method', path, message: `"${method}" is a forbidden method: browsers never send it cross-origin; remove it` })
    return false
  }
  if (NORMALIZED_METHODS.has(upper) && method !== upper) {
    problems.push({
      code: 'non-normalized-method',
      path,
      message: `"${method}" never matches: browsers upper-case ${upper} before sending it; did you mean "${upper}"?`,
      suggestion: upper,
    })
    return false
  }
  return true
}

/** Validates header names, reporting each bad one; returns the valid ones, deduplicated. */
function headerNames(items: readonly ListItem[], forbidden: (lower: string, path: string) => CorsConfigProblem | undefined, problems: Problems): string[] {
  const valid = items.filter(({ value, path }) => {
    if (value === '*') return true
    if (!isToken(value)) {
      problems.push({ code: 'invalid-header-name', path, message: `"${value}" is not a header name (a token: letters, digits and !#$%&'*+-.^_\`|~)` })
      return false
    }
    const problem = forbidden(value.toLowerCase(), path)
    if (problem !== undefined) problems.push(problem)
    return problem === undefined
  })
  return unique(
    valid.map((item) => item.value),
    (name) => name.toLowerCase(),
  )
}

function compileAllowedHeaders(value: unknown, credentials: boolean, problems: Problems): CompiledAllowedHeaders {
  const items = readList(value, 'allowedHeaders', problems)
  if (items === undefined) return { mode: 'reflect' }
  const names = headerNames(
    items,
    (lower, path) =>
      FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-')
        ? { code: 'forbidden-request-header', path, message: `"${lower}" is a forbidden request header: scripts cannot set it, so allowing it does nothing; remove it` }
        : undefined,
    problems,
  )
  const lowercase = names.map((item) => item.toLowerCase())
  if (names.includes('*')) {
    const authorization = lowercase.includes('authorization')
    // Without credentials the browser reads '*' as "any but Authorization"; with them we echo.
    return { mode: 'any', authorization, value: authorization && !credentials ? '*,authorization' : '*' }
  }
  return { mode: 'list', names: new HeaderNameSet(lowercase), value: names.join(',') }
}

function compileExposedHeaders(value: unknown, credentials: boolean, problems: Problems): string | undefined {
  const items = readList(value, 'exposedHeaders', problems)
  if (items === undefined) return undefined
  const names = headerNames(
    items,
    (lower, path) =>
      FORBIDDEN_RESPONSE_HEADERS.has(lower)
        ? { code: 'forbidden-exposed-header', path, message: `"${lower}" can never be exposed: browsers hide it from scripts whatever the server says; remove it` }
        : undefined,
    problems,
  )
  if (credentials && names.includes('*')) {
    problems.push({
      code: 'credentials-with-expose-wildcard',
      path: 'exposedHeaders',
      message: `'*' with credentials: true is read by browsers as a header literally named "*"; list the headers to expose`,
    })
  }
  return names.length === 0 ? undefined : names.join(',')
}

function compileMaxAge(value: unknown, problems: Problems): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 86400) return String(value)
  problems.push({
    code: 'invalid-max-age',
    path: 'maxAge',
    message: `must be a whole number of seconds from 0 to 86400 (Firefox's cap; Chromium caps at 7200), got ${describeType(value)}`,
  })
  return undefined
}

function compileStatus(value: unknown, problems: Problems): number {
  if (value === undefined) return 204
  if (typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 299) return value
  problems.push({
    code: 'invalid-status',
    path: 'optionsSuccessStatus',
    message: `must be a 2xx status (browsers fail a preflight answered with anything else), got ${describeType(value)}`,
  })
  return 204
}

function compileOnReject(value: unknown, problems: Problems): CompiledOptions['onReject'] {
  if (value === undefined) return undefined
  if (typeof value === 'function') return value as CompiledOptions['onReject']
  problems.push(invalidType('onReject', 'a function', value))
  return undefined
}
