import { defineConfig } from 'vitest/config';

/** Browser tests: the built server and web app, driven in Debian's Chromium through playwright-core. */
export default defineConfig({
  // Shared helpers of core (the CSV reader) straight from their TypeScript sources.
  resolve: { conditions: ['source'] },
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
