import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { useSyncFixture } from '../testing/github-sync-fixture';
import { syncProject } from './sync-repository';

// How a sync fails and waits: one line per failure (status, request, GitHub's message) in the
// error and in the stored run, every wait announced and stored, runs whose process died closed.

const sync = useSyncFixture();
const mirrorOf = (fullName: string) => sync.db.prisma.githubRepository.findUniqueOrThrow({ where: { fullName } });
const lastRun = async (fullName: string) => sync.db.prisma.githubSyncRun.findFirstOrThrow({ where: { repository: { fullName } }, orderBy: { id: 'desc' } });

describe('sync failures and waits', () => {
  it('announces and stores 5xx back-off waits, and when retries run out fails with one line, never the HTML page', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 2 });
    sync.fake.inject({ kind: 'status', status: 502, html: true }, { times: 3, match: (url) => url.pathname.endsWith('/milestones') });
    const waits: string[] = [];
    const failure = await syncProject(sync.db.prisma, slug, {
      config: sync.config, trigger: 'test', clientOptions: { retries: 2, retryBaseMs: 1 }, onWait: (reason, seconds) => void waits.push(`${seconds} s: ${reason}`),
    }).catch((error: Error) => error);
    const url = `${sync.fake.url}/repos/${repo.fullName}/milestones?state=all&sort=due_on&direction=desc&per_page=100`;
    const line = `GitHub answered 502 Bad Gateway to GET ${url} (3 attempts): an HTML error page, no message`;
    expect(failure).toMatchObject({ name: 'GovernanceError', code: 'unavailable', message: line });
    expect(waits).toEqual([
      `0.001 s: GitHub answered 502 Bad Gateway to GET ${url}: an HTML error page, no message; retry 1 of 2`,
      `0.004 s: GitHub answered 502 Bad Gateway to GET ${url}: an HTML error page, no message; retry 2 of 2`,
    ]);
    const run = await lastRun(repo.fullName);
    expect(run).toMatchObject({ outcome: 'FAILED', error: line, worker: `${os.hostname()}:${process.pid}`, leaseUntil: null });
    expect((run.waits as { reason: string; seconds: number }[]).map((wait) => [wait.seconds, wait.reason.slice(0, 28)])).toEqual([
      [0.001, 'GitHub answered 502 Bad Gate'],
      [0.004, 'GitHub answered 502 Bad Gate'],
    ]);
  });

  it('says when to retry when the rate limit resets later than it may wait', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 2 });
    sync.fake.setRateLimit('test-token', 0, 7200);
    const reset = new Date((Math.floor(sync.fake.now() / 1000) + 7200) * 1000).toISOString();
    const failure = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: { maxWaitSeconds: 600 } }).catch((error: Error) => error);
    expect((failure as Error).message).toBe(
      `GitHub answered 403 Forbidden to GET ${sync.fake.url}/repos/${repo.fullName}/milestones?state=all&sort=due_on&direction=desc&per_page=100: API rate limit exceeded for user ID 1. GitHub accepts requests again at ${reset}: retry after that.`,
    );
    expect((await lastRun(repo.fullName)).error).toBe((failure as Error).message);
  });

  it('closes runs whose process died as failed at the next start, and refuses to run beside a live one', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 2 });
    await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' });
    const mirror = await mirrorOf(repo.fullName);
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const killed = await sync.db.prisma.githubSyncRun.create({ data: { repositoryId: mirror.id, mode: 'full', trigger: 'cli', worker: `${os.hostname()}:${deadPid}`, leaseUntil: new Date(Date.now() + 60_000) } });
    const silent = await sync.db.prisma.githubSyncRun.create({ data: { repositoryId: mirror.id, mode: 'incremental', trigger: 'job', worker: 'elsewhere:41', leaseUntil: new Date(Date.now() - 1000) } });
    await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' });
    expect(await sync.db.prisma.githubSyncRun.findUniqueOrThrow({ where: { id: killed.id } })).toMatchObject({
      outcome: 'FAILED', error: `the sync process (${os.hostname()}:${deadPid}) stopped before the run finished (killed or crashed)`,
    });
    expect(await sync.db.prisma.githubSyncRun.findUniqueOrThrow({ where: { id: silent.id } })).toMatchObject({ outcome: 'FAILED', error: expect.stringMatching(/^the sync process \(elsewhere:41\) stopped reporting at /) });

    const live = await sync.db.prisma.githubSyncRun.create({ data: { repositoryId: mirror.id, mode: 'incremental', trigger: 'job', worker: 'elsewhere:42', leaseUntil: new Date(Date.now() + 60_000) } });
    const before = sync.fake.requests.length;
    await expect(syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' })).rejects.toThrow(`A sync of ${repo.fullName} is already running (run #${live.id} by elsewhere:42`);
    expect(sync.fake.requests.length).toBe(before);
  });

  it('counts MAINTAINERS as changed only when the list changed', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 2, maintainers: '[Org]\n\t[Org.Maintainers]\n\t\tpeople = ["estesp"]\n' });
    const first = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' });
    expect(first.lists.maintainers).toMatchObject({ changed: 1, notModified: false });
    // A lost validator brings the same file back with a 200: nothing changed.
    await sync.db.prisma.githubEtag.deleteMany({ where: { key: { endsWith: '/contents/MAINTAINERS' } } });
    const same = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' });
    expect(same.lists.maintainers).toMatchObject({ changed: 0, notModified: false });
    expect(same.itemsChanged).toBe(0);
    repo.files.set('MAINTAINERS', '[Org]\n\t[Org.Maintainers]\n\t\tpeople = ["estesp", "fuweid"]\n');
    expect((await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' })).lists.maintainers.changed).toBe(1);
    // A removed file answers 404 once: a change; re-checked in a deep sync, still absent: none.
    repo.files.delete('MAINTAINERS');
    expect((await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test' })).lists.maintainers.changed).toBe(1);
    expect((await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', deep: true })).lists.maintainers).toMatchObject({ changed: 0, pages: 1 });
  });
});
