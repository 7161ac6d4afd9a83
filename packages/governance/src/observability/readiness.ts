import type { PrismaClient } from '../db';
import { readMigrations } from '../db/migrate';

// What /readyz answers (the portal's, and `npm run jobs` when it listens): the process takes work only
// while its database answers, every migration this code ships is applied there, and it is not
// shutting down. /healthz only says the process is alive: a failing database must take a replica
// out of the load balancer, not get it restarted.

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; pending?: string[]; error?: string };
    shutdown: { ok: boolean; shuttingDown: boolean };
  };
}

let shipped: string[] | null = null;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

export async function checkReadiness(prisma: PrismaClient, options: { shuttingDown: boolean; timeoutMs?: number }): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const checks: Readiness['checks'] = {
    database: { ok: false },
    migrations: { ok: false },
    shutdown: { ok: !options.shuttingDown, shuttingDown: options.shuttingDown },
  };
  try {
    shipped ??= readMigrations().map((migration) => migration.name);
    const rows = await withTimeout(
      prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`),
      timeoutMs,
      'the database',
    );
    checks.database.ok = true;
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = shipped.filter((name) => !applied.has(name));
    checks.migrations = pending.length ? { ok: false, pending } : { ok: true };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    if (checks.database.ok) checks.migrations.error = message;
    else {
      checks.database.error = message;
      checks.migrations.error = 'unknown: the database did not answer';
    }
  }
  return { ready: checks.database.ok && checks.migrations.ok && checks.shutdown.ok, checks };
}
