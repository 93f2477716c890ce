// A compiled allow-list: exact origins, `*.` and `:*` patterns, anchored RegExps. Patterns sit in
// a trie per scheme, keyed on the host read backwards, so a lookup walks the origin once whatever
// the number of patterns, and a subdomain pattern only matches at a label boundary.
import { hostEndOf, hostStartOf, portOf, schemeEndOf } from './origin-syntax.js'

/** Ports a pattern accepts: numbers, -1 for the default port, '*' for any. */
type PortRule = Set<number | '*'>

/** One character of a host, read from its end. Its fields are own properties, never inherited. */
class TrieNode {
  readonly next = new Map<number, TrieNode>()
  /** On the node reached by `.suffix`: one or more labels may stand left of it. */
  subdomains: PortRule | undefined = undefined
  /** On the node reached by a whole host. */
  host: PortRule | undefined = undefined

  child(code: number): TrieNode {
    const known = this.next.get(code)
    if (known !== undefined) return known
    const created = new TrieNode()
    this.next.set(code, created)
    return created
  }
}

function accepts(rule: PortRule | undefined, port: number): boolean {
  return rule !== undefined && (rule.has('*') || rule.has(port))
}

export class OriginAllowList {
  readonly exact = new Set<string>()
  readonly regexps: RegExp[] = []
  // A list names one or two schemes: comparing each in place is cheaper than a trie walk over them.
  readonly schemes: [scheme: string, hosts: TrieNode][] = []

  addPattern(scheme: string, host: string, subdomains: boolean, port: number | '*'): void {
    let node = this.hostsOf(scheme)
    const key = subdomains ? `.${host}` : host
    for (let i = key.length - 1; i >= 0; i--) node = node.child(key.charCodeAt(i))
    if (subdomains) {
      node.subdomains ??= new Set()
      node.subdomains.add(port)
    } else {
      node.host ??= new Set()
      node.host.add(port)
    }
  }

  private hostsOf(scheme: string): TrieNode {
    const known = this.schemes.find(([name]) => name === scheme)
    if (known !== undefined) return known[1]
    const hosts = new TrieNode()
    this.schemes.push([scheme, hosts])
    return hosts
  }

  /** For an origin already known valid (`shape` from scanOrigin) and not in `exact`. */
  matchesBeyondExact(origin: string, shape: number): boolean {
    return this.matchesPattern(origin, shape) || this.matchesRegExp(origin)
  }

  private matchesPattern(origin: string, shape: number): boolean {
    const hostStart = hostStartOf(shape)
    const port = portOf(origin, shape)
    let node = this.schemeRoot(origin, schemeEndOf(shape))
    for (let i = hostEndOf(shape) - 1; i >= hostStart && node !== undefined; i--) {
      node = node.next.get(origin.charCodeAt(i))
      // A subdomain rule sits after a '.', which no host starts with: at least one label remains.
      if (accepts(node?.subdomains, port)) return true
    }
    return accepts(node?.host, port)
  }

  // Indexed loops, no iterators: these run for every refused origin and must not allocate.
  private schemeRoot(origin: string, schemeEnd: number): TrieNode | undefined {
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
