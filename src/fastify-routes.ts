// Route-level policies of corsica/fastify: a route's `config.cors` is compiled when the route is
// registered, and a preflight is decided by the policy of the route it asks about (the one for
// its URL and Access-Control-Request-Method), so a stricter route refuses the preflight itself.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify'
import { CorsConfigError, underPath } from './core/errors.js'
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

  /** False until a route configures CORS: every request then uses the plugin's policy, unread. */
  get configured(): boolean {
    return this.byRoute.size > 0
  }

  /** The onRoute hook: compiles the route's `config.cors` and gives its URL an OPTIONS route. */
  register(instance: FastifyInstance, route: RegisteredRoute): void {
    if (ownField(route.config ?? {}, PREFLIGHT_POLICIES) !== undefined) return
    const methods = ([] as string[]).concat(route.method)
    const key = routeKey(route.url, route.constraints)
    if (methods.includes('OPTIONS') && this.addedOptions.has(key)) throw lateOptionsRoute(route.url)
    const config = ownField(route.config ?? {}, 'cors')
    if (config === undefined) return
    const policy = this.compile(config, `route ${methods.join(',')} ${route.url} config.cors`)
    const policies = this.byRoute.get(key) ?? new Map<string, RoutePolicy>()
    for (const method of methods) policies.set(method, policy)
    this.byRoute.set(key, policies)
    if (!methods.includes('OPTIONS')) this.addOptionsRoute(instance, route, key, policies)
  }

  /** The policy for a request: its route's, or for a preflight the asked-about route's. */
  policyFor(request: FastifyRequest, fallback: Check): RoutePolicy {
    const { url, method, config } = request.routeOptions
    const own = ownField(config, 'cors')
    const asked = method === 'OPTIONS' ? request.headers['access-control-request-method'] : undefined
    if (typeof asked === 'string' && url !== undefined) {
      // An OPTIONS route of the user's has no policies in its config: its URL's unconstrained ones.
      const policies = (ownField(config, PREFLIGHT_POLICIES) as MethodPolicies | undefined) ?? this.byRoute.get(url)
      const policy = policies?.get(asked)
      if (policy !== undefined) return policy
    }
    if (own === false) return null
    return typeof own === 'object' && own !== null ? (this.byConfig.get(own) ?? fallback) : fallback
  }

  private compile(config: unknown, path: string): RoutePolicy {
    if (config === false) return null
    const known = typeof config === 'object' && config !== null ? this.byConfig.get(config) : undefined
    if (known !== undefined) return known
    let check: Check
    try {
      check = compileCheck(config as Parameters<typeof compileCheck>[0])
    } catch (error) {
      throw error instanceof CorsConfigError ? underPath(error, `${path}.`) : error
    }
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
    if (this.addedOptions.has(key)) return
    const constraints = route.constraints ?? {}
    if (instance.hasRoute({ method: 'OPTIONS', url: route.url, constraints })) return
    this.addedOptions.add(key)
    instance.route({
      method: 'OPTIONS',
      url: route.routePath,
      // Exactly the route's URL: under a prefix, `'/'` would otherwise also claim the prefix itself.
      prefixTrailingSlash: 'slash',
      constraints,
      schema: HIDDEN,
      config: { [PREFLIGHT_POLICIES]: policies } as RouteOptions['config'],
      handler: notFound,
    })
  }
}

function notFound(_request: FastifyRequest, reply: FastifyReply): void {
  reply.callNotFound()
}

/** Swagger-style generators leave out routes whose schema says `hide`. */
const HIDDEN = { hide: true } as FastifySchema

/** Routes with the same URL but other constraints (a host, a version) are other routes. */
function routeKey(url: string, constraints: object | undefined): string {
  return constraints === undefined || Object.keys(constraints).length === 0
    ? url
    : `${url} ${JSON.stringify(constraints)}`
}

function lateOptionsRoute(url: string): CorsConfigError {
  return new CorsConfigError([
    {
      code: 'late-options-route',
      path: `route OPTIONS ${url}`,
      message: `corsica already answers preflights for ${url} (a route there sets config.cors); declare this OPTIONS route before that route`,
    },
  ])
}
