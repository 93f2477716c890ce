// The command line, read into one command: flags as `--name value` or `--name=value`, `--` ends
// the flags. Every mistake is a UsageError whose message says what was wrong and what is expected,
// and so is a request fetch() itself refuses (a forbidden method, a URL with a password).
import { FORBIDDEN_METHODS } from '../model/index.js'

/** A header as typed: `name: value`. */
export type HeaderPair = readonly [name: string, value: string]

export type CommandName = 'probe' | 'audit' | 'explain'
export const COMMANDS: readonly CommandName[] = ['probe', 'audit', 'explain']

export interface ProbeCommand {
  readonly name: 'probe'
  readonly url: string
  readonly origin: string
  readonly method: string
  readonly headers: readonly HeaderPair[]
  readonly credentials: boolean
  readonly json: boolean
  readonly timeout: number
  /** Milliseconds for the whole command, every request included. */
  readonly deadline: number
}

export interface AuditCommand {
  readonly name: 'audit'
  readonly url: string
  readonly origin: string | undefined
  readonly json: boolean
  readonly timeout: number
  readonly deadline: number
}

export interface ExplainCommand {
  readonly name: 'explain'
  /** undefined: read the message from standard input. */
  readonly message: string | undefined
  readonly json: boolean
}

export type Command =
  | ProbeCommand
  | AuditCommand
  | ExplainCommand
  | { readonly name: 'help'; readonly topic: CommandName | undefined }

/** A mistake on the command line: exit status 2, the message and the usage of `topic`. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  constructor(
    message: string,
    readonly topic: CommandName | undefined,
  ) {
    super(message)
  }
}

export const DEFAULT_TIMEOUT = 10_000
export const DEFAULT_DEADLINE = 60_000
const MAX_TIMEOUT = 600_000
const MAX_DEADLINE = 3_600_000

interface FlagSpec {
  readonly takesValue: boolean
  readonly repeat?: boolean
}

const FLAGS: Readonly<Record<CommandName, Readonly<Record<string, FlagSpec>>>> = {
  probe: {
    origin: { takesValue: true },
    method: { takesValue: true },
    header: { takesValue: true, repeat: true },
    credentials: { takesValue: false },
    json: { takesValue: false },
    timeout: { takesValue: true },
    deadline: { takesValue: true },
    help: { takesValue: false },
  },
  audit: {
    origin: { takesValue: true },
    json: { takesValue: false },
    timeout: { takesValue: true },
    deadline: { takesValue: true },
    help: { takesValue: false },
  },
  explain: {
    json: { takesValue: false },
    help: { takesValue: false },
  },
}

const SHORT: Readonly<Record<string, string>> = { h: 'help', X: 'method', H: 'header' }

interface Parsed {
  readonly positionals: string[]
  readonly values: Map<string, string[]>
}

function parseFlags(command: CommandName, argv: readonly string[]): Parsed {
  const specs = FLAGS[command]
  const positionals: string[] = []
  const values = new Map<string, string[]>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const long = arg.startsWith('--')
    const body = long ? arg.slice(2) : arg.slice(1)
    const equals = long ? body.indexOf('=') : -1
    const written = equals === -1 ? body : body.slice(0, equals)
    const name = long ? written : SHORT[written]
    const spec = name === undefined ? undefined : specs[name]
    if (name === undefined || spec === undefined) {
      throw new UsageError(`unknown option ${long ? `--${written}` : arg} for \`corsica ${command}\``, command)
    }
    let value = 'true'
    if (spec.takesValue) {
      if (equals !== -1) value = body.slice(equals + 1)
      else {
        const next = argv[i + 1]
        if (next === undefined) throw new UsageError(`--${name} needs a value`, command)
        value = next
        i++
      }
    } else if (equals !== -1) {
      throw new UsageError(`--${name} takes no value`, command)
    }
    const seen = values.get(name)
    if (seen !== undefined && spec.repeat !== true) throw new UsageError(`--${name} given twice`, command)
    values.set(name, [...(seen ?? []), value])
  }
  return { positionals, values }
}

function single(parsed: Parsed, name: string): string | undefined {
  return parsed.values.get(name)?.[0]
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

function httpUrl(text: string | undefined, command: CommandName): string {
  if (text === undefined) throw new UsageError(`\`corsica ${command}\` needs a URL`, command)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`not an absolute URL: ${text}`, command)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`only http: and https: URLs can be probed, not ${url.protocol}`, command)
  }
  if (url.username !== '' || url.password !== '') {
    // Never echo the password: the URL is shown without its user info.
    url.username = ''
    url.password = ''
    throw new UsageError(
      `a URL with a user name or password cannot be fetched (fetch() throws a TypeError): ${url.href} without ` +
        `them, and credentials in a header or cookie`,
      command,
    )
  }
  return url.href
}

/** A serialized origin as a browser sends it (`https://app.example`, `http://localhost:5173`) or `null`. */
export function checkOrigin(text: string, command: CommandName): string {
  if (text === 'null') return text
  let origin: string | undefined
  try {
    origin = new URL(text).origin
  } catch {
    origin = undefined
  }
  if (origin === undefined || origin === 'null' || origin !== text) {
    const hint = origin !== undefined && origin !== 'null' ? ` (did you mean ${origin}?)` : ''
    throw new UsageError(`not an origin: ${text}${hint}; an origin is scheme://host[:port], or null`, command)
  }
  return origin
}

function header(text: string, command: CommandName): HeaderPair {
  const colon = text.indexOf(':')
  const name = colon === -1 ? '' : text.slice(0, colon).trim()
  if (!TOKEN.test(name)) throw new UsageError(`a header is 'name: value', not ${JSON.stringify(text)}`, command)
  const value = text.slice(colon + 1).trim()
  if (!isHeaderValue(value)) {
    throw new UsageError(
      `fetch() refuses the value of ${name}: a header value is bytes (characters up to U+00FF), without NUL, CR or LF`,
      command,
    )
  }
  return [name, value]
}

/** A value fetch()'s Headers accepts: code points up to 0xFF, without NUL, CR or LF. */
function isHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code > 0xff || code === 0 || code === 0x0a || code === 0x0d) return false
  }
  return true
}

function milliseconds(parsed: Parsed, command: CommandName, flag: string, fallback: number, max: number): number {
  const text = single(parsed, flag)
  if (text === undefined) return fallback
  const ms = Number(text)
  if (!/^\d{1,9}$/.test(text) || ms < 1 || ms > max) {
    throw new UsageError(`--${flag} is milliseconds, 1..${max}, not ${JSON.stringify(text)}`, command)
  }
  return ms
}

function timeouts(parsed: Parsed, command: CommandName): { timeout: number; deadline: number } {
  return {
    timeout: milliseconds(parsed, command, 'timeout', DEFAULT_TIMEOUT, MAX_TIMEOUT),
    deadline: milliseconds(parsed, command, 'deadline', DEFAULT_DEADLINE, MAX_DEADLINE),
  }
}

function oneUrl(parsed: Parsed, command: CommandName): string {
  const [first, ...extra] = parsed.positionals
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, command)
  return httpUrl(first, command)
}

function probe(parsed: Parsed): ProbeCommand {
  const url = oneUrl(parsed, 'probe')
  const origin = single(parsed, 'origin')
  if (origin === undefined) throw new UsageError('`corsica probe` needs --origin, the page origin', 'probe')
  const method = single(parsed, 'method') ?? 'GET'
  if (!TOKEN.test(method)) throw new UsageError(`not a method: ${JSON.stringify(method)}`, 'probe')
  if (FORBIDDEN_METHODS.includes(method.toUpperCase())) {
    throw new UsageError(`${method} is a forbidden method: fetch() refuses to send it`, 'probe')
  }
  return {
    name: 'probe',
    url,
    origin: checkOrigin(origin, 'probe'),
    method,
    headers: (parsed.values.get('header') ?? []).map((text) => header(text, 'probe')),
    credentials: parsed.values.has('credentials'),
    json: parsed.values.has('json'),
    ...timeouts(parsed, 'probe'),
  }
}

function audit(parsed: Parsed): AuditCommand {
  const url = oneUrl(parsed, 'audit')
  const origin = single(parsed, 'origin')
  if (origin === 'null') {
    throw new UsageError(
      'the trusted origin cannot be null: audit derives look-alike origins from a real one (scheme://host[:port])',
      'audit',
    )
  }
  return {
    name: 'audit',
    url,
    origin: origin === undefined ? undefined : checkOrigin(origin, 'audit'),
    json: parsed.values.has('json'),
    ...timeouts(parsed, 'audit'),
  }
}

function explain(parsed: Parsed): ExplainCommand {
  const text = parsed.positionals.join(' ').trim()
  const fromStdin =
    parsed.positionals.length === 0 || (parsed.positionals.length === 1 && parsed.positionals[0] === '-')
  return { name: 'explain', message: fromStdin ? undefined : text, json: parsed.values.has('json') }
}

function isCommand(text: string): text is CommandName {
  return (COMMANDS as readonly string[]).includes(text)
}

/** Reads the arguments after `corsica`. Throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0]
    return { name: 'help', topic: topic !== undefined && isCommand(topic) ? topic : undefined }
  }
  if (!isCommand(first)) {
    const what = first.startsWith('-') ? 'option' : 'command'
    throw new UsageError(`unknown ${what} ${JSON.stringify(first)}`, undefined)
  }
  const parsed = parseFlags(first, rest)
  if (parsed.values.has('help')) return { name: 'help', topic: first }
  if (first === 'probe') return probe(parsed)
  if (first === 'audit') return audit(parsed)
  return explain(parsed)
}
