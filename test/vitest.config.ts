import { defineConfig } from 'vitest/config';

// Cross-package and end-to-end tests: real servers, real Chromium. One file at a time would be
// slow; two forks match the 2-core machines this runs on.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    globalSetup: ['support/global-setup.ts'],
    maxWorkers: 2,
    // Last: the browser suites build and start the portal, which competes with everything else.
    sequence: { groupOrder: 2 },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
