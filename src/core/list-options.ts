// The list options (methods, allowedHeaders, exposedHeaders): read, validated item by item, and
// compiled into the sets and header values the policy reads. Each validator returns its problem.
import { invalidType, problem, type CorsConfigProblem, type CorsConfigProblemCode } from './errors.js'
import { FORBIDDEN_METHODS, FORBIDDEN_REQUEST_HEADERS, NORMALIZED_METHODS } from './forbidden.js'
import { ownItems } from './own.js'
import { isToken, MAX_METHOD_LENGTH } from './tokens.js'

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

const DEFAULT_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE'
/** Matches a whole name of `names`. */
function anyOf(names: readonly string[]): RegExp {
  return new RegExp(`^(${names.join('|')})$`)
}
const FORBIDDEN_METHOD = anyOf(FORBIDDEN_METHODS)
/** Browsers upper-case these methods themselves; a lowercase entry would never match. */
const NORMALIZED_METHOD = anyOf(NORMALIZED_METHODS)
/** Fetch's forbidden request-header names: scripts cannot set them, so allowing them is a mistake. */
const FORBIDDEN_REQUEST_HEADER = new RegExp(`^(${FORBIDDEN_REQUEST_HEADERS.join('|')}|(sec|proxy)-.*)$`)
const FORBIDDEN_RESPONSE_HEADER = /^set-cookie2?$/

/** Checks one item of a list option: its problem, or undefined when it is fine. */
type ItemCheck = (item: string, path: string) => CorsConfigProblem | undefined

export function compileMethods(value: unknown, problems: CorsConfigProblem[]): CompiledMethods {
  const methods = readList(value ?? DEFAULT_METHODS, 'methods', problems, methodProblem) ?? []
  return { any: methods.includes('*'), allowed: new Set(methods), value: methods.join(',') }
}

export function compileAllowedHeaders(
  value: unknown,
  credentials: boolean,
  problems: CorsConfigProblem[],
): CompiledAllowedHeaders {
  const names = readList(value, 'allowedHeaders', problems, allowedHeaderProblem, lowercase)
  if (names === undefined) return { mode: 'reflect' }
  const lowercased = names.map(lowercase)
  if (!names.includes('*')) return { mode: 'list', names: new Set(lowercased), value: names.join(',') }
  const authorization = lowercased.includes('authorization')
  // Without credentials the browser reads '*' as "any but Authorization"; with them we echo.
  return { mode: 'any', authorization, value: authorization && !credentials ? '*,authorization' : '*' }
}

export function compileExposedHeaders(
  value: unknown,
  credentials: boolean,
  problems: CorsConfigProblem[],
): string | undefined {
  const names = readList(value, 'exposedHeaders', problems, exposedHeaderProblem, lowercase) ?? []
  if (credentials && names.includes('*')) problems.push(EXPOSE_WILDCARD_WITH_CREDENTIALS)
  return names.length === 0 ? undefined : names.join(',')
}

/** The `vary` option: header names only; `*` would make every response uncacheable, so it is refused. */
export function compileVary(value: unknown, problems: CorsConfigProblem[]): string | undefined {
  const names = readList(value, 'vary', problems, varyNameProblem, lowercase) ?? []
  return names.length === 0 ? undefined : names.join(', ')
}

const EXPOSE_WILDCARD_WITH_CREDENTIALS = problem(
  'credentials-with-expose-wildcard',
  'exposedHeaders',
  `'*' with credentials means a header named "*"; list the headers`,
)

/**
 * Reads a list option (`'GET, POST'` or an array) into its trimmed, non-empty items that pass
 * `check`, keeping the first of those `key` finds equal; undefined when unset.
 */
function readList(
  value: unknown,
  name: string,
  problems: CorsConfigProblem[],
  check: ItemCheck,
  key = (item: string) => item,
): string[] | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' && !Array.isArray(value)) {
    problems.push(invalidType(name, 'a string or an array', value))
    return []
  }
  const items: string[] = []
  const seen = new Set<string>()
  const raws = typeof value === 'string' ? value.split(',') : ownItems(value)
  for (const [index, raw] of raws.entries()) {
    const path = typeof value === 'string' ? name : `${name}[${index}]`
    if (typeof raw !== 'string') {
      problems.push(invalidType(path, 'a string', raw))
      continue
    }
    const item = raw.trim()
    const found = itemProblem(item, path, check)
    if (found !== undefined) problems.push(found)
    else if (item !== '' && !seen.has(key(item))) {
      seen.add(key(item))
      items.push(item)
    }
  }
  return items
}

/** Empty items are ignored, as in an RFC 9110 list. */
function itemProblem(item: string, path: string, check: ItemCheck): CorsConfigProblem | undefined {
  return item === '' ? undefined : check(item, path)
}

function methodProblem(method: string, path: string): CorsConfigProblem | undefined {
  // '*' is a token, and no forbidden or normalized method: it passes as it is.
  if (method.length > MAX_METHOD_LENGTH) {
    return problem(
      'invalid-method',
      path,
      `"${method.slice(0, 20)}…" is longer than ${MAX_METHOD_LENGTH} characters: no request asks for it`,
    )
  }
  if (!isToken(method)) return problem('invalid-method', path, `"${method}" is not a method name (a token)`)
  const upper = method.toUpperCase()
  if (FORBIDDEN_METHOD.test(upper))
    return problem('forbidden-method', path, `"${method}" is forbidden: browsers never send it`)
  if (method !== upper && NORMALIZED_METHOD.test(upper)) {
    return problem('non-normalized-method', path, `"${method}" never matches: browsers send ${upper}`, upper)
  }
  return undefined
}

/** A header-name check: a token, and not a name `forbidden` matches (lowercased). */
function headerNameCheck(forbidden: RegExp, code: CorsConfigProblemCode, why: string): ItemCheck {
  return (name, path) => {
    // '*' is a token, and no forbidden name: it passes as it is.
    if (!isToken(name)) return problem('invalid-header-name', path, `"${name}" is not a header name (a token)`)
    const lower = name.toLowerCase()
    return forbidden.test(lower) ? problem(code, path, `"${lower}" ${why}`) : undefined
  }
}

const allowedHeaderProblem = headerNameCheck(
  FORBIDDEN_REQUEST_HEADER,
  'forbidden-request-header',
  'is forbidden: scripts cannot send it',
)
const exposedHeaderProblem = headerNameCheck(
  FORBIDDEN_RESPONSE_HEADER,
  'forbidden-exposed-header',
  'is never exposed to scripts',
)

const anyHeaderName = headerNameCheck(/(?!)/, 'invalid-header-name', '')

function varyNameProblem(name: string, path: string): CorsConfigProblem | undefined {
  if (name === '*')
    return problem(
      'invalid-header-name',
      path,
      `"*" in Vary makes every response uncacheable; name the request headers`,
    )
  return anyHeaderName(name, path)
}

function lowercase(name: string): string {
  return name.toLowerCase()
}
