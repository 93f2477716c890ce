import { defineConfig } from 'tsup'

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    express: 'src/express.ts',
    fetch: 'src/fetch.ts',
    fastify: 'src/fastify.ts',
    koa: 'src/koa.ts',
    hono: 'src/hono.ts',
    model: 'src/model/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // Node 18 is the oldest supported runtime; every other runtime is newer.
  target: 'es2020',
  platform: 'neutral',
  splitting: true,
  sourcemap: false,
})
