// Writes docs/config-errors.md, the configuration-errors reference: every CorsConfigProblemCode
// with an example configuration and the message corsica really produces for it (createCors is
// called on each). The README links to it from its short "Configuration errors" section.
//
//   node scripts/gen-config-errors-doc.mjs           regenerate the file
//   node scripts/gen-config-errors-doc.mjs --check   fail if the file is stale, or a code has no example
//
// Reads the built package: dist/ (run `npm run build` first) or CORSICA_DIST.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const OUT = path.join(ROOT, 'docs/config-errors.md')
const distDir = process.env.CORSICA_DIST ? path.resolve(process.env.CORSICA_DIST) : path.join(ROOT, 'dist')
/** @type {typeof import('corsica')} */
const corsica = await import(pathToFileURL(path.join(distDir, 'index.js')).href).catch((error) => {
  console.error(
    `cannot load corsica from ${distDir}: run \`npm run build\` first, or set CORSICA_DIST (${error.message})`,
  )
  process.exit(1)
})
const { createCors, CorsConfigError } = corsica

/**
 * What an example shows and runs: `createCors(source)`, unless it names another runner.
 * @typedef {{ shown: (source: string) => string, run: (source: string) => Promise<unknown> }} Runner
 * @type {Runner}
 */
const createCorsRunner = {
  shown: (source) => `createCors(${source})`,
  run: async (source) => createCors(new Function(`return (${source})`)()),
}

/**
 * `parseOrigins(source)`, run where no variable is set: `process.env` is empty.
 * @type {Runner}
 */
const parseOriginsUnset = {
  shown: (source) => `// CORS_ORIGINS unset\nparseOrigins(${source})`,
  run: async (source) => {
    const [value, name] = /** @type {[string | undefined, string]} */ (
      new Function('process', `return [${source}]`)({ env: {} })
    )
    return corsica.parseOrigins(value, name)
  },
}

/**
 * The source as routes of a Fastify app with corsica/fastify registered (`list`,
 * `answerOptions` and `remove` stand for route handlers).
 * @type {Runner}
 */
const fastifyApp = {
  shown: (source) => `await app.register(cors)\n${source}`,
  run: async (source) => {
    const { default: Fastify } = await import('fastify')
    const { default: cors } = await import(pathToFileURL(path.join(distDir, 'fastify.js')).href)
    const app = Fastify()
    await app.register(cors)
    const handler = async () => 'ok'
    try {
      new Function('app', 'list', 'answerOptions', 'remove', source)(app, handler, handler, handler)
    } finally {
      await app.close()
    }
  },
}

/**
 * The source as the options of originLookup (the lookup itself stands for a database query).
 * @type {Runner}
 */
const originLookupRunner = {
  shown: (source) => `originLookup((origin) => db.isTenantOrigin(origin), ${source})`,
  run: async (source) => corsica.originLookup(async () => true, new Function(`return (${source})`)()),
}

/**
 * The source as the options of corsica/upgrade's guard for Node's `upgrade` event.
 * @type {Runner}
 */
const upgradeGuardRunner = {
  shown: (source) => `upgradeGuard(${source})`,
  run: async (source) => {
    const { upgradeGuard } = await import(pathToFileURL(path.join(distDir, 'upgrade.js')).href)
    upgradeGuard(new Function(`return (${source})`)())
  },
}

/**
 * One example per code, in the order of the CorsConfigProblemCode union: the source the page
 * shows, and why corsica refuses it (messages stay short to keep the core small; the reasons live here).
 * @type {[code: string, source: string, why: string, runner?: Runner][]}
 */
const EXAMPLES = [
  [
    'unknown-option',
    `{ allowHeaders: ['content-type'] }`,
    'A misspelt option is otherwise ignored silently: here every header would be reflected instead of the one listed. Names from other CORS libraries (`allowHeaders`, `exposeHeaders`, `allowCredentials`, …) and near misses get a suggestion.',
  ],
  [
    'invalid-type',
    `{ credentials: 'true' }`,
    'A string `"true"` is not `true`; corsica does not guess what a value of the wrong type meant.',
  ],
  [
    'credentials-with-any-origin',
    `{ origin: '*', credentials: true }`,
    "Browsers refuse `*` with credentials, and reflecting any origin instead (`true`) would let every website read your users' authenticated responses: the CVE several CORS libraries shipped.",
  ],
  [
    'null-origin-with-credentials',
    `{ origin: ['https://app.example.com', 'null'], credentials: true }`,
    '`null` is the origin of every sandboxed iframe, `data:` document and cross-origin redirect, so any website can send it.',
  ],
  [
    'invalid-origin',
    `{ origin: 'https://App.example.com/' }`,
    'Browsers send an origin as `scheme://host[:port]`: lowercase, no path, no trailing slash or dot, no default port. An entry in any other form never matches, so the problem names what is off and suggests the form browsers send.',
  ],
  [
    'missing-origins',
    `process.env.CORS_ORIGINS, 'CORS_ORIGINS'`,
    "`parseOrigins` refuses a variable that is unset or empty: left to mean `'*'`, a deploy that forgot it would open the API to every site; left to mean no origin, it would break the site in a way no log explains.",
    parseOriginsUnset,
  ],
  [
    'invalid-origin-pattern',
    `{ origin: 'https://api-*.example.com' }`,
    'Patterns match by DNS label, never by substring: `*` may only be a whole leading label (`https://*.example.com`) or the port (`http://localhost:*`).',
  ],
  [
    'origin-pattern-too-broad',
    `{ origin: 'https://*.com' }`,
    'A pattern over a bare top-level domain allows every site registered under it, attackers included.',
  ],
  [
    'unanchored-regexp',
    `{ origin: /^https:\\/\\/.*\\.example\\.com/ }`,
    'Without `^` and `$` around the whole pattern, an origin that merely contains a match passes: `https://example.com.attacker.net`. The suggestion anchors it and keeps the scheme.',
  ],
  [
    'stateful-regexp',
    `{ origin: /^https:\\/\\/(app|admin)\\.example\\.com$/g }`,
    'With `g` or `y`, `RegExp.test` keeps `lastIndex` between calls, so every other request from an allowed origin is refused.',
  ],
  [
    'invalid-method',
    `{ methods: ['GET', 'PUT POST'] }`,
    'A method is a single token; a space-separated list is one method nobody sends.',
  ],
  [
    'forbidden-method',
    `{ methods: ['GET', 'TRACE'] }`,
    'Browsers never send `CONNECT`, `TRACE` or `TRACK` from scripts; listing them is a mistake.',
  ],
  [
    'non-normalized-method',
    `{ methods: ['GET', 'delete'] }`,
    'Browsers upper-case `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` and `PUT` before sending them, and methods are compared byte for byte, so a lowercase entry never matches.',
  ],
  [
    'invalid-header-name',
    `{ allowedHeaders: ['content-type', 'x trace'] }`,
    "A header name is a token: letters, digits and `!#$%&'*+-.^_`|~`.",
  ],
  [
    'forbidden-request-header',
    `{ allowedHeaders: ['content-type', 'cookie'] }`,
    "Scripts cannot set Fetch's forbidden request headers (`cookie`, `host`, `origin`, `sec-*`, `proxy-*`, …), so allowing one does nothing and usually hides a misunderstanding.",
  ],
  [
    'forbidden-exposed-header',
    `{ exposedHeaders: ['x-request-id', 'set-cookie'] }`,
    'Browsers hide `Set-Cookie` from scripts whatever the server says.',
  ],
  [
    'credentials-with-expose-wildcard',
    `{ origin: 'https://app.example.com', credentials: true, exposedHeaders: '*' }`,
    'With credentials, browsers read `Access-Control-Expose-Headers: *` as a header literally named `*`, so nothing would be exposed.',
  ],
  [
    'invalid-max-age',
    `{ maxAge: 90000 }`,
    'Browsers cap the preflight cache (Firefox at 86400 seconds, Chromium at 7200); a fraction or a negative number is a mistake.',
  ],
  [
    'invalid-status',
    `{ optionsSuccessStatus: 404 }`,
    'Browsers fail a preflight answered with anything but a 2xx status.',
  ],
  [
    'late-options-route',
    `app.get('/items', { config: { cors: { origin: 'https://admin.example.com' } } }, list)
app.options('/items', answerOptions)`,
    "corsica/fastify answers the preflights of a route with its own `config.cors` through an OPTIONS route it adds for that URL. An OPTIONS route declared afterwards cannot take that one's place: declare it before the configured route, and corsica answers the preflights through it.",
    fastifyApp,
  ],
  [
    'route-origin-unset',
    `app.delete('/items/:id', { config: { cors: { methods: ['DELETE'] } } }, remove)`,
    "A route's `config.cors` replaces the plugin's options rather than adding to them (as `@fastify/cors` route options do): left unset, `origin` would mean `'*'` for that route, opening exactly the route you meant to narrow. Name its origins, even when they are the plugin's.",
    fastifyApp,
  ],
  [
    'invalid-lookup-option',
    `{ ttl: '1m', maxEntries: 0 }`,
    "`ttl` and `negativeTtl` are milliseconds (a finite number; `negativeTtl` may be 0 to keep no refusal), and `maxEntries`, the bound on the cache's memory whatever origins attackers send, is a whole number, 2 or more. A string or an unbounded value would silently disable expiry or the bound.",
    originLookupRunner,
  ],
  [
    'misplaced-candidate-option',
    `{ origin: '*', candidate: { origin: ['https://app.example.com'], onReject: console.log }, onCandidateDiffers: console.log }`,
    'A candidate is report-only: it refuses nothing and writes no header, so `onReject`, `debug`, `metrics` and `onCandidateDiffers` would never be called or would count nothing there. They belong beside `candidate`, on the enforced policy.',
  ],
  [
    'candidate-unreported',
    `{ origin: '*', candidate: { origin: ['https://app.example.com'] } }`,
    'A candidate whose differences go nowhere costs a second check per request for nothing: set `onCandidateDiffers` to hear of them, or `metrics` to count them.',
  ],
  [
    'candidate-missing',
    `{ origin: '*', onCandidateDiffers: console.log }`,
    'A reporter with no candidate is never called: the candidate it was meant for is missing, likely lost in a merge of options.',
  ],
  [
    'upgrade-any-origin',
    `{ origin: '*' }`,
    "CORS does not apply to WebSockets, and a browser sends the user's cookies with every handshake, whatever page opens it: the Origin header is the one defence against cross-site WebSocket hijacking. `'*'`, `true`, `false` or an unset `origin` would let any site's page in, so the upgrade guards of `corsica/upgrade` refuse them. List your pages' origins; a socket that authenticates by a token rather than cookies needs no origin guard.",
    upgradeGuardRunner,
  ],
]

/** A few problems at once, as people meet them: every one is listed, in one error. */
const COMBINED = `{
  origin: ['https://App.example.com/', 'https://*.example.org'],
  credentials: true,
  methods: 'GET, PUT, delete',
  allowHeaders: ['content-type', 'x-trace'],
  maxAge: 3600.5,
}`

/**
 * @param {string} source
 * @param {Runner} runner
 */
const problemsOf = async (source, runner) => {
  try {
    await runner.run(source)
  } catch (error) {
    if (error instanceof CorsConfigError) return error
    throw error
  }
  throw new Error(`${runner.shown(source)} did not throw`)
}

/** @type {string[]} */
const failures = []
const codes = codesFromSource()
for (const code of codes)
  if (!EXAMPLES.some(([example]) => example === code)) failures.push(`no example for the code "${code}"`)

const sections = []
for (const [code, source, why, runner = createCorsRunner] of EXAMPLES) {
  const error = await problemsOf(source, runner)
  const problem = error.problems.find((candidate) => candidate.code === code)
  if (problem === undefined)
    failures.push(`${runner.shown(source)} reports ${error.problems.map((p) => p.code).join(', ')}, not ${code}`)
  if (!codes.includes(code)) failures.push(`"${code}" is not a CorsConfigProblemCode`)
  const lines = error.problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')
  sections.push(`## \`${code}\`

${why}

\`\`\`js
${runner.shown(source)}
\`\`\`

\`\`\`text
${lines}
\`\`\``)
}

const combined = await problemsOf(COMBINED, createCorsRunner)
const text = `<!-- Generated by scripts/gen-config-errors-doc.mjs: edit the script, then run \`node scripts/gen-config-errors-doc.mjs\`. -->
# Configuration errors

corsica checks its options once, when \`createCors\` (or an adapter's \`cors()\` / \`withCors()\`) is
called, and throws a \`CorsConfigError\` that lists **every** problem at once: a stable \`code\`, the
option \`path\` (\`origin[1]\`, \`maxAge\`), a short message that says what is wrong and, when there is
an obvious fix, a \`suggestion\` (also offered in the message). A mistake stops the server at
start-up instead of failing in a browser months later. Unsafe combinations are refused outright:
there is no flag to allow them. (Options that an Express options delegate returns per request are
checked on first use, and the error goes to \`next(err)\`.)

\`\`\`js
createCors(${COMBINED})
\`\`\`

\`\`\`text
${combined.name}: ${combined.message}
\`\`\`

To handle it in code, check \`error instanceof CorsConfigError\` (or \`error.code === 'CORS_CONFIG'\`
across bundles) and read \`error.problems\`:

\`\`\`js
import { createCors, CorsConfigError } from 'corsica'

try {
  createCors(options)
} catch (error) {
  if (!(error instanceof CorsConfigError)) throw error
  for (const problem of error.problems) console.error(problem.code, problem.path, problem.message, problem.suggestion ?? '')
  process.exit(1)
}
\`\`\`

Every code below comes with a configuration that triggers it and the messages \`createCors\`
produces for it (\`scripts/gen-config-errors-doc.mjs\` writes this page by calling \`createCors\` on
each example, so the messages are the real ones). The options themselves are described in
[options.md](options.md); [SECURITY.md](../SECURITY.md) explains what each refusal protects.

${EXAMPLES.map(([code]) => `[\`${code}\`](#${code})`).join(' · ')}

${sections.join('\n\n')}
`

if (failures.length > 0) {
  console.error(
    `config-errors doc: ${failures.length} problem(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`,
  )
  process.exit(1)
}
if (process.argv.includes('--check')) {
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : ''
  if (current !== text) {
    console.error(`${path.relative(ROOT, OUT)} is stale: run node scripts/gen-config-errors-doc.mjs`)
    process.exit(1)
  }
  console.log(`${path.relative(ROOT, OUT)} is up to date (${EXAMPLES.length} codes)`)
} else {
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, text)
  console.log(`wrote ${path.relative(ROOT, OUT)} (${EXAMPLES.length} codes)`)
}

/** The codes of the CorsConfigProblemCode union, read from the source so a new code needs an example. */
function codesFromSource() {
  const source = fs.readFileSync(path.join(ROOT, 'src/core/errors.ts'), 'utf8')
  const union = /export type CorsConfigProblemCode =([^;]*?)\n\n/s.exec(source)
  if (union === null) throw new Error('cannot find CorsConfigProblemCode in src/core/errors.ts')
  const [, members = ''] = union
  return [...members.matchAll(/'([a-z-]+)'/g)].map(([, code = '']) => code)
}
