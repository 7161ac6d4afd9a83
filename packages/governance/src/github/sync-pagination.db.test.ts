import { describe, expect, it } from 'vitest';
import { useSyncFixture } from '../testing/github-sync-fixture';
import { readCursor } from './sync-lists';
import { syncProject } from './sync-repository';

// Sync against a GitHub that paginates as api.github.com does: `Link` URLs name the repository by
// id (`/repositories/{id}/…`), and page numbers drift when issues leave the list during a walk.

const sync = useSyncFixture();
const fast = { retryBaseMs: 1 };
const run = (slug: string, options: { full?: boolean; deep?: boolean } = {}) => syncProject(sync.db.prisma, slug, { config: sync.config, trigger: 'test', clientOptions: fast, ...options });
const mirrorOf = (fullName: string) => sync.db.prisma.githubRepository.findUniqueOrThrow({ where: { fullName } });
const since = () => sync.fake.requests.length;
const asked = (from: number, match: (path: string) => boolean) => sync.fake.requests.slice(from).filter((request) => match(request.path));

describe('GitHub pagination as GitHub does it', () => {
  it('follows /repositories/{id} Link URLs, and a deep sync finds a new patch tag on page 2 and maps it', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 250, releases: 0 });
    const from = since();
    await run(slug);
    // Page 1 as Shepherd asked it, pages 2 and 3 as GitHub's Link named them.
    expect(asked(from, (path) => path.includes('/tags?')).map((request) => request.path)).toEqual([
      `/repos/${repo.fullName}/tags?per_page=100`,
      `/repositories/${repo.id}/tags?per_page=100&page=2`,
      `/repositories/${repo.id}/tags?per_page=100&page=3`,
    ]);
    const mirror = await mirrorOf(repo.fullName);
    expect(await sync.db.prisma.githubTag.count({ where: { repositoryId: mirror.id } })).toBe(250);

    // A patch of an old branch: GitHub lists it deep in the list, so page 1 does not change.
    repo.addTag('v1.12.6', { position: 140 });
    const quiet = await run(slug);
    expect(quiet.lists.tags).toMatchObject({ notModified: true, changed: 0 });
    expect(await sync.db.prisma.githubTag.count({ where: { repositoryId: mirror.id, name: 'v1.12.6' } })).toBe(0);

    const deepFrom = since();
    const deep = await run(slug, { deep: true });
    const tagPages = asked(deepFrom, (path) => path.includes('/tags?'));
    expect(tagPages.map((request) => [request.conditional, request.status])).toEqual([[true, 304], [true, 200], [true, 200]]);
    expect(deep.lists.tags.changed).toBe(1);
    expect(deep.mappedTags).toContain('v1.12.6');
    expect((await sync.db.prisma.release.findFirst({ where: { tag: 'v1.12.6', cycle: { project: { slug } } } }))?.patch).toBe(6);

    // Every page's validator is found by list and page: the next deep sync is all 304s.
    const againFrom = since();
    await run(slug, { deep: true });
    expect(asked(againFrom, (path) => path.includes('/tags?')).map((request) => request.status)).toEqual([304, 304, 304]);
  });

  it('clears the cursor when a later page answers 304, so the next sync starts again at page 1', async () => {
    const { slug, repo } = await sync.project({ issues: 5, milestones: 2, tags: 250 });
    await run(slug);
    repo.tags[3].sha = 'f'.repeat(40); // a tag moved to another commit: page 1 changes, pages 2 and 3 do not
    const deepFrom = since();
    const deep = await run(slug, { deep: true });
    expect(asked(deepFrom, (path) => path.includes('/tags?')).map((request) => request.status)).toEqual([200, 304, 304]);
    expect(deep.lists.tags.changed).toBe(1);
    const mirror = await mirrorOf(repo.fullName);
    expect(await readCursor(sync.db.prisma, mirror.id, 'tags')).toMatchObject({ next: null });
    const nextFrom = since();
    await run(slug);
    expect(asked(nextFrom, (path) => path.includes('/tags?'))).toMatchObject([{ path: `/repos/${repo.fullName}/tags?per_page=100`, conditional: true, status: 304 }]);
  });

  it('loses no issue when issues are deleted or transferred during the first full pass, and marks them at the next pass', async () => {
    const { slug, repo } = await sync.project({ issues: 450, milestones: 2, tags: 2 });
    const elsewhere = sync.fake.repository('octo/elsewhere');
    // While page 3 is asked for, three issues of pages 1 and 2 leave: pages shift by three.
    sync.fake.inject(
      { kind: 'change', apply: () => (repo.deleteIssue(31), repo.deleteIssue(40), repo.transferIssue(121, elsewhere)) },
      { match: (url) => url.pathname.endsWith('/issues') && url.searchParams.get('page') === '3' && url.searchParams.get('sort') === 'created' },
    );
    const from = since();
    const first = await run(slug);
    expect(first.mode).toBe('full');
    const mirror = await mirrorOf(repo.fullName);
    const live = async () => (await sync.db.prisma.githubIssue.findMany({ where: { repositoryId: mirror.id, deletedAt: null }, select: { number: true }, orderBy: { number: 'asc' } })).map((row) => row.number);
    // #201–#203 moved onto page 2 after it was read; the pass asked for them one by one.
    expect(asked(from, (path) => /\/issues\/\d+$/.test(path)).map((request) => [request.path.split('/').at(-1), request.status])).toEqual([['201', 200], ['202', 200], ['203', 200]]);
    const listed = repo.issues.map((issue) => issue.number);
    expect((await live()).filter((number) => !listed.includes(number))).toEqual([31, 40, 121]); // listed before they left: gone only for the next pass
    expect(await live()).toEqual(expect.arrayContaining(listed));

    const deep = await run(slug, { deep: true });
    expect(deep.itemsGone).toBe(3);
    expect(await live()).toEqual(listed);
    const gone = await sync.db.prisma.githubIssue.findMany({ where: { repositoryId: mirror.id, deletedAt: { not: null } }, orderBy: { number: 'asc' } });
    expect(gone.map((row) => [row.number, row.goneReason, row.goneStatus, row.movedTo])).toEqual([
      [31, 'deleted', 410, null],
      [40, 'deleted', 410, null],
      [121, 'transferred', 301, `${sync.fake.url}/repositories/${elsewhere.id}/issues/1`],
    ]);
    const runRow = await sync.db.prisma.githubSyncRun.findUniqueOrThrow({ where: { id: deep.runId } });
    expect(runRow.itemsGone).toBe(3);
  });

  it('two full passes within one second of GitHub’s clock still tell what the second one listed', async () => {
    // GitHub's Date header is to the second; a pass's mark on the rows it lists must not be.
    const frozen = Date.parse('2026-11-28T10:00:00Z');
    await sync.restartFake(() => frozen);
    const { slug, repo } = await sync.project({ issues: 120, milestones: 1, tags: 1 });
    await run(slug, { full: true });
    repo.deleteIssue(5);
    const full = await run(slug, { full: true });
    expect(full.itemsGone).toBe(1);
    const mirror = await mirrorOf(repo.fullName);
    const gone = await sync.db.prisma.githubIssue.findMany({ where: { repositoryId: mirror.id, deletedAt: { not: null } } });
    expect(gone.map((row) => [row.number, row.goneReason])).toEqual([[5, 'deleted']]);
  });

  it('reconciles issues that left without a webhook: an incremental sync cannot see it, a full pass marks them', async () => {
    const { slug, repo } = await sync.project({ issues: 300, milestones: 2, tags: 2 });
    await run(slug);
    repo.deleteIssue(7);
    repo.transferIssue(8, sync.fake.repository('octo/other'));
    repo.transferIssue(250, sync.fake.repository('octo/private'), { private: true });
    const mirror = await mirrorOf(repo.fullName);
    await run(slug);
    expect(await sync.db.prisma.githubIssue.count({ where: { repositoryId: mirror.id, deletedAt: null } })).toBe(300);

    const full = await run(slug, { full: true });
    expect(full.itemsGone).toBe(3);
    const gone = await sync.db.prisma.githubIssue.findMany({ where: { repositoryId: mirror.id, deletedAt: { not: null } }, orderBy: { number: 'asc' } });
    expect(gone.map((row) => [row.number, row.goneReason, row.goneStatus])).toEqual([[7, 'deleted', 410], [8, 'transferred', 301], [250, 'deleted', 404]]);
    expect(await sync.db.prisma.githubIssue.count({ where: { repositoryId: mirror.id, deletedAt: null } })).toBe(repo.issues.length);
    // The next full pass asks about nothing it already marked.
    const from = since();
    expect((await run(slug, { full: true })).itemsGone).toBe(0);
    expect(asked(from, (path) => /\/issues\/\d+$/.test(path))).toEqual([]);
  });
});
