// The decision table: one configuration per block, one request per row, and the whole decision
// each row must produce. Expectations come from DESIGN.md and the Fetch Standard's CORS protocol.
import { describe, expect, it, vi } from 'vitest'
import { createCors, type CorsDecision, type CorsRejectEvent, type CorsRequest, type SyncCorsOptions, type SyncOriginPredicate } from '../../src/index.js'
import {
  ACAC,
  ACAH,
  ACAM,
  ACAO,
  ACAPN,
  ACEH,
  ADMIN,
  APP,
  DEFAULT_METHODS,
  EVIL,
  HOSTILE_REQUEST_HEADERS,
  MALFORMED_ORIGINS,
  MAX_AGE,
  PREFLIGHT_VARY,
  PREFLIGHT_VARY_TOKENS,
  actualRequest as actual,
  allowedActual,
  allowedPreflight,
  checkNow,
  headerNames,
  notCors,
  preflightRequest as preflight,
  refusedActual,
  refusedPreflight,
} from './support.js'

interface Row {
  name: string
  request: CorsRequest
  expected: CorsDecision
}

interface Configuration {
  name: string
  options: SyncCorsOptions
  rows: Row[]
}

function row(name: string, request: CorsRequest, expected: CorsDecision): Row {
  return { name, request, expected }
}

const PATCH_AND_PUT = { [ACAO]: APP, [ACAM]: 'PUT,patch' }

const PREDICATE_ANSWERS: Record<string, unknown> = {
  [APP]: true,
  [ADMIN]: 'yes',
  'https://one.example.com': 1,
  'https://no.example.com': false,
}
/** Answers from a table, including non-boolean values that must not count as "allowed". */
const tablePredicate = ((origin: string) => PREDICATE_ANSWERS[origin]) as unknown as SyncOriginPredicate

const CONFIGURATIONS: Configuration[] = [
  {
    name: 'default options (origin *)',
    options: {},
    rows: [
      row('actual request from any origin gets ACAO * and no Vary', actual(APP), allowedActual({ [ACAO]: '*' }, undefined)),
      row('request without Origin still carries ACAO * (one answer for every cache key)', actual(null), notCors({ [ACAO]: '*' }, undefined)),
      row('preflight for PUT lists the default methods and reflects the header', preflight(APP, 'PUT', 'content-type'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight reflects requested headers lowercased and comma-joined', preflight(APP, 'POST', 'X-Trace, Content-Type'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-trace,content-type' }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight without request headers sends no ACAH', preflight(APP, 'DELETE'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight for lowercase patch is refused for method (PATCH is listed, patch is not)', preflight(APP, 'patch'), refusedPreflight('method', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight from two joined origins still gets ACAO * (nothing is echoed)', preflight(`${APP}, ${EVIL}`, 'PUT'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight from the null origin gets ACAO *', preflight('null', 'PUT'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
      row('OPTIONS without Access-Control-Request-Method is an actual request', actual(APP, 'OPTIONS'), allowedActual({ [ACAO]: '*' }, undefined)),
      row('OPTIONS with Access-Control-Request-Method but no Origin is not CORS', preflight(null, 'PUT'), notCors({ [ACAO]: '*' }, undefined)),
      row('preflight asking for Private Network Access is refused while privateNetwork is off', preflight(APP, 'PUT', undefined, 'true'), refusedPreflight('private-network', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight whose ACRM is a list is malformed', preflight(APP, 'PUT, POST'), refusedPreflight('malformed', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight whose ACRH is not a token list is malformed and keeps ACAM', preflight(APP, 'PUT', 'x-a;b'), refusedPreflight('malformed', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight with a 64 KiB ACRH of commas and spaces is malformed', preflight(APP, 'PUT', HOSTILE_REQUEST_HEADERS), refusedPreflight('malformed', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204)),
    ],
  },
  {
    name: "origin '*' never looks at the Origin value",
    options: { origin: '*', exposedHeaders: ['X-Total-Count', 'Content-Length'], maxAge: 600 },
    rows: [
      row('actual request gets ACAO * and the exposed headers', actual(APP), allowedActual({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined)),
      row('request without Origin carries the same headers', actual(null, 'POST'), notCors({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined)),
      row('preflight carries max-age but no ACEH (exposure is for actual responses)', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '600' }, PREFLIGHT_VARY_TOKENS, 204)),
      row('preflight refused for method carries no max-age', preflight(APP, 'PROPFIND'), refusedPreflight('method', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204)),
      ...MALFORMED_ORIGINS.map(([label, origin]) =>
        row(`Origin with ${label} still gets ACAO * (the value is never echoed)`, actual(origin), allowedActual({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined)),
      ),
    ],
  },
  {
    name: 'origin true echoes any valid origin',
    options: { origin: true },
    rows: [
      row('actual request from an origin echoes it', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
      row('actual request from an origin with a port echoes it byte for byte', actual('http://localhost:8080'), allowedActual({ [ACAO]: 'http://localhost:8080' }, 'Origin')),
      row('request without Origin carries Vary: Origin', actual(null), notCors({}, 'Origin')),
      row('null origin is refused (it is allowed only when listed)', actual('null'), refusedActual('origin', {}, 'Origin')),
      row('preflight from an origin echoes it and reflects the header', preflight(APP, 'PUT', 'x-a'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)),
      row('preflight from the null origin is refused with no headers', preflight('null', 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('actual request from an uppercase origin is malformed, not echoed', actual('https://App.example.com'), refusedActual('malformed', {}, 'Origin')),
      row('preflight from an origin with a trailing slash is malformed', preflight(`${APP}/`, 'PUT'), refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204)),
      row('OPTIONS with ACRM but no Origin is not CORS, and still varies on Origin', preflight(null, 'PUT'), notCors({}, 'Origin')),
    ],
  },
  {
    name: 'origin false turns CORS off',
    options: { origin: false },
    rows: [
      row('actual request from an origin gets no CORS headers', actual(APP), notCors({}, undefined)),
      row('preflight is not CORS and is left to the application', preflight(APP, 'PUT', 'x-a'), notCors({}, undefined)),
      row('Private Network preflight is left to the application', preflight(APP, 'PUT', undefined, 'true'), notCors({}, undefined)),
      row('malformed Origin is not judged', actual(`${APP}, ${EVIL}`), notCors({}, undefined)),
      row('request without Origin gets nothing', actual(null), notCors({}, undefined)),
    ],
  },
  {
    name: 'a single exact origin',
    options: { origin: APP },
    rows: [
      row('actual request from the origin echoes it', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
      row('actual request from another origin gets no CORS headers', actual(ADMIN), refusedActual('origin', {}, 'Origin')),
      row('preflight from the origin echoes it and lists the methods', preflight(APP, 'PUT', 'content-type'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
      row('preflight from another origin is refused with no headers at all', preflight(ADMIN, 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('same host over http is another origin', actual('http://app.example.com'), refusedActual('origin', {}, 'Origin')),
      row('same host on another port is another origin', actual(`${APP}:8443`), refusedActual('origin', {}, 'Origin')),
      row('null origin is refused when not listed', actual('null'), refusedActual('origin', {}, 'Origin')),
      row('preflight from the null origin is refused when not listed', preflight('null', 'GET'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('request without Origin carries Vary: Origin', actual(null), notCors({}, 'Origin')),
      row('OPTIONS with ACRM but no Origin is not CORS', preflight(null, 'PUT'), notCors({}, 'Origin')),
    ],
  },
  {
    name: 'a list of origins with credentials',
    options: { origin: [APP, ADMIN, 'http://localhost:3000'], credentials: true },
    rows: [
      row('actual request from a listed origin echoes it with ACAC', actual(APP), allowedActual({ [ACAO]: APP, [ACAC]: 'true' }, 'Origin')),
      row('actual request from a listed origin with a port echoes it', actual('http://localhost:3000', 'POST'), allowedActual({ [ACAO]: 'http://localhost:3000', [ACAC]: 'true' }, 'Origin')),
      row('another port of a listed host is refused, without ACAC', actual('http://localhost:3001'), refusedActual('origin', {}, 'Origin')),
      row('preflight from a listed origin echoes it with ACAC and reflects headers', preflight(ADMIN, 'PUT', 'X-Trace'), allowedPreflight({ [ACAO]: ADMIN, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-trace' }, PREFLIGHT_VARY, 204)),
      row('preflight from an unlisted origin gets no headers, not even ACAC', preflight(EVIL, 'PUT', 'x-trace'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('preflight refused for method keeps ACAO, ACAC and ACAH', preflight(ADMIN, 'patch', 'content-type'), refusedPreflight('method', { [ACAO]: ADMIN, [ACAC]: 'true', [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
      row('preflight with a malformed ACRH keeps ACAO, ACAC and ACAM', preflight(ADMIN, 'PUT', 'a b'), refusedPreflight('malformed', { [ACAO]: ADMIN, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('null origin is refused', actual('null'), refusedActual('origin', {}, 'Origin')),
      row('OPTIONS without ACRM from a listed origin is an actual request', actual(APP, 'OPTIONS'), allowedActual({ [ACAO]: APP, [ACAC]: 'true' }, 'Origin')),
      row('request without Origin carries Vary: Origin and no ACAC', actual(null), notCors({}, 'Origin')),
    ],
  },
  {
    name: 'malformed origins against a list',
    options: { origin: [APP], credentials: true },
    rows: [
      ...MALFORMED_ORIGINS.map(([label, origin]) => row(`actual request whose Origin has ${label} is malformed: no CORS headers`, actual(origin), refusedActual('malformed', {}, 'Origin'))),
      row('preflight from two joined origins is malformed: no headers', preflight(`${APP}, ${EVIL}`, 'PUT'), refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204)),
      row('preflight from an Origin with CR/LF is malformed: no headers', preflight(`${APP}\r\n`, 'PUT'), refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204)),
      row('preflight from an empty Origin is malformed: no headers', preflight('', 'PUT'), refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'subdomain pattern https://*.example.com',
    options: { origin: 'https://*.example.com' },
    rows: [
      row('a subdomain is allowed and echoed', actual('https://app.example.com'), allowedActual({ [ACAO]: 'https://app.example.com' }, 'Origin')),
      row('a deep subdomain is allowed', actual('https://a.b.example.com'), allowedActual({ [ACAO]: 'https://a.b.example.com' }, 'Origin')),
      row('the apex itself is never matched', actual('https://example.com'), refusedActual('origin', {}, 'Origin')),
      row('a host ending in the name without a dot is refused (label boundary)', actual('https://evilexample.com'), refusedActual('origin', {}, 'Origin')),
      row('a host ending in "-example.com" is refused', actual('https://app-example.com'), refusedActual('origin', {}, 'Origin')),
      row('the name followed by another domain is refused', actual('https://example.com.evil.net'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain over http is refused (scheme)', actual('http://app.example.com'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain on another port is refused', actual('https://app.example.com:8443'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain of another TLD is refused', actual('https://app.example.co'), refusedActual('origin', {}, 'Origin')),
      row('an empty leading label is malformed', actual('https://.example.com'), refusedActual('malformed', {}, 'Origin')),
      row('preflight from a subdomain is allowed', preflight('https://api.example.com', 'PUT'), allowedPreflight({ [ACAO]: 'https://api.example.com', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('preflight from the apex is refused with no headers', preflight('https://example.com', 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'any port of localhost: http://localhost:*',
    options: { origin: 'http://localhost:*' },
    rows: [
      row('localhost without a port is allowed', actual('http://localhost'), allowedActual({ [ACAO]: 'http://localhost' }, 'Origin')),
      row('localhost:3000 is allowed', actual('http://localhost:3000'), allowedActual({ [ACAO]: 'http://localhost:3000' }, 'Origin')),
      row('port 1 is allowed', actual('http://localhost:1'), allowedActual({ [ACAO]: 'http://localhost:1' }, 'Origin')),
      row('port 65535 is allowed', actual('http://localhost:65535'), allowedActual({ [ACAO]: 'http://localhost:65535' }, 'Origin')),
      row('port 0 is malformed', actual('http://localhost:0'), refusedActual('malformed', {}, 'Origin')),
      row('port 65536 is malformed', actual('http://localhost:65536'), refusedActual('malformed', {}, 'Origin')),
      row('the default port spelled out is malformed', actual('http://localhost:80'), refusedActual('malformed', {}, 'Origin')),
      row('https://localhost is another scheme', actual('https://localhost:3000'), refusedActual('origin', {}, 'Origin')),
      row('localhost followed by another domain is refused', actual('http://localhost.evil.net:3000'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain of localhost is refused (no *. in the pattern)', actual('http://app.localhost:3000'), refusedActual('origin', {}, 'Origin')),
      row('preflight from a dev-server port is allowed', preflight('http://localhost:5173', 'PUT', 'content-type'), allowedPreflight({ [ACAO]: 'http://localhost:5173', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'subdomains on any port: https://*.example.com:*',
    options: { origin: 'https://*.example.com:*' },
    rows: [
      row('a subdomain on a port is allowed', actual('https://app.example.com:8443'), allowedActual({ [ACAO]: 'https://app.example.com:8443' }, 'Origin')),
      row('a subdomain without a port is allowed', actual('https://app.example.com'), allowedActual({ [ACAO]: 'https://app.example.com' }, 'Origin')),
      row('a deep subdomain on a port is allowed', actual('https://a.b.example.com:9000'), allowedActual({ [ACAO]: 'https://a.b.example.com:9000' }, 'Origin')),
      row('the apex on a port is refused', actual('https://example.com:8443'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain over http is refused', actual('http://app.example.com:8443'), refusedActual('origin', {}, 'Origin')),
    ],
  },
  {
    name: 'subdomains on one port: https://*.example.com:8443',
    options: { origin: 'https://*.example.com:8443' },
    rows: [
      row('a subdomain on that port is allowed', actual('https://app.example.com:8443'), allowedActual({ [ACAO]: 'https://app.example.com:8443' }, 'Origin')),
      row('a subdomain on the default port is refused', actual('https://app.example.com'), refusedActual('origin', {}, 'Origin')),
      row('a subdomain on another port is refused', actual('https://app.example.com:8444'), refusedActual('origin', {}, 'Origin')),
      row('the apex on that port is refused', actual('https://example.com:8443'), refusedActual('origin', {}, 'Origin')),
    ],
  },
  {
    name: 'patterns under several schemes',
    options: { origin: ['http://*.example.com', 'https://*.example.org', 'wss://*.example.com:*'] },
    rows: [
      row('a subdomain under the scheme its pattern names is allowed', actual('http://a.example.com'), allowedActual({ [ACAO]: 'http://a.example.com' }, 'Origin')),
      row('the same host under https is refused (only http was listed for it)', actual('https://a.example.com'), refusedActual('origin', {}, 'Origin')),
      row('the second pattern matches under its own scheme', actual('https://a.example.org'), allowedActual({ [ACAO]: 'https://a.example.org' }, 'Origin')),
      row('the second pattern does not match under the first one\'s scheme', actual('http://a.example.org'), refusedActual('origin', {}, 'Origin')),
      row('a WebSocket subdomain on a port matches the wss pattern', actual('wss://live.example.com:8443'), allowedActual({ [ACAO]: 'wss://live.example.com:8443' }, 'Origin')),
      row('ws is not wss', actual('ws://live.example.com:8443'), refusedActual('origin', {}, 'Origin')),
    ],
  },
  {
    name: 'a mixed list: exact origin, pattern and RegExp',
    options: { origin: ['https://example.com', 'https://*.example.com', /^https:\/\/[a-z]+\.example\.org$/] },
    rows: [
      row('the listed apex is allowed by its exact entry', actual('https://example.com'), allowedActual({ [ACAO]: 'https://example.com' }, 'Origin')),
      row('a subdomain is allowed by the pattern', actual('https://cdn.example.com'), allowedActual({ [ACAO]: 'https://cdn.example.com' }, 'Origin')),
      row('a host the RegExp matches is allowed', actual('https://shop.example.org'), allowedActual({ [ACAO]: 'https://shop.example.org' }, 'Origin')),
      row('a host the RegExp does not match is refused', actual('https://a.b.example.org'), refusedActual('origin', {}, 'Origin')),
      row('the RegExp apex is refused', actual('https://example.org'), refusedActual('origin', {}, 'Origin')),
    ],
  },
  {
    name: 'an anchored, case-insensitive RegExp',
    options: { origin: /^https:\/\/(app|admin)\.example\.com$/i },
    rows: [
      row('an origin the RegExp matches is echoed', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
      row('the other alternative is echoed', actual(ADMIN), allowedActual({ [ACAO]: ADMIN }, 'Origin')),
      row('a longer host is refused (anchored at the end)', actual('https://app.example.com.evil.net'), refusedActual('origin', {}, 'Origin')),
      row('a longer label is refused (anchored at the start)', actual('https://xapp.example.com'), refusedActual('origin', {}, 'Origin')),
      row('an uppercase origin is malformed before the /i RegExp sees it', actual('https://APP.EXAMPLE.COM'), refusedActual('malformed', {}, 'Origin')),
      row('preflight from a matching origin is allowed', preflight(ADMIN, 'PUT'), allowedPreflight({ [ACAO]: ADMIN, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'a synchronous predicate',
    options: { origin: tablePredicate },
    rows: [
      row('predicate returning true allows and echoes', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
      row('predicate returning the string "yes" refuses', actual(ADMIN), refusedActual('origin', {}, 'Origin')),
      row('predicate returning 1 refuses', actual('https://one.example.com'), refusedActual('origin', {}, 'Origin')),
      row('predicate returning false refuses', actual('https://no.example.com'), refusedActual('origin', {}, 'Origin')),
      row('predicate returning undefined refuses', actual(EVIL), refusedActual('origin', {}, 'Origin')),
      row('null origin is refused without asking the predicate', actual('null'), refusedActual('origin', {}, 'Origin')),
      row('malformed origin is refused without asking the predicate', actual(`${APP}/`), refusedActual('malformed', {}, 'Origin')),
      row('preflight from an allowed origin is allowed', preflight(APP, 'PUT', 'content-type'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
      row('preflight from a refused origin gets no headers', preflight(ADMIN, 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('request without Origin carries Vary: Origin', actual(null), notCors({}, 'Origin')),
    ],
  },
  {
    name: "'null' listed",
    options: { origin: ['null', APP] },
    rows: [
      row('null origin is allowed and echoed as "null"', actual('null'), allowedActual({ [ACAO]: 'null' }, 'Origin')),
      row('preflight from the null origin is allowed', preflight('null', 'PUT', 'content-type'), allowedPreflight({ [ACAO]: 'null', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
      row('the other listed origin is allowed', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
      row('"NULL" is not the null origin: malformed', actual('NULL'), refusedActual('malformed', {}, 'Origin')),
      row('"null " with a space is malformed', actual('null '), refusedActual('malformed', {}, 'Origin')),
    ],
  },
  {
    name: 'methods with a lowercase patch',
    options: { origin: APP, methods: ['PUT', 'patch'] },
    rows: [
      row('preflight for patch is allowed and lists the methods as configured', preflight(APP, 'patch'), allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204)),
      row('preflight for PATCH is refused (byte-case-sensitive)', preflight(APP, 'PATCH'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('preflight for PUT is allowed', preflight(APP, 'PUT'), allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204)),
      row('preflight for put is refused (browsers upper-case PUT)', preflight(APP, 'put'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('preflight for GET needs no listing', preflight(APP, 'GET'), allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204)),
      row('preflight for HEAD needs no listing', preflight(APP, 'HEAD'), allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204)),
      row('preflight for POST needs no listing', preflight(APP, 'POST', 'content-type'), allowedPreflight({ ...PATCH_AND_PUT, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204)),
      row('preflight for an unlisted DELETE is refused', preflight(APP, 'DELETE'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('preflight with an empty ACRM is malformed', preflight(APP, ''), refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('preflight with a space inside ACRM is malformed', preflight(APP, 'GE T'), refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('an actual DELETE is not judged by methods (only preflights are)', actual(APP, 'DELETE'), allowedActual({ [ACAO]: APP }, 'Origin')),
    ],
  },
  {
    name: "methods '*' without credentials",
    options: { origin: [APP], methods: '*' },
    rows: [
      row('preflight for any method gets ACAM *', preflight(APP, 'PROPFIND'), allowedPreflight({ [ACAO]: APP, [ACAM]: '*' }, PREFLIGHT_VARY, 204)),
      row('preflight for lowercase patch gets ACAM *', preflight(APP, 'patch'), allowedPreflight({ [ACAO]: APP, [ACAM]: '*' }, PREFLIGHT_VARY, 204)),
      row('preflight whose ACRM is two methods is malformed', preflight(APP, 'PUT,DELETE'), refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('preflight from an unlisted origin gets no headers', preflight(EVIL, 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: "methods '*' with credentials echoes the method",
    options: { origin: [APP], methods: '*', credentials: true },
    rows: [
      row('preflight for PROPFIND echoes PROPFIND (a * would be read literally)', preflight(APP, 'PROPFIND'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'PROPFIND' }, PREFLIGHT_VARY, 204)),
      row('preflight for patch echoes patch as sent', preflight(APP, 'patch'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'patch' }, PREFLIGHT_VARY, 204)),
      row('preflight for GET echoes GET and the headers', preflight(APP, 'GET', 'X-A'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'GET', [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)),
      row('preflight whose ACRM has a space is malformed: nothing echoed', preflight(APP, 'P UT'), refusedPreflight('malformed', { [ACAO]: APP, [ACAC]: 'true' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'allowedHeaders unset reflects the requested headers',
    options: { origin: [APP], methods: 'PUT' },
    rows: [
      row('mixed-case names with OWS are reflected lowercased and comma-joined', preflight(APP, 'PUT', 'Content-Type, X-Trace'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'content-type,x-trace' }, PREFLIGHT_VARY, 204)),
      row('a canonical list is echoed as is', preflight(APP, 'PUT', 'content-type,x-trace'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'content-type,x-trace' }, PREFLIGHT_VARY, 204)),
      row('empty items and surrounding OWS are dropped', preflight(APP, 'PUT', ' x-a ,, X-B ,'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204)),
      row('several header lines joined by ", " are one list', preflight(APP, 'PUT', 'x-a,x-b, x-c'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b,x-c' }, PREFLIGHT_VARY, 204)),
      row('tabs count as OWS', preflight(APP, 'PUT', 'x-a\t,\tx-b'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204)),
      row('authorization is reflected like any valid name', preflight(APP, 'PUT', 'Authorization'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'authorization' }, PREFLIGHT_VARY, 204)),
      row('a list of only empty items allows and sends no ACAH', preflight(APP, 'PUT', ', ,'), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('128 names (the cap) are reflected', preflight(APP, 'PUT', headerNames(128)), allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: headerNames(128) }, PREFLIGHT_VARY, 204)),
      row('129 names are malformed', preflight(APP, 'PUT', headerNames(129)), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('a space inside a list item is malformed', preflight(APP, 'PUT', 'x-a b'), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('a semicolon is malformed', preflight(APP, 'PUT', 'x-a;'), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('raw unicode in a name is malformed', preflight(APP, 'PUT', 'x-ä'), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('CR/LF in the list is malformed', preflight(APP, 'PUT', 'x-a\r\nx-b'), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
      row('a 64 KiB list of commas and spaces is malformed', preflight(APP, 'PUT', HOSTILE_REQUEST_HEADERS), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'allowedHeaders as a list',
    options: { origin: [APP], allowedHeaders: ['Content-Type', 'X-Trace', 'x-trace'] },
    rows: [
      row('a listed header is allowed; ACAH is the configured list, deduplicated', preflight(APP, 'PUT', 'content-type'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' }, PREFLIGHT_VARY, 204)),
      row('names are compared case-insensitively', preflight(APP, 'PUT', 'X-TRACE,CONTENT-TYPE'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' }, PREFLIGHT_VARY, 204)),
      row('OWS and empty items around a listed header are fine', preflight(APP, 'PUT', ' x-trace , '), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' }, PREFLIGHT_VARY, 204)),
      row('no requested headers still sends the list', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' }, PREFLIGHT_VARY, 204)),
      row('an unlisted header is refused: ACAO and ACAM stay, ACAH goes', preflight(APP, 'PUT', 'x-other'), refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('one unlisted header among listed ones refuses the preflight', preflight(APP, 'PUT', 'content-type, x-other'), refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('authorization is refused when not listed', preflight(APP, 'PUT', 'authorization'), refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('a malformed list is refused as malformed', preflight(APP, 'PUT', 'content-type;'), refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: "allowedHeaders '*' without credentials",
    options: { origin: [APP], allowedHeaders: '*' },
    rows: [
      row('any header is allowed with ACAH *', preflight(APP, 'PUT', 'x-anything'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*' }, PREFLIGHT_VARY, 204)),
      row('no requested headers still sends ACAH *', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*' }, PREFLIGHT_VARY, 204)),
      row('authorization is never covered by *', preflight(APP, 'PUT', 'authorization'), refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('AUTHORIZATION in any case is not covered by *', preflight(APP, 'PUT', 'x-a, AUTHORIZATION'), refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: "allowedHeaders '*' with credentials echoes the headers",
    options: { origin: [APP], allowedHeaders: '*', credentials: true },
    rows: [
      row('requested headers are echoed lowercased (a * would be read literally)', preflight(APP, 'PUT', 'X-Anything, Content-Type'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-anything,content-type' }, PREFLIGHT_VARY, 204)),
      row('no requested headers sends no ACAH', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('authorization is refused unless listed', preflight(APP, 'PUT', 'authorization'), refusedPreflight('headers', { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: "allowedHeaders ['*', 'authorization'] without credentials",
    options: { origin: [APP], allowedHeaders: ['*', 'authorization'] },
    rows: [
      row('authorization is allowed and named beside *', preflight(APP, 'PUT', 'authorization'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' }, PREFLIGHT_VARY, 204)),
      row('other headers are allowed by *', preflight(APP, 'PUT', 'x-a'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' }, PREFLIGHT_VARY, 204)),
      row('both together are allowed', preflight(APP, 'PUT', 'Authorization, X-A'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: "allowedHeaders ['*', 'Authorization'] with credentials",
    options: { origin: [APP], allowedHeaders: ['*', 'Authorization'], credentials: true },
    rows: [
      row('authorization and others are echoed lowercased', preflight(APP, 'PUT', 'Authorization, X-A'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'authorization,x-a' }, PREFLIGHT_VARY, 204)),
      row('other headers alone are echoed', preflight(APP, 'PUT', 'x-a'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'exposedHeaders with credentials',
    options: { origin: [APP], credentials: true, exposedHeaders: ['X-Total-Count', 'x-total-count', 'Content-Length'] },
    rows: [
      row('actual response exposes the configured list, deduplicated', actual(APP), allowedActual({ [ACAO]: APP, [ACAC]: 'true', [ACEH]: 'X-Total-Count,Content-Length' }, 'Origin')),
      row('preflight carries no ACEH', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('refused actual request exposes nothing', actual(EVIL), refusedActual('origin', {}, 'Origin')),
      row('request without Origin exposes nothing', actual(null), notCors({}, 'Origin')),
    ],
  },
  {
    name: "exposedHeaders '*' without credentials",
    options: { origin: [APP], exposedHeaders: '*' },
    rows: [row('actual response exposes *', actual(APP), allowedActual({ [ACAO]: APP, [ACEH]: '*' }, 'Origin'))],
  },
  {
    name: 'maxAge 0',
    options: { origin: [APP], maxAge: 0 },
    rows: [
      row('preflight sends max-age "0" (disables the cache, unlike absent)', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '0' }, PREFLIGHT_VARY, 204)),
      row('refused preflight sends no max-age', preflight(APP, 'PROPFIND'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('actual response sends no max-age', actual(APP), allowedActual({ [ACAO]: APP }, 'Origin')),
    ],
  },
  {
    name: 'maxAge 86400',
    options: { origin: [APP], maxAge: 86400 },
    rows: [row('preflight sends max-age "86400"', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '86400' }, PREFLIGHT_VARY, 204))],
  },
  {
    name: 'optionsSuccessStatus 200',
    options: { origin: [APP], optionsSuccessStatus: 200 },
    rows: [
      row('allowed preflight is answered with 200', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 200)),
      row('preflight refused for origin is answered with 200 too', preflight(EVIL, 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 200)),
      row('preflight refused for method is answered with 200 too', preflight(APP, 'PROPFIND'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 200)),
      row('actual request has no status', actual(APP, 'PUT'), allowedActual({ [ACAO]: APP }, 'Origin')),
    ],
  },
  {
    name: 'preflightContinue',
    options: { origin: [APP], preflightContinue: true },
    rows: [
      row('allowed preflight has headers but no status: the application answers', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, undefined)),
      row('preflight refused for origin has no status either', preflight(EVIL, 'PUT'), refusedPreflight('origin', {}, PREFLIGHT_VARY, undefined)),
      row('preflight refused for method has no status either', preflight(APP, 'PROPFIND'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, undefined)),
    ],
  },
  {
    name: 'privateNetwork on',
    options: { origin: [APP], privateNetwork: true },
    rows: [
      row('preflight asking for private network access gets ACAPN true', preflight(APP, 'PUT', undefined, 'true'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAPN]: 'true' }, PREFLIGHT_VARY, 204)),
      row('preflight not asking gets no ACAPN', preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('ACRPN other than "true" is not asking', preflight(APP, 'PUT', undefined, 'false'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)),
      row('asking from an unlisted origin gets no headers', preflight(EVIL, 'PUT', undefined, 'true'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 204)),
      row('asking with a refused method gets no ACAPN', preflight(APP, 'PROPFIND', undefined, 'true'), refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204)),
      row('an actual request carrying ACRPN gets no ACAPN', { method: 'GET', origin: APP, requestPrivateNetwork: 'true' }, allowedActual({ [ACAO]: APP }, 'Origin')),
    ],
  },
  {
    name: 'privateNetwork off',
    options: { origin: [APP], privateNetwork: false, allowedHeaders: ['x-a'] },
    rows: [
      row('preflight asking for private network access is refused; the rest holds', preflight(APP, 'PUT', 'x-a', 'true'), refusedPreflight('private-network', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)),
      row('the same preflight without ACRPN is allowed', preflight(APP, 'PUT', 'x-a'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)),
    ],
  },
  {
    name: 'every option at once',
    options: {
      origin: 'https://*.example.com',
      credentials: true,
      methods: ['GET', 'PUT'],
      allowedHeaders: ['Content-Type'],
      exposedHeaders: 'X-Request-Id',
      maxAge: 7200,
      privateNetwork: true,
      optionsSuccessStatus: 200,
    },
    rows: [
      row(
        'preflight gets every header that holds',
        preflight(APP, 'PUT', 'content-type', 'true'),
        allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'GET,PUT', [ACAH]: 'Content-Type', [ACAPN]: 'true', [MAX_AGE]: '7200' }, PREFLIGHT_VARY, 200),
      ),
      row('actual response gets ACAO, ACAC and ACEH', actual(APP, 'PUT'), allowedActual({ [ACAO]: APP, [ACAC]: 'true', [ACEH]: 'X-Request-Id' }, 'Origin')),
      row('preflight from the apex is refused with no headers', preflight('https://example.com', 'PUT', 'content-type', 'true'), refusedPreflight('origin', {}, PREFLIGHT_VARY, 200)),
    ],
  },
]

describe('createCors(options).check(request)', () => {
  for (const configuration of CONFIGURATIONS) {
    describe(configuration.name, () => {
      const policy = createCors(configuration.options)
      for (const { name, request, expected } of configuration.rows) {
        it(name, () => {
          const decision = checkNow(policy, request)
          expect(decision).toStrictEqual(expected)
          expect(Object.isFrozen(decision)).toBe(true)
          expect(Object.isFrozen(decision.headers)).toBe(true)
        })
      }
    })
  }

  it('covers at least 150 requests over at least 22 configurations', () => {
    expect(CONFIGURATIONS.length).toBeGreaterThanOrEqual(22)
    expect(CONFIGURATIONS.reduce((sum, configuration) => sum + configuration.rows.length, 0)).toBeGreaterThanOrEqual(150)
  })
})

describe('decision identity', () => {
  const SHARED: ReadonlyArray<readonly [string, SyncCorsOptions, CorsRequest]> = [
    ['an echoed actual request', { origin: [APP] }, actual(APP)],
    ['an actual request under *', {}, actual(APP)],
    ['a preflight that echoes nothing from the request', { origin: [APP], allowedHeaders: ['x-a'] }, preflight(APP, 'PUT', 'x-a')],
    ['a refused actual request', { origin: [APP] }, actual(EVIL)],
    ['a request without Origin', { origin: [APP] }, actual(null)],
  ]
  it.each(SHARED)('the same %s returns the identical frozen object twice', (_, options, request) => {
    const policy = createCors(options)
    expect(checkNow(policy, request)).toBe(checkNow(policy, { ...request }))
  })

  const SEQUENCES: ReadonlyArray<readonly [string, SyncCorsOptions, CorsRequest, CorsRequest, CorsDecision]> = [
    ['reflected headers', { origin: [APP] }, preflight(APP, 'PUT'), preflight(APP, 'PUT', 'x-a'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204)],
    [
      "headers echoed for '*' with credentials",
      { origin: [APP], allowedHeaders: '*', credentials: true },
      preflight(APP, 'PUT'),
      preflight(APP, 'PUT', 'X-B'),
      allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-b' }, PREFLIGHT_VARY, 204),
    ],
    ["a method echoed for '*' with credentials", { origin: [APP], methods: '*', credentials: true }, preflight(APP, 'PUT'), preflight(APP, 'DELETE'), allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'DELETE' }, PREFLIGHT_VARY, 204)],
    ['a private network grant', { origin: [APP], privateNetwork: true }, preflight(APP, 'PUT'), preflight(APP, 'PUT', undefined, 'true'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAPN]: 'true' }, PREFLIGHT_VARY, 204)],
    ['no private network grant after one', { origin: [APP], privateNetwork: true }, preflight(APP, 'PUT', undefined, 'true'), preflight(APP, 'PUT'), allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204)],
  ]
  it.each(SEQUENCES)('a remembered preflight answer is never reused for %s', (_, options, first, second, expected) => {
    const policy = createCors(options)
    checkNow(policy, first)
    expect(checkNow(policy, second)).toStrictEqual(expected)
  })

  it('a preflight for a different origin is a different object', () => {
    const policy = createCors({ origin: [APP, ADMIN] })
    expect(checkNow(policy, preflight(APP, 'PUT'))).not.toBe(checkNow(policy, preflight(ADMIN, 'PUT')))
  })
})

describe('asynchronous and failing predicates', () => {
  it('an async predicate makes check() return a Promise of the decision', async () => {
    const policy = createCors({ origin: async (origin) => origin === APP })
    const pending = policy.check(actual(APP))
    expect(pending).toBeInstanceOf(Promise)
    await expect(pending).resolves.toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
    await expect(policy.check(preflight(EVIL, 'PUT'))).resolves.toStrictEqual(refusedPreflight('origin', {}, PREFLIGHT_VARY, 204))
  })

  it('an async predicate resolving to a non-boolean refuses', async () => {
    const policy = createCors({ origin: (async () => 'yes') as unknown as (origin: string) => Promise<boolean> })
    await expect(policy.check(actual(APP))).resolves.toStrictEqual(refusedActual('origin', {}, 'Origin'))
  })

  it('an async predicate is not consulted for malformed origins: the answer stays synchronous', () => {
    const predicate = vi.fn(async () => true)
    const policy = createCors({ origin: predicate })
    expect(policy.check(actual(`${APP}/`))).toStrictEqual(refusedActual('malformed', {}, 'Origin'))
    expect(predicate).not.toHaveBeenCalled()
  })

  it('a predicate that throws makes check() throw', () => {
    const policy = createCors({
      origin: () => {
        throw new Error('directory down')
      },
    })
    expect(() => policy.check(preflight(APP, 'PUT'))).toThrow('directory down')
  })

  it('an async predicate that rejects makes the promise reject, never allow', async () => {
    const policy = createCors({ origin: async () => Promise.reject(new Error('directory down')) })
    await expect(policy.check(preflight(APP, 'PUT'))).rejects.toThrow('directory down')
    await expect(policy.check(actual(APP))).rejects.toThrow('directory down')
  })
})

describe('onReject', () => {
  interface RejectRow {
    name: string
    options: SyncCorsOptions
    request: CorsRequest
    event: Omit<CorsRejectEvent, 'detail' | 'request'>
    /** The offending value the detail must quote with JSON.stringify (header names lowercased). */
    quoted: string | undefined
  }
  const CRLF_ORIGIN = `${APP}\r\nSet-Cookie: a=b`
  const REJECTIONS: RejectRow[] = [
    { name: 'actual request from an unlisted origin', options: { origin: [APP] }, request: actual(EVIL), event: { reason: 'origin', kind: 'actual', origin: EVIL }, quoted: EVIL },
    { name: 'preflight from an unlisted origin', options: { origin: [APP] }, request: preflight(EVIL, 'PUT'), event: { reason: 'origin', kind: 'preflight', origin: EVIL }, quoted: EVIL },
    { name: 'the null origin', options: { origin: [APP] }, request: actual('null'), event: { reason: 'origin', kind: 'actual', origin: 'null' }, quoted: 'null' },
    { name: 'an Origin with CR/LF', options: { origin: [APP] }, request: actual(CRLF_ORIGIN), event: { reason: 'malformed', kind: 'actual', origin: CRLF_ORIGIN }, quoted: CRLF_ORIGIN },
    { name: 'a preflight for an unlisted method', options: { origin: [APP] }, request: preflight(APP, 'patch'), event: { reason: 'method', kind: 'preflight', origin: APP }, quoted: 'patch' },
    { name: 'a malformed Access-Control-Request-Method', options: { origin: [APP] }, request: preflight(APP, 'PUT\r\nX: y'), event: { reason: 'malformed', kind: 'preflight', origin: APP }, quoted: 'PUT\r\nX: y' },
    { name: 'an unlisted request header', options: { origin: [APP], allowedHeaders: ['x-a'] }, request: preflight(APP, 'PUT', 'x-a, X-Other'), event: { reason: 'headers', kind: 'preflight', origin: APP }, quoted: 'x-other' },
    { name: 'authorization under *', options: { origin: [APP], allowedHeaders: '*' }, request: preflight(APP, 'PUT', 'x-a,Authorization'), event: { reason: 'headers', kind: 'preflight', origin: APP }, quoted: 'authorization' },
    { name: 'a malformed Access-Control-Request-Headers', options: { origin: [APP] }, request: preflight(APP, 'PUT', 'x-a\r\nx-b'), event: { reason: 'malformed', kind: 'preflight', origin: APP }, quoted: 'x-a\r\nx-b' },
    { name: 'a private network request while the option is off', options: { origin: [APP] }, request: preflight(APP, 'PUT', undefined, 'true'), event: { reason: 'private-network', kind: 'preflight', origin: APP }, quoted: undefined },
  ]

  it.each(REJECTIONS)('reports $name with reason, kind, origin, request and a quoted detail', ({ options, request, event, quoted }) => {
    const events: CorsRejectEvent[] = []
    const policy = createCors({ ...options, onReject: (received) => events.push(received) })
    checkNow(policy, request)
    expect(events).toHaveLength(1)
    const [received] = events as [CorsRejectEvent]
    expect({ reason: received.reason, kind: received.kind, origin: received.origin }).toStrictEqual(event)
    expect(received.request).toBe(request)
    expect(received.detail).not.toMatch(/[\r\n]/)
    if (quoted !== undefined) expect(received.detail).toContain(JSON.stringify(quoted))
    else expect(received.detail).toContain('privateNetwork')
  })

  it('is not called for allowed or non-CORS requests', () => {
    const onReject = vi.fn()
    const policy = createCors({ origin: [APP], onReject })
    for (const request of [actual(APP), preflight(APP, 'PUT', 'x-a'), actual(null), preflight(null, 'PUT')]) checkNow(policy, request)
    expect(onReject).not.toHaveBeenCalled()
  })

  it('is called once per refusal, even when the refusal is a shared object', () => {
    const onReject = vi.fn()
    const policy = createCors({ origin: [APP], onReject })
    checkNow(policy, actual(EVIL))
    checkNow(policy, actual(EVIL))
    expect(onReject).toHaveBeenCalledTimes(2)
  })

  it('cuts a long offending value in the detail', () => {
    const events: CorsRejectEvent[] = []
    const long = `https://${'a'.repeat(5000)}.com`
    checkNow(createCors({ origin: [APP], onReject: (event) => events.push(event) }), actual(long))
    expect(events[0]?.origin).toBe(long)
    expect(events[0]?.detail.length).toBeLessThan(400)
  })

  it('reports a refusal decided by an async predicate', async () => {
    const onReject = vi.fn()
    const policy = createCors({ origin: async () => false, onReject })
    await policy.check(actual(APP))
    expect(onReject).toHaveBeenCalledWith(expect.objectContaining({ reason: 'origin', kind: 'actual', origin: APP }))
  })
})

describe('check', () => {
  it('needs no `this`: a destructured check decides like the policy', () => {
    const policy = createCors({ origin: [APP] })
    const { check } = policy
    expect(check(actual(APP))).toBe(policy.check(actual(APP)))
    expect(check(actual(EVIL)).allowed).toBe(false)
  })
})
