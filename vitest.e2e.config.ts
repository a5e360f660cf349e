import { defineConfig } from 'vitest/config';

// The tests, the server they start and the browser all count days in the instance's time zone (Europe/Paris
// unless TZ says otherwise), so "today" is the same day for the three of them, even around midnight.
process.env.TZ ||= 'Europe/Paris';

/** Browser tests against the real server and the built web app (`npm run test:e2e`). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    env: { TZ: process.env.TZ },
  },
});
