// require() of every entry point: the CommonJS build (dist/*.cjs) through the exports map.
'use strict'
const { exercise } = require('./exercise.cjs')

const entries = {
  index: 'corsica',
  node: 'corsica/node',
  express: 'corsica/express',
  fetch: 'corsica/fetch',
  fastify: 'corsica/fastify',
  koa: 'corsica/koa',
  hono: 'corsica/hono',
  model: 'corsica/model',
}
/** @type {Record<string, unknown>} */
const modules = {}
/** @type {string[]} */
const problems = []
for (const [key, specifier] of Object.entries(entries)) {
  const file = require.resolve(specifier)
  if (!file.endsWith('.cjs')) problems.push(`require('${specifier}') resolved to ${file}, not a .cjs file`)
  modules[key] = require(specifier)
}
// The eight entry points, each required above.
exercise(/** @type {Parameters<typeof exercise>[0]} */ (modules)).then(
  (more) => console.log(JSON.stringify({ format: 'cjs', problems: [...problems, ...more] })),
  (error) => console.log(JSON.stringify({ format: 'cjs', problems: [...problems, `threw ${error && error.stack}`] })),
)
