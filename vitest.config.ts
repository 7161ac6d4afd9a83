import { defineConfig } from 'vitest/config';

// Each workspace owns its test settings; the root only lists them so `npm test` runs everything.
// Projects run in groups one after another (`sequence.groupOrder`), each with two workers: on the
// 2-core machines this runs on, parallel projects only fight over the cores.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', '{jobs,test}/vitest.config.ts'],
  },
});
