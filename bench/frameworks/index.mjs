// The framework groups, in the order run.mjs runs them: `--only <id>` picks one.
import { expressFramework } from './express.mjs'
import { fastifyFrameworks } from './fastify.mjs'
import { honoFramework } from './hono.mjs'
import { koaFramework } from './koa.mjs'
import { nodeFramework } from './node.mjs'

export const FRAMEWORK_IDS = ['node', 'express-app', 'fastify-inject', 'fastify', 'koa', 'hono']

/**
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @returns {Promise<import('../lib/framework-group.mjs').Framework[]>}
 */
export async function frameworks(corsica) {
  return [
    nodeFramework(corsica),
    expressFramework(corsica),
    ...(await fastifyFrameworks(corsica)),
    koaFramework(corsica),
    honoFramework(corsica),
  ]
}
