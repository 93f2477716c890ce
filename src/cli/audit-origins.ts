// The origins `corsica audit` tries, each one a page no one should trust: derived from the trusted
// origin (the suffix, prefix and unescaped-dot tricks, an http: twin, a subdomain), or one any site
// (an unrelated origin fixed and one random per run, `null`) or any local program (`localhost`) has.
import { randomBytes } from 'node:crypto'

export type Severity = 'high' | 'medium' | 'low'

/** An origin no one trusts on purpose. */
export const UNRELATED_ORIGIN = 'https://corsica-audit.example'
const ATTACKER = 'corsica-audit'

export interface Candidate {
  readonly id: string
  readonly origin: string
  /** What a page on this origin is, for the finding's title. */
  readonly who: string
  /** Severity when readable with credentials / without. */
  readonly credentialed: Severity
  readonly plain: Severity
  readonly fix: string
}

/** A host label no server can know in advance: the random attacker of this run. */
export function randomLabel(): string {
  return `cx${randomBytes(6).toString('hex')}`
}

function validOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin
  } catch {
    return undefined
  }
}

function isIp(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[')
}

/** localhost, *.localhost, 127.0.0.0/8 and [::1]: a page any local program can serve. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]'
}

const REFLECT_FIX =
  'check the Origin against a list of trusted origins instead of reflecting it (corsica: origin: [...])'
const COMPARE_FIX =
  'compare the whole origin (scheme, host and port) with the trusted ones; anchor and escape a RegExp (corsica: ' +
  'origin: [...])'

function anySite(label: string): Candidate[] {
  const anyone = { who: 'any site', credentialed: 'high', plain: 'low', fix: REFLECT_FIX } as const
  return [
    { id: 'any-origin', origin: UNRELATED_ORIGIN, ...anyone },
    // The same finding when a server special-cases the fixed name: one id, reported once.
    { id: 'any-origin', origin: `https://${label}.com`, ...anyone },
    {
      id: 'null-origin',
      origin: 'null',
      who: 'sandboxed iframes, data: and file: pages (Origin: null)',
      credentialed: 'high',
      plain: 'low',
      fix:
        "do not allow the origin `null`: any site can send it from a sandboxed iframe (corsica: leave 'null' out " +
        'of origin)',
    },
  ]
}

function derived(protocol: string, hostname: string, at: string): Candidate[] {
  // An IP address has no prefix or dot trick (those are not hosts); a one-label host no dot trick.
  const ip = isIp(hostname)
  const tricks: [string, string, string, Severity, boolean][] = [
    [
      'suffix',
      `${protocol}//${hostname}.${ATTACKER}.example${at}`,
      'a domain that ends with the trusted host',
      'high',
      true,
    ],
    [
      'prefix',
      `${protocol}//${ATTACKER}${hostname}${at}`,
      'a domain that ends with the trusted host name',
      'high',
      !ip,
    ],
    [
      'unescaped-dot',
      `${protocol}//${hostname.replace('.', 'x')}${at}`,
      'a host matched by an unescaped `.`',
      'high',
      !ip && hostname.includes('.'),
    ],
    ['subdomain', `${protocol}//${ATTACKER}.${hostname}${at}`, 'any subdomain of the trusted host', 'medium', true],
  ]
  const list: Candidate[] = []
  for (const [id, text, who, severity, applies] of tricks) {
    const origin = validOrigin(text)
    if (!applies || origin === undefined) continue
    list.push({ id: `${id}-origin`, origin, who, credentialed: severity, plain: 'low', fix: COMPARE_FIX })
  }
  return list
}

function loopback(hostname: string): Candidate[] {
  // A trusted local origin means local pages are trusted already: nothing to find.
  if (isLoopbackHost(hostname)) return []
  const local = {
    who: 'a page served from this computer (any local program, a dev server)',
    credentialed: 'medium',
    plain: 'low',
    fix: 'allow localhost origins in development only, never in production (corsica: origin: [...])',
  } as const
  return [
    { id: 'localhost-origin', origin: 'http://localhost', ...local },
    { id: 'localhost-origin', origin: 'http://127.0.0.1', ...local },
  ]
}

/** The origins to try, derived from the trusted one (an origin, not `null`). */
export function candidates(trusted: string, label: string = randomLabel()): Candidate[] {
  const { protocol, hostname, port } = new URL(trusted)
  const at = port === '' ? '' : `:${port}`
  const list = [...anySite(label), ...derived(protocol, hostname, at)]
  if (protocol === 'https:') {
    list.push({
      id: 'http-origin',
      origin: `http://${hostname}${at}`,
      who: 'the http: twin of the trusted origin (anyone on the network path can script it)',
      credentialed: 'high',
      plain: 'medium',
      fix: 'trust https: origins only (corsica: list the https:// origin)',
    })
  }
  return [...list, ...loopback(hostname)]
}
