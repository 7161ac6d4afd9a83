import type { PrismaClient } from '../db';

// A cheap fingerprint of all release and KEP data the public surfaces show (the KEP read API included): row counts, the highest ids
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
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "ReleasePolicy") AS policies,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "Kep") AS keps,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "KepTracking") AS kep_trackings,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "KepHistory") AS kep_history,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "KepLiaison") AS kep_liaisons,
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max("updatedAt")::text, '') FROM "PrrApproval") AS prr,
      (SELECT count(*) || ':' || coalesce(max("lastSeenAt")::text, '') || ':' || coalesce(max("announcedAt")::text, '') FROM "KepReleaseTeamRecord") AS release_team,
      (SELECT count(*) || ':' || coalesce(max(id), 0) FROM "KubernetesRelease") AS kubernetes_releases`);
  return Object.values(rows[0]).map(String).join('|');
}
