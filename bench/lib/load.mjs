// Loads the corsica build under test and the peers, and describes the machine for RESULTS.md.
import { readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The build to measure: `dist` (what CI builds), or a folder given in CORSICA_DIST. */
export const DIST = path.resolve(ROOT, process.env.CORSICA_DIST ?? 'dist')

/** @param {'index' | 'express' | 'node' | 'fetch' | 'fastify' | 'koa' | 'hono'} entry */
export function corsicaEntry(entry) {
  return pathToFileURL(path.join(DIST, `${entry}.js`)).href
}

/**
 * The entry points of the build under test, with the package's types.
 * @returns {Promise<{ core: typeof import('corsica'), express: typeof import('corsica/express'),
 *   node: typeof import('corsica/node'), fetch: typeof import('corsica/fetch'),
 *   fastify: typeof import('corsica/fastify'), koa: typeof import('corsica/koa'), hono: typeof import('corsica/hono') }>}
 */
export async function loadCorsica() {
  const [core, express, node, fetch, fastify, koa, hono] = await Promise.all(
    /** @type {const} */ (['index', 'express', 'node', 'fetch', 'fastify', 'koa', 'hono']).map(
      (entry) => import(corsicaEntry(entry)),
    ),
  )
  return { core, express, node, fetch, fastify, koa, hono }
}

/** @param {string} name */
export function versionOf(name) {
  // Read from node_modules directly: some packages (hono) do not export their package.json.
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version
}

export function machine() {
  const cpus = os.cpus()
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    corsica: `${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version} (${path.relative(ROOT, DIST) || '.'})`,
  }
}
