import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/runtimes/**', 'node_modules/**'],
    // `npm run test:coverage` (CI): the thresholds sit a little under today's figures, so a change
    // that leaves new code untested fails; Stryker's mutation score (`npm run test:mutation`) says
    // whether the covered code is also checked.
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary', 'text'],
      thresholds: { statements: 98, branches: 96, functions: 98, lines: 98 },
    },
  },
})
