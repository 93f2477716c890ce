/**
 * Fastify plugin: `await app.register(cors, options)`. Registered on the instance it is given
 * (like a `fastify-plugin` plugin, without depending on it), so its onRequest hook answers
 * preflights for every path, routed or not, before the hooks registered after it (authentication).
 * A route sets `config: { cors: false }` to turn CORS off, or `config: { cors: { …options } }`
 * to replace the policy for itself and its preflights; compiled when the route is registered.
 * @module corsica/fastify
 */
import type {
  FastifyInstance,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify'
import { checkSourceOf } from './core/check-source.js'
import { UNDECIDED } from './core/decision.js'
import { predicateError } from './core/errors.js'
import { compileCheck, type Check } from './core/policy.js'
import type { ReloadableCors } from './core/reloadable.js'
import type { CorsDecision, CorsOptions } from './core/types.js'
import { RoutePolicies, type RoutePolicy } from './fastify-routes.js'
import { runCheck, type Steps } from './middleware-flow.js'
import { readNodeRequest } from './node.js'
import { writeDecisionHeaders } from './node-response.js'

/** Options of the plugin: corsica's, with the `FastifyRequest` as an origin predicate's context. */
export type FastifyCorsOptions = CorsOptions<FastifyRequest>

/** What `app.register(cors, …)` takes: options, or a reloadable policy (`{ ...policy, prefix }` too). */
export type FastifyPluginOptions = FastifyCorsOptions | ReloadableCors<FastifyRequest>

/** What a route's `config.cors` may be: `false` turns CORS off for it; options replace the plugin's. */
export type RouteCorsConfig = false | FastifyCorsOptions

declare module 'fastify' {
  interface FastifyContextConfig {
    /** corsica's policy for this route: `false` turns CORS off; options replace the plugin's policy. */
    cors?: RouteCorsConfig
  }
}

/** Options Fastify's `register` reads itself; they are not CORS options. */
const REGISTER_OPTIONS = ['prefix', 'logLevel', 'logSerializers']

function corsica(fastify: FastifyInstance, options: FastifyPluginOptions, done: (err?: Error) => void): void {
  let fallback: Check
  try {
    fallback = compileCheck(corsOptionsOf(options))
  } catch (error) {
    // Thrown from here, the error would escape avvio: `await app.register()` would never settle.
    done(error as Error)
    return
  }
  const routes = new RoutePolicies(fastify)
  fastify.addHook('onRoute', function register(route) {
    routes.register(this, route)
  })
  routes.coverPrefix(fastify)
  fastify.addHook('onRequest', (request, reply, next) => {
    let check: RoutePolicy
    try {
      check = routes.policyFor(request, fallback)
    } catch (error) {
      return fail(error, reply, next)
    }
    if (check === null) return next()
    runCheck(check, readNodeRequest(request.raw), request, reply, next, FASTIFY_STEPS)
  })
  done()
}

/** Sets the headers; a preflight is answered here, and no later hook or handler runs. */
function respond(decision: CorsDecision, reply: FastifyReply, next: HookHandlerDoneFunction): void {
  writeDecisionHeaders(decision, reply, reply.header, replyHeaderNames)
  if (decision.status === undefined) next()
  else reply.code(decision.status).send()
}

/** A predicate's error goes to Fastify's error handler, with no CORS header and Vary: Origin. */
function fail(error: unknown, reply: FastifyReply, next: HookHandlerDoneFunction): void {
  writeDecisionHeaders(UNDECIDED, reply, reply.header, replyHeaderNames)
  next(predicateError(error))
}

/** The reply's header names, its own and those already on the raw response, in one read. */
function replyHeaderNames(reply: FastifyReply): readonly string[] {
  return Object.keys(reply.getHeaders())
}

const FASTIFY_STEPS: Steps<FastifyReply, HookHandlerDoneFunction> = { finish: respond, fail }

function corsOptionsOf(options: FastifyPluginOptions | undefined): FastifyCorsOptions | undefined {
  if (typeof options !== 'object' || options === null) return options
  // A reloadable policy (or a spread copy with a `prefix`): compileCheck asks it for its check.
  const record = options as FastifyCorsOptions
  if (checkSourceOf(record) !== undefined) {
    // Only Fastify's own options may sit beside the policy; compileCheck refuses any other.
    const policy: Record<PropertyKey, unknown> = { ...record }
    for (const name of REGISTER_OPTIONS) Reflect.deleteProperty(policy, name)
    return policy as FastifyCorsOptions
  }
  const own = Object.keys(record).filter((name) => !REGISTER_OPTIONS.includes(name))
  return Object.fromEntries(own.map((name) => [name, record[name as keyof FastifyCorsOptions]]))
}

/** Marks the plugin as `fastify-plugin` does: its hooks apply to the instance it is registered on. */
const plugin: FastifyPluginCallback<FastifyPluginOptions> = Object.assign(corsica, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'corsica',
  [Symbol.for('plugin-meta')]: { name: 'corsica', fastify: '>=4' },
})

export default plugin
export { plugin as cors }
export type { CorsDecision, CorsOptions } from './core/types.js'
export { CorsConfigError } from './core/errors.js'
