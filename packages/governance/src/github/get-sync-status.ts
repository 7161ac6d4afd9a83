import type { PrismaClient } from '../db';

export interface SyncStatus {
  projects: {
    slug: string;
    name: string;
    repository: string;
    /** `gone`: issues mirrored once that left the repository (deleted or transferred). */
    mirrored: { issues: number; pullRequests: number; milestones: number; labels: number; tags: number; releases: number; maintainers: number; gone: number } | null;
    lastRun: {
      id: number; mode: string; trigger: string; outcome: string; requests: number; notModified: number; pages: number; items: number; itemsChanged: number; itemsGone: number;
      rateLimitRemaining: number | null; error: string | null; startedAt: Date; finishedAt: Date | null; worker: string | null; waits: SyncWait[];
    } | null;
    recentErrors: { startedAt: Date; error: string }[];
  }[];
  webhooks: { queued: number; failed: number; applied: number; lastReceivedAt: Date | null };
}

/** A wait of a sync run: rate limits, and back-off after a 5xx or no answer. */
export interface SyncWait { at: string; seconds: number; reason: string }

/** What the sync status panel shows: per project the mirror's size and the last sync run. */
export async function getSyncStatus(prisma: PrismaClient): Promise<SyncStatus> {
  const projects = await prisma.project.findMany({ orderBy: { slug: 'asc' } });
  const rows = await Promise.all(
    projects.map(async (project) => {
      const repository = await prisma.githubRepository.findUnique({ where: { projectId: project.id } });
      if (!repository) return { slug: project.slug, name: project.name, repository: project.repository, mirrored: null, lastRun: null, recentErrors: [] };
      const where = { repositoryId: repository.id };
      const [issues, pullRequests, gone, milestones, labels, tags, releases, lastRun, failures] = await Promise.all([
        prisma.githubIssue.count({ where: { ...where, isPullRequest: false, deletedAt: null } }),
        prisma.githubIssue.count({ where: { ...where, isPullRequest: true, deletedAt: null } }),
        prisma.githubIssue.count({ where: { ...where, deletedAt: { not: null } } }),
        prisma.githubMilestone.count({ where }),
        prisma.githubLabel.count({ where }),
        prisma.githubTag.count({ where }),
        prisma.githubRelease.count({ where }),
        prisma.githubSyncRun.findFirst({ where, orderBy: { startedAt: 'desc' } }),
        prisma.githubSyncRun.findMany({ where: { ...where, outcome: 'FAILED' }, orderBy: { startedAt: 'desc' }, take: 3 }),
      ]);
      return {
        slug: project.slug, name: project.name, repository: repository.fullName,
        mirrored: { issues, pullRequests, milestones, labels, tags, releases, maintainers: (repository.maintainers as unknown[]).length, gone },
        lastRun: lastRun && { ...lastRun, waits: lastRun.waits as unknown as SyncWait[] }, recentErrors: failures.map((run) => ({ startedAt: run.startedAt, error: run.error ?? 'unknown error' })),
      };
    }),
  );
  const [queued, failed, applied, last] = await Promise.all([
    prisma.githubWebhookDelivery.count({ where: { status: { in: ['QUEUED', 'APPLYING'] } } }),
    prisma.githubWebhookDelivery.count({ where: { status: 'FAILED' } }),
    prisma.githubWebhookDelivery.count({ where: { status: 'APPLIED' } }),
    prisma.githubWebhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
  ]);
  return { projects: rows, webhooks: { queued, failed, applied, lastReceivedAt: last?.receivedAt ?? null } };
}
