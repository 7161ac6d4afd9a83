import type { PrismaClient } from '../db';
import { concernsTrackedSig } from '../keps/concerns-tracked-sig';
import { enhancementsRepository, recordReleaseTeamComments, type GhIssueComment } from '../keps/record-enhancement-issues';
import { applyIssues, applyLabels, applyMilestones, applyReleases, applyTags } from './apply-mirror';
import type { GhIssue, GhLabel, GhMilestone, GhRelease } from './github-types';
import { mapTagsToCycles } from './map-tags';
import { ensureGithubRepository } from './sync-repository';
import { metrics } from '../observability/metrics';

type Payload = Record<string, unknown> & { action?: string };
type Outcome = { status: 'APPLIED' | 'IGNORED'; note?: string };

const MAX_ATTEMPTS = 3;

/**
 * Drains the webhook queue: claims each queued delivery (one worker wins the claim), applies it
 * to the mirror and marks it APPLIED, IGNORED (not a mirrored repository or event) or FAILED
 * (retried up to three times). Returns how many deliveries it handled.
 */
export async function applyQueuedDeliveries(prisma: PrismaClient, options: { limit?: number } = {}): Promise<number> {
  const queued = await prisma.githubWebhookDelivery.findMany({
    where: { OR: [{ status: 'QUEUED' }, { status: 'FAILED', attempts: { lt: MAX_ATTEMPTS } }] },
    orderBy: { id: 'asc' },
    take: options.limit ?? 100,
  });
  let handled = 0;
  for (const delivery of queued) {
    const claim = await prisma.githubWebhookDelivery.updateMany({ where: { id: delivery.id, status: delivery.status }, data: { status: 'APPLYING', attempts: { increment: 1 } } });
    if (claim.count === 0) continue; // another worker took it
    try {
      const outcome = await applyDelivery(prisma, delivery.event, delivery.repository, delivery.payload as Payload);
      await prisma.githubWebhookDelivery.update({ where: { id: delivery.id }, data: { status: outcome.status, error: outcome.note ?? null, appliedAt: new Date() } });
      metrics().webhookApplied.labels(outcome.status).inc();
    } catch (error) {
      await prisma.githubWebhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', error: (error as Error).message.slice(0, 2000) } });
      metrics().webhookApplied.labels('FAILED').inc();
    }
    handled += 1;
  }
  return handled;
}

async function applyDelivery(prisma: PrismaClient, event: string, fullName: string | null, payload: Payload): Promise<Outcome> {
  const repository = fullName ? await mirrorOf(prisma, fullName) : null;
  if (!repository) return { status: 'IGNORED', note: `repository ${fullName ?? '(none)'} is not a project's` };
  const id = repository.id;
  const action = payload.action;
  // kubernetes/enhancements is mirrored for SIG Node's enhancement issues only.
  const enhancements = repository.fullName.toLowerCase() === enhancementsRepository().toLowerCase();
  if (enhancements && (event === 'issues' || event === 'issue_comment') && !(await concernsTrackedSig(prisma, id, payload.issue as GhIssue))) {
    return { status: 'IGNORED', note: `${repository.fullName}#${(payload.issue as GhIssue).number} does not concern the tracked SIG` };
  }
  switch (event) {
    case 'issue_comment': {
      if (!enhancements) return { status: 'IGNORED', note: `event ${event} is not mirrored` };
      const issue = payload.issue as GhIssue;
      const labels = (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));
      await prisma.$transaction(async (tx) => {
        await applyIssues(tx, id, [issue], { orEqual: true });
        await recordReleaseTeamComments(tx, { number: issue.number, labels }, [payload.comment as GhIssueComment]);
      });
      return { status: 'APPLIED' };
    }
    case 'issues': {
      const issue = payload.issue as GhIssue;
      if (action === 'deleted' || action === 'transferred') {
        const movedTo = (payload.changes as { new_issue?: { url?: string } } | undefined)?.new_issue?.url ?? null;
        await prisma.githubIssue.updateMany({
          where: { repositoryId: id, number: issue.number },
          data: { deletedAt: new Date(), goneReason: action, goneStatus: null, movedTo: action === 'transferred' ? movedTo : null },
        });
      } else {
        await prisma.$transaction((tx) => applyIssues(tx, id, [issue], { orEqual: true }));
      }
      return { status: 'APPLIED' };
    }
    case 'pull_request': {
      const pull = payload.pull_request as GhIssue;
      await prisma.$transaction((tx) => applyIssues(tx, id, [{ ...pull, pull_request: { merged_at: pull.merged_at ?? null } }], { orEqual: true }));
      return { status: 'APPLIED' };
    }
    case 'milestone': {
      const milestone = payload.milestone as GhMilestone;
      if (action === 'deleted') await prisma.githubMilestone.deleteMany({ where: { repositoryId: id, number: milestone.number } });
      else await prisma.$transaction((tx) => applyMilestones(tx, id, [milestone]));
      return { status: 'APPLIED' };
    }
    case 'label': {
      const label = payload.label as GhLabel;
      const renamedFrom = (payload.changes as { name?: { from?: string } } | undefined)?.name?.from;
      await prisma.$transaction(async (tx) => {
        if (action === 'deleted' || renamedFrom) await tx.githubLabel.deleteMany({ where: { repositoryId: id, name: action === 'deleted' ? label.name : renamedFrom } });
        if (action !== 'deleted') await applyLabels(tx, id, [label]);
      });
      return { status: 'APPLIED' };
    }
    case 'release': {
      const release = payload.release as GhRelease;
      if (action === 'deleted') await prisma.githubRelease.deleteMany({ where: { repositoryId: id, githubId: BigInt(release.id) } });
      else await prisma.$transaction((tx) => applyReleases(tx, id, [release]));
      await mapTags(prisma, repository.id, repository.projectId);
      return { status: 'APPLIED' };
    }
    case 'create':
    case 'push': {
      const tag = event === 'create' ? (payload.ref_type === 'tag' ? String(payload.ref) : null) : /^refs\/tags\/(.+)$/.exec(String(payload.ref))?.[1] ?? null;
      if (!tag) return { status: 'IGNORED', note: `${event} of a branch` };
      if (event === 'push' && payload.deleted) {
        await prisma.githubTag.deleteMany({ where: { repositoryId: id, name: tag } });
        return { status: 'APPLIED' };
      }
      // `create` carries no commit; the next sync fills it in.
      const sha = event === 'push' ? String(payload.after) : '';
      const known = await prisma.githubTag.findUnique({ where: { repositoryId_name: { repositoryId: id, name: tag } } });
      if (!known || (sha && known.commitSha !== sha)) await prisma.$transaction((tx) => applyTags(tx, id, [{ name: tag, commit: { sha } }], new Date()));
      await mapTags(prisma, repository.id, repository.projectId);
      return { status: 'APPLIED' };
    }
    default:
      return { status: 'IGNORED', note: `event ${event} is not mirrored` };
  }
}

/** The mirror of a project's repository; a delivery that comes before the first sync creates it. */
async function mirrorOf(prisma: PrismaClient, fullName: string) {
  const existing = await prisma.githubRepository.findUnique({ where: { fullName } });
  if (existing) return existing;
  const project = await prisma.project.findFirst({ where: { repository: fullName } });
  return project ? ensureGithubRepository(prisma, project.slug) : null;
}

async function mapTags(prisma: PrismaClient, repositoryId: number, projectId: number | null) {
  const project = projectId === null ? null : await prisma.project.findUnique({ where: { id: projectId } });
  if (project) await mapTagsToCycles(prisma, repositoryId, project.slug);
}
