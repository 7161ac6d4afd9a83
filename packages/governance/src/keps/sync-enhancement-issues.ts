import type { PrismaClient } from '../db';
import { applyIssues } from '../github/apply-mirror';
import { createGithubClient, type GithubClient } from '../github/create-client';
import { fetchPage, type FetchedPage } from '../github/fetch-page';
import { credentialKey, type GithubConfig } from '../github/github-config';
import type { GhIssue } from '../github/github-types';
import { readCursor, writeCursor, yieldToEventLoop } from '../github/sync-lists';
import { TRACKED_SIG } from './choose-kep';
import { enhancementsRepository, recordReleaseTeamComments, type GhIssueComment } from './record-enhancement-issues';

// Mirrors the kubernetes/enhancements issues that concern SIG Node through the GitHub sync's own
// machinery (conditional requests, validators stored with what they validate, cursors written in
// the transaction of the page they follow):
//
// 1. the issues labelled `sig/<tracked SIG>`: a full walk by creation date once, then one
//    conditional `since` query per run (a quiet run answers 304, which costs no rate limit);
// 2. the issues of active KEPs the SIG owns or takes part in that do not carry its label, one
//    conditional GET each;
// 3. the comments of the issues that are in a release's milestone, read since the last time the
//    issue changed, for the release team's status announcements.
//
// Every issue goes through applyIssues, so the per-release records (KepReleaseTeamRecord) are
// written with the mirror, as webhook deliveries do.

const RESOURCE = 'enhancement-issues';
/** KEPs in these states can still be opted into a release. */
const ACTIVE = ['provisional', 'implementable', 'deferred'];

interface EnhancementCursor {
  /** Set during the first, full walk: where it goes on. */
  next?: string | null;
  /** GitHub's clock when the full walk began, then the newest `updated_at` seen. */
  since?: string;
  /** Per issue, the `updated_at` whose comments were read. */
  comments?: Record<string, string>;
  /** KEP numbers GitHub answered 404 for, and when: asked again after a day (a 404 is never a free 304). */
  absent?: Record<string, string>;
}

const RECHECK_ABSENT_MS = 86_400_000;

export interface EnhancementSyncReport {
  repository: string;
  mode: 'full' | 'incremental';
  requests: number;
  notModified: number;
  issues: number;
  changed: number;
  /** Issues fetched one by one (KEPs the SIG takes part in whose issue lacks the SIG's label). */
  fetchedAlone: number;
  /** KEPs whose enhancement issue GitHub does not have (404). */
  missing: number[];
  commentsRead: number;
  announcements: number;
}

const githubTime = (date: Date) => date.toISOString().slice(0, 19) + 'Z';

export async function syncEnhancementIssues(
  prisma: PrismaClient,
  options: { config: GithubConfig; client?: GithubClient; sig?: string; log?: (line: string) => void },
): Promise<EnhancementSyncReport> {
  const repository = enhancementsRepository();
  const sig = options.sig ?? TRACKED_SIG;
  const label = `sig/${sig.replace(/^sig-/, '')}`;
  const client = options.client ?? createGithubClient(options.config, { onWait: (reason, seconds) => options.log?.(`waiting ${seconds} s (${reason})`) });
  const credential = credentialKey(options.config);
  const before = { ...client.counters };
  const row = await prisma.githubRepository.upsert({ where: { fullName: repository }, create: { fullName: repository }, update: {} });
  const apiRepo = `${options.config.apiUrl}/repos/${repository}`;
  const report: EnhancementSyncReport = { repository, mode: 'incremental', requests: 0, notModified: 0, issues: 0, changed: 0, fetchedAlone: 0, missing: [], commentsRead: 0, announcements: 0 };
  let cursor: EnhancementCursor = (await readCursor<EnhancementCursor>(prisma, row.id, RESOURCE)) ?? {};
  const save = (tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], next: EnhancementCursor) => writeCursor(tx, row.id, RESOURCE, next);
  const labelled = `labels=${encodeURIComponent(label)}&state=all`;

  // 1. The SIG's labelled issues.
  if (!cursor.since || cursor.next) {
    report.mode = 'full';
    let url: string | null = cursor.next ?? `${apiRepo}/issues?${labelled}&sort=created&direction=asc&per_page=100`;
    while (url) {
      const page: FetchedPage<GhIssue[]> = await fetchPage<GhIssue[]>(prisma, client, credential, url, { conditional: false });
      const since = cursor.since ?? githubTime(page.serverDate ?? new Date());
      const next: EnhancementCursor = { ...cursor, since, next: page.next };
      const issues = page.items.filter((item) => !item.pull_request);
      report.changed += await prisma.$transaction(async (tx) => {
        const changed = await applyIssues(tx, row.id, issues);
        await save(tx, next);
        return changed;
      });
      report.issues += issues.length;
      cursor = next;
      url = page.next;
      await yieldToEventLoop();
    }
  }
  // The `since` query: after the full walk it stores the validator the next quiet run sends.
  {
    const first = `${apiRepo}/issues?${labelled}&sort=updated&direction=desc&since=${encodeURIComponent(cursor.since!)}&per_page=100`;
    let url: string | null = first;
    let newest = cursor.since!;
    while (url) {
      const page: FetchedPage<GhIssue[]> = await fetchPage<GhIssue[]>(prisma, client, credential, url, { conditional: url === first });
      if (page.notModified) break;
      const issues = page.items.filter((item) => !item.pull_request);
      report.changed += await prisma.$transaction(async (tx) => {
        const changed = await applyIssues(tx, row.id, issues);
        await page.saveEtag(tx);
        return changed;
      });
      report.issues += issues.length;
      for (const issue of page.items) if (Date.parse(issue.updated_at) > Date.parse(newest)) newest = githubTime(new Date(issue.updated_at));
      url = page.next;
      await yieldToEventLoop();
    }
    if (newest !== cursor.since) {
      const next = { ...cursor, since: newest };
      await prisma.$transaction(async (tx) => {
        await save(tx, next);
        // That URL is never asked again.
        await tx.githubEtag.deleteMany({ where: { credential, key: first } });
      });
      cursor = next;
    }
  }

  // 2. Active KEPs of (or involving) the SIG whose issue the label list does not hold.
  const labelledNumbers = new Set(
    (await prisma.githubIssue.findMany({ where: { repositoryId: row.id, labels: { has: label } }, select: { number: true } })).map((issue) => issue.number),
  );
  const keps = await prisma.kep.findMany({
    where: { enhancementIssue: { not: null }, missingSince: null, status: { in: ACTIVE }, OR: [{ owningSig: sig }, { participatingSigs: { has: sig } }] },
    select: { enhancementIssue: true },
    distinct: ['enhancementIssue'],
    orderBy: { enhancementIssue: 'asc' },
  });
  const absent = { ...(cursor.absent ?? {}) };
  const now = Date.now();
  for (const { enhancementIssue } of keps.filter((kep) => !labelledNumbers.has(kep.enhancementIssue!))) {
    const number = String(enhancementIssue);
    if (absent[number] && now - Date.parse(absent[number]) < RECHECK_ABSENT_MS) {
      report.missing.push(enhancementIssue!);
      continue;
    }
    const page = await fetchPage<GhIssue | null>(prisma, client, credential, `${apiRepo}/issues/${enhancementIssue}`, { conditional: true, allowMissing: true });
    report.fetchedAlone += 1;
    if (page.notModified) continue;
    if (!page.items || page.items.pull_request) {
      report.missing.push(enhancementIssue!);
      absent[number] = new Date(now).toISOString();
      continue;
    }
    delete absent[number];
    const issue = page.items;
    report.changed += await prisma.$transaction(async (tx) => {
      const changed = await applyIssues(tx, row.id, [issue]);
      await page.saveEtag(tx);
      return changed;
    });
    report.issues += 1;
    await yieldToEventLoop();
  }

  if (JSON.stringify(absent) !== JSON.stringify(cursor.absent ?? {})) {
    const next = { ...cursor, absent };
    await prisma.$transaction((tx) => save(tx, next));
    cursor = next;
  }

  // 3. Status comments of the issues in a milestone now, when the issue changed since they were read.
  const inMilestone = await prisma.kepReleaseTeamRecord.findMany({ where: { leftAt: null }, select: { enhancementIssue: true }, distinct: ['enhancementIssue'] });
  const mirrored = await prisma.githubIssue.findMany({
    where: { repositoryId: row.id, number: { in: inMilestone.map((r) => r.enhancementIssue) }, deletedAt: null },
    select: { number: true, labels: true, githubUpdatedAt: true },
  });
  const readUpTo = { ...(cursor.comments ?? {}) };
  for (const issue of mirrored) {
    const read = readUpTo[issue.number];
    if (read && Date.parse(read) >= issue.githubUpdatedAt.getTime()) continue;
    const comments: GhIssueComment[] = [];
    let url: string | null = `${apiRepo}/issues/${issue.number}/comments?per_page=100${read ? `&since=${encodeURIComponent(read)}` : ''}`;
    while (url) {
      const page: FetchedPage<GhIssueComment[]> = await fetchPage<GhIssueComment[]>(prisma, client, credential, url, { conditional: false });
      comments.push(...page.items);
      url = page.next;
    }
    readUpTo[issue.number] = githubTime(issue.githubUpdatedAt);
    const next = { ...cursor, comments: readUpTo };
    report.announcements += await prisma.$transaction(async (tx) => {
      const changed = await recordReleaseTeamComments(tx, issue, comments);
      await save(tx, next);
      return changed;
    });
    cursor = next;
    report.commentsRead += comments.length;
    await yieldToEventLoop();
  }

  report.requests = client.counters.requests - before.requests;
  report.notModified = client.counters.notModified - before.notModified;
  return report;
}

/** The sync's one line: "kubernetes/enhancements: 3 requests (3 × 304), 0 issues changed…". */
export function describeEnhancementSync(report: EnhancementSyncReport): string {
  return (
    `${report.repository} (enhancement issues): ${report.mode}, ${report.requests} requests (${report.notModified} × 304), ` +
    `${report.changed} issue(s) changed, ${report.announcements} status announcement(s) read` +
    (report.missing.length ? `; no enhancement issue for KEP(s) ${report.missing.join(', ')}` : '')
  );
}
