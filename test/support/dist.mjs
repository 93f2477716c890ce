// The build the system suites test: corsica's adapters imported from $CORSICA_DIST (default
// dist/), as CI builds them, with Express for the suites that mount corsica/express, and the
// browser model the browser suite checks against the engines.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '../..')

/** @typedef {Awaited<ReturnType<typeof loadAdapters>>} Adapters */

/** Imports corsica's built adapters and model from $CORSICA_DIST (default dist/), as CI builds them. */
export async function loadAdapters() {
  const dist = resolve(root, process.env.CORSICA_DIST ?? 'dist')
  const load = (/** @type {string} */ name) => import(pathToFileURL(resolve(dist, `${name}.js`)).href)
  /**
   * @type {[typeof import('corsica/node'), typeof import('corsica/express'), typeof import('corsica/fetch'),
   *   typeof import('corsica/fastify'), typeof import('corsica/koa'), typeof import('corsica/hono'),
   *   typeof import('corsica/model'), { default: typeof import('express') }]}
   */
  const [node, express, fetchAdapter, fastify, koa, hono, model, expressApp] = await Promise.all([
    load('node'),
    load('express'),
    load('fetch'),
    load('fastify'),
    load('koa'),
    load('hono'),
    load('model'),
    import('express'),
  ])
  return { node, express, fetch: fetchAdapter, fastify, koa, hono, model, createExpressApp: expressApp.default, dist }
}
