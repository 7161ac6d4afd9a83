import { describe, expect, it } from 'vitest';
import { useSyncFixture } from '../testing/github-sync-fixture';
import { onReleaseCandidateTagged } from './map-tags';
import { listRoleGrants } from '../auth/role-grants';
import { syncProject } from './sync-repository';

const MAINTAINERS = `# project maintainers file
[Rules]
\ttext = """
[Org.Fake] people = ["nobody"]
"""
[Org]
\t[Org.Maintainers]
\t\tpeople = [
\t\t\t"akihirosuda",
\t\t\t"dmcgowan",
\t\t]
\t[Org.Reviewers]
\t\tpeople = ["samuelkarp"]
[People]
\t[people.akihirosuda]
\tName = "Akihiro Suda"
\tGitHub = "AkihiroSuda"
\t[People.dmcgowan]
\tName = "Derek McGowan"
\tGitHub = "dmcgowan"
`;

const sync = useSyncFixture();
const { project } = sync;

const fast = { retryBaseMs: 1 };
const issuePages = () => sync.fake.requests.filter((request) => request.path.includes('/issues?'));

describe('sync against the fake GitHub', () => {
  it('mirrors everything in a full sync, asks only 304s when nothing changed, and picks up exactly what changed', async () => {
    const { slug, repo } = await project({ issues: 950, milestones: 12, tags: 30, labels: 20, releases: 5, maintainers: MAINTAINERS });
    const full = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    const mirror = await sync.db.prisma.githubRepository.findUniqueOrThrow({ where: { fullName: repo.fullName }, include: { _count: { select: { issues: true, milestones: true, labels: true, tags: true, releases: true } } } });
    expect(mirror._count).toEqual({ issues: 950, milestones: 12, labels: 20, tags: 30, releases: 5 });
    expect(await sync.db.prisma.githubIssue.count({ where: { repositoryId: mirror.id, isPullRequest: true } })).toBe(316);
    expect(mirror.maintainers).toEqual([
      { login: 'AkihiroSuda', name: 'Akihiro Suda', role: 'maintainer' },
      { login: 'dmcgowan', name: 'Derek McGowan', role: 'maintainer' },
      { login: 'samuelkarp', name: null, role: 'reviewer' },
    ]);
    // Listed maintainers hold the maintainer role from now on; reviewers get none.
    expect((await listRoleGrants(sync.db.prisma, { project: slug })).map((grant) => `${grant.login} ${grant.role} ${grant.source}`).sort()).toEqual([
      'akihirosuda MAINTAINER github-maintainers',
      'dmcgowan MAINTAINER github-maintainers',
    ]);
    expect(full.mode).toBe('full');
    // One request per page of 100, the newest page by creation that checks the end of the pass,
    // and the incremental query that stores the next run's ETag.
    // (The ≤ 1.05 × pages goal is measured on 15,000 items by `npm run bench -- sync`.)
    expect(full.requests).toBe(Math.ceil(950 / 100) + 1 + 1 + 5);
    expect(full.requests).toBe(sync.fake.requests.length);

    const quiet = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(quiet.mode).toBe('incremental');
    expect(quiet.requests).toBeLessThanOrEqual(6);
    expect(quiet.notModified).toBe(quiet.requests);
    expect(quiet.itemsChanged).toBe(0);

    for (let number = 100; number < 120; number += 1) repo.updateIssue(number, { title: `Edited ${number}` });
    const changed = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(changed.itemsChanged).toBe(20);
    expect(changed.requests).toBeLessThanOrEqual(6);
    expect(changed.requests - changed.notModified).toBe(1); // only the issues page came back
    expect(await sync.db.prisma.githubIssue.count({ where: { repositoryId: mirror.id, title: { startsWith: 'Edited' } } })).toBe(20);
    const runs = await sync.db.prisma.githubSyncRun.findMany({ where: { repositoryId: mirror.id }, orderBy: { id: 'asc' }, take: 3 });
    expect(runs.map((run) => [run.outcome, run.mode, run.requests])).toEqual([
      ['SUCCEEDED', 'full', full.requests],
      ['SUCCEEDED', 'incremental', quiet.requests],
      ['SUCCEEDED', 'incremental', changed.requests],
    ]);
  });

  it('moves `since` up once the changes since it fill half a page, then settles back to 304s', async () => {
    // GitHub's clock, moved by hand: `since` and `updated_at` have one-second resolution.
    let now = Date.parse('2026-11-28T10:00:00Z');
    await sync.restartFake(() => now);
    const { slug, repo } = await project({ issues: 300, milestones: 2, tags: 2 });
    await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    now += 60_000;
    for (let number = 1; number <= 60; number += 1) repo.updateIssue(number, { body: `edited ${number}` });
    const busy = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(busy.lists.issues.changed).toBe(60);
    const moved = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(moved.lists.issues).toMatchObject({ notModified: false, changed: 0 }); // a new URL: one 200, nothing new in it
    const settled = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(settled.notModified).toBe(settled.requests);
  });

  it('resumes after the connection drops mid-pagination, with no duplicates and no gaps', async () => {
    const { slug, repo } = await project({ issues: 420, milestones: 3, tags: 5 });
    sync.fake.inject({ kind: 'drop' }, { times: 1, match: (url) => url.pathname.endsWith('/issues') && url.searchParams.get('page') === '3' });
    await expect(syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: { retries: 0 } })).rejects.toThrow();
    const mirror = await sync.db.prisma.githubRepository.findUniqueOrThrow({ where: { fullName: repo.fullName } });
    // Pages are written whole: two pages stored, nothing of the third.
    expect(await sync.db.prisma.githubIssue.count({ where: { repositoryId: mirror.id } })).toBe(200);
    const failed = await sync.db.prisma.githubSyncRun.findFirstOrThrow({ where: { repositoryId: mirror.id }, orderBy: { id: 'desc' } });
    expect(failed.outcome).toBe('FAILED');
    expect(failed.error).toBeTruthy();

    const before = sync.fake.requests.length;
    const resumed = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(resumed.mode).toBe('resume');
    const asked = sync.fake.requests.slice(before).filter((request) => request.path.includes('/issues?'));
    expect(new URL(asked[0].path, sync.fake.url).searchParams.get('page')).toBe('3');
    const numbers = (await sync.db.prisma.githubIssue.findMany({ where: { repositoryId: mirror.id }, select: { number: true }, orderBy: { number: 'asc' } })).map((row) => row.number);
    expect(numbers).toEqual(Array.from({ length: 420 }, (_, index) => index + 1));
  });

  it('retries 5xx answers, timeouts and a dropped connection with backoff, and the sync succeeds', async () => {
    const { slug } = await project({ issues: 150, milestones: 2, tags: 3 });
    sync.fake.inject({ kind: 'status', status: 502 }, { times: 2, match: (url) => url.pathname.endsWith('/milestones') });
    sync.fake.inject({ kind: 'drop' }, { times: 1, match: (url) => url.searchParams.get('page') === '2' });
    sync.fake.inject({ kind: 'slow', delayMs: 400 }, { times: 1, match: (url) => url.pathname.endsWith('/labels') });
    const report = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: { retryBaseMs: 1, timeoutMs: 150 } });
    expect(report.itemsChanged).toBeGreaterThan(150);
    expect(sync.fake.requests.filter((request) => request.status === 502)).toHaveLength(2);
    expect(issuePages().filter((request) => request.status === 200)).toHaveLength(4); // two full pages, the newest page, the incremental one
  });

  it('maps tags onto release cycles and announces new release candidates once', async () => {
    const { slug, repo } = await project({ issues: 5, milestones: 2, tags: 9, releases: 9 });
    const first = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    expect(first.mappedTags).toHaveLength(9);
    const releases = await sync.db.prisma.release.findMany({ where: { cycle: { project: { slug } } }, orderBy: { tag: 'asc' } });
    expect(releases.map((release) => release.tag)).toContain('v1.0.0-rc.1');
    const milestones = await sync.db.prisma.githubMilestone.findMany({ where: { repository: { fullName: repo.fullName } }, orderBy: { number: 'asc' } });
    expect(milestones.map((milestone) => milestone.cycleName)).toEqual(['1.0', '1.1']);

    const events: string[] = [];
    const stop = onReleaseCandidateTagged((event) => void events.push(`${event.cycle} ${event.tag}`));
    repo.addTag('v1.1.0-rc.0'); // no GitHub release: dated by when sync first saw it
    repo.addTag('not-a-version');
    const second = await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    await syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast });
    stop();
    expect(second.mappedTags).toEqual(['v1.1.0-rc.0']);
    expect(events).toEqual(['1.1 v1.1.0-rc.0']);
    const cycle = await sync.db.prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug }, name: '1.1' }, include: { milestones: true } });
    expect(cycle.milestones.find((milestone) => milestone.kind === 'RC')?.actualOn).toBeTruthy();
  });
});
