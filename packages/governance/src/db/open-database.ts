import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { describeTarget, redact, resolveDatabaseTarget, type DatabaseTarget } from './config';
import { PrismaClient } from './generated/client';
import { applyMigrations, type MigrationResult } from './migrate';
import { ShepherdPGliteAdapterFactory } from './pglite-adapter';
import { DatabaseConfigError, openPGlite } from './open-pglite';
import { pgliteRunner, pgRunner } from './sql-runner';

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  migrate(): Promise<MigrationResult>;
  close(): Promise<void>;
}

export function pgliteDatabase(pglite: PGlite, target: DatabaseTarget, onClose: () => Promise<void> | void): Database {
  const prisma = new PrismaClient({ adapter: new ShepherdPGliteAdapterFactory(pglite) });
  return {
    prisma,
    target,
    migrate: () => applyMigrations(pgliteRunner(pglite)),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      await onClose();
    },
  };
}

export function postgresDatabase(url: string, poolOptions: pg.PoolConfig = {}): Database {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 5_000, ...poolOptions });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    target: { kind: 'postgres', url },
    async migrate() {
      const client = await pool.connect();
      try {
        return await applyMigrations(pgRunner(client));
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** The driver's own words for why a connection fails ("connect ECONNREFUSED …", "password authentication failed …"). */
async function connectionFailure(url: string, fallback: unknown): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    return (fallback as Error).message;
  } catch (error) {
    return (error as Error).message || (error as NodeJS.ErrnoException).code || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Opens the configured database, failing fast with one clear line when it cannot be used. */
export async function openDatabase(target: DatabaseTarget = resolveDatabaseTarget()): Promise<Database> {
  if (target.kind === 'pglite') {
    const { pglite, lock } = await openPGlite(target.dataDir);
    return pgliteDatabase(pglite, target, () => lock.release());
  }
  const database = postgresDatabase(target.url);
  try {
    await database.prisma.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    await database.close().catch(() => undefined);
    throw new DatabaseConfigError(`Cannot reach PostgreSQL at ${redact(target.url)}: ${await connectionFailure(target.url, error)}`);
  }
  return database;
}

export { describeTarget, DatabaseConfigError, openPGlite };
