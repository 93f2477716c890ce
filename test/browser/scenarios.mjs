// One row per behaviour: a corsica configuration, what the page does, and what the browser and
// the server must show. `page` is the origin allowed in most rows (http://localhost:<page port>);
// the API is http://localhost:<other port>: a different origin, but the same site.
//
// Why same-site: a cookie's `SameSite` rule is decided by *site* (scheme + registrable domain,
// ports ignored), CORS by *origin*. With the page on localhost:A and the API on localhost:B, a
// default (Lax) cookie goes out on `credentials: 'include'` and stays home otherwise, so the cookie
// rows test the CORS credentials mode alone, not a third-party-cookie policy. One row
// (`cross-site page`) shows the other case: from http://127.0.0.1:A the same Lax cookie is not sent
// even though CORS allows the read — that is the cookie policy, not CORS.
//
// Fields: options(ctx) → corsica options; steps: fetches ({ path, method, headers, body, credentials,
// read }) and pauses ({ wait: ms }) issued in one page, in order; expect.outcome: 'blocked' or
// 'readable[ <status>][; header=value|hidden]' (every step must show it); expect.preflights and
// expect.handler: what the API servers counted; expect.cookie: 'sent' | 'none'; expect.origin and
// expect.secondOrigin: the Origin header the (first, second) API origin received. outer(ctx), when
// present, stacks a second corsica policy outside `options` (see startApi); `options` is then the
// policy closest to the route, and may be absent (the outer alone).

/**
 * The origins of one run: the page's (`page`), a cross-site page's, one no scenario's page has
 * (`other`), and once started, the API's (`api`) and the second API origin's (`second`).
 * @typedef {{ page: string, crossSite: string, other: string, api?: string, second?: string }} Context
 * @typedef {import('corsica').CorsOptions} CorsOptions
 * One fetch the page issues, or a pause (`wait`, in ms).
 * @typedef {object} Step
 * @property {string} [method]
 * @property {Record<string, string>} [headers]
 * @property {'text' | 'json' | 'stream'} [body]
 * @property {RequestCredentials} [credentials]
 * @property {string | ((ctx: Context) => string)} [path] default /api
 * @property {string[]} [read] response headers the page reads
 * @property {number} [wait]
 * @typedef {object} Expect
 * @property {string} outcome
 * @property {number} preflights
 * @property {number} handler
 * @property {'sent' | 'none'} [cookie]
 * @property {string} [origin]
 * @property {string} [secondOrigin]
 * @typedef {object} Scenario
 * @property {string} name
 * @property {(ctx: Context) => CorsOptions} [options]
 * @property {(ctx: Context) => CorsOptions} [outer]
 * @property {(ctx: Context) => CorsOptions} [second] the policy of a second API origin, the target of a redirect
 * @property {Step[]} steps
 * @property {Expect} expect
 * @property {boolean} [cookie] the browser holds the page's cookie
 * @property {boolean} [tls] HTTP/2 over TLS
 * @property {'cross-site' | 'sandbox'} [page]
 * @property {{ expect: string }} [pna]
 * @property {Partial<Record<import('./engines/index.mjs').EngineName, EngineDifference>>} [engines] where an
 *   engine really behaves otherwise: what it does instead (merged over `expect`), and why
 * @property {Partial<Record<import('./servers.mjs').AdapterName, EngineDifference>>} [adapters] where an
 *   adapter answers otherwise by design: what it does instead (merged over `expect`), and why
 * @typedef {Partial<Expect> & { why: string }} EngineDifference
 */

/** @type {Step} */
const GET = { method: 'GET' }
/** @type {Step} */
const PUT = { method: 'PUT', body: 'text' }
const readable = 'readable'
const blocked = 'blocked'

// Upload streams: only Chromium sends a ReadableStream body (and preflights it, over HTTP/2).
/** @type {EngineDifference} */
const FIREFOX_STREAM = {
  outcome: readable,
  preflights: 0,
  handler: 1,
  why: 'no upload streaming: the body goes out as the text "[object ReadableStream]" (23 bytes), a simple request with no preflight.',
}
/** @type {EngineDifference} */
const WEBKIT_STREAM = {
  outcome: blocked,
  preflights: 0,
  handler: 0,
  why: 'rejects a ReadableStream body before sending anything ("NotSupportedError: ReadableStream uploading is not supported").',
}

/** @type {Scenario[]} */
export const scenarios = [
  // Simple requests: no preflight; the handler runs whatever the origin, the browser decides the read.
  {
    name: 'simple GET, origin listed',
    options: (c) => ({ origin: [c.page] }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },
  {
    name: 'simple GET, origin not listed',
    options: (c) => ({ origin: [c.other] }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },
  {
    name: "simple GET, origin '*'",
    options: () => ({ origin: '*' }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },
  {
    name: 'simple GET, pattern http://localhost:*',
    options: () => ({ origin: 'http://localhost:*' }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },
  {
    name: 'simple GET, pattern https://*.example.com',
    options: () => ({ origin: 'https://*.example.com' }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },
  {
    name: 'simple GET, async predicate allows',
    options: (c) => ({ origin: async (origin) => origin === c.page }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },
  {
    name: 'simple POST text/plain, no preflight',
    options: (c) => ({ origin: [c.page], allowedHeaders: ['x-trace'] }),
    steps: [{ method: 'POST', body: 'text' }],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },
  {
    name: 'HEAD, origin listed',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'HEAD' }],
    expect: { outcome: readable, preflights: 0, handler: 1 },
  },

  // Preflighted requests: a refused preflight keeps the request from ever reaching the handler.
  {
    name: 'PUT, origin listed',
    options: (c) => ({ origin: [c.page] }),
    steps: [PUT],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'PUT, origin not listed',
    options: (c) => ({ origin: [c.other] }),
    steps: [PUT],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: 'DELETE, not in methods',
    options: (c) => ({ origin: [c.page], methods: ['GET', 'POST'] }),
    steps: [{ method: 'DELETE' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: 'lower-case delete is upper-cased by the browser',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'delete' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'X-Trace header, allowedHeaders unset (reflect)',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ headers: { 'x-trace': '1' } }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'X-Trace header, not in allowedHeaders',
    options: (c) => ({ origin: [c.page], allowedHeaders: ['content-type'] }),
    steps: [{ headers: { 'x-trace': '1' } }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: 'application/json POST is preflighted, allowed',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'POST', body: 'json' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'application/json POST, content-type not allowed',
    options: (c) => ({ origin: [c.page], allowedHeaders: ['x-trace'] }),
    steps: [{ method: 'POST', body: 'json' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: 'OPTIONS request: preflighted, then reaches the app',
    options: (c) => ({ origin: [c.page], methods: ['OPTIONS'] }),
    steps: [{ method: 'OPTIONS' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'preflightContinue: the app answers the preflight',
    options: (c) => ({ origin: [c.page], preflightContinue: true }),
    steps: [PUT],
    expect: { outcome: readable, preflights: 1, handler: 2 },
  },
  {
    name: 'optionsSuccessStatus 200',
    options: (c) => ({ origin: [c.page], optionsSuccessStatus: 200 }),
    steps: [PUT],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },

  // Methods compared byte for byte.
  {
    name: 'PATCH, default methods',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'PATCH' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'lower-case patch, default methods (PATCH)',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'patch' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  // Node's HTTP/1.1 parser answers 400 to a lower-case method, so the allowed row runs over HTTP/2.
  {
    name: "lower-case patch, methods ['patch'] (HTTP/2)",
    tls: true,
    options: (c) => ({ origin: [c.page], methods: ['patch'] }),
    steps: [{ method: 'patch' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
    adapters: {
      fastify: {
        outcome: blocked,
        handler: 0,
        why: 'Fastify answers a method it does not know (`patch`; it routes upper-case methods) before any hook, so without CORS headers',
      },
    },
  },
  {
    name: 'custom method PURGE, listed',
    options: (c) => ({ origin: [c.page], methods: ['GET', 'PURGE'] }),
    steps: [{ method: 'PURGE' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: 'custom method PURGE, not listed',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'PURGE' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },

  // '*' for methods and headers, with and without credentials; Authorization is never covered by '*'.
  {
    name: "methods '*', PROPFIND",
    options: (c) => ({ origin: [c.page], methods: '*' }),
    steps: [{ method: 'PROPFIND' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: "methods '*' + credentials, PROPFIND (echoed)",
    cookie: true,
    options: (c) => ({ origin: [c.page], methods: '*', credentials: true }),
    steps: [{ method: 'PROPFIND', credentials: 'include' }],
    expect: { outcome: readable, preflights: 1, handler: 1, cookie: 'sent' },
  },
  {
    name: "allowedHeaders '*', X-Trace",
    options: (c) => ({ origin: [c.page], allowedHeaders: '*' }),
    steps: [{ headers: { 'x-trace': '1' } }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: "allowedHeaders '*' + credentials, X-Trace (echoed)",
    cookie: true,
    options: (c) => ({ origin: [c.page], allowedHeaders: '*', credentials: true }),
    steps: [{ headers: { 'x-trace': '1' }, credentials: 'include' }],
    expect: { outcome: readable, preflights: 1, handler: 1, cookie: 'sent' },
  },
  {
    name: "allowedHeaders '*', Authorization",
    options: (c) => ({ origin: [c.page], allowedHeaders: '*' }),
    steps: [{ headers: { authorization: 'Bearer t' } }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: "allowedHeaders '*' + credentials, Authorization",
    cookie: true,
    options: (c) => ({ origin: [c.page], allowedHeaders: '*', credentials: true }),
    steps: [{ headers: { authorization: 'Bearer t' }, credentials: 'include' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
  },
  {
    name: "allowedHeaders ['*', 'Authorization'], Authorization",
    options: (c) => ({ origin: [c.page], allowedHeaders: ['*', 'Authorization'] }),
    steps: [{ headers: { authorization: 'Bearer t' } }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },
  {
    name: "allowedHeaders ['Authorization'], Authorization",
    options: (c) => ({ origin: [c.page], allowedHeaders: ['Authorization'] }),
    steps: [{ headers: { authorization: 'Bearer t' } }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
  },

  // Credentials (cookies). The cookie goes out whenever the page asks for it; CORS decides the read.
  {
    name: 'credentials, include, origin listed',
    cookie: true,
    options: (c) => ({ origin: [c.page], credentials: true }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: readable, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'credentials, include, origin not listed',
    cookie: true,
    options: (c) => ({ origin: [c.other], credentials: true }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: blocked, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'credentials off, include: no ACAC',
    cookie: true,
    options: (c) => ({ origin: [c.page] }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: blocked, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: "origin '*', include: '*' never allows credentials",
    cookie: true,
    options: () => ({ origin: '*' }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: blocked, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'credentials, fetch without include: no cookie',
    cookie: true,
    options: (c) => ({ origin: [c.page], credentials: true }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1, cookie: 'none' },
  },
  {
    name: 'credentials, include, PUT (preflight carries no cookie)',
    cookie: true,
    options: (c) => ({ origin: [c.page], credentials: true }),
    steps: [{ ...PUT, credentials: 'include' }],
    expect: { outcome: readable, preflights: 1, handler: 1, cookie: 'sent' },
  },
  {
    name: 'credentials, include, PUT, origin not listed',
    cookie: true,
    options: (c) => ({ origin: [c.other], credentials: true }),
    steps: [{ ...PUT, credentials: 'include' }],
    expect: { outcome: blocked, preflights: 1, handler: 0, cookie: 'none' },
  },
  {
    name: 'cross-site page: CORS allows, Lax cookie withheld',
    page: 'cross-site',
    cookie: true,
    options: (c) => ({ origin: [c.crossSite], credentials: true }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: readable, preflights: 0, handler: 1, cookie: 'none' },
  },

  // Exposed headers; Content-Length is safelisted.
  {
    name: 'X-Total not exposed',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ read: ['x-total'] }],
    expect: { outcome: 'readable; x-total=hidden', preflights: 0, handler: 1 },
  },
  {
    name: "exposedHeaders ['X-Total']",
    options: (c) => ({ origin: [c.page], exposedHeaders: ['X-Total'] }),
    steps: [{ read: ['x-total'] }],
    expect: { outcome: 'readable; x-total=42', preflights: 0, handler: 1 },
  },
  {
    name: "exposedHeaders '*'",
    options: (c) => ({ origin: [c.page], exposedHeaders: '*' }),
    steps: [{ read: ['x-total'] }],
    expect: { outcome: 'readable; x-total=42', preflights: 0, handler: 1 },
  },
  {
    name: "exposedHeaders ['X-Total'] + credentials",
    cookie: true,
    options: (c) => ({ origin: [c.page], exposedHeaders: ['X-Total'], credentials: true }),
    steps: [{ read: ['x-total'], credentials: 'include' }],
    expect: { outcome: 'readable; x-total=42', preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'Content-Length readable without exposure',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ read: ['content-length'] }],
    expect: { outcome: 'readable; content-length=2', preflights: 0, handler: 1 },
  },

  // Access-Control-Max-Age, observed by counting preflights in one browser context.
  {
    name: 'maxAge 0: every PUT preflighted',
    options: (c) => ({ origin: [c.page], maxAge: 0 }),
    steps: [PUT, PUT, PUT],
    expect: { outcome: readable, preflights: 3, handler: 3 },
  },
  {
    name: 'maxAge absent: the default 5 s preflight cache',
    options: (c) => ({ origin: [c.page] }),
    steps: [PUT, PUT, PUT],
    expect: { outcome: readable, preflights: 1, handler: 3 },
  },
  {
    name: 'maxAge 600: one preflight',
    options: (c) => ({ origin: [c.page], maxAge: 600 }),
    steps: [PUT, PUT, PUT],
    expect: { outcome: readable, preflights: 1, handler: 3 },
  },
  {
    name: 'maxAge 1: expired after a 2.5 s pause',
    options: (c) => ({ origin: [c.page], maxAge: 1 }),
    steps: [PUT, PUT, { wait: 2500 }, PUT],
    expect: { outcome: readable, preflights: 2, handler: 3 },
  },

  // Error statuses carry CORS headers.
  {
    name: 'allowed origin, 500 readable',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ path: '/api?status=500' }],
    expect: { outcome: 'readable 500', preflights: 0, handler: 1 },
  },
  {
    name: 'allowed origin, PUT answered 404, readable',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ ...PUT, path: '/api?status=404' }],
    expect: { outcome: 'readable 404', preflights: 1, handler: 1 },
  },
  {
    name: 'origin not listed, 500 blocked',
    options: (c) => ({ origin: [c.other] }),
    steps: [{ path: '/api?status=500' }],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },

  // Redirects: every hop is a CORS check. Crossing to another origin makes the Origin 'null'.
  {
    name: 'same-origin redirect, both hops carry CORS headers',
    options: (c) => ({ origin: [c.page] }),
    steps: [{ path: (c) => `/api?redirect=${encodeURIComponent(`${c.api}/final`)}` }],
    expect: { outcome: readable, preflights: 0, handler: 2 },
  },
  {
    name: 'redirect to a 2nd origin that lists only the page (Origin: null)',
    second: (c) => ({ origin: [c.page] }),
    options: (c) => ({ origin: [c.page] }),
    steps: [{ path: (c) => `/api?redirect=${encodeURIComponent(`${c.second}/final`)}` }],
    expect: { outcome: blocked, preflights: 0, handler: 2, secondOrigin: 'null' },
  },
  {
    name: "redirect to a 2nd origin that lists 'null'",
    second: () => ({ origin: ['null'] }),
    options: (c) => ({ origin: [c.page] }),
    steps: [{ path: (c) => `/api?redirect=${encodeURIComponent(`${c.second}/final`)}` }],
    expect: { outcome: readable, preflights: 0, handler: 2, secondOrigin: 'null' },
  },
  {
    name: 'redirect answered for an origin not listed',
    options: (c) => ({ origin: [c.other] }),
    steps: [{ path: (c) => `/api?redirect=${encodeURIComponent(`${c.api}/final`)}` }],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },

  // Origin: null from a sandboxed iframe.
  {
    name: "sandboxed iframe, 'null' not listed",
    page: 'sandbox',
    options: (c) => ({ origin: [c.page] }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1, origin: 'null' },
  },
  {
    name: "sandboxed iframe, 'null' listed",
    page: 'sandbox',
    options: (c) => ({ origin: [c.page, 'null'] }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1, origin: 'null' },
  },
  {
    name: "sandboxed iframe, PUT, 'null' listed",
    page: 'sandbox',
    options: () => ({ origin: ['null'] }),
    steps: [PUT],
    expect: { outcome: readable, preflights: 1, handler: 1, origin: 'null' },
  },
  {
    name: "sandboxed iframe, pattern http://localhost:* does not cover 'null'",
    page: 'sandbox',
    options: () => ({ origin: 'http://localhost:*' }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1, origin: 'null' },
  },

  // A ReadableStream body: always preflighted (even as POST), and Chromium streams uploads only over HTTP/2.
  {
    name: 'ReadableStream POST body (HTTP/2), origin listed',
    tls: true,
    options: (c) => ({ origin: [c.page] }),
    steps: [{ method: 'POST', body: 'stream' }],
    expect: { outcome: readable, preflights: 1, handler: 1 },
    engines: { firefox: FIREFOX_STREAM, webkit: WEBKIT_STREAM },
  },
  {
    name: 'ReadableStream POST body (HTTP/2), origin not listed',
    tls: true,
    options: (c) => ({ origin: [c.other] }),
    steps: [{ method: 'POST', body: 'stream' }],
    expect: { outcome: blocked, preflights: 1, handler: 0 },
    engines: { firefox: { ...FIREFOX_STREAM, outcome: blocked }, webkit: WEBKIT_STREAM },
  },

  // Private Network Access. Checked in the browser if it sends Access-Control-Request-Private-Network
  // to loopback; otherwise with a raw preflight from the runner, marked "server-level".
  {
    name: 'privateNetwork on, PNA preflight',
    options: (c) => ({ origin: [c.page], privateNetwork: true }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
    pna: { expect: 'preflight 204; allow-private-network=true' },
  },
  {
    name: 'privateNetwork off, PNA preflight',
    options: (c) => ({ origin: [c.page] }),
    steps: [GET],
    expect: { outcome: readable, preflights: 0, handler: 1 },
    pna: { expect: 'preflight 204; allow-private-network=absent' },
  },
  {
    name: 'privateNetwork on, origin not listed',
    options: (c) => ({ origin: [c.other], privateNetwork: true }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
    pna: { expect: 'preflight 204; allow-private-network=absent' },
  },

  // Stacked policies: a global policy (outer) and a route-level one (inner, `options`). The policy
  // closest to the route is authoritative: when it refuses or answers differently, no CORS header
  // the outer layer set may survive. Preflights are answered by the outer layer before routing, so a
  // refused PUT still reaches the handler; the inner policy withholds the read, not the request.
  {
    name: "stacked: outer '*' alone (control), GET and PUT readable",
    outer: () => ({ origin: '*' }),
    steps: [GET, PUT],
    expect: { outcome: readable, preflights: 1, handler: 2 },
  },
  {
    name: "stacked: outer '*', inner lists another origin, GET blocked",
    outer: () => ({ origin: '*' }),
    options: (c) => ({ origin: c.other, credentials: true }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },
  {
    name: "stacked: outer '*', inner lists another origin, PUT blocked",
    outer: () => ({ origin: '*' }),
    options: (c) => ({ origin: c.other, credentials: true }),
    steps: [PUT],
    expect: { outcome: blocked, preflights: 1, handler: 1 },
    adapters: {
      fastify: { handler: 0, why: "a route's config.cors also answers its preflights: the PUT is never sent" },
    },
  },
  {
    name: "stacked: outer '*', inner lists the page + credentials, include readable",
    cookie: true,
    outer: () => ({ origin: '*' }),
    options: (c) => ({ origin: c.page, credentials: true }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: readable, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'stacked: outer lists the page, inner lists another origin, GET blocked',
    outer: (c) => ({ origin: [c.page] }),
    options: (c) => ({ origin: [c.other] }),
    steps: [GET],
    expect: { outcome: blocked, preflights: 0, handler: 1 },
  },
  {
    name: 'stacked: outer allows credentials, inner does not, include blocked',
    cookie: true,
    outer: (c) => ({ origin: [c.page], credentials: true }),
    options: (c) => ({ origin: [c.page] }),
    steps: [{ credentials: 'include' }],
    expect: { outcome: blocked, preflights: 0, handler: 1, cookie: 'sent' },
  },
  {
    name: 'stacked: outer exposes X-Total, inner does not, X-Total hidden',
    outer: (c) => ({ origin: [c.page], exposedHeaders: ['X-Total'] }),
    options: (c) => ({ origin: [c.page] }),
    steps: [{ read: ['x-total'] }],
    expect: { outcome: 'readable; x-total=hidden', preflights: 0, handler: 1 },
  },
]
