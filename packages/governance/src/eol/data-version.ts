import type { PrismaClient } from '../db';

// A cheap fingerprint of all release data the public surfaces show: row counts, the highest ids
// (a delete plus an insert changes them) and the latest update times. One round trip; compared by
// the public cache every few seconds so writes from other processes (jobs, a second instance on
// PostgreSQL) are noticed without any query on the request path.

export async function readDataFingerprint(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`
    SELECT
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "Project") AS projects,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "ReleaseCycle") AS cycles,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "Milestone") AS milestones,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "MilestoneChange") AS changes,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "Release") AS releases,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "CycleOwner") AS owners,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "KubernetesSupportEntry") AS kubernetes,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "ReleasePolicy") AS policies`);
  return Object.values(rows[0]).map(String).join('|');
}
