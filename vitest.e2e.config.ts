import { defineConfig } from 'vitest/config';

/** Browser tests against the real server and the built web app (`npm run test:e2e`). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
