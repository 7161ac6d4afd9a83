import { describeTarget, openDatabase, prepareDatabase, type Database } from '@shepherd/governance';
import { logger } from '@shepherd/governance/observability/logger';

// One database per server process, kept on globalThis so Next's bundle and the portal's server (each
// with its own copy of this module) and dev hot reloads share it (PGlite allows a single opener per
// data directory). Opened, migrated and seeded by the server before it listens (apps/web/server/).
const state = globalThis as typeof globalThis & { shepherdDatabase?: Promise<Database> };

export function database(): Promise<Database> {
  state.shepherdDatabase ??= openDatabase();
  return state.shepherdDatabase;
}

export async function prisma() {
  return (await database()).prisma;
}

export async function startDatabase(): Promise<Database> {
  const db = await database();
  const { migrations, seed } = await prepareDatabase(db);
  const applied = migrations.applied.length ? `applied ${migrations.applied.length} migration(s)` : 'schema up to date';
  const seeded = seed.seeded.length ? `seeded ${seed.seeded.join(', ')}` : 'data already seeded';
  logger().info({ database: describeTarget(db.target), migrationsApplied: migrations.applied, seeded: seed.seeded }, `${describeTarget(db.target)}; ${applied}; ${seeded}`);
  return db;
}
