// Vitest configuration for Stryker (npm run test:mutation): only the suites that exercise
// src/core, so each mutant is judged in seconds rather than with the whole adapter suite.
// The property tests run 300 pairs per mutant here instead of 10,000, and the adapter halves
// of the hardening suites are skipped (Stryker mutates src/core only).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/hardening/**/*.test.ts'],
    exclude: ['test/hardening/async-errors.test.ts', 'node_modules/**'],
    env: { CORSICA_PROPERTY_RUNS: '300', CORSICA_MUTATION_RUN: '1' },
  },
})
