// The framework groups, in the order run.mjs runs them: `--only <id>` picks one.
import { expressFramework } from './express.mjs'
import { fastifyFrameworks } from './fastify.mjs'
import { honoFramework } from './hono.mjs'
import { koaFramework } from './koa.mjs'
import { nodeFramework } from './node.mjs'

export const FRAMEWORK_IDS = ['node', 'express-app', 'fastify-inject', 'fastify', 'koa', 'hono']

/**
 * The groups `wanted` picks, each built only then: building one makes its adapter's middleware,
 * and a second corsica/fetch or corsica/hono layer in the process changes how every layer works
 * (fetch-response.ts records responses once there are two).
 * @param {Awaited<ReturnType<typeof import('../lib/load.mjs').loadCorsica>>} corsica
 * @param {(id: string) => boolean} wanted
 * @returns {Promise<import('../lib/framework-group.mjs').Framework[]>}
 */
export async function frameworks(corsica, wanted) {
  const built = []
  if (wanted('node')) built.push(nodeFramework(corsica))
  if (wanted('express-app')) built.push(expressFramework(corsica))
  if (wanted('fastify-inject') || wanted('fastify'))
    built.push(...(await fastifyFrameworks(corsica)).filter((framework) => wanted(framework.id)))
  if (wanted('koa')) built.push(koaFramework(corsica))
  if (wanted('hono')) built.push(honoFramework(corsica))
  return built
}
