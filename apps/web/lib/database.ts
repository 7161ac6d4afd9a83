import { describeTarget, openDatabase, prepareDatabase, type Database } from '@shepherd/governance';

// One database per server process, kept on globalThis so dev hot reloads reuse it (PGlite allows a
// single opener per data directory). Opened by instrumentation.ts before the first request.
const state = globalThis as typeof globalThis & { shepherdDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  state.shepherdDatabase ??= openDatabase();
  return state.shepherdDatabase;
}

export async function prisma() {
  return (await database()).prisma;
}

export async function startDatabase(): Promise<void> {
  const db = await database();
  const { migrations, seed } = await prepareDatabase(db);
  const applied = migrations.applied.length ? `applied ${migrations.applied.length} migration(s)` : 'schema up to date';
  const seeded = seed.seeded.length ? `seeded ${seed.seeded.join(', ')}` : 'data already seeded';
  console.log(`Shepherd: ${describeTarget(db.target)}; ${applied}; ${seeded}`);
  const shutdown = async (signal: NodeJS.Signals) => {
    await db.close().catch(() => undefined);
    process.kill(process.pid, signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, shutdown);
}
