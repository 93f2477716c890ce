// The framework examples in examples/: each is started and checked by examples.test.ts, and
// shown once in the README or docs/frameworks.md (readme-parts.test.ts).
export const EXAMPLES = [
  'node-http',
  'node-http-async',
  'express',
  'fastify',
  'fastify-routes',
  'koa',
  'koa-router',
  'hono',
  'fetch-node',
  'polka',
  'connect',
  'itty-router',
  'h3',
] as const
