// Configured origins: each string becomes an exact origin or a pattern in the allow-list, or a
// problem naming what keeps it from being one, with the origin the user most likely meant.
import { problem, report, type CorsConfigProblem, type Problems } from './errors.js'
import type { OriginAllowList } from './origin-list.js'
import { defaultPortOf, hostEndOf, portOf, scanOrigin, urlOrigin } from './origin-syntax.js'
import { regexpProblem } from './regexp-check.js'

/** A host (and optional port) whose last label is a number: the URL parser reads an IPv4 address. */
const IP_ADDRESS_END = /(^|\.)(\d+|0x[\da-f]*)(:\d*)?$/i
const WILDCARD_POSITIONS = "'*' may only be a leading label (https://*.example.com) or the port (http://localhost:*)"
/** Stands in for the `*` of a subdomain pattern, so the rest is checked as an origin. */
const PLACEHOLDER_LABEL = 'x.'

/** Adds one configured string or RegExp to `list`, or reports why it cannot be. */
export function addConfiguredOrigin(
  list: OriginAllowList,
  entry: string | RegExp,
  path: string,
  problems: Problems,
): void {
  if (entry instanceof RegExp) addRegExp(list, entry, path, problems)
  else if (entry === 'null' || scanOrigin(entry) !== -1) list.exact.add(entry)
  else if (entry === '*') report(problems, 'invalid-origin', path, `'*' cannot be mixed with origins`, '*')
  else if (entry.includes('*')) addPattern(list, entry, path, problems)
  else if (entry.includes(','))
    report(problems, 'invalid-origin', path, `"${entry}" holds several origins in one string`, splitSuggestion(entry))
  else
    report(
      problems,
      'invalid-origin',
      path,
      `"${entry}" is not a scheme://host[:port] origin (${originFlaws(entry)})`,
      suggestOrigin(entry),
    )
}

function addRegExp(list: OriginAllowList, re: RegExp, path: string, problems: Problems): void {
  const found = regexpProblem(re, path)
  // Matched by a copy built from the source and flags that were checked: a subclass or an own
  // `test`/`exec` cannot match differently from what the check read.
  if (found === undefined) list.regexps.push(new RegExp(re.source, re.flags))
  else problems.push(found)
}

function splitSuggestion(entry: string): string {
  return `[${entry
    .split(',')
    .map((part) => `"${suggestOrigin(part) ?? part.trim()}"`)
    .join(', ')}]`
}

/** A `*.` subdomain pattern and/or a `:*` port pattern, cut into its parts. */
interface Pattern {
  readonly scheme: string
  /** The host after `*.`, with its port unless the port is `*`. */
  readonly rest: string
  readonly subdomains: boolean
  readonly anyPort: boolean
}

function parsePattern(entry: string): Pattern | undefined {
  const separator = entry.indexOf('://')
  if (separator === -1) return undefined
  const afterScheme = entry.slice(separator + 3)
  const subdomains = afterScheme.startsWith('*.')
  const withPort = subdomains ? afterScheme.slice(2) : afterScheme
  const anyPort = withPort.endsWith(':*')
  const rest = anyPort ? withPort.slice(0, -2) : withPort
  return rest.includes('*') ? undefined : { scheme: entry.slice(0, separator), rest, subdomains, anyPort }
}

function addPattern(list: OriginAllowList, entry: string, path: string, problems: Problems): void {
  const found = patternProblem(list, entry, path)
  if (found !== undefined) problems.push(found)
}

/** Adds the pattern to `list`, or returns why it cannot be added. */
function patternProblem(list: OriginAllowList, entry: string, path: string): CorsConfigProblem | undefined {
  const pattern = parsePattern(entry)
  if (pattern === undefined) return problem('invalid-origin-pattern', path, `"${entry}": ${WILDCARD_POSITIONS}`)
  // Before the scan: with a label in front, the address is no valid host at all.
  if (pattern.subdomains && IP_ADDRESS_END.test(pattern.rest)) {
    return problem('invalid-origin-pattern', path, `"${entry}": an IP address has no subdomains`)
  }
  const concrete = `${pattern.scheme}://${pattern.subdomains ? PLACEHOLDER_LABEL : ''}${pattern.rest}`
  const shape = scanOrigin(concrete)
  if (shape === -1) {
    const message = `"${entry}" is not a valid pattern (${originFlaws(concrete)})`
    return problem('invalid-origin-pattern', path, message, patternSuggestion(concrete, pattern))
  }
  const hostStart = pattern.scheme.length + 3 + (pattern.subdomains ? PLACEHOLDER_LABEL.length : 0)
  const host = concrete.slice(hostStart, hostEndOf(shape))
  if (pattern.subdomains && !host.includes('.')) {
    const message = `"${entry}" covers a whole top-level domain; name a domain: ${pattern.scheme}://*.example.${host}`
    return problem('origin-pattern-too-broad', path, message)
  }
  list.addPattern(pattern.scheme, host, pattern.subdomains, pattern.anyPort ? '*' : portOf(concrete, shape))
  return undefined
}

/** The corrected origin with the pattern's `*` put back. */
function patternSuggestion(concrete: string, pattern: Pattern): string | undefined {
  const fixed = suggestOrigin(concrete)
  if (fixed === undefined) return undefined
  const withWildcard = pattern.subdomains ? fixed.replace(`://${PLACEHOLDER_LABEL}`, '://*.') : fixed
  return pattern.anyPort ? `${withWildcard}:*` : withWildcard
}

/** `entry` cut into scheme (undefined without `://`), authority (up to `/`, `?` or `#`) and the rest. */
function partsOf(entry: string): { scheme: string | undefined; authority: string; tail: string } {
  const separator = entry.indexOf('://')
  const rest = separator === -1 ? entry : entry.slice(separator + 3)
  const cut = rest.search(/[/?#]|$/)
  const scheme = separator === -1 ? undefined : entry.slice(0, separator)
  return { scheme, authority: rest.slice(0, cut), tail: rest.slice(cut) }
}

/** For a special scheme's host (and optional port): why it is not one browsers send, if the URL parser says. */
function hostFlaw(authority: string): string | false {
  const host = authority.toLowerCase().replace(/^(\[.*\]|[^:]*):\d*$/, '$1')
  const url = `http://${host}`
  const serialized = urlOrigin(url)
  if (authority.includes('@') || serialized === url) return false
  if (/[^\0-\x7f]/.test(host)) return 'a non-ASCII host: use its punycode form'
  if (/(^|\.)xn--/.test(host)) return 'invalid punycode'
  const ip = ipVersionOf(host)
  if (ip === undefined) return false
  if (serialized === undefined) return `a host no browser sends (not a valid ${ip} address)`
  return `a host no browser sends (browsers write this ${ip} address ${serialized.slice('http://'.length)})`
}

function ipVersionOf(host: string): 'IPv4' | 'IPv6' | undefined {
  if (/^\[.*\]$/.test(host)) return 'IPv6'
  return IP_ADDRESS_END.test(host) ? 'IPv4' : undefined
}

/** Names what keeps `entry` from being a serialized origin, in words a user can act on. */
function originFlaws(entry: string): string {
  const { scheme = '', authority, tail } = partsOf(entry)
  const port = defaultPortOf(scheme.toLowerCase(), scheme.length)
  const flaws = [
    /\s/.test(entry) && 'whitespace',
    !entry.includes('://') && 'no scheme',
    tail !== '' && tailFlaw(tail),
    /[A-Z]/.test(scheme + authority) && 'uppercase letters',
    port > 0 && authority.endsWith(`:${port}`) && `the default port ${port}`,
    /\.(:|$)/.test(authority) && 'a trailing dot',
    authority.includes('@') && 'user info',
    port > 0 && hostFlaw(authority),
  ].filter(Boolean)
  return flaws.length > 0 ? flaws.join(', ') : 'not scheme://host[:port]'
}

function tailFlaw(tail: string): string {
  return tail === '/' ? 'a trailing slash' : 'a path, query or fragment'
}

/** The serialized origin a user most likely meant, if normalising yields a valid one. */
export function suggestOrigin(entry: string): string | undefined {
  const text = entry.trim()
  const { scheme = 'https', authority } = partsOf(text.includes('://') ? text : text.replace(/^\/+/, ''))
  const lower = scheme.toLowerCase()
  const port = defaultPortOf(lower, lower.length)
  const withoutDot = authority.toLowerCase().replace(/\.(?=:|$)/, '')
  const host = port > 0 && withoutDot.endsWith(`:${port}`) ? withoutDot.slice(0, -String(port).length - 1) : withoutDot
  const plain = `${lower}://${host}`
  // A non-ASCII or IP host: the URL parser gives the form browsers send (punycode, canonical address).
  // Under a scheme with no tuple origin it gives "null", which is no candidate.
  const browserForm = scanOrigin(plain) === -1 && hostFlaw(host) ? urlOrigin(plain) : undefined
  const candidate = browserForm ?? plain
  return candidate !== entry && scanOrigin(candidate) !== -1 ? candidate : undefined
}
