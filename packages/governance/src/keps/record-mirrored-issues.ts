import type { Tx } from '../db';
import { isPullRequest, type GhIssue } from '../github/github-types';
import { parseTrackingIssue } from './parse-tracking-issue';
import { toPullRequestInput, toTrackingIssueInput } from './import-tracking-issues';
import { linkPullRequestsIn, recordTrackingIssueIn, type PullRequestInput } from './record-tracking';

// The GitHub mirror's hook into the KEP workflow: every issue or pull request the sync or a webhook
// stores (new, or with a newer `updated_at`) is re-parsed in the same transaction, so the mirror and
// the tracking records never disagree and a failed parse rolls the mirror write back with it.

/** The milestone's title: issue objects carry it; the mirror's milestones (synced first) otherwise. */
async function milestoneTitles(tx: Tx, repositoryId: number, issues: GhIssue[]): Promise<Map<number, string>> {
  const titles = new Map<number, string>();
  const missing: number[] = [];
  for (const issue of issues) {
    const milestone = issue.milestone as { number: number; title?: string } | null | undefined;
    if (!milestone) continue;
    if (milestone.title !== undefined) titles.set(milestone.number, milestone.title);
    else missing.push(milestone.number);
  }
  if (missing.length) {
    for (const row of await tx.githubMilestone.findMany({ where: { repositoryId, number: { in: missing } }, select: { number: true, title: true } })) titles.set(row.number, row.title);
  }
  return titles;
}

const pullRequestOf = (row: { number: number; title: string; body: string | null; state: string; mergedAt: Date | null; githubUpdatedAt: Date }): PullRequestInput => ({
  number: row.number, title: row.title, body: row.body, state: row.state, mergedAt: row.mergedAt?.toISOString() ?? null, updatedAt: row.githubUpdatedAt.toISOString(),
});

export async function recordMirroredIssues(tx: Tx, repositoryId: number, items: GhIssue[], now = new Date()): Promise<void> {
  if (!items.length) return;
  const repository = await tx.githubRepository.findUnique({ where: { id: repositoryId }, select: { projectId: true } });
  const project = repository?.projectId ? await tx.project.findUnique({ where: { id: repository.projectId }, select: { id: true, repository: true } }) : null;
  if (!project) return;

  const issues = items.filter((item) => !isPullRequest(item));
  const titles = await milestoneTitles(tx, repositoryId, issues);
  const inputs = issues.map((item) => ({ ...toTrackingIssueInput({ ...item, milestone: null }), milestone: item.milestone ? (titles.get(item.milestone.number) ?? null) : null }));
  // Ordinary issues are not kept, unless they once were tracking issues (a re-titled one must be re-read).
  const known = new Set(
    (await tx.kepTrackingIssue.findMany({ where: { projectId: project.id, number: { in: inputs.map((input) => input.number) } }, select: { number: true } })).map((row) => row.number),
  );
  const newlyLinked: { kepNumber: string; issueNumber: number }[] = [];
  for (const input of inputs) {
    if (!known.has(input.number) && !parseTrackingIssue(input).isTrackingIssue) continue;
    const result = await recordTrackingIssueIn(tx, { project, issue: input, source: `GitHub issue #${input.number} @ ${input.updatedAt}`, now });
    if (result.kepNumber && result.newIssueLink) newlyLinked.push({ kepNumber: result.kepNumber, issueNumber: input.number });
  }

  const pullRequests = items.filter(isPullRequest).map((item) => toPullRequestInput({ ...item, milestone: null }));
  if (pullRequests.length) await linkPullRequestsIn(tx, { project, pullRequests, now });

  // A tracking issue seen after its PRs (a full sync walks by creation date): link the mirrored ones.
  for (const { kepNumber, issueNumber } of newlyLinked) {
    const candidates = await tx.githubIssue.findMany({
      where: {
        repositoryId, isPullRequest: true, deletedAt: null,
        OR: [{ title: { contains: kepNumber } }, { body: { contains: `#${issueNumber}` } }, { body: { contains: `/issues/${issueNumber}` } }],
      },
      select: { number: true, title: true, body: true, state: true, mergedAt: true, githubUpdatedAt: true },
    });
    if (candidates.length) await linkPullRequestsIn(tx, { project, pullRequests: candidates.map(pullRequestOf), kepNumbers: [kepNumber], now });
  }
}
