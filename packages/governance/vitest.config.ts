import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'governance',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Projects run one after another (see the root config's note).
    sequence: { groupOrder: 0 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
