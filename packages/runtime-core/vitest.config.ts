import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'runtime-core',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts'],
    pool: 'forks',
    // In-process shim tests run node:wasi inside the test process: same flag as the shims.
    execArgv: ['--no-turbo-fast-api-calls'],
    maxWorkers: 2,
    // After the governance suites, before the browser ones (see the root vitest.config.ts).
    sequence: { groupOrder: 1 },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
