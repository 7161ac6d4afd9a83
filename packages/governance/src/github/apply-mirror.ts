import { cycleOf } from '../cadence/parse-versions';
import type { Prisma, Tx } from '../db';
import { recordEnhancementIssues } from '../keps/record-enhancement-issues';
import { recordMirroredIssues } from '../keps/record-mirrored-issues';
import { isPullRequest, type GhIssue, type GhLabel, type GhMilestone, type GhRelease, type GhTag } from './github-types';

// Writes GitHub objects into the mirror; sync pages and webhook deliveries both come through here,
// so a redelivered or re-fetched object changes nothing. Each returns how many rows changed.

const time = (value: string | null | undefined) => (value ? new Date(value) : null);

// "2.4", "v2.4", "2.4.0" and "v2.3.1" name (a patch of) release cycle 2.3/2.4.
export const cycleNameOfMilestone = (title: string): string | null => cycleOf(title);

export function issueData(issue: GhIssue): Omit<Prisma.GithubIssueUncheckedCreateInput, 'repositoryId'> {
  return {
    number: issue.number,
    isPullRequest: isPullRequest(issue),
    title: issue.title,
    body: issue.body ?? null,
    state: issue.state,
    stateReason: issue.state_reason ?? null,
    draft: issue.draft ?? false,
    mergedAt: time(issue.pull_request?.merged_at ?? issue.merged_at),
    ...(issue.head ? { headRef: issue.head.ref, baseRef: issue.base?.ref ?? null } : {}),
    author: issue.user?.login ?? null,
    assignees: (issue.assignees ?? []).map((user) => user.login),
    labels: (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name)),
    milestoneNumber: issue.milestone?.number ?? null,
    comments: issue.comments ?? 0,
    githubCreatedAt: new Date(issue.created_at),
    githubUpdatedAt: new Date(issue.updated_at),
    closedAt: time(issue.closed_at),
  };
}

/**
 * New issues in one statement, changed ones (a newer `updated_at`) one by one. `orEqual`: also
 * rewrite a row whose `updated_at` equals the object's (webhooks add branch names). `listedAt`:
 * the items come from the issues list read by a full pass that began then: every one is marked
 * listed, and one marked gone that GitHub lists again is live again (counted as changed).
 */
export async function applyIssues(tx: Tx, repositoryId: number, issues: GhIssue[], options: { orEqual?: boolean; listedAt?: Date } = {}): Promise<number> {
  if (!issues.length) return 0;
  const { listedAt } = options;
  const known = new Map(
    (await tx.githubIssue.findMany({ where: { repositoryId, number: { in: issues.map((issue) => issue.number) } }, select: { number: true, githubUpdatedAt: true, deletedAt: true } })).map(
      (row) => [row.number, row],
    ),
  );
  const fresh = issues.filter((issue) => !known.has(issue.number));
  const newer = (issue: GhIssue) => {
    const stored = known.get(issue.number)!.githubUpdatedAt.getTime();
    return Date.parse(issue.updated_at) > stored || (options.orEqual && Date.parse(issue.updated_at) === stored);
  };
  const changed = issues.filter((issue) => known.has(issue.number) && newer(issue));
  const listed = listedAt ? { listedAt } : {};
  const live = { deletedAt: null, goneReason: null, goneStatus: null, movedTo: null };
  if (fresh.length) await tx.githubIssue.createMany({ data: fresh.map((issue) => ({ repositoryId, ...issueData(issue), ...listed })), skipDuplicates: true });
  for (const issue of changed) {
    await tx.githubIssue.update({ where: { repositoryId_number: { repositoryId, number: issue.number } }, data: { ...issueData(issue), ...live, ...listed } });
  }
  let revived = 0;
  if (listedAt) {
    const same = issues.filter((issue) => known.has(issue.number) && !newer(issue));
    const gone = same.filter((issue) => known.get(issue.number)!.deletedAt !== null).map((issue) => issue.number);
    const numbers = same.map((issue) => issue.number);
    if (gone.length) revived = (await tx.githubIssue.updateMany({ where: { repositoryId, number: { in: gone } }, data: live })).count;
    if (numbers.length) await tx.githubIssue.updateMany({ where: { repositoryId, number: { in: numbers } }, data: { listedAt } });
  }
  // KEP tracking issues and their PRs are re-parsed with the write that stored them.
  await recordMirroredIssues(tx, repositoryId, [...fresh, ...changed]);
  // kubernetes/enhancements issues: what the release team's labels and milestone say, per release.
  await recordEnhancementIssues(tx, repositoryId, [...fresh, ...changed]);
  return fresh.length + changed.length + revived;
}

export async function applyMilestones(tx: Tx, repositoryId: number, milestones: GhMilestone[]): Promise<number> {
  let changed = 0;
  for (const milestone of milestones) {
    const data = {
      title: milestone.title, state: milestone.state, description: milestone.description ?? null, dueOn: time(milestone.due_on),
      closedAt: time(milestone.closed_at), openIssues: milestone.open_issues ?? 0, closedIssues: milestone.closed_issues ?? 0,
      githubUpdatedAt: new Date(milestone.updated_at), cycleName: cycleNameOfMilestone(milestone.title),
    };
    const row = await tx.githubMilestone.findUnique({ where: { repositoryId_number: { repositoryId, number: milestone.number } } });
    // Issue counts change without moving `updated_at`.
    const same = row && row.githubUpdatedAt.getTime() >= data.githubUpdatedAt.getTime() && row.title === data.title && row.state === data.state;
    if (same && row.openIssues === data.openIssues && row.closedIssues === data.closedIssues) continue;
    await tx.githubMilestone.upsert({ where: { repositoryId_number: { repositoryId, number: milestone.number } }, create: { repositoryId, number: milestone.number, ...data }, update: data });
    changed += 1;
  }
  return changed;
}

export async function applyLabels(tx: Tx, repositoryId: number, labels: GhLabel[]): Promise<number> {
  const known = new Map((await tx.githubLabel.findMany({ where: { repositoryId } })).map((row) => [row.name, row]));
  let changed = 0;
  for (const label of labels) {
    const row = known.get(label.name);
    const data = { color: label.color, description: label.description ?? null };
    if (row && row.color === data.color && row.description === data.description) continue;
    await tx.githubLabel.upsert({ where: { repositoryId_name: { repositoryId, name: label.name } }, create: { repositoryId, name: label.name, ...data }, update: data });
    changed += 1;
  }
  return changed;
}

export async function applyReleases(tx: Tx, repositoryId: number, releases: GhRelease[]): Promise<number> {
  let changed = 0;
  for (const release of releases) {
    const data = {
      tagName: release.tag_name, name: release.name ?? null, draft: release.draft, prerelease: release.prerelease,
      githubCreatedAt: new Date(release.created_at), publishedAt: time(release.published_at),
    };
    const where = { repositoryId_githubId: { repositoryId, githubId: BigInt(release.id) } };
    const row = await tx.githubRelease.findUnique({ where });
    if (row && row.tagName === data.tagName && row.name === data.name && row.draft === data.draft && row.prerelease === data.prerelease && row.publishedAt?.getTime() === data.publishedAt?.getTime()) continue;
    await tx.githubRelease.upsert({ where, create: { repositoryId, githubId: BigInt(release.id), ...data }, update: data });
    changed += 1;
  }
  return changed;
}

export async function applyTags(tx: Tx, repositoryId: number, tags: GhTag[], seenAt: Date): Promise<number> {
  if (!tags.length) return 0;
  const known = new Map((await tx.githubTag.findMany({ where: { repositoryId, name: { in: tags.map((tag) => tag.name) } } })).map((row) => [row.name, row]));
  const fresh = tags.filter((tag) => !known.has(tag.name));
  await tx.githubTag.createMany({ data: fresh.map((tag) => ({ repositoryId, name: tag.name, commitSha: tag.commit.sha, firstSeenAt: seenAt })), skipDuplicates: true });
  let moved = 0;
  for (const tag of tags) {
    const row = known.get(tag.name);
    if (row && row.commitSha !== tag.commit.sha) {
      await tx.githubTag.update({ where: { id: row.id }, data: { commitSha: tag.commit.sha } });
      moved += 1;
    }
  }
  return fresh.length + moved;
}
