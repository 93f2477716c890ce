// The usage text of `corsica` and of each command.
import type { CommandName } from './args.js'

const PROBE = `corsica probe <url> --origin <origin> [options]

Sends what a browser would send for fetch(<url>) from a page on <origin>: the preflight when one
is needed, then the request, following redirects as browsers do. Prints each request and
response, where each engine (Chromium, Firefox, WebKit) would block and why, its console
message, and the fix.

Options:
  --origin <origin>        the page's origin, e.g. https://app.example (required), or null
  -X, --method <method>    the request method (default GET)
  -H, --header 'n: v'      a request header the script sets (repeatable)
  --credentials            credentials: 'include' (cookies, HTTP auth)
  --json                   one JSON object: { verdict, engines, standard, steps, request, dropped }
  --timeout <ms>           per request (default 10000)
  --deadline <ms>          for the whole command (default 60000)

Exit status: 0 readable in every engine, 1 blocked in one at least, 2 usage or network error.
HTTPS with a private CA: set NODE_EXTRA_CA_CERTS=<file.pem>.
`

const AUDIT = `corsica audit <url> [--origin <trusted origin>] [options]

A short scan (at most 23 GET and OPTIONS requests, one at a time, to <url> only, no redirect
followed) for CORS answers that let other sites read it or write to it with a preflight: any
origin reflected (a fixed and a random one), null allowed, suffix, prefix and unescaped-dot tricks
on the trusted origin, its http: twin, localhost, a credentialed wildcard, a missing Vary: Origin,
a preflight that redirects or fails. The trusted origin defaults to <url>'s own; not null.

Options:
  --origin <origin>        the origin that should be trusted (default: the URL's origin)
  --json                   one JSON object: { url, trustedOrigin, trusted, requests, findings, notes }
  --timeout <ms>           per request (default 10000)
  --deadline <ms>          for the whole command (default 60000)

Exit status: 1 when a high-severity finding exists, 0 otherwise, 2 usage or network error.
`

const EXPLAIN = `corsica explain "<console message>"

Reads a CORS error pasted from a browser's console (Chromium, Firefox or WebKit): which engine
wrote it, what it means, and the fix. Without a message (or with -), reads standard input.

Options:
  --json                   one JSON object: the explanation

Exit status: 0 recognised, 1 not recognised, 2 usage error.
`

const MAIN = `corsica: CORS from the browser's side

Usage:
  corsica probe <url> --origin <origin> [--method M] [--header 'n: v']... [--credentials] [--json]
  corsica audit <url> [--origin <trusted origin>] [--json]
  corsica explain "<console message>"
  corsica <command> --help

Colours on a terminal only, never with NO_COLOR set.
`

export function usage(topic: CommandName | undefined): string {
  if (topic === 'probe') return PROBE
  if (topic === 'audit') return AUDIT
  if (topic === 'explain') return EXPLAIN
  return MAIN
}
