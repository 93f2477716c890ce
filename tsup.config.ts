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
    upgrade: 'src/upgrade.ts',
    // The `corsica` command. Its shebang is the first line of src/cli/main.ts: esbuild keeps an
    // entry's hashbang on that entry's output only, and tsup makes that file executable.
    cli: 'src/cli/main.ts',
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
