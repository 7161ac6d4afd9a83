import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { openAdapterForCli } from './packages/governance/src/db/cli-adapter';

// Loaded only by the Prisma CLI, which otherwise never exits with PGlite open: PGlite re-arms an
// idle-stats timer and the WASM schema engine leaves a 10 s one. In the CLI no timer must keep the
// process alive, so unref them all.
const armTimer = globalThis.setTimeout;
globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => armTimer(...args).unref()) as typeof setTimeout;

// Loaded only by the Prisma CLI. The WASM schema engine ('js') works offline; the adapter is the same
// database the app uses (embedded PGlite under the lock, or DATABASE_URL).
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter: openAdapterForCli,
});
