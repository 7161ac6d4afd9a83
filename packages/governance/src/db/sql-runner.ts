import type { PGlite } from '@electric-sql/pglite';
import type { ClientBase } from 'pg';

/** The little raw SQL the migrator and the test harness need, over PGlite or node-postgres. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` with a session-level lock held on PostgreSQL (PGlite is single-process already). */
  withMigrationLock<T>(work: () => Promise<T>): Promise<T>;
}

// The same key Prisma's own migrate uses, so `prisma migrate deploy` and Shepherd exclude each other.
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query(sql, params = []) {
      return (await db.query(sql, params)).rows as never;
    },
    withMigrationLock: (work) => work(),
  };
}

/** A runner on one connection: transactions and session locks need the same connection throughout. */
export function pgRunner(client: ClientBase): SqlRunner {
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows;
    },
    async withMigrationLock(work) {
      await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
      }
    },
  };
}
