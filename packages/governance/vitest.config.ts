import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'governance',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
