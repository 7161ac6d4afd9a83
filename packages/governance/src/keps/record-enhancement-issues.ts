import type { Tx } from '../db';
import { isPullRequest, type GhIssue } from '../github/github-types';
import { chooseKep } from './choose-kep';
import { compareKubernetesVersions } from './kep-problems';
import { readAnnouncement, readEnhancementLabels, releaseOfMilestone } from './release-team';

// The GitHub mirror's hook for kubernetes/enhancements: every enhancement issue the sync or a
// webhook stores (new, or with a newer `updated_at`) updates what Shepherd keeps per release
// (KepReleaseTeamRecord) in the same transaction. The issue shows only its present milestone and
// labels; the records keep each release's, so a removal, a deferral or the end-of-release cleanup
// does not erase what the release team had said.

/** The repository the enhancement issues live in: SHEPHERD_KEPS_REPOSITORY, default kubernetes/enhancements. */
export const enhancementsRepository = (env: NodeJS.ProcessEnv = process.env) => env.SHEPHERD_KEPS_REPOSITORY?.trim() || 'kubernetes/enhancements';

/** The KEP an enhancement issue is about: of the KEPs with its number, the one a sig/* label of the issue owns, else the one the number means. */
async function kepKeyOfIssue(tx: Tx, number: number, sigs: string[]): Promise<string | null> {
  const keps = await tx.kep.findMany({ where: { enhancementIssue: number }, select: { key: true, owningSig: true, participatingSigs: true, missingSince: true } });
  const owned = keps.filter((kep) => kep.owningSig && sigs.includes(kep.owningSig));
  return (owned.length === 1 ? owned[0] : chooseKep(keps).chosen)?.key ?? null;
}

export interface RecordedIssue {
  number: number;
  /** Human-readable changes, for the sync's report. */
  changes: string[];
}

export async function recordEnhancementIssues(tx: Tx, repositoryId: number, items: GhIssue[]): Promise<RecordedIssue[]> {
  if (!items.length) return [];
  const repository = await tx.githubRepository.findUnique({ where: { id: repositoryId }, select: { fullName: true } });
  if (!repository || repository.fullName.toLowerCase() !== enhancementsRepository().toLowerCase()) return [];
  const releases = new Map((await tx.kubernetesRelease.findMany({ select: { version: true, releaseOn: true } })).map((r) => [r.version, r.releaseOn]));
  const recorded: RecordedIssue[] = [];
  for (const issue of items.filter((item) => !isPullRequest(item))) {
    const at = new Date(issue.updated_at);
    const labels = (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));
    const read = readEnhancementLabels(labels);
    const title = issue.milestone?.title ?? null;
    const current = releaseOfMilestone(title);
    const records = await tx.kepReleaseTeamRecord.findMany({ where: { enhancementIssue: issue.number } });
    const kepKey = await kepKeyOfIssue(tx, issue.number, read.sigs);
    const source = `kubernetes/enhancements#${issue.number} @ ${issue.updated_at}`;
    const changes: string[] = [];
    const history = async (release: string, field: string, before: string | null, after: string | null) => {
      changes.push(`#${issue.number} ${release} ${field}: ${before ?? '—'} → ${after ?? '—'}`);
      await tx.kepHistory.create({ data: { kepNumber: String(issue.number), kepKey, kind: 'release-team', field: `${release} ${field}`, before, after, source, at } });
    };

    for (const record of records.filter((r) => !r.leftAt && r.kubernetesRelease !== current && r.lastSeenAt.getTime() <= at.getTime())) {
      await tx.kepReleaseTeamRecord.update({ where: { id: record.id }, data: { leftAt: at, leftTo: title, leftLabels: labels } });
      await history(record.kubernetesRelease, 'milestone', record.milestoneTitle, title ?? 'cleared');
    }
    if (current && title) {
      const existing = records.find((r) => r.kubernetesRelease === current);
      if (existing && existing.lastSeenAt.getTime() > at.getTime()) continue; // an older revision arrived late
      // After the release, the cleanup removes lead-opted-in and tracked/*: what the team said stands.
      const releasedOn = releases.get(current);
      const afterRelease = Boolean(releasedOn && releasedOn.getTime() <= at.getTime());
      const optedIn = read.optedIn || (afterRelease && (existing?.optedIn ?? false));
      const tracked = read.tracked ?? (afterRelease ? (existing?.tracked ?? null) : null);
      const stages = read.stages.length || !afterRelease ? read.stages : (existing?.stages ?? []);
      const data = { milestoneTitle: title, optedIn, tracked, stages, labels, lastSeenAt: at, leftAt: null, leftTo: null, leftLabels: [] };
      if (!existing) {
        await tx.kepReleaseTeamRecord.create({ data: { enhancementIssue: issue.number, kubernetesRelease: current, firstSeenAt: at, ...data } });
        await history(current, 'milestone', null, title);
      } else {
        await tx.kepReleaseTeamRecord.update({ where: { id: existing.id }, data });
        if (existing.leftAt) await history(current, 'milestone', existing.leftTo ?? 'cleared', title);
      }
      if ((existing?.optedIn ?? false) !== optedIn) await history(current, 'lead-opted-in', existing ? String(existing.optedIn) : null, String(optedIn));
      if ((existing?.tracked ?? null) !== tracked) await history(current, 'tracked', existing?.tracked ? `tracked/${existing.tracked}` : null, tracked ? `tracked/${tracked}` : null);
      const [was, is] = [(existing?.stages ?? []).join(', ') || null, stages.join(', ') || null];
      if (was !== is) await history(current, 'stage', was, is);
    }
    recorded.push({ number: issue.number, changes });
  }
  return recorded;
}

export interface GhIssueComment {
  body?: string | null;
  created_at: string;
  html_url?: string;
  user?: { login: string } | null;
}

/**
 * The release team's status comments on an enhancement issue ("…is marked as `At risk for code
 * freeze`"): the newest per release goes on that release's record. A comment that names no release
 * counts for the release whose cycle it was written in. Records are made by the milestone, never by
 * a comment: a release the mirror never saw the issue in keeps no announcement.
 */
export async function recordReleaseTeamComments(tx: Tx, issue: { number: number; labels: string[] }, comments: GhIssueComment[]): Promise<number> {
  const issueNumber = issue.number;
  const releases = await tx.kubernetesRelease.findMany({ select: { version: true, cycleStart: true, releaseOn: true } });
  const records = await tx.kepReleaseTeamRecord.findMany({ where: { enhancementIssue: issueNumber } });
  const newest = new Map<string, { status: string; at: Date; by: string | null; url: string | null }>();
  for (const comment of comments) {
    const announcement = readAnnouncement(comment.body ?? '');
    if (!announcement) continue;
    const at = new Date(comment.created_at);
    const release =
      announcement.release ??
      releases.filter((r) => r.cycleStart.getTime() <= at.getTime() && at.getTime() <= r.releaseOn.getTime() + 86_400_000).sort((a, b) => compareKubernetesVersions(a.version, b.version)).at(-1)?.version;
    if (!release) continue;
    const known = newest.get(release);
    if (!known || known.at.getTime() <= at.getTime()) newest.set(release, { status: announcement.status, at, by: comment.user?.login ?? null, url: comment.html_url ?? null });
  }
  let changed = 0;
  for (const [release, announcement] of newest) {
    const record = records.find((r) => r.kubernetesRelease === release);
    if (!record || (record.announcedAt && record.announcedAt.getTime() >= announcement.at.getTime())) continue;
    await tx.kepReleaseTeamRecord.update({ where: { id: record.id }, data: { announced: announcement.status, announcedAt: announcement.at, announcedBy: announcement.by, announcedUrl: announcement.url } });
    const kepKey = await kepKeyOfIssue(tx, issueNumber, readEnhancementLabels(issue.labels).sigs);
    await tx.kepHistory.create({
      data: {
        kepNumber: String(issueNumber), kepKey, kind: 'release-team', field: `${release} announced`, before: record.announced, after: announcement.status,
        source: announcement.url ?? `kubernetes/enhancements#${issueNumber} comment by ${announcement.by ?? '?'}`, at: announcement.at,
      },
    });
    changed += 1;
  }
  return changed;
}
