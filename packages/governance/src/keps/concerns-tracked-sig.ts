import type { PrismaClient } from '../db';
import type { GhIssue } from '../github/github-types';
import { TRACKED_SIG } from './choose-kep';

/**
 * Whether a kubernetes/enhancements issue is one Shepherd mirrors: labelled with the tracked SIG
 * (`sig/node`), already mirrored, or the issue of a KEP the SIG owns or takes part in.
 */
export async function concernsTrackedSig(prisma: PrismaClient, repositoryId: number, issue: GhIssue | undefined): Promise<boolean> {
  if (!issue) return false;
  const labels = (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));
  if (labels.includes(`sig/${TRACKED_SIG.replace(/^sig-/, '')}`)) return true;
  const [mirrored, kep] = await Promise.all([
    prisma.githubIssue.findUnique({ where: { repositoryId_number: { repositoryId, number: issue.number } }, select: { id: true } }),
    prisma.kep.findFirst({ where: { enhancementIssue: issue.number, OR: [{ owningSig: TRACKED_SIG }, { participatingSigs: { has: TRACKED_SIG } }] }, select: { id: true } }),
  ]);
  return Boolean(mirrored || kep);
}
