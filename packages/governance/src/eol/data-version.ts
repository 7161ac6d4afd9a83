import type { PrismaClient } from '../db';

// A fingerprint of all data the public surfaces show (the API, feeds, calendars, badges, the public
// pages) and of what a signed-in page's permissions depend on (accounts, roles), read in one cheap
// query. The public caches compare it every few seconds, and right after a write request, so writes
// from any process (jobs, imports, another replica on PostgreSQL) are noticed without a query on the
// request path.
//
// Statement-level triggers on those tables (migration 20261206114458_data_changes) add a row to
// "DataChange" in the writer's own transaction whenever a statement changes at least one row: the
// change log becomes visible exactly when the data does. The fingerprint is its row count, highest
// and summed ids: a commit that lands late (a lower id than one already seen) still moves the count
// and the sum. Its cost does not depend on how much data there is.
//
// Not watched, because no public page or answer reads them and they change all the time or grow
// without bound: sessions, API tokens, rate limits, the audit log, job runs, the GitHub mirror's issues
// and pull requests, its ETags, cursors, sync runs and webhook deliveries, and a running
// qualification's log and heartbeat (only its outcome counts). A public view that starts reading one
// of them must add a trigger for it in a migration.

/** Above this many rows, a check deletes the older ones (one more spurious change, then quiet). */
const PRUNE_ABOVE = 2_000;
const KEEP = 200;

export async function readDataFingerprint(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ count: string; max: string | null; sum: string | null }[]>(
    `SELECT count(*)::text AS count, max(id)::text AS max, sum(id)::text AS sum FROM "DataChange"`,
  );
  const { count, max, sum } = rows[0];
  if (Number(count) > PRUNE_ABOVE && max !== null) {
    await prisma.$executeRawUnsafe(`DELETE FROM "DataChange" WHERE id <= $1::bigint`, String(BigInt(max) - BigInt(KEEP)));
  }
  return `${count}:${max ?? 0}:${sum ?? 0}`;
}
