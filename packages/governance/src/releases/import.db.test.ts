import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../db';
import type { Database } from '../db/open-database';
import { seedProjects } from '../seed/seed-projects';
import { openTestDatabase } from '../testing/test-database';
import { getCycleDetail, getProjectReleases } from './get-releases';
import { loadEolSnapshot } from '../eol/load-eol-snapshot';
import { v1ProductRelease } from '../eol/to-endoflife-v1';
import { importReleasesMd, ImportRejectedError, RemovalsRefusedError } from './import-releases-md';
import { importTableHistory } from './import-table-history';
import { importTags } from './import-tags';

const SEED_MD = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../prisma/seed/containerd/RELEASES.md'), 'utf8');
const TODAY = '2026-11-28';

async function snapshot(db: Database) {
  const [cycles, milestones, changes, releases, owners, kubernetes, deprecations] = await Promise.all([
    db.prisma.releaseCycle.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.milestone.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.milestoneChange.count(),
    db.prisma.release.count(),
    db.prisma.cycleOwner.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.kubernetesSupportEntry.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.deprecation.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify({ cycles: cycles.map(({ updatedAt: _u, ...c }) => c), milestones: milestones.map(({ updatedAt: _u, ...m }) => m), changes, releases, owners, kubernetes, deprecations });
}

describe('containerd’s seeded data', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('holds the real release table, computed against today', async () => {
    const { cycles } = await getProjectReleases(db.prisma, 'containerd', TODAY);
    const cycle = (name: string) => cycles.find((c) => c.name === name)!;
    expect(cycles.map((c) => c.name).slice(0, 4)).toEqual(['2.4', '2.3', '2.2', '2.1']);
    expect(cycle('2.3').lifecycle).toMatchObject({ label: 'LTS', isMaintained: true, endOfLife: { text: 'April 30, 2028' } });
    // Today's table says only "End of Life"; the table history shows 1.6 was LTS.
    expect(cycle('1.6').lifecycle).toMatchObject({ phase: 'END_OF_LIFE', isMaintained: false, isLts: true });
    expect(cycle('2.1').lifecycle.isLts).toBe(false);
    expect(cycle('2.2').lifecycle.phase).toBe('END_OF_LIFE'); // the table still says Active
    expect(cycle('2.2').publishedStatus).toBe('Active');
    expect(cycle('2.0').lifecycle).toMatchObject({ phase: 'EXTENDED', label: 'LTS (extended support)', endOfActiveSupport: { text: 'November 7, 2025' }, endOfLife: { text: 'March 2027', precision: 'MONTH' } });
    expect(cycle('2.4').lifecycle).toMatchObject({ phase: 'BETA', ga: { text: 'August 26, 2026', tentative: true, happened: false } });
    expect(cycle('2.0').owners.map((o) => [o.login, o.role])).toEqual([['samuelkarp', 'LTS_OWNER'], ['chrishenzie', 'LTS_OWNER']]);
    expect(cycle('2.2').owners).toEqual([{ login: 'containerd/committers', isTeam: true, role: 'RELEASE_OWNER' }]);
    expect(cycle('1.7').extendedSupportKubernetes).toEqual(['1.32', '1.31', '1.30']);
    expect(cycle('2.3').latestRelease).toEqual({ tag: 'v2.3.4', taggedOn: '2026-08-12' });
  });

  it('keeps the history of dates that moved, such as 2.0’s EOL', async () => {
    const detail = await getCycleDetail(db.prisma, 'containerd', '2.0', TODAY);
    const eol = detail.milestones.find((m) => m.kind === 'EOL')!;
    const published = eol.changes.filter((c) => c.field === 'published').map((c) => [c.changedAt.slice(0, 10), c.before, c.after]);
    expect(published).toEqual([
      ['2025-02-05', null, 'November 7, 2025 (tentative)'],
      ['2025-05-08', 'November 7, 2025 (tentative)', 'November 7, 2025'],
      ['2026-04-07', 'November 7, 2025', 'March 2027'],
    ]);
    expect(detail.policy).toMatchObject({ version: 1 });
    expect((await getCycleDetail(db.prisma, 'containerd', '2.3', TODAY)).policy).toMatchObject({ version: 2 });
  });

  it('records the actual beta, RC and GA dates from tags in the tagger’s time zone', async () => {
    const detail = await getCycleDetail(db.prisma, 'containerd', '2.3', TODAY);
    const actual = Object.fromEntries(detail.milestones.map((m) => [m.kind, m.actualOn]));
    expect(actual).toMatchObject({ BETA: '2026-03-17', RC: '2026-04-27', GA: '2026-04-30' });
    expect(detail.releases.filter((r) => r.preKind === null).map((r) => r.tag)).toEqual(['v2.3.4', 'v2.3.3', 'v2.3.2', 'v2.3.1', 'v2.3.0']);
  });

  it('serves 1.6 as LTS in the endoflife.date API', async () => {
    const snapshot = await loadEolSnapshot(db.prisma, 'containerd', TODAY);
    expect(v1ProductRelease(snapshot, '1.6', 'https://shepherd.test')!.result).toMatchObject({ name: '1.6', isLts: true, isEol: true, label: '1.6 (LTS)' });
    expect(v1ProductRelease(snapshot, '2.1', 'https://shepherd.test')!.result).toMatchObject({ isLts: false });
  });

  it('seeds only once: a second run changes nothing', async () => {
    const before = await snapshot(db);
    expect(await seedProjects(db.prisma)).toEqual({ seeded: [], alreadySeeded: ['containerd'] });
    expect(await snapshot(db)).toBe(before);
  });
});

describe('re-importing RELEASES.md', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('reports no change for the same file', async () => {
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: SEED_MD, source: 'same.md' });
    expect(report.changes).toEqual([]);
    expect(report.cycles).toEqual({ created: 0, updated: 0, unchanged: 16 });
  });

  it('applies a newer file and reports exactly what changed, with history', async () => {
    const newer = SEED_MD.replace(
      /\| \[2\.4\]\(([^)]+)\)\s*\|[^\n]*/,
      '| [2.4]($1) | Active | September 2, 2026 | May 2, 2027 | [@alice](https://github.com/alice), @bob |\n| [2.5](https://github.com/containerd/containerd/milestone/52) | _Future_ | December 30, 2026 (_tentative_) | August 30, 2027 (_tentative_) | _TBD_ |',
    ).replace('| 1.36               | 2.3.0+, 2.2.0+                   | v1              |', '| 1.36               | 2.4.0+, 2.3.0+, 2.2.0+           | v1              |');
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: newer, source: 'newer.md', now: new Date('2026-09-03T00:00:00Z') });
    expect(report.changes).toEqual([
      '2.4: status Future → Active',
      '2.4: GA planned August 26, 2026 (tentative) → September 2, 2026',
      expect.stringMatching(/^2\.4: the table says GA on 2026-09-02, but GA is blocked \(not recorded\): containerd 2\.4 cannot go GA: no release candidate has been qualified/),
      '2.4: EOL planned April 26, 2027 (tentative) → May 2, 2027',
      '2.4: owners @containerd/committers → @alice, @bob',
      '2.5: new release cycle (Future)',
      '2.5: GA planned December 30, 2026 (tentative)',
      '2.5: EOL planned August 30, 2027 (tentative)',
      'Kubernetes 1.36: 2.3.0+, 2.2.0+ (CRI v1) → 2.4.0+, 2.3.0+, 2.2.0+ (CRI v1)',
    ]);
    const ga = await db.prisma.milestone.findFirstOrThrow({ where: { kind: 'GA', cycle: { name: '2.4' } }, include: { changes: { where: { source: 'RELEASES.md import (newer.md)' } } } });
    expect(ga.changes.map((c) => [c.field, c.before, c.after])).toEqual([
      ['plannedOn', '2026-08-26', '2026-09-02'],
      ['tentative', 'true', 'false'],
    ]);
    expect(ga.actualOn).toBeNull();
    const imports = await db.prisma.releaseDocImport.findMany({ where: { source: 'newer.md' } });
    expect(imports).toHaveLength(1);

    // Once its newest RC is green, the same table records the GA.
    const cycle = await db.prisma.releaseCycle.findFirstOrThrow({ where: { name: '2.4', project: { slug: 'containerd' } } });
    await db.prisma.qualification.create({ data: { cycleId: cycle.id, tag: 'v2.4.0-rc.0', trigger: 'manual', status: 'PASSED' } });
    const again = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: newer, source: 'newer-again.md', now: new Date('2026-09-03T00:00:00Z') });
    expect(again.changes).toEqual(['2.4: GA happened September 2, 2026']);
  });

  it('rejects a file with an unreadable row, reports its line, and commits nothing', async () => {
    const before = await snapshot(db);
    const broken = SEED_MD.replace('| [2.3](', '| [2.3x](').replace('April 30, 2028 ', 'Aprul 30, 2028 ');
    const error = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: broken, source: 'broken.md' }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect(error.message).toMatch(/^broken\.md: 1 problem, nothing imported:\n {2}broken\.md:\d+ \(releases\) Release: "2\.3x" is not a <major>\.<minor> version$/);
    expect(await snapshot(db)).toBe(before);
  });

  it('rolls back everything when the database fails half-way', async () => {
    const before = await snapshot(db);
    // A cycle name that the database refuses only after earlier rows were written.
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "ReleaseCycle" ADD CONSTRAINT no_nine CHECK (name <> '9.9')`);
    const withNine = SEED_MD.replace(/(\| \[2\.4\][^\n]*\n)/, '$1| 9.9 | _Future_ | - | - | |\n').replace('| [2.3](', '| [2.3](');
    const changed = withNine.replace('@containerd/committers |\n| [2.4]', '@someone |\n| [2.4]');
    await expect(importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: changed, source: 'dies.md' })).rejects.toThrow(/no_nine/);
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "ReleaseCycle" DROP CONSTRAINT no_nine`);
    expect(await snapshot(db)).toBe(before);
  });
});

describe('importing tags', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('adds new tags, knows old ones, and sets what actually happened', async () => {
    const tsv = 'tag\tdate\nv2.4.0-beta.0\t2026-08-10 09:50:19 -0700\nv2.4.0-rc.0\t2026-09-01 23:30:00 -0700\nv2.5.0-beta.0\t2026-10-20 10:00:00 +0200\n';
    const report = await importTags(db.prisma, { projectSlug: 'containerd', tsv, source: 'new-tags.tsv' });
    expect(report).toMatchObject({ added: 2, known: 1 });
    expect(report.changes).toContain('2.4: RC happened September 1, 2026');
    expect(report.changes).toContain('2.5: new release cycle (first tag v2.5.0-beta.0)');
    const rc = await db.prisma.milestone.findFirstOrThrow({ where: { kind: 'RC', cycle: { name: '2.4' } } });
    expect(dayOf(rc.actualOn!)).toBe('2026-09-01'); // the tagger's day, not UTC's September 2
    expect((await importTags(db.prisma, { projectSlug: 'containerd', tsv, source: 'again.tsv' })).added).toBe(0);
  });

  it('rejects unreadable tags with their line numbers', async () => {
    const tsv = 'tag\tdate\nv2.4.1\t2026-09-10 10:00:00 +0000\nlatest\t2026-09-11 10:00:00 +0000\nv2.4.2\tyesterday\n';
    await expect(importTags(db.prisma, { projectSlug: 'containerd', tsv, source: 'bad.tsv' })).rejects.toThrow(
      'bad.tsv: 2 problems, nothing imported:\n  bad.tsv:3 (tags) tag: "latest" is not vX.Y.Z, vX.Y.Z-beta.N or vX.Y.Z-rc.N\n  bad.tsv:4 (tags) date: cannot read "yesterday" (expected "2022-02-15 17:49:36 -0800")',
    );
    expect(await db.prisma.release.count({ where: { tag: 'v2.4.1' } })).toBe(0);
  });
});

describe('a RELEASES.md cut short or dropping rows', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  const lines = SEED_MD.split('\n');
  // Cut cleanly at a row boundary: everything from "### Kubernetes Support" on is gone.
  const withoutKubernetes = lines.slice(0, lines.findIndex((line) => line.startsWith('### Kubernetes Support'))).join('\n');

  it('refuses a file whose Kubernetes tables are gone, naming them, and writes nothing', async () => {
    const before = await snapshot(db);
    const error = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: withoutKubernetes, source: 'cut.md' }).catch((e) => e);
    expect(error).toBeInstanceOf(RemovalsRefusedError);
    expect(error.code).toBe('failed_precondition');
    expect(error.removals).toEqual([
      'the whole Kubernetes support table (5 rows: Kubernetes 1.32, 1.33, 1.34, 1.35, 1.36)',
      'the whole older Kubernetes table (7 rows)',
    ]);
    expect(error.message).toMatch(/^cut\.md: the import would remove 2 records, nothing imported \(a truncated file\?\)\. Re-run with --allow-removals/);
    expect(await snapshot(db)).toBe(before);
    expect(await db.prisma.releaseDocImport.count({ where: { source: 'cut.md' } })).toBe(0);
  });

  it('refuses a release table cut in the middle, naming each cycle and matrix row that would go', async () => {
    const at = (prefix: string) => lines.findIndex((line) => line.startsWith(prefix));
    // Rows 2.1–2.4 of the release table and the Kubernetes 1.35 and 1.36 rows dropped, the rest intact.
    const cut = [...lines.slice(0, at('| [2.1]')), ...lines.slice(at('\\* Support'), at('| 1.35')), ...lines.slice(at('Deprecated containerd'))].join('\n');
    const error = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: cut, source: 'middle.md' }).catch((e) => e);
    expect(error).toBeInstanceOf(RemovalsRefusedError);
    expect(error.removals).toEqual([
      'release cycle 2.1 (End of Life) from the release table',
      'release cycle 2.2 (Active) from the release table',
      'release cycle 2.3 (LTS) from the release table',
      'release cycle 2.4 (Future) from the release table',
      'Kubernetes support row 1.35',
      'Kubernetes support row 1.36',
    ]);
  });

  it('--dry-run prints the change and writes nothing, removals included', async () => {
    const before = await snapshot(db);
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: withoutKubernetes, source: 'dry.md', dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.removals).toHaveLength(2);
    expect(report.changes).toContain('Kubernetes 1.36: no longer in the matrix (removed)');
    expect(report.changes).toContain('older Kubernetes table: removed "v1.1 | 1.10+ | v1alpha2"');
    expect(await snapshot(db)).toBe(before);
    expect(await db.prisma.releaseDocImport.count({ where: { source: 'dry.md' } })).toBe(0);

    // A dry run of an ordinary change reports exactly what the real run then does.
    const newer = SEED_MD.replace('| _Future_       | August 26, 2026 (_tentative_)', '| _Future_       | September 2, 2026 (_tentative_)');
    const dry = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: newer, source: 'newer-dry.md', dryRun: true, now: new Date('2026-08-01T00:00:00Z') });
    expect(await snapshot(db)).toBe(before);
    const real = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: newer, source: 'newer.md', now: new Date('2026-08-01T00:00:00Z') });
    expect(dry.changes).toEqual(['2.4: GA planned August 26, 2026 (tentative) → September 2, 2026 (tentative)']);
    expect(real.changes).toEqual(dry.changes);
    expect(real.dryRun).toBe(false);
  });

  it('applies the removals with --allow-removals and records them', async () => {
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: withoutKubernetes, source: 'allowed.md', allowRemovals: true });
    expect(report.removals).toHaveLength(2);
    expect(await db.prisma.kubernetesSupport.count()).toBe(0);
    expect(await db.prisma.legacyKubernetesSupport.count()).toBe(0);
    const recorded = await db.prisma.releaseDocImport.findFirstOrThrow({ where: { source: 'allowed.md' } });
    expect((recorded.summary as { removals: string[] }).removals).toEqual(report.removals);
  });
});

describe('LTS is history, not only today’s table', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  const header = 'merged_date\tmerge_commit\tpr\trelease\tstatus\tstart\tend_of_life\towners';
  const row = (date: string, pr: string, release: string, status: string, start: string, eol: string) => `${date}\tabc1234\t${pr}\t${release}\t${status}\t${start}\t${eol}\t@containerd/committers`;

  it('keeps a cycle LTS that later lost its marker, and a re-import of today’s table keeps it', async () => {
    // 1.5 was LTS, then extended, then only "End of Life" (shaped like 1.6's real rows: #11294, #12135, #12348).
    const tsv = [
      header,
      row('2022-06-01', '#7001', '1.5', 'LTS', 'May 3, 2021', 'February 28, 2023'),
      row('2023-01-10', '#8001', '1.5', 'Extended', 'May 3, 2021', 'February 28, 2023'),
      row('2023-03-01', '#8100', '1.5', 'End of Life', 'May 3, 2021', 'February 28, 2023'),
      // A planned LTS that was dropped before release is not LTS.
      row('2026-05-01', '#9001', '2.4', 'LTS (_future_)', 'August 26, 2026 (_tentative_)', 'April 26, 2027 (_tentative_)'),
      row('2026-06-01', '#9002', '2.4', '_Future_', 'August 26, 2026 (_tentative_)', 'April 26, 2027 (_tentative_)'),
    ].join('\n');
    const result = await importTableHistory(db.prisma, { projectSlug: 'containerd', tsv, source: 'history.tsv', repository: 'containerd/containerd' });
    expect(result.report).toEqual(['1.5: LTS (the table history says so: containerd/containerd#7001, 2022-06-01)']);
    const cycles = await getProjectReleases(db.prisma, 'containerd', TODAY);
    const lts = (name: string) => cycles.cycles.find((c) => c.name === name)!.lifecycle.isLts;
    expect([lts('1.5'), lts('1.6'), lts('2.4')]).toEqual([true, true, false]);

    const again = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: SEED_MD, source: 'same.md' });
    expect(again.changes).toEqual([]);
    expect([lts('1.5'), lts('1.6')]).toEqual([true, true]);
    expect((await importTableHistory(db.prisma, { projectSlug: 'containerd', tsv, source: 'history.tsv', repository: 'containerd/containerd' })).report).toEqual([]);
  });

  it('lets a planned LTS go when the table no longer plans it', async () => {
    const dropped = SEED_MD.replace('| LTS            | April 30, 2026 ', '| Active         | April 30, 2026 ');
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: dropped.replace('| [2.4](https://github.com/containerd/containerd/milestone/51)         | _Future_  ', '| [2.4](https://github.com/containerd/containerd/milestone/51)         | LTS (_future_)'), source: 'planned.md' });
    expect(report.changes).toContain('2.4: now LTS');
    const unplanned = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: dropped, source: 'unplanned.md' });
    expect(unplanned.changes).toContain('2.4: no longer LTS');
  });
});

describe('the GA gate on a RELEASES.md import', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('migrated');
    await db.prisma.project.create({ data: { slug: 'containerd', name: 'containerd', repository: 'containerd/containerd' } });
  });
  afterAll(() => db.close());

  it('takes a project’s first table as history: its started releases are GA, the gate governs the next minor', async () => {
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: SEED_MD, source: 'first.md', now: new Date(`${TODAY}T12:00:00Z`) });
    expect(report.changes[0]).toBe('GA gate: applies from 2.4 on (the releases the table lists as started, up to 2.3, existed before Shepherd governed containerd)');
    expect(report.changes).toContain('2.3: GA happened April 30, 2026');
    expect(report.changes.some((line) => line.includes('blocked'))).toBe(false);
    const scope = await db.prisma.gaGateScope.findUniqueOrThrow({ where: { projectId: (await db.prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } })).id } });
    expect(scope.firstCycle).toBe('2.4');
  });

  it('plans a start the table gives as certain but still ahead, without recording it as happened', async () => {
    const certain = SEED_MD.replace(/\| \[2\.4\]\(([^)]+)\)\s*\|[^\n]*/, '| [2.4]($1) | _Future_ | December 20, 2026 | August 20, 2027 | _TBD_ |');
    const report = await importReleasesMd(db.prisma, { projectSlug: 'containerd', markdown: certain, source: 'ahead.md', now: new Date(`${TODAY}T12:00:00Z`) });
    expect(report.changes).toContain("2.4: the table's start 2026-12-20 is still ahead, so GA is planned, not recorded");
    const ga = await db.prisma.milestone.findFirstOrThrow({ where: { kind: 'GA', cycle: { name: '2.4' } } });
    expect([dayOf(ga.plannedOn!), ga.actualOn]).toEqual(['2026-12-20', null]);
  });
});
