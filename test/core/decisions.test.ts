// The decision table: one configuration per block, one request per row, and the whole decision
// each row must produce. Expectations come from docs/design.md and the Fetch Standard's CORS protocol.
import { describe, expect, it, vi } from 'vitest'
import {
  CorsConfigError,
  createCors,
  type CorsDecision,
  type CorsRejectEvent,
  type CorsRequest,
  type SyncCorsOptions,
  type SyncOriginPredicate,
} from '../../src/index.js'
import { MAX_ORIGIN_LENGTH } from '../../src/core/origin-syntax.js'
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
  want: CorsDecision
}

/** One configuration and the requests put to it; its rows share one policy, as a server's requests do. */
interface Configuration {
  name: string
  options: SyncCorsOptions
  rows: Row[]
}

/** An actual request from `origin` that the configuration allows: the origin is echoed. */
function allows(origin: string): Row {
  return { name: `${origin} is allowed`, request: actual(origin), want: allowedActual({ [ACAO]: origin }, 'Origin') }
}

/** An actual request from `origin` that the configuration refuses. */
function refuses(origin: string): Row {
  return { name: `${origin} is refused`, request: actual(origin), want: refusedActual('origin', {}, 'Origin') }
}

const PATCH_AND_PUT = { [ACAO]: APP, [ACAM]: 'PUT,patch' }
/** An origin exactly MAX_ORIGIN_LENGTH characters long. */
const LONGEST_ORIGIN = `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 12)}.com`

const PREDICATE_ANSWERS: Record<string, boolean> = {
  [APP]: true,
  'https://no.example.com': false,
}
/** Answers from a table; an origin not in it is refused. */
const tablePredicate: SyncOriginPredicate = (origin) => PREDICATE_ANSWERS[origin] === true

const CONFIGURATIONS: Configuration[] = [
  {
    name: 'default options (origin *)',
    options: {},
    rows: [
      {
        name: 'actual request from any origin gets ACAO * and no Vary',
        request: actual(APP),
        want: allowedActual({ [ACAO]: '*' }, undefined),
      },
      {
        name: 'request without Origin still carries ACAO * (one answer for every cache key)',
        request: actual(null),
        want: notCors({ [ACAO]: '*' }, undefined),
      },
      {
        name: 'preflight for PUT lists the default methods and reflects the header',
        request: preflight(APP, 'PUT', 'content-type'),
        want: allowedPreflight(
          { [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' },
          PREFLIGHT_VARY_TOKENS,
          204,
        ),
      },
      {
        name: 'preflight reflects requested headers lowercased and comma-joined',
        request: preflight(APP, 'POST', 'X-Trace, Content-Type'),
        want: allowedPreflight(
          { [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-trace,content-type' },
          PREFLIGHT_VARY_TOKENS,
          204,
        ),
      },
      {
        name: 'preflight without request headers sends no ACAH',
        request: preflight(APP, 'DELETE'),
        want: allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight for lowercase patch is refused for method (PATCH is listed, patch is not)',
        request: preflight(APP, 'patch'),
        want: refusedPreflight('method', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight from two joined origins still gets ACAO * (nothing is echoed)',
        request: preflight(`${APP}, ${EVIL}`, 'PUT'),
        want: allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight from the null origin gets ACAO *',
        request: preflight('null', 'PUT'),
        want: allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'OPTIONS without Access-Control-Request-Method is an actual request',
        request: actual(APP, 'OPTIONS'),
        want: allowedActual({ [ACAO]: '*' }, undefined),
      },
      {
        name: 'OPTIONS with Access-Control-Request-Method but no Origin is not CORS',
        request: preflight(null, 'PUT'),
        want: notCors({ [ACAO]: '*' }, undefined),
      },
      {
        name: 'preflight asking for Private Network Access is refused while privateNetwork is off',
        request: preflight(APP, 'PUT', undefined, 'true'),
        want: refusedPreflight('private-network', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight whose ACRM is a list is malformed',
        request: preflight(APP, 'PUT, POST'),
        want: refusedPreflight('malformed', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight whose ACRH is not a token list is malformed and keeps ACAM',
        request: preflight(APP, 'PUT', 'x-a;b'),
        want: refusedPreflight('malformed', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight with a 64 KiB ACRH of commas and spaces is malformed',
        request: preflight(APP, 'PUT', HOSTILE_REQUEST_HEADERS),
        want: refusedPreflight('malformed', { [ACAO]: '*', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY_TOKENS, 204),
      },
    ],
  },
  {
    name: "origin '*' never looks at the Origin value",
    options: { origin: '*', exposedHeaders: ['X-Total-Count', 'Content-Length'], maxAge: 600 },
    rows: [
      {
        name: 'actual request gets ACAO * and the exposed headers',
        request: actual(APP),
        want: allowedActual({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined),
      },
      {
        name: 'request without Origin carries the same headers',
        request: actual(null, 'POST'),
        want: notCors({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined),
      },
      {
        name: 'preflight carries max-age but no ACEH (exposure is for actual responses)',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: '*', [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '600' }, PREFLIGHT_VARY_TOKENS, 204),
      },
      {
        name: 'preflight refused for method carries no max-age',
        request: preflight(APP, 'PROPFIND'),
        want: refusedPreflight('method', { [ACAO]: '*' }, PREFLIGHT_VARY_TOKENS, 204),
      },
      ...MALFORMED_ORIGINS.map(([label, origin]) => ({
        name: `Origin with ${label} still gets ACAO * (the value is never echoed)`,
        request: actual(origin),
        want: allowedActual({ [ACAO]: '*', [ACEH]: 'X-Total-Count,Content-Length' }, undefined),
      })),
    ],
  },
  {
    name: 'exposedHeaders with origin unset',
    options: { exposedHeaders: 'x-total' },
    rows: [
      {
        name: 'a request with no Origin header at all carries the same headers as a CORS one',
        request: { method: 'GET' },
        want: notCors({ [ACAO]: '*', [ACEH]: 'x-total' }, undefined),
      },
    ],
  },
  {
    name: 'origin true echoes any valid origin',
    options: { origin: true },
    rows: [
      {
        name: 'actual request from an origin echoes it',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
      {
        name: 'actual request from an origin with a port echoes it byte for byte',
        request: actual('http://localhost:8080'),
        want: allowedActual({ [ACAO]: 'http://localhost:8080' }, 'Origin'),
      },
      { name: 'request without Origin carries Vary: Origin', request: actual(null), want: notCors({}, 'Origin') },
      {
        name: 'null origin is refused (it is allowed only when listed)',
        request: actual('null'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'preflight from an origin echoes it and reflects the header',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from the null origin is refused with no headers',
        request: preflight('null', 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'actual request from an uppercase origin is malformed, not echoed',
        request: actual('https://App.example.com'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'preflight from an origin with a trailing slash is malformed',
        request: preflight(`${APP}/`, 'PUT'),
        want: refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'OPTIONS with ACRM but no Origin is not CORS, and still varies on Origin',
        request: preflight(null, 'PUT'),
        want: notCors({}, 'Origin'),
      },
    ],
  },
  {
    name: 'origin false turns CORS off',
    options: { origin: false },
    rows: [
      {
        name: 'actual request from an origin gets no CORS headers',
        request: actual(APP),
        want: notCors({}, undefined),
      },
      {
        name: 'preflight is not CORS and is left to the application',
        request: preflight(APP, 'PUT', 'x-a'),
        want: notCors({}, undefined),
      },
      {
        name: 'Private Network preflight is left to the application',
        request: preflight(APP, 'PUT', undefined, 'true'),
        want: notCors({}, undefined),
      },
      { name: 'malformed Origin is not judged', request: actual(`${APP}, ${EVIL}`), want: notCors({}, undefined) },
      { name: 'request without Origin gets nothing', request: actual(null), want: notCors({}, undefined) },
      {
        name: 'preflight without request headers is not CORS either',
        request: preflight(APP, 'PUT'),
        want: notCors({}, undefined),
      },
    ],
  },
  {
    name: 'a single exact origin',
    options: { origin: APP },
    rows: [
      {
        name: 'actual request from the origin echoes it',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
      {
        name: 'actual request from another origin gets no CORS headers',
        request: actual(ADMIN),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'preflight from the origin echoes it and lists the methods',
        request: preflight(APP, 'PUT', 'content-type'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from another origin is refused with no headers at all',
        request: preflight(ADMIN, 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'same host over http is another origin',
        request: actual('http://app.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'same host on another port is another origin',
        request: actual(`${APP}:8443`),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'null origin is refused when not listed',
        request: actual('null'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'preflight from the null origin is refused when not listed',
        request: preflight('null', 'GET'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      { name: 'request without Origin carries Vary: Origin', request: actual(null), want: notCors({}, 'Origin') },
      {
        name: 'OPTIONS with ACRM but no Origin is not CORS',
        request: preflight(null, 'PUT'),
        want: notCors({}, 'Origin'),
      },
      {
        name: 'preflight without request headers is answered with 204',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a canonical header list is reflected as sent',
        request: preflight(APP, 'PUT', 'x-a,x-b'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'an uppercase header name is reflected lowercased',
        request: preflight(APP, 'PUT', 'X-A,x-b'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a space after a comma is dropped from the reflected list',
        request: preflight(APP, 'PUT', 'x-a, x-b'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a trailing comma is dropped from the reflected list',
        request: preflight(APP, 'PUT', 'x-a,x-b,'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a leading comma is dropped from the reflected list',
        request: preflight(APP, 'PUT', ',x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a trailing tab is dropped from the reflected list',
        request: preflight(APP, 'PUT', 'x-a\t'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a header list of one space sends no ACAH',
        request: preflight(APP, 'PUT', ' '),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'an empty header list sends no ACAH',
        request: preflight(APP, 'PUT', ''),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'a list of origins with credentials',
    options: { origin: [APP, ADMIN, 'http://localhost:3000'], credentials: true },
    rows: [
      {
        name: 'actual request from a listed origin echoes it with ACAC',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP, [ACAC]: 'true' }, 'Origin'),
      },
      {
        name: 'actual request from a listed origin with a port echoes it',
        request: actual('http://localhost:3000', 'POST'),
        want: allowedActual({ [ACAO]: 'http://localhost:3000', [ACAC]: 'true' }, 'Origin'),
      },
      {
        name: 'another port of a listed host is refused, without ACAC',
        request: actual('http://localhost:3001'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'preflight from a listed origin echoes it with ACAC and reflects headers',
        request: preflight(ADMIN, 'PUT', 'X-Trace'),
        want: allowedPreflight(
          { [ACAO]: ADMIN, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-trace' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'preflight from an unlisted origin gets no headers, not even ACAC',
        request: preflight(EVIL, 'PUT', 'x-trace'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight refused for method keeps ACAO, ACAC and ACAH',
        request: preflight(ADMIN, 'patch', 'content-type'),
        want: refusedPreflight(
          'method',
          { [ACAO]: ADMIN, [ACAC]: 'true', [ACAH]: 'content-type' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'preflight with a malformed ACRH keeps ACAO, ACAC and ACAM',
        request: preflight(ADMIN, 'PUT', 'a b'),
        want: refusedPreflight(
          'malformed',
          { [ACAO]: ADMIN, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS },
          PREFLIGHT_VARY,
          204,
        ),
      },
      { name: 'null origin is refused', request: actual('null'), want: refusedActual('origin', {}, 'Origin') },
      {
        name: 'OPTIONS without ACRM from a listed origin is an actual request',
        request: actual(APP, 'OPTIONS'),
        want: allowedActual({ [ACAO]: APP, [ACAC]: 'true' }, 'Origin'),
      },
      {
        name: 'request without Origin carries Vary: Origin and no ACAC',
        request: actual(null),
        want: notCors({}, 'Origin'),
      },
    ],
  },
  {
    name: `a listed origin of the longest length accepted (${MAX_ORIGIN_LENGTH} characters)`,
    options: { origin: [LONGEST_ORIGIN] },
    rows: [
      {
        name: 'preflight from it is allowed: the exact set holds origins up to the cap',
        request: preflight(LONGEST_ORIGIN, 'PUT'),
        want: allowedPreflight({ [ACAO]: LONGEST_ORIGIN, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from one character more is malformed',
        request: preflight(`${LONGEST_ORIGIN}m`, 'PUT'),
        want: refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'malformed origins against a list',
    options: { origin: [APP], credentials: true },
    rows: [
      ...MALFORMED_ORIGINS.map(([label, origin]) => ({
        name: `actual request whose Origin has ${label} is malformed: no CORS headers`,
        request: actual(origin),
        want: refusedActual('malformed', {}, 'Origin'),
      })),
      {
        name: 'preflight from two joined origins is malformed: no headers',
        request: preflight(`${APP}, ${EVIL}`, 'PUT'),
        want: refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from an Origin with CR/LF is malformed: no headers',
        request: preflight(`${APP}\r\n`, 'PUT'),
        want: refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from an empty Origin is malformed: no headers',
        request: preflight('', 'PUT'),
        want: refusedPreflight('malformed', {}, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'subdomain pattern https://*.example.com',
    options: { origin: 'https://*.example.com' },
    rows: [
      {
        name: 'a subdomain is allowed and echoed',
        request: actual('https://app.example.com'),
        want: allowedActual({ [ACAO]: 'https://app.example.com' }, 'Origin'),
      },
      {
        name: 'a deep subdomain is allowed',
        request: actual('https://a.b.example.com'),
        want: allowedActual({ [ACAO]: 'https://a.b.example.com' }, 'Origin'),
      },
      {
        name: 'the apex itself is never matched',
        request: actual('https://example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a host ending in the name without a dot is refused (label boundary)',
        request: actual('https://evilexample.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a host ending in "-example.com" is refused',
        request: actual('https://app-example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'the name followed by another domain is refused',
        request: actual('https://example.com.evil.net'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain over http is refused (scheme)',
        request: actual('http://app.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain on another port is refused',
        request: actual('https://app.example.com:8443'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain of another TLD is refused',
        request: actual('https://app.example.co'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'an empty leading label is malformed',
        request: actual('https://.example.com'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'preflight from a subdomain is allowed',
        request: preflight('https://api.example.com', 'PUT'),
        want: allowedPreflight({ [ACAO]: 'https://api.example.com', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from the apex is refused with no headers',
        request: preflight('https://example.com', 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'any port of localhost: http://localhost:*',
    options: { origin: 'http://localhost:*' },
    rows: [
      {
        name: 'localhost without a port is allowed',
        request: actual('http://localhost'),
        want: allowedActual({ [ACAO]: 'http://localhost' }, 'Origin'),
      },
      {
        name: 'localhost:3000 is allowed',
        request: actual('http://localhost:3000'),
        want: allowedActual({ [ACAO]: 'http://localhost:3000' }, 'Origin'),
      },
      {
        name: 'port 1 is allowed',
        request: actual('http://localhost:1'),
        want: allowedActual({ [ACAO]: 'http://localhost:1' }, 'Origin'),
      },
      {
        name: 'port 65535 is allowed',
        request: actual('http://localhost:65535'),
        want: allowedActual({ [ACAO]: 'http://localhost:65535' }, 'Origin'),
      },
      {
        name: 'port 0 is malformed',
        request: actual('http://localhost:0'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'port 65536 is malformed',
        request: actual('http://localhost:65536'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'the default port spelled out is malformed',
        request: actual('http://localhost:80'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'https://localhost is another scheme',
        request: actual('https://localhost:3000'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'localhost followed by another domain is refused',
        request: actual('http://localhost.evil.net:3000'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain of localhost is refused (no *. in the pattern)',
        request: actual('http://app.localhost:3000'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'preflight from a dev-server port is allowed',
        request: preflight('http://localhost:5173', 'PUT', 'content-type'),
        want: allowedPreflight(
          { [ACAO]: 'http://localhost:5173', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: 'subdomains on any port: https://*.example.com:*',
    options: { origin: 'https://*.example.com:*' },
    rows: [
      {
        name: 'a subdomain on a port is allowed',
        request: actual('https://app.example.com:8443'),
        want: allowedActual({ [ACAO]: 'https://app.example.com:8443' }, 'Origin'),
      },
      {
        name: 'a subdomain without a port is allowed',
        request: actual('https://app.example.com'),
        want: allowedActual({ [ACAO]: 'https://app.example.com' }, 'Origin'),
      },
      {
        name: 'a deep subdomain on a port is allowed',
        request: actual('https://a.b.example.com:9000'),
        want: allowedActual({ [ACAO]: 'https://a.b.example.com:9000' }, 'Origin'),
      },
      {
        name: 'the apex on a port is refused',
        request: actual('https://example.com:8443'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain over http is refused',
        request: actual('http://app.example.com:8443'),
        want: refusedActual('origin', {}, 'Origin'),
      },
    ],
  },
  {
    name: 'subdomains on one port: https://*.example.com:8443',
    options: { origin: 'https://*.example.com:8443' },
    rows: [
      {
        name: 'a subdomain on that port is allowed',
        request: actual('https://app.example.com:8443'),
        want: allowedActual({ [ACAO]: 'https://app.example.com:8443' }, 'Origin'),
      },
      {
        name: 'a subdomain on the default port is refused',
        request: actual('https://app.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a subdomain on another port is refused',
        request: actual('https://app.example.com:8444'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'the apex on that port is refused',
        request: actual('https://example.com:8443'),
        want: refusedActual('origin', {}, 'Origin'),
      },
    ],
  },
  {
    name: 'patterns under several schemes',
    options: { origin: ['http://*.example.com', 'https://*.example.org', 'wss://*.example.com:*'] },
    rows: [
      {
        name: 'a subdomain under the scheme its pattern names is allowed',
        request: actual('http://a.example.com'),
        want: allowedActual({ [ACAO]: 'http://a.example.com' }, 'Origin'),
      },
      {
        name: 'the same host under https is refused (only http was listed for it)',
        request: actual('https://a.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'the second pattern matches under its own scheme',
        request: actual('https://a.example.org'),
        want: allowedActual({ [ACAO]: 'https://a.example.org' }, 'Origin'),
      },
      {
        name: "the second pattern does not match under the first one's scheme",
        request: actual('http://a.example.org'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a WebSocket subdomain on a port matches the wss pattern',
        request: actual('wss://live.example.com:8443'),
        want: allowedActual({ [ACAO]: 'wss://live.example.com:8443' }, 'Origin'),
      },
      {
        name: 'ws is not wss',
        request: actual('ws://live.example.com:8443'),
        want: refusedActual('origin', {}, 'Origin'),
      },
    ],
  },
  {
    name: 'seven patterns in one list',
    options: {
      origin: [
        'https://*.example.com',
        'https://*.example.com:8443',
        'http://*.dev.test:*',
        'http://localhost:*',
        'https://api.example.org:*',
        'https://*.a.example.org',
        'wss://*.example.com:9000',
      ],
    },
    rows: [
      allows('https://a.example.com'),
      allows('https://a.b.example.com'),
      refuses('https://example.com'),
      refuses('https://aexample.com'),
      allows('https://a.example.com:8443'),
      refuses('https://a.example.com:8444'),
      refuses('http://a.example.com'),
      allows('http://a.dev.test'),
      allows('http://a.dev.test:1'),
      refuses('http://dev.test:1'),
      allows('http://localhost'),
      allows('http://localhost:5173'),
      refuses('http://a.localhost:5173'),
      refuses('https://localhost:5173'),
      allows('https://api.example.org'),
      allows('https://api.example.org:1234'),
      refuses('https://x.api.example.org'),
      allows('https://b.a.example.org'),
      refuses('https://a.example.org'),
      allows('wss://a.example.com:9000'),
      refuses('wss://a.example.com'),
      refuses('https://a.example.co'),
      refuses('https://a.xample.com'),
      // No port is the scheme's default, never confused with an explicit port.
      refuses('https://a.example.com:1'),
      allows('http://x.dev.test:1'),
    ],
  },
  {
    name: 'patterns with an explicit port do not accept the default port',
    options: { origin: ['https://*.example.com:1', 'http://localhost:1'] },
    rows: [allows('https://a.example.com:1'), refuses('https://a.example.com'), refuses('http://localhost')],
  },
  {
    name: 'a subdomain pattern beside exact entries for its apex',
    options: { origin: ['https://*.example.com', 'https://example.com:8443', 'https://example.com:*'] },
    rows: [allows('https://example.com'), allows('https://a.example.com')],
  },
  {
    name: 'an apex on any port beside subdomains on one port',
    options: { origin: ['https://example.com:*', 'https://*.example.com:8443'] },
    rows: [refuses('https://a.example.com'), allows('https://a.example.com:8443')],
  },
  {
    name: 'RegExps after a pattern: each one counts',
    options: { origin: ['https://*.example.com', /^https:\/\/one\.test$/, /^https:\/\/two\.test$/] },
    rows: [allows('https://two.test'), refuses('https://three.test')],
  },
  {
    name: 'a mixed list: exact origin, pattern and RegExp',
    options: { origin: ['https://example.com', 'https://*.example.com', /^https:\/\/[a-z]+\.example\.org$/] },
    rows: [
      {
        name: 'the listed apex is allowed by its exact entry',
        request: actual('https://example.com'),
        want: allowedActual({ [ACAO]: 'https://example.com' }, 'Origin'),
      },
      {
        name: 'a subdomain is allowed by the pattern',
        request: actual('https://cdn.example.com'),
        want: allowedActual({ [ACAO]: 'https://cdn.example.com' }, 'Origin'),
      },
      {
        name: 'a host the RegExp matches is allowed',
        request: actual('https://shop.example.org'),
        want: allowedActual({ [ACAO]: 'https://shop.example.org' }, 'Origin'),
      },
      {
        name: 'a host the RegExp does not match is refused',
        request: actual('https://a.b.example.org'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'the RegExp apex is refused',
        request: actual('https://example.org'),
        want: refusedActual('origin', {}, 'Origin'),
      },
    ],
  },
  {
    name: 'an anchored, case-insensitive RegExp',
    options: { origin: /^https:\/\/(app|admin)\.example\.com$/i },
    rows: [
      {
        name: 'an origin the RegExp matches is echoed',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
      {
        name: 'the other alternative is echoed',
        request: actual(ADMIN),
        want: allowedActual({ [ACAO]: ADMIN }, 'Origin'),
      },
      {
        name: 'a longer host is refused (anchored at the end)',
        request: actual('https://app.example.com.evil.net'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'a longer label is refused (anchored at the start)',
        request: actual('https://xapp.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'an uppercase origin is malformed before the /i RegExp sees it',
        request: actual('https://APP.EXAMPLE.COM'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'preflight from a matching origin is allowed',
        request: preflight(ADMIN, 'PUT'),
        want: allowedPreflight({ [ACAO]: ADMIN, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'a synchronous predicate',
    options: { origin: tablePredicate },
    rows: [
      {
        name: 'predicate returning true allows and echoes',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
      {
        name: 'predicate returning false refuses',
        request: actual('https://no.example.com'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'an origin the predicate does not know is refused',
        request: actual(EVIL),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'null origin is refused without asking the predicate',
        request: actual('null'),
        want: refusedActual('origin', {}, 'Origin'),
      },
      {
        name: 'malformed origin is refused without asking the predicate',
        request: actual(`${APP}/`),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: 'preflight from an allowed origin is allowed',
        request: preflight(APP, 'PUT', 'content-type'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from a refused origin gets no headers',
        request: preflight('https://no.example.com', 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      { name: 'request without Origin carries Vary: Origin', request: actual(null), want: notCors({}, 'Origin') },
    ],
  },
  {
    name: "'null' listed",
    options: { origin: ['null', APP] },
    rows: [
      {
        name: 'null origin is allowed and echoed as "null"',
        request: actual('null'),
        want: allowedActual({ [ACAO]: 'null' }, 'Origin'),
      },
      {
        name: 'preflight from the null origin is allowed',
        request: preflight('null', 'PUT', 'content-type'),
        want: allowedPreflight(
          { [ACAO]: 'null', [ACAM]: DEFAULT_METHODS, [ACAH]: 'content-type' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'the other listed origin is allowed',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
      {
        name: '"NULL" is not the null origin: malformed',
        request: actual('NULL'),
        want: refusedActual('malformed', {}, 'Origin'),
      },
      {
        name: '"null " with a space is malformed',
        request: actual('null '),
        want: refusedActual('malformed', {}, 'Origin'),
      },
    ],
  },
  {
    name: 'methods with a lowercase patch',
    options: { origin: APP, methods: ['PUT', 'patch'] },
    rows: [
      {
        name: 'preflight for patch is allowed and lists the methods as configured',
        request: preflight(APP, 'patch'),
        want: allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for PATCH is refused (byte-case-sensitive)',
        request: preflight(APP, 'PATCH'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for PUT is allowed',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for put is refused (browsers upper-case PUT)',
        request: preflight(APP, 'put'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for GET needs no listing',
        request: preflight(APP, 'GET'),
        want: allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for HEAD needs no listing',
        request: preflight(APP, 'HEAD'),
        want: allowedPreflight(PATCH_AND_PUT, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for POST needs no listing',
        request: preflight(APP, 'POST', 'content-type'),
        want: allowedPreflight({ ...PATCH_AND_PUT, [ACAH]: 'content-type' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for an unlisted DELETE is refused',
        request: preflight(APP, 'DELETE'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight with an empty ACRM is malformed',
        request: preflight(APP, ''),
        want: refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight with a space inside ACRM is malformed',
        request: preflight(APP, 'GE T'),
        want: refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'an actual DELETE is not judged by methods (only preflights are)',
        request: actual(APP, 'DELETE'),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
    ],
  },
  {
    name: 'methods as one string with spaces, empty items and repeats',
    options: { origin: APP, methods: ' patch , PATCH,,PURGE, patch ' },
    rows: [
      {
        name: 'ACAM keeps each method as written, once, in order',
        request: preflight(APP, 'patch'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'patch,PATCH,PURGE' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'methods that merely contain a forbidden or a known name',
    options: { origin: APP, methods: ['XTRACE', 'TRACKING', 'xget', 'getx', 'PROPFIND'] },
    rows: [
      {
        name: 'are accepted and listed as written (only whole names are checked)',
        request: preflight(APP, 'xget'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'XTRACE,TRACKING,xget,getx,PROPFIND' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'empty methods and allowedHeaders lists',
    options: { origin: APP, methods: [], allowedHeaders: [] },
    rows: [
      {
        name: 'preflight for GET gets no ACAM or ACAH rather than an empty one',
        request: preflight(APP, 'GET'),
        want: allowedPreflight({ [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for PUT is refused for method',
        request: preflight(APP, 'PUT'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight asking for a header is refused for headers',
        request: preflight(APP, 'GET', 'x-a'),
        want: refusedPreflight('headers', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "methods '*' without credentials",
    options: { origin: [APP], methods: '*' },
    rows: [
      {
        name: 'preflight for any method gets ACAM *',
        request: preflight(APP, 'PROPFIND'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: '*' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for lowercase patch gets ACAM *',
        request: preflight(APP, 'patch'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: '*' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight whose ACRM is two methods is malformed',
        request: preflight(APP, 'PUT,DELETE'),
        want: refusedPreflight('malformed', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight from an unlisted origin gets no headers',
        request: preflight(EVIL, 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "methods '*' with a single origin string",
    options: { origin: APP, methods: '*' },
    rows: [
      {
        name: 'preflight for a custom method gets ACAM *',
        request: preflight(APP, 'PURGE'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: '*' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "methods '*' with credentials echoes the method",
    options: { origin: [APP], methods: '*', credentials: true },
    rows: [
      {
        name: 'preflight for PROPFIND echoes PROPFIND (a * would be read literally)',
        request: preflight(APP, 'PROPFIND'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'PROPFIND' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for patch echoes patch as sent',
        request: preflight(APP, 'patch'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'patch' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight for GET echoes GET and the headers',
        request: preflight(APP, 'GET', 'X-A'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'GET', [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight whose ACRM has a space is malformed: nothing echoed',
        request: preflight(APP, 'P UT'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAC]: 'true' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "methods '*' with credentials and a single origin string",
    options: { origin: APP, methods: '*', credentials: true },
    rows: [
      {
        name: 'preflight for a custom method echoes it',
        request: preflight(APP, 'PURGE'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'PURGE' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'allowedHeaders unset reflects the requested headers',
    options: { origin: [APP], methods: 'PUT' },
    rows: [
      {
        name: 'mixed-case names with OWS are reflected lowercased and comma-joined',
        request: preflight(APP, 'PUT', 'Content-Type, X-Trace'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'content-type,x-trace' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a canonical list is echoed as is',
        request: preflight(APP, 'PUT', 'content-type,x-trace'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'content-type,x-trace' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'empty items and surrounding OWS are dropped',
        request: preflight(APP, 'PUT', ' x-a ,, X-B ,'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'several header lines joined by ", " are one list',
        request: preflight(APP, 'PUT', 'x-a,x-b, x-c'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b,x-c' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'tabs count as OWS',
        request: preflight(APP, 'PUT', 'x-a\t,\tx-b'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'x-a,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'authorization is reflected like any valid name',
        request: preflight(APP, 'PUT', 'Authorization'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: 'authorization' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a list of only empty items allows and sends no ACAH',
        request: preflight(APP, 'PUT', ', ,'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: '128 names (the cap) are reflected',
        request: preflight(APP, 'PUT', headerNames(128)),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: 'PUT', [ACAH]: headerNames(128) }, PREFLIGHT_VARY, 204),
      },
      {
        name: '129 names are malformed',
        request: preflight(APP, 'PUT', headerNames(129)),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a space inside a list item is malformed',
        request: preflight(APP, 'PUT', 'x-a b'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a semicolon is malformed',
        request: preflight(APP, 'PUT', 'x-a;'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'raw unicode in a name is malformed',
        request: preflight(APP, 'PUT', 'x-ä'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'CR/LF in the list is malformed',
        request: preflight(APP, 'PUT', 'x-a\r\nx-b'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a 64 KiB list of commas and spaces is malformed',
        request: preflight(APP, 'PUT', HOSTILE_REQUEST_HEADERS),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'allowedHeaders as a list',
    options: { origin: [APP], allowedHeaders: ['Content-Type', 'X-Trace', 'x-trace'] },
    rows: [
      {
        name: 'a listed header is allowed; ACAH is the configured list, deduplicated',
        request: preflight(APP, 'PUT', 'content-type'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'names are compared case-insensitively',
        request: preflight(APP, 'PUT', 'X-TRACE,CONTENT-TYPE'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'OWS and empty items around a listed header are fine',
        request: preflight(APP, 'PUT', ' x-trace , '),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'no requested headers still sends the list',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'Content-Type,X-Trace' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'an unlisted header is refused: ACAO and ACAM stay, ACAH goes',
        request: preflight(APP, 'PUT', 'x-other'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'one unlisted header among listed ones refuses the preflight',
        request: preflight(APP, 'PUT', 'content-type, x-other'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'authorization is refused when not listed',
        request: preflight(APP, 'PUT', 'authorization'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a malformed list is refused as malformed',
        request: preflight(APP, 'PUT', 'content-type;'),
        want: refusedPreflight('malformed', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'header lists with repeats in another case',
    options: { origin: APP, allowedHeaders: 'X-A, x-a,,x-b', exposedHeaders: ['X-Total', 'x-total', ' '] },
    rows: [
      {
        name: 'ACAH keeps the first spelling of each name',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'X-A,x-b' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'ACEH keeps the first spelling of each name and drops a blank one',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP, [ACEH]: 'X-Total' }, 'Origin'),
      },
    ],
  },
  {
    name: 'allowedHeaders of the same length and first letter',
    options: { origin: APP, allowedHeaders: ['x-a', 'x-b', 'X-C', 'x-b'] },
    rows: [
      {
        name: 'every listed name is allowed, in any order and case',
        request: preflight(APP, 'PUT', 'x-c,X-B,x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,x-b,X-C' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'a name of the same shape that is not listed is refused',
        request: preflight(APP, 'PUT', 'x-d'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "allowedHeaders '*' without credentials",
    options: { origin: [APP], allowedHeaders: '*' },
    rows: [
      {
        name: 'any header is allowed with ACAH *',
        request: preflight(APP, 'PUT', 'x-anything'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'no requested headers still sends ACAH *',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'authorization is never covered by *',
        request: preflight(APP, 'PUT', 'authorization'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'AUTHORIZATION in any case is not covered by *',
        request: preflight(APP, 'PUT', 'x-a, AUTHORIZATION'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "allowedHeaders '*' with a single origin string",
    options: { origin: APP, allowedHeaders: '*' },
    rows: [
      {
        name: 'a requested header gets ACAH *',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: "allowedHeaders '*' with credentials echoes the headers",
    options: { origin: [APP], allowedHeaders: '*', credentials: true },
    rows: [
      {
        name: 'requested headers are echoed lowercased (a * would be read literally)',
        request: preflight(APP, 'PUT', 'X-Anything, Content-Type'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-anything,content-type' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'no requested headers sends no ACAH',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'authorization is refused unless listed',
        request: preflight(APP, 'PUT', 'authorization'),
        want: refusedPreflight(
          'headers',
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: "allowedHeaders '*' with credentials and a single origin string",
    options: { origin: APP, credentials: true, allowedHeaders: '*' },
    rows: [
      {
        name: 'authorization among other headers is refused',
        request: preflight(APP, 'PUT', 'X-A,authorization'),
        want: refusedPreflight(
          'headers',
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: "allowedHeaders ['*', 'authorization'] without credentials",
    options: { origin: [APP], allowedHeaders: ['*', 'authorization'] },
    rows: [
      {
        name: 'authorization is allowed and named beside *',
        request: preflight(APP, 'PUT', 'authorization'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'other headers are allowed by *',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'both together are allowed',
        request: preflight(APP, 'PUT', 'Authorization, X-A'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: "allowedHeaders ['*', 'Authorization'] without credentials: either spelling counts",
    options: { origin: APP, allowedHeaders: ['*', 'Authorization'] },
    rows: [
      {
        name: 'authorization is named lowercased beside *',
        request: preflight(APP, 'PUT', 'X-A,authorization'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: '*,authorization' },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: "allowedHeaders ['*', 'Authorization'] with credentials",
    options: { origin: [APP], allowedHeaders: ['*', 'Authorization'], credentials: true },
    rows: [
      {
        name: 'authorization and others are echoed lowercased',
        request: preflight(APP, 'PUT', 'Authorization, X-A'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'authorization,x-a' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'other headers alone are echoed',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: "allowedHeaders ['*', 'authorization'] with credentials: either spelling counts",
    options: { origin: APP, credentials: true, allowedHeaders: ['*', 'authorization'] },
    rows: [
      {
        name: 'requested headers with authorization are echoed lowercased',
        request: preflight(APP, 'PUT', 'X-A,authorization'),
        want: allowedPreflight(
          { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a,authorization' },
          PREFLIGHT_VARY,
          204,
        ),
      },
    ],
  },
  {
    name: 'exposedHeaders with credentials',
    options: { origin: [APP], credentials: true, exposedHeaders: ['X-Total-Count', 'x-total-count', 'Content-Length'] },
    rows: [
      {
        name: 'actual response exposes the configured list, deduplicated',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP, [ACAC]: 'true', [ACEH]: 'X-Total-Count,Content-Length' }, 'Origin'),
      },
      {
        name: 'preflight carries no ACEH',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'refused actual request exposes nothing',
        request: actual(EVIL),
        want: refusedActual('origin', {}, 'Origin'),
      },
      { name: 'request without Origin exposes nothing', request: actual(null), want: notCors({}, 'Origin') },
    ],
  },
  {
    name: "exposedHeaders '*' without credentials",
    options: { origin: [APP], exposedHeaders: '*' },
    rows: [
      {
        name: 'actual response exposes *',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP, [ACEH]: '*' }, 'Origin'),
      },
    ],
  },
  {
    name: 'exposedHeaders empty',
    options: { origin: APP, exposedHeaders: [] },
    rows: [
      {
        name: 'actual response sends no ACEH rather than an empty one',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
    ],
  },
  {
    name: 'exposedHeaders that merely contain set-cookie',
    options: { origin: APP, exposedHeaders: ['x-set-cookie', 'set-cookie-id'] },
    rows: [
      {
        name: 'are exposed (only the whole name set-cookie is refused)',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP, [ACEH]: 'x-set-cookie,set-cookie-id' }, 'Origin'),
      },
    ],
  },
  {
    name: 'maxAge 0',
    options: { origin: [APP], maxAge: 0 },
    rows: [
      {
        name: 'preflight sends max-age "0" (disables the cache, unlike absent)',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '0' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'refused preflight sends no max-age',
        request: preflight(APP, 'PROPFIND'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'actual response sends no max-age',
        request: actual(APP),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
    ],
  },
  {
    name: 'maxAge 86400',
    options: { origin: [APP], maxAge: 86400 },
    rows: [
      {
        name: 'preflight sends max-age "86400"',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '86400' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'maxAge 0 with a single origin string',
    options: { origin: APP, maxAge: 0 },
    rows: [
      {
        name: 'preflight sends max-age "0"',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '0' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'optionsSuccessStatus 200',
    options: { origin: [APP], optionsSuccessStatus: 200 },
    rows: [
      {
        name: 'allowed preflight is answered with 200',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 200),
      },
      {
        name: 'preflight refused for origin is answered with 200 too',
        request: preflight(EVIL, 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 200),
      },
      {
        name: 'preflight refused for method is answered with 200 too',
        request: preflight(APP, 'PROPFIND'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 200),
      },
      {
        name: 'actual request has no status',
        request: actual(APP, 'PUT'),
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
    ],
  },
  {
    name: 'optionsSuccessStatus 200 with a single origin string',
    options: { origin: APP, optionsSuccessStatus: 200 },
    rows: [
      {
        name: 'allowed preflight is answered with 200',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 200),
      },
    ],
  },
  {
    name: 'preflightContinue',
    options: { origin: [APP], preflightContinue: true },
    rows: [
      {
        name: 'allowed preflight has headers but no status: the application answers',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, undefined),
      },
      {
        name: 'preflight refused for origin has no status either',
        request: preflight(EVIL, 'PUT'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, undefined),
      },
      {
        name: 'preflight refused for method has no status either',
        request: preflight(APP, 'PROPFIND'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, undefined),
      },
    ],
  },
  {
    name: 'privateNetwork on',
    options: { origin: [APP], privateNetwork: true },
    rows: [
      {
        name: 'preflight asking for private network access gets ACAPN true',
        request: preflight(APP, 'PUT', undefined, 'true'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAPN]: 'true' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight not asking gets no ACAPN',
        request: preflight(APP, 'PUT'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'ACRPN other than "true" is not asking',
        request: preflight(APP, 'PUT', undefined, 'false'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'asking from an unlisted origin gets no headers',
        request: preflight(EVIL, 'PUT', undefined, 'true'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
      },
      {
        name: 'asking with a refused method gets no ACAPN',
        request: preflight(APP, 'PROPFIND', undefined, 'true'),
        want: refusedPreflight('method', { [ACAO]: APP }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'an actual request carrying ACRPN gets no ACAPN',
        request: { method: 'GET', origin: APP, requestPrivateNetwork: 'true' },
        want: allowedActual({ [ACAO]: APP }, 'Origin'),
      },
    ],
  },
  {
    name: 'privateNetwork off',
    options: { origin: [APP], privateNetwork: false, allowedHeaders: ['x-a'] },
    rows: [
      {
        name: 'preflight asking for private network access is refused; the rest holds',
        request: preflight(APP, 'PUT', 'x-a', 'true'),
        want: refusedPreflight(
          'private-network',
          { [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' },
          PREFLIGHT_VARY,
          204,
        ),
      },
      {
        name: 'the same preflight without ACRPN is allowed',
        request: preflight(APP, 'PUT', 'x-a'),
        want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
    ],
  },
  {
    name: 'lists as strings, with credentials and maxAge',
    options: { origin: APP, methods: 'PUT', allowedHeaders: 'x-a', credentials: true, maxAge: 60 },
    rows: [
      {
        name: 'preflight refused for method keeps ACAO, ACAC and ACAH, and sends no max-age',
        request: preflight(APP, 'DELETE', 'x-a'),
        want: refusedPreflight('method', { [ACAO]: APP, [ACAC]: 'true', [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
      },
      {
        name: 'preflight refused for headers keeps ACAO, ACAC and ACAM, and sends no max-age',
        request: preflight(APP, 'PUT', 'x-b'),
        want: refusedPreflight('headers', { [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'PUT' }, PREFLIGHT_VARY, 204),
      },
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
      {
        name: 'preflight gets every header that holds',
        request: preflight(APP, 'PUT', 'content-type', 'true'),
        want: allowedPreflight(
          {
            [ACAO]: APP,
            [ACAC]: 'true',
            [ACAM]: 'GET,PUT',
            [ACAH]: 'Content-Type',
            [ACAPN]: 'true',
            [MAX_AGE]: '7200',
          },
          PREFLIGHT_VARY,
          200,
        ),
      },
      {
        name: 'actual response gets ACAO, ACAC and ACEH',
        request: actual(APP, 'PUT'),
        want: allowedActual({ [ACAO]: APP, [ACAC]: 'true', [ACEH]: 'X-Request-Id' }, 'Origin'),
      },
      {
        name: 'preflight from the apex is refused with no headers',
        request: preflight('https://example.com', 'PUT', 'content-type', 'true'),
        want: refusedPreflight('origin', {}, PREFLIGHT_VARY, 200),
      },
    ],
  },
]

describe('createCors(options).check(request)', () => {
  for (const configuration of CONFIGURATIONS) {
    describe(configuration.name, () => {
      const policy = createCors(configuration.options)
      for (const { name, request, want } of configuration.rows) {
        it(name, () => {
          const decision = checkNow(policy, request)
          expect(decision).toStrictEqual(want)
          expect(Object.isFrozen(decision)).toBe(true)
          expect(Object.isFrozen(decision.headers)).toBe(true)
        })
      }
    })
  }
})

describe('decision identity', () => {
  const SHARED: ReadonlyArray<{ name: string; options: SyncCorsOptions; request: CorsRequest }> = [
    { name: 'an echoed actual request', options: { origin: [APP] }, request: actual(APP) },
    { name: 'an actual request under *', options: {}, request: actual(APP) },
    {
      name: 'a preflight that echoes nothing from the request',
      options: { origin: [APP], allowedHeaders: ['x-a'] },
      request: preflight(APP, 'PUT', 'x-a'),
    },
    {
      name: 'a preflight with credentials that echoes nothing from the request',
      options: { origin: [APP], credentials: true, allowedHeaders: ['x-a'] },
      request: preflight(APP, 'PUT', 'x-a'),
    },
    {
      name: "a preflight answered with ACAH '*' (no credentials: the list is not echoed)",
      options: { origin: [APP], allowedHeaders: '*' },
      request: preflight(APP, 'PUT', 'x-a'),
    },
    { name: 'a refused actual request', options: { origin: [APP] }, request: actual(EVIL) },
    { name: 'a request without Origin', options: { origin: [APP] }, request: actual(null) },
  ]
  for (const { name, options, request } of SHARED) {
    it(`the same ${name} returns the identical frozen object twice`, () => {
      const policy = createCors(options)
      expect(checkNow(policy, request)).toBe(checkNow(policy, { ...request }))
    })
  }

  /** `first` is checked, then `request` must still get its own answer. */
  const SEQUENCES: ReadonlyArray<{
    name: string
    options: SyncCorsOptions
    first: CorsRequest
    request: CorsRequest
    want: CorsDecision
  }> = [
    {
      name: 'reflected headers',
      options: { origin: [APP] },
      first: preflight(APP, 'PUT'),
      request: preflight(APP, 'PUT', 'x-a'),
      want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-a' }, PREFLIGHT_VARY, 204),
    },
    {
      name: "headers echoed for '*' with credentials",
      options: { origin: [APP], allowedHeaders: '*', credentials: true },
      first: preflight(APP, 'PUT'),
      request: preflight(APP, 'PUT', 'X-B'),
      want: allowedPreflight(
        { [ACAO]: APP, [ACAC]: 'true', [ACAM]: DEFAULT_METHODS, [ACAH]: 'x-b' },
        PREFLIGHT_VARY,
        204,
      ),
    },
    {
      name: "a method echoed for '*' with credentials",
      options: { origin: [APP], methods: '*', credentials: true },
      first: preflight(APP, 'PUT'),
      request: preflight(APP, 'DELETE'),
      want: allowedPreflight({ [ACAO]: APP, [ACAC]: 'true', [ACAM]: 'DELETE' }, PREFLIGHT_VARY, 204),
    },
    {
      name: 'a private network grant',
      options: { origin: [APP], privateNetwork: true },
      first: preflight(APP, 'PUT'),
      request: preflight(APP, 'PUT', undefined, 'true'),
      want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [ACAPN]: 'true' }, PREFLIGHT_VARY, 204),
    },
    {
      name: 'no private network grant after one',
      options: { origin: [APP], privateNetwork: true },
      first: preflight(APP, 'PUT', undefined, 'true'),
      request: preflight(APP, 'PUT'),
      want: allowedPreflight({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS }, PREFLIGHT_VARY, 204),
    },
  ]
  for (const { name, options, first, request, want } of SEQUENCES) {
    it(`a remembered preflight answer is never reused for ${name}`, () => {
      const policy = createCors(options)
      checkNow(policy, first)
      expect(checkNow(policy, request)).toStrictEqual(want)
    })
  }

  it('a preflight for a different origin is a different object', () => {
    const policy = createCors({ origin: [APP, ADMIN] })
    expect(checkNow(policy, preflight(APP, 'PUT'))).not.toBe(checkNow(policy, preflight(ADMIN, 'PUT')))
  })

  it('private network: only an exact "true" asks, and a grant is never remembered for the origin', () => {
    const policy = createCors({ origin: APP, privateNetwork: true, maxAge: 60 })
    const ask = (requestPrivateNetwork?: string) =>
      checkNow(policy, preflight(APP, 'PUT', undefined, requestPrivateNetwork))
    expect(ask('true').headers[ACAPN]).toBe('true')
    expect(ask().headers[ACAPN]).toBeUndefined()
    expect(ask('true').headers[ACAPN]).toBe('true')
    expect(ask().headers).toEqual({ [ACAO]: APP, [ACAM]: DEFAULT_METHODS, [MAX_AGE]: '60' })
  })

  it('allowed decisions are remembered per origin, in two generations of 1024: the older is forgotten', () => {
    const policy = createCors({ origin: true })
    const first = checkNow(policy, actual('https://first.test'))
    expect(checkNow(policy, actual('https://first.test'))).toBe(first)
    const answer = checkNow(policy, preflight('https://first.test', 'PUT'))
    expect(checkNow(policy, preflight('https://first.test', 'PUT'))).toBe(answer)
    const others = (from: number, count: number) => {
      for (let i = from; i < from + count; i++) checkNow(policy, actual(`https://o${i}.test`))
    }
    others(0, 1024) // the first generation fills, and becomes the previous one
    expect(checkNow(policy, actual('https://first.test'))).toBe(first)
    others(1024, 1024) // the second fills too: the first generation is dropped
    const again = checkNow(policy, actual('https://first.test'))
    expect(again).not.toBe(first)
    expect(again).toEqual(first)
  })

  it('a fixed allow-list keeps room for every listed origin on top of 1024 others', () => {
    const policy = createCors({ origin: [APP, 'https://two.test', 'https://*.example.org'] })
    const first = checkNow(policy, actual(APP))
    for (let i = 0; i < 1026; i++) checkNow(policy, actual(`https://o${i}.example.org`))
    expect(checkNow(policy, actual(APP))).toBe(first) // 1027 held: still the first generation
    for (let i = 1026; i < 2054; i++) checkNow(policy, actual(`https://o${i}.example.org`))
    expect(checkNow(policy, actual(APP))).not.toBe(first)
  })

  it('a refused origin is remembered like an allowed one, unless onReject must hear of every refusal', () => {
    const quiet = createCors({ origin: [APP, 'https://*.example.org'] })
    const refused = checkNow(quiet, actual(EVIL))
    expect(checkNow(quiet, actual(EVIL))).toBe(refused)
    expect(refused).toBe(checkNow(quiet, actual('https://other.evil.test')))
    expect(checkNow(quiet, actual(APP)).allowed).toBe(true)
    const heard: string[] = []
    const told = createCors({ origin: [APP], onReject: (event) => heard.push(event.origin) })
    checkNow(told, actual(EVIL))
    checkNow(told, actual(EVIL))
    expect(heard).toEqual([EVIL, EVIL])
  })

  it("a predicate's answer is never remembered: revoking an origin takes effect on the next request", () => {
    let allowed = true
    const policy = createCors({ origin: (origin) => allowed && origin === APP })
    expect(checkNow(policy, actual(APP)).allowed).toBe(true)
    allowed = false
    expect(checkNow(policy, actual(APP)).allowed).toBe(false)
    expect(checkNow(policy, preflight(APP, 'PUT')).allowed).toBe(false)
  })
})

describe('asynchronous and failing predicates', () => {
  it('an async predicate makes check() return a Promise of the decision', async () => {
    const policy = createCors({ origin: async (origin) => origin === APP })
    const pending = policy.check(actual(APP))
    expect(pending).toBeInstanceOf(Promise)
    await expect(pending).resolves.toStrictEqual(allowedActual({ [ACAO]: APP }, 'Origin'))
    await expect(policy.check(preflight(EVIL, 'PUT'))).resolves.toStrictEqual(
      refusedPreflight('origin', {}, PREFLIGHT_VARY, 204),
    )
  })

  it.each<[string, unknown, string]>([
    ['the string of the origin (hono/cors, @koa/cors style)', APP, `the string "${APP}"`],
    ['1', 1, 'number 1'],
    ['undefined (a cors-style function that calls back instead)', undefined, 'undefined: return the answer'],
    ['null', null, 'null'],
  ])('a predicate answering %s is an error, not a silent refusal', async (_, answer, named) => {
    const sync = createCors({ origin: (() => answer) as unknown as SyncOriginPredicate })
    expect(() => sync.check(actual(APP))).toThrow(CorsConfigError)
    expect(() => sync.check(actual(APP))).toThrow(`origin predicate answer: must be true or false, got ${named}`)
    const async = createCors({ origin: (async () => answer) as unknown as (origin: string) => Promise<boolean> })
    await expect(async.check(actual(APP))).rejects.toThrow(CorsConfigError)
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
    /** The whole detail, or a matcher for what it must quote. */
    detail: string
  }
  /** The detail quotes the offending value with JSON.stringify (header names lowercased). */
  const quoting = (value: string): string => expect.stringContaining(JSON.stringify(value))
  const CRLF_ORIGIN = `${APP}\r\nSet-Cookie: a=b`
  const LISTED: SyncCorsOptions = { origin: [APP, 'https://*.example.org'], methods: ['PUT'], allowedHeaders: ['x-a'] }
  const LONG_ORIGIN = `https://${'a'.repeat(300)}/`
  const ORIGIN_OF_200 = `https://${'a'.repeat(192)}`
  const REJECTIONS: RejectRow[] = [
    {
      name: 'actual request from an unlisted origin',
      options: { origin: [APP] },
      request: actual(EVIL),
      event: { reason: 'origin', kind: 'actual', origin: EVIL },
      detail: quoting(EVIL),
    },
    {
      name: 'preflight from an unlisted origin',
      options: { origin: [APP] },
      request: preflight(EVIL, 'PUT'),
      event: { reason: 'origin', kind: 'preflight', origin: EVIL },
      detail: quoting(EVIL),
    },
    {
      name: 'the null origin',
      options: { origin: [APP] },
      request: actual('null'),
      event: { reason: 'origin', kind: 'actual', origin: 'null' },
      detail: quoting('null'),
    },
    {
      name: 'an Origin with CR/LF',
      options: { origin: [APP] },
      request: actual(CRLF_ORIGIN),
      event: { reason: 'malformed', kind: 'actual', origin: CRLF_ORIGIN },
      detail: quoting(CRLF_ORIGIN),
    },
    {
      name: 'a preflight for an unlisted method',
      options: { origin: [APP] },
      request: preflight(APP, 'patch'),
      event: { reason: 'method', kind: 'preflight', origin: APP },
      detail: quoting('patch'),
    },
    {
      name: 'a malformed Access-Control-Request-Method',
      options: { origin: [APP] },
      request: preflight(APP, 'PUT\r\nX: y'),
      event: { reason: 'malformed', kind: 'preflight', origin: APP },
      detail: quoting('PUT\r\nX: y'),
    },
    {
      name: 'an unlisted request header',
      options: { origin: [APP], allowedHeaders: ['x-a'] },
      request: preflight(APP, 'PUT', 'x-a, X-Other'),
      event: { reason: 'headers', kind: 'preflight', origin: APP },
      detail: quoting('x-other'),
    },
    {
      name: 'authorization under *',
      options: { origin: [APP], allowedHeaders: '*' },
      request: preflight(APP, 'PUT', 'x-a,Authorization'),
      event: { reason: 'headers', kind: 'preflight', origin: APP },
      detail: quoting('authorization'),
    },
    {
      name: 'a malformed Access-Control-Request-Headers',
      options: { origin: [APP] },
      request: preflight(APP, 'PUT', 'x-a\r\nx-b'),
      event: { reason: 'malformed', kind: 'preflight', origin: APP },
      detail: quoting('x-a\r\nx-b'),
    },
    {
      name: 'a private network request while the option is off',
      options: { origin: [APP] },
      request: preflight(APP, 'PUT', undefined, 'true'),
      event: { reason: 'private-network', kind: 'preflight', origin: APP },
      detail: expect.stringContaining('privateNetwork'),
    },
    {
      name: 'an unlisted origin beside a listed pattern',
      options: LISTED,
      request: actual('https://evil.test'),
      event: { reason: 'origin', kind: 'actual', origin: 'https://evil.test' },
      detail: 'origin "https://evil.test" is not allowed',
    },
    {
      name: 'the null origin beside a listed pattern',
      options: LISTED,
      request: actual('null'),
      event: { reason: 'origin', kind: 'actual', origin: 'null' },
      detail: 'origin "null" is not allowed',
    },
    {
      name: 'an Origin ending in CR/LF, escaped',
      options: LISTED,
      request: actual('https://evil.test\r\n'),
      event: { reason: 'malformed', kind: 'actual', origin: 'https://evil.test\r\n' },
      detail: 'Origin "https://evil.test\\r\\n" is malformed',
    },
    {
      name: 'a preflight from an origin no entry or pattern covers',
      options: LISTED,
      request: preflight('https://evil.test', 'PUT'),
      event: { reason: 'origin', kind: 'preflight', origin: 'https://evil.test' },
      detail: 'origin "https://evil.test" is not allowed',
    },
    {
      name: 'a preflight from an Origin with a trailing slash',
      options: LISTED,
      request: preflight('https://evil.test/', 'PUT'),
      event: { reason: 'malformed', kind: 'preflight', origin: 'https://evil.test/' },
      detail: 'Origin "https://evil.test/" is malformed',
    },
    {
      name: 'an unlisted method, naming the methods allowed',
      options: LISTED,
      request: preflight(APP, 'DELETE'),
      event: { reason: 'method', kind: 'preflight', origin: APP },
      detail: 'method "DELETE" is not in methods (PUT)',
    },
    {
      name: 'an Access-Control-Request-Method with a space',
      options: LISTED,
      request: preflight(APP, 'DE LETE'),
      event: { reason: 'malformed', kind: 'preflight', origin: APP },
      detail: 'Access-Control-Request-Method "DE LETE" is malformed',
    },
    {
      name: 'one unlisted header among listed ones, lowercased',
      options: LISTED,
      request: preflight(APP, 'PUT', 'x-a, X-B'),
      event: { reason: 'headers', kind: 'preflight', origin: APP },
      detail: 'header "x-b" is not allowed',
    },
    {
      name: 'a header list with a space inside an item',
      options: LISTED,
      request: preflight(APP, 'PUT', 'x a'),
      event: { reason: 'malformed', kind: 'preflight', origin: APP },
      detail: 'Access-Control-Request-Headers "x a" is malformed or too long',
    },
    {
      name: 'a private network request, saying the option is off',
      options: LISTED,
      request: preflight(APP, 'PUT', undefined, 'true'),
      event: { reason: 'private-network', kind: 'preflight', origin: APP },
      detail: 'privateNetwork is off',
    },
    {
      name: "authorization under '*', with the fix",
      options: { origin: APP, allowedHeaders: '*' },
      request: preflight(APP, 'PUT', 'x-a,Authorization'),
      event: { reason: 'headers', kind: 'preflight', origin: APP },
      detail: 'header "authorization" is not allowed (Authorization must be listed beside \'*\')',
    },
    {
      name: 'a request header while allowedHeaders is empty',
      options: { origin: APP, allowedHeaders: [] },
      request: preflight(APP, 'PUT', 'x-a'),
      event: { reason: 'headers', kind: 'preflight', origin: APP },
      detail: 'header "x-a" is not allowed',
    },
    {
      name: 'a long Origin, cut to its first 200 characters',
      options: { origin: APP },
      request: actual(LONG_ORIGIN),
      event: { reason: 'malformed', kind: 'actual', origin: LONG_ORIGIN },
      detail: `Origin ${JSON.stringify(`${LONG_ORIGIN.slice(0, 200)}…`)} is malformed`,
    },
    {
      name: 'an Origin of 201 characters, cut after 200',
      options: { origin: APP },
      request: actual(`${ORIGIN_OF_200}/`),
      event: { reason: 'malformed', kind: 'actual', origin: `${ORIGIN_OF_200}/` },
      detail: `Origin ${JSON.stringify(`${ORIGIN_OF_200}…`)} is malformed`,
    },
    {
      name: 'an Origin of exactly 200 characters, quoted whole',
      options: { origin: APP },
      request: actual(`${ORIGIN_OF_200.slice(0, 199)}/`),
      event: { reason: 'malformed', kind: 'actual', origin: `${ORIGIN_OF_200.slice(0, 199)}/` },
      detail: expect.stringContaining(`${ORIGIN_OF_200.slice(0, 199)}/"`),
    },
  ]

  for (const { name, options, request, event, detail } of REJECTIONS) {
    it(`reports ${name} with reason, kind, origin, request and detail`, () => {
      const events: CorsRejectEvent[] = []
      const policy = createCors({ ...options, onReject: (received) => events.push(received) })
      checkNow(policy, request)
      expect(events).toHaveLength(1)
      const [received] = events as [CorsRejectEvent]
      expect({ reason: received.reason, kind: received.kind, origin: received.origin }).toStrictEqual(event)
      expect(received.request).toBe(request)
      expect(received.detail).not.toMatch(/[\r\n]/)
      expect(received.detail).toEqual(detail)
    })
  }

  it('is not called for allowed or non-CORS requests', () => {
    const onReject = vi.fn()
    const quiet: ReadonlyArray<readonly [SyncCorsOptions, CorsRequest[]]> = [
      [{ origin: [APP] }, [actual(APP), preflight(APP, 'PUT', 'x-a'), actual(null), preflight(null, 'PUT')]],
      [LISTED, [actual(APP), preflight(APP, 'PUT')]],
    ]
    for (const [options, requests] of quiet) {
      const policy = createCors({ ...options, onReject })
      for (const request of requests) checkNow(policy, request)
    }
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
