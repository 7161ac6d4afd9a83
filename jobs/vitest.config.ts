import { defineConfig } from 'vitest/config';

// The scheduler's tests: real cron timers against a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL), with the governance package's database templates.
export default defineConfig({
  test: {
    name: 'jobs',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['../packages/governance/src/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    sequence: { groupOrder: 1 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
