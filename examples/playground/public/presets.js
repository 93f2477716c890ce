// Presets: a policy and the requests to fire under it. `policy` is what the form shows and the
// API applies (corsica options as JSON); a step may change the policy before it runs.
// Each step's request goes to a fresh URL, so the browser's preflight cache never carries an
// answer from one run into the next (`sameUrl` keeps the previous step's URL: the cache is the point).

/**
 * A policy as the page shows and sends it: corsica options as JSON, a RegExp written `/…/flags`.
 * A value the form cannot parse (maxAge `soon`) is sent as typed, for corsica to refuse.
 * @typedef {object} Policy
 * @property {string | boolean | string[]} [origin]
 * @property {boolean} [credentials]
 * @property {string | string[]} [methods]
 * @property {string | string[]} [allowedHeaders]
 * @property {string | string[]} [exposedHeaders]
 * @property {number | string} [maxAge]
 */
/**
 * One request the page fires: `policy` is applied before it, `sameUrl` reuses the previous step's URL.
 * @typedef {object} Step
 * @property {string} method
 * @property {Record<string, string>} [headers]
 * @property {RequestCredentials} [credentials]
 * @property {string} [body]
 * @property {Policy} [policy]
 * @property {boolean} [sameUrl]
 */
/** @typedef {{ id: string, title: string, policy: Policy, steps: Step[], explain: string }} Preset */

/**
 * @param {{ pageOrigin: string }} context `pageOrigin`: the page's `location.origin`, the Origin its requests carry.
 * @returns {Preset[]}
 */
export function presets({ pageOrigin }) {
  return [
    {
      id: 'simple-get',
      title: 'Simple GET, origin listed',
      policy: { origin: [pageOrigin] },
      steps: [{ method: 'GET' }],
      explain:
        'A GET with no custom header is a "simple" request: no preflight. corsica sees the page\'s origin in the list and echoes it in Access-Control-Allow-Origin, with Vary: Origin, so the browser lets the page read the response.',
    },
    {
      id: 'origin-not-listed',
      title: 'GET from an origin the policy does not list',
      policy: { origin: ['https://app.example.com'] },
      steps: [{ method: 'GET' }],
      explain:
        'corsica refuses the origin (reason "origin") and sends no CORS headers, so the browser hides the response. Note that the handler still ran: CORS stops other sites from reading responses, not from sending requests. Protect state-changing endpoints with authentication and CSRF defences.',
    },
    {
      id: 'credentials',
      title: 'Credentialed request (cookie)',
      policy: { origin: [pageOrigin], credentials: true },
      steps: [{ method: 'GET', credentials: 'include' }],
      explain:
        "fetch(url, { credentials: 'include' }) sends the page's cookie. With credentials: true corsica echoes the origin and adds Access-Control-Allow-Credentials: true, the two things a browser requires before it shows a credentialed response.",
    },
    {
      id: 'credentials-wildcard',
      title: "Credentialed request, policy origin '*'",
      policy: { origin: '*' },
      steps: [{ method: 'GET', credentials: 'include' }],
      explain:
        'corsica allowed it and answered Access-Control-Allow-Origin: *, but a browser never accepts * for a request that carries credentials. The cookie was still sent and the handler ran; only reading was blocked. Fix: list the origins and set credentials: true.',
    },
    {
      id: 'config-error',
      title: "origin '*' with credentials: true",
      policy: { origin: '*', credentials: true },
      steps: [],
      explain:
        "That is the configuration that would let every website read your users' authenticated responses, so corsica refuses to build it: createCors throws a CorsConfigError listing every problem, at start-up rather than in production. The API keeps its previous policy.",
    },
    {
      id: 'put-preflight',
      title: 'PUT with a custom header (preflight)',
      policy: { origin: [pageOrigin], methods: ['GET', 'PUT'], allowedHeaders: ['content-type', 'x-trace'] },
      steps: [
        { method: 'PUT', headers: { 'content-type': 'application/json', 'x-trace': 'abc123' }, body: '{"done":true}' },
      ],
      explain:
        'PUT, a JSON content type and x-trace each make the browser ask first: an OPTIONS preflight with Access-Control-Request-Method and -Headers. corsica answers it itself (204, before any routing or authentication), then the real PUT reaches the handler.',
    },
    {
      id: 'patch-case',
      title: 'fetch method "patch" vs "PATCH"',
      policy: { origin: [pageOrigin], methods: ['GET', 'PATCH'] },
      steps: [{ method: 'patch' }, { method: 'PATCH' }],
      explain:
        'Browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT. "patch" is sent as written and methods are compared byte for byte, so the preflight asks for "patch", which PATCH does not allow (reason "method"). Write PATCH in your fetch calls.',
    },
    {
      id: 'header-not-allowed',
      title: 'Request header not allowed',
      policy: { origin: [pageOrigin], allowedHeaders: ['content-type'] },
      steps: [{ method: 'GET', headers: { 'x-trace': 'abc123' } }],
      explain:
        'x-trace is not a safelisted header, so even a GET is preflighted. allowedHeaders lists only content-type: corsica refuses (reason "headers") and leaves x-trace out of Access-Control-Allow-Headers, so the browser\'s console names the header. Fix: add it to allowedHeaders.',
    },
    {
      id: 'exposed-headers',
      title: 'Exposed vs unexposed response headers',
      policy: { origin: [pageOrigin], exposedHeaders: ['x-request-id'] },
      steps: [{ method: 'GET' }],
      explain:
        'The API sends x-request-id and x-total-count. Scripts on another origin read only the safelisted response headers (content-type, cache-control, …) and those in Access-Control-Expose-Headers: x-request-id is readable, x-total-count is not, although it is on the wire.',
    },
    {
      id: 'authorization-wildcard',
      title: "Authorization with allowedHeaders '*'",
      policy: { origin: [pageOrigin], allowedHeaders: '*' },
      steps: [
        { method: 'GET', headers: { authorization: 'Bearer demo-token' } },
        {
          method: 'GET',
          headers: { authorization: 'Bearer demo-token' },
          policy: { origin: [pageOrigin], allowedHeaders: ['*', 'authorization'] },
        },
      ],
      explain:
        "The Fetch Standard never lets '*' cover Authorization, and corsica follows it: the first preflight is refused (reason \"headers\"). The second step lists authorization beside '*', and the request goes through.",
    },
    {
      id: 'max-age',
      title: 'maxAge: the second request skips the preflight',
      policy: { origin: [pageOrigin], methods: ['GET', 'PUT'], allowedHeaders: ['x-trace'], maxAge: 600 },
      steps: [
        { method: 'PUT', headers: { 'x-trace': 'first' } },
        { method: 'PUT', headers: { 'x-trace': 'second' }, sameUrl: true },
      ],
      explain:
        "Access-Control-Max-Age: 600 lets the browser cache the preflight's answer (Chromium caps it at 7200 s; without it, 5 s). The second PUT to the same URL goes out with no OPTIONS before it.",
    },
  ]
}
