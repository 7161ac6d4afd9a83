import type { PrismaClient } from '../db';
import { notFound } from '../errors';
import { applyLabels, applyMilestones, applyReleases, applyTags } from './apply-mirror';
import { createGithubClient, type ClientOptions, type GithubClient, type WaitListener } from './create-client';
import { describeGithubError, githubUnavailable } from './describe-github-error';
import { fetchPage } from './fetch-page';
import { credentialKey, readGithubConfig, type GithubConfig } from './github-config';
import type { GhContentFile, GhLabel, GhMilestone, GhRelease, GhTag } from './github-types';
import { GITHUB_REPOSITORY } from './handles';
import { mapTagsToCycles } from './map-tags';
import { syncMaintainerGrants } from '../auth/maintainer-grants';
import { parseMaintainers, type Maintainer } from './parse-maintainers';
import { syncIssues } from './sync-issues';
import { readCursor, syncList, writeCursor, type ListOutcome, type SyncContext } from './sync-lists';
import { startSyncRun } from './sync-runs';

export interface SyncProgress {
  resource: string;
  page: number;
  /** The list's last page when GitHub says (`Link: rel="last"`). */
  lastPage: number | null;
  notModified: boolean;
  totals: { pages: number; items: number; changed: number; requests: number; notModified: number };
}

export interface SyncOptions {
  /** Walk the issues list from the start even when an incremental cursor exists (and reconcile it). */
  full?: boolean;
  /**
   * Re-check every page of every list conditionally (catches edits that do not reach page one),
   * and walk the issues list again as `full` does (catches deletions and transfers no webhook told).
   */
  deep?: boolean;
  trigger?: string;
  config?: GithubConfig;
  client?: GithubClient;
  clientOptions?: ClientOptions;
  maintainersPath?: string;
  onProgress?: (progress: SyncProgress) => void;
  /** Told before every wait: rate limits, and back-off after a 5xx or no answer. */
  onWait?: WaitListener;
}

export interface SyncReport {
  runId: number;
  repository: string;
  mode: 'full' | 'resume' | 'incremental';
  requests: number;
  notModified: number;
  pages: number;
  items: number;
  itemsChanged: number;
  /** Mirrored issues found deleted or transferred by the full pass's reconciliation. */
  itemsGone: number;
  seconds: number;
  mappedTags: string[];
  undatedTags: number;
  lists: Record<string, ListOutcome>;
}

/** The mirror row of a project's repository, created on first use. */
export async function ensureGithubRepository(prisma: PrismaClient, projectSlug: string) {
  const project = await prisma.project.findUnique({ where: { slug: projectSlug } });
  if (!project) throw notFound(`No project "${projectSlug}"`);
  if (!GITHUB_REPOSITORY.test(project.repository)) throw notFound(`Project "${projectSlug}" has no GitHub repository (repository: "${project.repository}")`);
  const existing = await prisma.githubRepository.findUnique({ where: { projectId: project.id } });
  if (existing && existing.fullName === project.repository) return existing;
  if (existing) return prisma.githubRepository.update({ where: { id: existing.id }, data: { fullName: project.repository } });
  return prisma.githubRepository.upsert({ where: { fullName: project.repository }, create: { projectId: project.id, fullName: project.repository }, update: { projectId: project.id } });
}

/**
 * Brings the mirror of one project's repository up to date: milestones, labels, issues and pull
 * requests, releases, tags and the MAINTAINERS file, then maps new tags onto release cycles.
 * Records the run (requests, 304s, items changed, waits, outcome) in GithubSyncRun. A failure
 * throws an `unavailable` error whose message is one line (status, request, GitHub's message),
 * the same line the run stores.
 */
export async function syncProject(prisma: PrismaClient, projectSlug: string, options: SyncOptions = {}): Promise<SyncReport> {
  const started = Date.now();
  const config = options.config ?? readGithubConfig();
  const client = options.client ?? createGithubClient(config, options.clientOptions);
  const repository = await ensureGithubRepository(prisma, projectSlug);
  const full = Boolean(options.full || options.deep);
  const run = await startSyncRun(prisma, repository, { mode: full ? 'full' : 'incremental', trigger: options.trigger ?? 'cli' });
  const stopListening = client.onWait(async (reason, seconds) => {
    await options.onWait?.(reason, seconds);
    await run.wait(reason, seconds);
  });
  const before = { ...client.counters };
  const totals = { pages: 0, items: 0, changed: 0, requests: 0, notModified: 0 };
  const ctx: SyncContext = {
    prisma, client, credential: credentialKey(config), repositoryId: repository.id, apiRepo: `${config.apiUrl}/repos/${repository.fullName}`,
    deep: options.deep ?? false, now: () => new Date(),
    progress(event) {
      totals.pages += 1;
      totals.items += event.items;
      totals.changed += event.changed;
      totals.requests = client.counters.requests - before.requests;
      totals.notModified = client.counters.notModified - before.notModified;
      options.onProgress?.({ resource: event.resource, page: event.page, lastPage: event.lastPage ?? null, notModified: event.notModified, totals: { ...totals } });
    },
  };
  const lists: Record<string, ListOutcome> = {};
  let gone = 0;
  const finish = (data: { outcome: 'SUCCEEDED' | 'FAILED'; error?: string; mode?: string }) =>
    run.finish({
      ...data, requests: client.counters.requests - before.requests, notModified: client.counters.notModified - before.notModified,
      pages: totals.pages, items: totals.items, itemsChanged: totals.changed, itemsGone: gone, rateLimitRemaining: client.rateLimit.remaining,
    });
  try {
    lists.milestones = await syncList<GhMilestone>(ctx, {
      resource: 'milestones',
      firstUrl: `${ctx.apiRepo}/milestones?state=all&sort=due_on&direction=desc&per_page=100`,
      apply: (tx, items) => applyMilestones(tx, repository.id, items),
      sweep: async (tx, items) => (await tx.githubMilestone.deleteMany({ where: { repositoryId: repository.id, number: { notIn: items.map((item) => item.number) } } })).count,
    });
    lists.labels = await syncList<GhLabel>(ctx, {
      resource: 'labels',
      firstUrl: `${ctx.apiRepo}/labels?per_page=100`,
      apply: (tx, items) => applyLabels(tx, repository.id, items),
      sweep: async (tx, items) => (await tx.githubLabel.deleteMany({ where: { repositoryId: repository.id, name: { notIn: items.map((item) => item.name) } } })).count,
    });
    const issues = await syncIssues(ctx, { full });
    lists.issues = issues;
    gone = issues.gone;
    lists.releases = await syncList<GhRelease>(ctx, {
      resource: 'releases',
      firstUrl: `${ctx.apiRepo}/releases?per_page=100`,
      apply: (tx, items) => applyReleases(tx, repository.id, items),
      stopWhenUnchanged: true,
    });
    const seenAt = new Date();
    lists.tags = await syncList<GhTag>(ctx, {
      resource: 'tags',
      firstUrl: `${ctx.apiRepo}/tags?per_page=100`,
      apply: (tx, items) => applyTags(tx, repository.id, items, seenAt),
    });
    lists.maintainers = await syncMaintainers(ctx, projectSlug, options.maintainersPath ?? 'MAINTAINERS');
    if (issues.mode !== 'incremental' && !repository.fullSyncedAt) {
      await prisma.githubRepository.update({ where: { id: repository.id }, data: { fullSyncedAt: new Date() } });
    }
    const { mapped, undated } = await mapTagsToCycles(prisma, repository.id, projectSlug);
    await finish({ outcome: 'SUCCEEDED', mode: issues.mode });
    return {
      runId: run.id, repository: repository.fullName, mode: issues.mode, requests: client.counters.requests - before.requests,
      notModified: client.counters.notModified - before.notModified, pages: totals.pages, items: totals.items, itemsChanged: totals.changed,
      itemsGone: gone, seconds: (Date.now() - started) / 1000, mappedTags: mapped, undatedTags: undated, lists,
    };
  } catch (error) {
    await finish({ outcome: 'FAILED', error: describeGithubError(error).slice(0, 2000) }).catch(() => undefined);
    throw githubUnavailable(error);
  } finally {
    stopListening();
  }
}

// A repository without the file answers 404 (no ETag, so never a free 304): the absence is
// remembered and re-checked once a day or in a deep sync, to keep quiet syncs at 304s only.
const RECHECK_ABSENT_MS = 86_400_000;

async function syncMaintainers(ctx: SyncContext, projectSlug: string, path: string): Promise<ListOutcome> {
  const cursor = await readCursor<{ absentSince?: string }>(ctx.prisma, ctx.repositoryId, 'maintainers');
  if (cursor?.absentSince && !ctx.deep && ctx.now().getTime() - Date.parse(cursor.absentSince) < RECHECK_ABSENT_MS) {
    return { pages: 0, items: 0, changed: 0, notModified: true };
  }
  const page = await fetchPage<GhContentFile | null>(ctx.prisma, ctx.client, ctx.credential, `${ctx.apiRepo}/contents/${path}`, { conditional: true, allowMissing: true });
  if (page.notModified) {
    ctx.progress({ resource: 'maintainers', page: 1, items: 0, changed: 0, notModified: true });
    return { pages: 1, items: 0, changed: 0, notModified: true };
  }
  const text = page.items?.content ? Buffer.from(page.items.content, 'base64').toString('utf8') : null;
  const maintainers = text ? parseMaintainers(text) : [];
  const stored = await ctx.prisma.githubRepository.findUniqueOrThrow({ where: { id: ctx.repositoryId }, select: { maintainers: true, maintainersPath: true } });
  // A 200 is not a change: the same file comes back when its validator was lost, and a missing
  // file answers 404 every day it is re-checked.
  const listed = (list: Maintainer[]) => list.map((m) => `${m.login}\t${m.name ?? ''}\t${m.role}`).join('\n');
  const changed = listed(stored.maintainers as unknown as Maintainer[]) !== listed(maintainers) || stored.maintainersPath !== (text ? path : null) ? 1 : 0;
  await ctx.prisma.$transaction(async (tx) => {
    if (changed) await tx.githubRepository.update({ where: { id: ctx.repositoryId }, data: { maintainers: maintainers as object[], maintainersPath: text ? path : null } });
    await writeCursor(tx, ctx.repositoryId, 'maintainers', text ? {} : { absentSince: ctx.now().toISOString() });
    await page.saveEtag(tx);
  });
  ctx.progress({ resource: 'maintainers', page: 1, items: text ? 1 : 0, changed, notModified: false });
  // A missing file (404) keeps the grants: losing every maintainer to a moved file would lock them out.
  if (text) await syncMaintainerGrants(ctx.prisma, projectSlug, maintainers);
  return { pages: 1, items: maintainers.length, changed, notModified: false };
}
