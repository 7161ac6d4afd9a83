import type { PrismaClient } from '../db';
import { TRACKING_PARSER_VERSION } from './parse-tracking-issue';
import { recordTrackingIssueIn } from './record-tracking';

// Tracking issues parsed by an older parser are read again from the GitHub mirror's copy, so that
// records it misread (a PR list of "see issue link", a SIG taken for a login) are corrected without
// waiting for someone to edit each issue. Issues the mirror does not hold stay as they are.

export async function reparseTrackingIssues(prisma: PrismaClient, now = new Date()): Promise<{ reparsed: number; notMirrored: number }> {
  const stale = (await prisma.kepTrackingIssue.findMany({ select: { projectId: true, number: true, fields: true } })).filter(
    (row) => (row.fields as { parser?: number } | null)?.parser !== TRACKING_PARSER_VERSION,
  );
  let reparsed = 0;
  let notMirrored = 0;
  for (const row of stale) {
    const mirror = await prisma.githubRepository.findUnique({ where: { projectId: row.projectId }, select: { id: true } });
    const issue = mirror ? await prisma.githubIssue.findUnique({ where: { repositoryId_number: { repositoryId: mirror.id, number: row.number } } }) : null;
    if (!mirror || !issue || issue.isPullRequest) {
      notMirrored++;
      continue;
    }
    const milestone = issue.milestoneNumber === null ? null : await prisma.githubMilestone.findUnique({ where: { repositoryId_number: { repositoryId: mirror.id, number: issue.milestoneNumber } }, select: { title: true } });
    const updatedAt = issue.githubUpdatedAt.toISOString().replace(/\.000Z$/, 'Z');
    await prisma.$transaction((tx) =>
      recordTrackingIssueIn(tx, {
        project: { id: row.projectId },
        issue: { number: issue.number, title: issue.title, body: issue.body, labels: issue.labels, milestone: milestone?.title ?? null, state: issue.state, stateReason: issue.stateReason, updatedAt },
        source: `re-read by tracking parser ${TRACKING_PARSER_VERSION} (GitHub issue #${issue.number} @ ${updatedAt})`,
        now,
      }),
    );
    reparsed++;
  }
  return { reparsed, notMirrored };
}
