// A compiled allow-list: exact origins, `*.` and `:*` patterns, anchored RegExps. Patterns are
// kept per scheme in two Maps: whole hosts (`:*` port patterns) and `.suffix`es (`*.` patterns).
// A lookup hashes the origin's host and at most as many of its label suffixes as the longest
// configured suffix has labels: a few Map lookups whatever the number of patterns or the length
// of the origin, and a subdomain pattern only matches at a label boundary.
import { hostEndOf, hostStartOf, portOf, schemeEndOf } from './origin-syntax.js'

/** Ports a pattern accepts: numbers, -1 for the default port, '*' for any. */
type PortRule = Set<number | '*'>

/** The patterns of one scheme. Its fields are own properties, never inherited. */
/** Up to this many `*.` suffixes, comparing each in place costs less than slicing and hashing. */
const SCANNED_SUFFIXES = 8

class SchemeRules {
  /** `host` → ports, from `scheme://host:*` patterns. */
  readonly hosts = new Map<string, PortRule>()
  /** `.suffix` → ports, from `scheme://*.suffix` patterns: one or more labels stand left of it. */
  readonly suffixes = new Map<string, PortRule>()
  /** Labels in the longest suffix: no longer suffix of an origin's host can match. */
  suffixLabels = 0

  add(host: string, subdomains: boolean, port: number | '*'): void {
    const key = subdomains ? `.${host}` : host
    const rules = subdomains ? this.suffixes : this.hosts
    const ports = rules.get(key) ?? new Set()
    ports.add(port)
    rules.set(key, ports)
    if (subdomains) this.suffixLabels = Math.max(this.suffixLabels, host.split('.').length)
  }

  matches(origin: string, hostStart: number, hostEnd: number, port: number): boolean {
    if (this.hosts.size > 0 && accepts(this.hosts.get(origin.slice(hostStart, hostEnd)), port)) return true
    if (this.suffixes.size <= SCANNED_SUFFIXES) return this.scanSuffixes(origin, hostStart, hostEnd, port)
    // From the right: `.com`, `.example.com`, … up to the longest configured suffix.
    let dot = hostEnd
    for (let labels = 0; labels < this.suffixLabels; labels++) {
      dot = origin.lastIndexOf('.', dot - 1)
      // A host never starts with '.': a suffix found has at least one label left of it.
      if (dot <= hostStart) return false
      if (accepts(this.suffixes.get(origin.slice(dot, hostEnd)), port)) return true
    }
    return false
  }

  /** A few suffixes: each compared where it would end, with no new string. */
  private scanSuffixes(origin: string, hostStart: number, hostEnd: number, port: number): boolean {
    for (const [suffix, ports] of this.suffixes) {
      const at = hostEnd - suffix.length
      // Each suffix starts with '.': a match is at a label boundary, with a label left of it.
      if (at > hostStart && origin.startsWith(suffix, at) && accepts(ports, port)) return true
    }
    return false
  }
}

function accepts(rule: PortRule | undefined, port: number): boolean {
  return rule !== undefined && (rule.has('*') || rule.has(port))
}

export class OriginAllowList {
  readonly exact = new Set<string>()
  readonly regexps: RegExp[] = []
  // A list names one or two schemes: comparing each in place is cheaper than hashing them.
  readonly schemes: [scheme: string, rules: SchemeRules][] = []

  addPattern(scheme: string, host: string, subdomains: boolean, port: number | '*'): void {
    this.rulesOf(scheme).add(host, subdomains, port)
  }

  private rulesOf(scheme: string): SchemeRules {
    const known = this.schemes.find(([name]) => name === scheme)
    if (known !== undefined) return known[1]
    const rules = new SchemeRules()
    this.schemes.push([scheme, rules])
    return rules
  }

  /** For an origin already known valid (`shape` from scanOrigin) and not in `exact`. */
  matchesBeyondExact(origin: string, shape: number): boolean {
    return this.matchesPattern(origin, shape) || this.matchesRegExp(origin)
  }

  private matchesPattern(origin: string, shape: number): boolean {
    const rules = this.schemeRules(origin, schemeEndOf(shape))
    return rules?.matches(origin, hostStartOf(shape), hostEndOf(shape), portOf(origin, shape)) === true
  }

  // Indexed loops, no iterators: these run for every refused origin and must not allocate.
  private schemeRules(origin: string, schemeEnd: number): SchemeRules | undefined {
    for (let k = 0; k < this.schemes.length; k++) {
      const entry = this.schemes[k]
      if (entry !== undefined && entry[0].length === schemeEnd && origin.startsWith(entry[0])) return entry[1]
    }
    return undefined
  }

  private matchesRegExp(origin: string): boolean {
    for (let k = 0; k < this.regexps.length; k++) if (this.regexps[k]?.test(origin) === true) return true
    return false
  }
}
