// import of every entry point: the ES module build (dist/*.js) through the exports map.
import { createRequire } from 'node:module'
import * as index from 'corsica'
import * as node from 'corsica/node'
import * as express from 'corsica/express'
import * as fastify from 'corsica/fastify'
import * as fetchEntry from 'corsica/fetch'
import * as hono from 'corsica/hono'
import * as koa from 'corsica/koa'
import * as model from 'corsica/model'

const { exercise } = createRequire(import.meta.url)('./exercise.cjs')
/** @type {string[]} */
const problems = []
for (const specifier of [
  'corsica',
  'corsica/node',
  'corsica/express',
  'corsica/fetch',
  'corsica/fastify',
  'corsica/koa',
  'corsica/hono',
  'corsica/model',
]) {
  const url = import.meta.resolve(specifier)
  if (!url.endsWith('.js')) problems.push(`import '${specifier}' resolved to ${url}, not a .js file`)
}
try {
  problems.push(...(await exercise({ index, node, express, fetch: fetchEntry, fastify, koa, hono, model })))
} catch (error) {
  problems.push(`threw ${/** @type {{ stack?: unknown } | null | undefined} */ (error)?.stack}`)
}
console.log(JSON.stringify({ format: 'esm', problems }))
