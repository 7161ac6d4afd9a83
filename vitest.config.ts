import { defineConfig } from 'vitest/config';

// Each workspace owns its test settings; the root only lists them so `npm test` runs everything.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', '{jobs,test}/vitest.config.ts'],
  },
});
