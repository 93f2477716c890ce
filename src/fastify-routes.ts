// Route-level policies of corsica/fastify: a route's `config.cors` is compiled when the route is
// registered, and a preflight is decided by the policy of the route it asks about (the one for
// its URL and Access-Control-Request-Method), so a stricter route refuses the preflight itself.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify'
import { CorsConfigError, problem, underPath, type CorsConfigProblem } from './core/errors.js'
import { ownField } from './core/own.js'
import { compileCheck, type Check } from './core/policy.js'

/** A route's policy: a compiled check, or `null` when the route turns CORS off. */
export type RoutePolicy = Check | null

/** The policy of each method whose route, on one URL, configures one. */
type MethodPolicies = Map<string, RoutePolicy>

/**
 * In the config of the OPTIONS routes corsica adds: the policies of their URL's routes. Found
 * through the route a preflight matched, so host or version constraints pick the right ones.
 */
const PREFLIGHT_POLICIES = Symbol('corsica.preflight-policies')

/** A route as the onRoute hook sees it: with its path inside the plugin that declared it. */
type RegisteredRoute = RouteOptions & { readonly routePath: string }

export class RoutePolicies {
  /** Compiled `config.cors` values, by the value itself: routes sharing one object share the check. */
  private readonly byConfig = new WeakMap<object, Check>()
  /** Per route key (URL pattern and constraints), the policies of its methods. */
  private readonly byRoute = new Map<string, MethodPolicies>()
  /** Route keys whose OPTIONS route corsica added. */
  private readonly addedOptions = new Set<string>()
  /** Route keys with an OPTIONS route of the user's. */
  private readonly ownOptions = new Set<string>()
  /** Config objects met first on a request: their route was registered before the plugin. */
  private readonly unseen = new WeakSet<object>()
  /**
   * Whether a request's route config must be read (`request.routeOptions` builds an object per
   * call). Decided when the app is ready, before it serves anything: when a route has
   * `config.cors` by then (an onRoute hook added after the plugin's may have set it), or when
   * routes were registered before the plugin, which its onRoute hook never saw. Otherwise every
   * request takes the plugin's policy.
   */
  private readsRouteConfig = true
  private readonly routesBefore: boolean
  /** The routes the onRoute hook saw, until the app is ready. */
  private seen: RegisteredRoute[] = []

  constructor(instance: FastifyInstance) {
    this.routesBefore = !routerIsEmpty(instance)
    instance.addHook('onReady', (done) => {
      this.readsRouteConfig = this.routesBefore || this.seen.some((route) => corsConfigOf(route) !== undefined)
      this.seen = []
      done()
    })
  }

  private policiesOf(key: string): MethodPolicies {
    const known = this.byRoute.get(key)
    if (known !== undefined) return known
    const created: MethodPolicies = new Map()
    this.byRoute.set(key, created)
    return created
  }

  /** The onRoute hook: compiles the route's `config.cors` and gives its URL an OPTIONS route. */
  register(instance: FastifyInstance, route: RegisteredRoute): void {
    // Before the return below: another corsica registration may have marked this route already.
    this.seen.push(route)
    if (ownField(route.config ?? {}, PREFLIGHT_POLICIES) !== undefined) return
    const config = corsConfigOf(route)
    const methods = ([] as string[]).concat(route.method)
    const key = routeKey(route.url, route.constraints)
    if (methods.includes('OPTIONS')) {
      if (this.addedOptions.has(key)) throw lateOptionsRoute(route.url)
      // The user's OPTIONS route answers this URL's preflights: it carries the URL's policies.
      route.config = { ...route.config, [PREFLIGHT_POLICIES]: this.policiesOf(key) } as RouteOptions['config']
      this.ownOptions.add(key)
    }
    if (config === undefined) return
    const policy = this.compile(config, `route ${methods.join(',')} ${route.url} config.cors`)
    const policies = this.policiesOf(key)
    for (const method of methods) policies.set(method, policy)
    if (!methods.includes('OPTIONS')) this.addOptionsRoute(instance, route, key, policies)
  }

  /**
   * The policy for a request: its route's, or for a preflight the asked-about route's. A route
   * registered before the plugin had no onRoute call: its `config.cors` is compiled on its first
   * request (a CorsConfigError then goes to Fastify's error handler), and its preflights, which
   * had no OPTIONS route added, are answered by the plugin's policy: logged once as a warning.
   */
  policyFor(request: FastifyRequest, fallback: Check): RoutePolicy {
    if (!this.readsRouteConfig) return fallback
    const { url, method, config } = request.routeOptions
    const asked = method === 'OPTIONS' ? request.headers['access-control-request-method'] : undefined
    if (typeof asked === 'string' && url !== undefined) {
      const policies = ownField(config, PREFLIGHT_POLICIES) as MethodPolicies | undefined
      const policy = policies?.get(asked)
      if (policy !== undefined) return policy
    }
    const own = ownField(config, 'cors')
    if (own === undefined) return fallback
    if (own === false) return null
    const known = typeof own === 'object' && own !== null ? this.byConfig.get(own) : undefined
    if (known !== undefined) return known
    this.warnUnseen(request, own)
    return this.compile(own, `route ${method} ${url} config.cors`)
  }

  /** Once per config object; a value that is no object is a CorsConfigError on every request anyway. */
  private warnUnseen(request: FastifyRequest, config: unknown): void {
    if (typeof config !== 'object' || config === null || this.unseen.has(config)) return
    this.unseen.add(config)
    const { method, url } = request.routeOptions
    request.log.warn(
      `corsica: route ${method} ${url} was registered before corsica, so its preflights are answered ` +
        "by the plugin's policy, not its config.cors; register corsica first (await app.register(cors, …))",
    )
  }

  private compile(config: unknown, path: string): RoutePolicy {
    if (config === false) return null
    const known = typeof config === 'object' && config !== null ? this.byConfig.get(config) : undefined
    if (known !== undefined) return known
    const problems: CorsConfigProblem[] = []
    // A route's options replace the plugin's: left unset, `origin` would mean '*' for this route.
    if (typeof config === 'object' && config !== null && ownField(config, 'origin') === undefined)
      problems.push(routeOriginUnset(path))
    let check: Check | undefined
    try {
      check = compileCheck(config as Parameters<typeof compileCheck>[0])
    } catch (error) {
      if (!(error instanceof CorsConfigError)) throw error
      problems.push(...underPath(error, `${path}.`).problems)
    }
    if (check === undefined || problems.length > 0) throw new CorsConfigError(problems)
    if (typeof config === 'object' && config !== null) this.byConfig.set(config, check)
    return check
  }

  /**
   * Under a prefix, Fastify's not-found handler runs the root's hooks, not this instance's: a
   * catch-all OPTIONS route (hidden, answering as if it did not exist) brings preflights to the
   * paths under the prefix that have no OPTIONS route of their own to the instance's hooks.
   */
  coverPrefix(instance: FastifyInstance): void {
    if (instance.prefix === '') return
    instance.route({
      method: 'OPTIONS',
      url: '/*',
      schema: HIDDEN,
      config: { [PREFLIGHT_POLICIES]: new Map() } as RouteOptions['config'],
      handler: notFound,
    })
  }

  /**
   * Preflights for a URL without an OPTIONS route would reach the not-found handler, whose route
   * has no URL to look up: an OPTIONS route (hidden from schemas) gives them one. Reached only
   * by an OPTIONS request corsica did not answer, it answers as if it did not exist.
   */
  private addOptionsRoute(
    instance: FastifyInstance,
    route: RegisteredRoute,
    key: string,
    policies: MethodPolicies,
  ): void {
    if (this.addedOptions.has(key) || this.ownOptions.has(key)) return
    const constraints = route.constraints ?? {}
    // An OPTIONS route declared before the plugin was never seen here: it stays, with the
    // plugin's policy.
    if (instance.hasRoute({ method: 'OPTIONS', url: route.url, constraints })) return
    this.addedOptions.add(key)
    instance.route({
      method: 'OPTIONS',
      // A route at the prefix itself (`''` or `'/'`, which onRoute shows alike) may be served at
      // `/prefix` and `/prefix/`: `'/'` with the route's own trailing-slash rule claims the same.
      url: route.routePath === '' ? '/' : route.routePath,
      prefixTrailingSlash: route.prefixTrailingSlash ?? 'both',
      constraints,
      schema: HIDDEN,
      config: { [PREFLIGHT_POLICIES]: policies } as RouteOptions['config'],
      handler: notFound,
    })
  }
}

function corsConfigOf(route: RegisteredRoute): unknown {
  return ownField(route.config ?? {}, 'cors')
}

/**
 * Routes are added to the router as they are declared, so one declared before the plugin ran is
 * there now. Any answer but Fastify's exact one for an empty router counts as routes.
 */
function routerIsEmpty(instance: FastifyInstance): boolean {
  try {
    return instance.printRoutes() === '(empty tree)'
  } catch {
    return false
  }
}

function notFound(_request: FastifyRequest, reply: FastifyReply): void {
  reply.callNotFound()
}

/** Swagger-style generators leave out routes whose schema says `hide`. */
const HIDDEN = { hide: true } as FastifySchema

/**
 * Routes with the same URL but other constraints (a host, a version) are other routes; the key
 * names each constraint in a fixed order, a RegExp by its source and flags.
 */
function routeKey(url: string, constraints: Readonly<Record<string, unknown>> | undefined): string {
  const names = Object.keys(constraints ?? {}).sort()
  const parts = names.map((name) => `${name}=${constraintText(constraints?.[name])}`)
  return parts.length === 0 ? url : `${url} ${parts.join(' ')}`
}

function constraintText(value: unknown): string {
  return value instanceof RegExp ? `/${value.source}/${value.flags}` : JSON.stringify(value)
}

function routeOriginUnset(path: string): CorsConfigProblem {
  const message =
    "must be set: a route's options replace the plugin's, and an unset origin means '*'; " +
    "repeat the plugin's origin or name this route's"
  return problem('route-origin-unset', `${path}.origin`, message)
}

function lateOptionsRoute(url: string): CorsConfigError {
  const message =
    `corsica already answers preflights for ${url} (a route there sets config.cors); ` +
    'declare this OPTIONS route before that route'
  return new CorsConfigError([problem('late-options-route', `route OPTIONS ${url}`, message)])
}
