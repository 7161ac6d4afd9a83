import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { ANONYMOUS, CLI, type Actor, type UserActor } from '../auth/actor';
import { getCycleDetail, getProjectReleases } from '../releases/get-releases';
import { importTags } from '../releases/import-tags';
import { updateCycleSupport } from '../releases/update-cycle-support';
import { updateCyclePlan } from '../planning/edit-plan';
import { loadEolSnapshot } from '../eol/load-eol-snapshot';
import { shepherdProject } from '../eol/to-shepherd-api';
import { v1Product } from '../eol/to-endoflife-v1';
import { seedProjects } from '../seed/seed-projects';
import { addProject } from './add-project';
import { listProjectSummaries } from './list-project-summaries';

// Adding a second project (the invented "tidepool", see test/fixtures/tidepool) from a tags file
// and a versioned policy, and the support dates Shepherd computes for a project without a table.

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'tidepool');
const TAGS = fs.readFileSync(path.join(FIXTURES, 'tags.tsv'), 'utf8');
const POLICIES = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'policy.json'), 'utf8')) as unknown[];
const TODAY = '2026-11-28';
const admin: UserActor = { kind: 'user', userId: 0, login: 'root', isInstanceAdmin: true, grants: [], via: 'session' };

const tidepool = (overrides: object = {}) => ({
  slug: 'tidepool',
  name: 'Tidepool',
  repository: 'example-org/tidepool',
  homepage: 'https://tidepool.example.org',
  ltsUpgradeLine: ['1.4', '2.1'],
  policies: POLICIES,
  releaseData: { kind: 'tags', text: TAGS, source: 'test/fixtures/tidepool/tags.tsv' },
  ...overrides,
});

describe('adding a project (database)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('seeded');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('adds a project from its tags and policy, audited, and computes its cycles and support dates', async () => {
    const prisma = database.prisma;
    const report = await addProject(prisma, admin, tidepool(), { today: TODAY });
    expect(report).toMatchObject({ slug: 'tidepool', repository: 'example-org/tidepool', supportDates: 'COMPUTED', policies: [1, 2], notes: [] });
    expect(report.imported).toMatchObject({ kind: 'tags', report: { added: 45, known: 0 } });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'project.create' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: 'root', target: 'tidepool' });
    expect(audit.after).toMatchObject({ repository: 'example-org/tidepool', supportDates: 'COMPUTED', policies: ['v1 4-month cadence (from 2022-01-01)', 'v2 6-month cadence, an LTS every March (from 2025-06-01)'] });

    const { cycles } = await getProjectReleases(prisma, 'tidepool', TODAY);
    const byName = Object.fromEntries(cycles.map((cycle) => [cycle.name, cycle.lifecycle]));
    expect(cycles.map((cycle) => cycle.name)).toEqual(['2.3', '2.2', '2.1', '2.0', '1.4', '1.3', '1.2', '1.1', '1.0', '0.9']);
    const support = (name: string) => [byName[name].phase, byName[name].endOfActiveSupport?.date, byName[name].endOfLife?.date, byName[name].supportComputedFrom?.version];
    // v1 "longer-of": 12 months after GA or 4 after the next minor's GA, whichever is later.
    expect(support('0.9')).toEqual(['END_OF_LIFE', '2023-06-14', '2023-06-14', 1]);
    expect(support('1.0')).toEqual(['END_OF_LIFE', '2024-01-10', '2024-01-10', 1]);
    // 1.4 is on the LTS line: 36 months of LTS after GA (May 21, 2024), active support until 4 months after 2.0.
    expect(support('1.4')).toEqual(['EXTENDED', '2026-01-16', '2027-05-21', 1]);
    expect(byName['1.4']).toMatchObject({ isLts: true, label: 'LTS (extended support)' });
    // v2 from 2.0: 9 months after GA; 2.1 (March) is LTS without two LTS owners: 6 months of extended support.
    expect(support('2.0')).toEqual(['END_OF_LIFE', '2026-06-16', '2026-06-16', 2]);
    expect(support('2.1')).toEqual(['ACTIVE', '2026-12-18', '2027-06-18', 2]);
    expect(support('2.2')).toEqual(['ACTIVE', '2027-06-16', '2027-06-16', 2]);
    // A cycle with only a beta tag has no GA, so nothing to compute from.
    expect(byName['2.3']).toMatchObject({ phase: 'BETA', endOfLife: null, supportComputedFrom: null });
    // The GA is the x.y.0 tag's day in the tagger's time zone (2.2.0 was tagged 23:30 -0700).
    expect(byName['2.2'].ga).toMatchObject({ date: '2026-09-16', happened: true, tentative: false });
  });

  it('says where each date comes from in the public shapes, and links no RELEASES.md', async () => {
    const snapshot = await loadEolSnapshot(database.prisma, 'tidepool', TODAY);
    const shepherd = shepherdProject(snapshot, 'https://shepherd.test');
    expect(shepherd.project).toMatchObject({ slug: 'tidepool', supportDates: 'computed' });
    const cycle = shepherd.cycles.find((candidate) => candidate.name === '2.1')!;
    expect(cycle).toMatchObject({ isLts: true, supportDates: { source: 'computed', policy: { version: 2, name: '6-month cadence, an LTS every March' } }, endOfLife: { date: '2027-06-18', precision: 'day' } });
    expect(shepherd.cycles.find((candidate) => candidate.name === '2.3')!.supportDates).toBeNull();
    const v1 = v1Product(snapshot, 'https://shepherd.test').result;
    expect(v1.links.releasePolicy).toBeNull();
    expect(v1.releases.map((release) => release.name)).toEqual(['2.2', '2.1', '2.0', '1.4', '1.3', '1.2', '1.1', '1.0', '0.9']);
    expect(v1.releases[1]).toMatchObject({ name: '2.1', isLts: true, isEol: false, eolFrom: '2027-06-18', eoasFrom: '2026-12-18', latest: { name: '2.1.2' }, custom: { supportDates: 'computed', supportPolicy: 'v2: 6-month cadence, an LTS every March' } });
    // containerd publishes its table: recorded dates, and its RELEASES.md is the policy link.
    const containerd = v1Product(await loadEolSnapshot(database.prisma, 'containerd', TODAY), 'https://shepherd.test').result;
    expect(containerd.links.releasePolicy).toBe('https://github.com/containerd/containerd/blob/main/RELEASES.md');
    expect(containerd.releases[0].custom).toMatchObject({ supportDates: 'recorded', supportPolicy: null });
  });

  it('follows the policy: two LTS owners give 2.1 its full two years; a recorded date wins over the computed one', async () => {
    const prisma = database.prisma;
    await updateCyclePlan(prisma, admin, { project: 'tidepool', cycle: '2.1', ltsOwners: ['alice', 'bob'] }, TODAY);
    expect((await getCycleDetail(prisma, 'tidepool', '2.1', TODAY)).cycle.lifecycle.endOfLife?.date).toBe('2028-03-18');

    await updateCycleSupport(prisma, admin, { project: 'tidepool', cycle: '2.2', endOfLife: { date: '2027-09', precision: 'MONTH', tentative: false } });
    const detail = await getCycleDetail(prisma, 'tidepool', '2.2', TODAY);
    expect(detail.cycle.lifecycle.endOfLife).toMatchObject({ date: '2027-09-01', precision: 'MONTH' });
    // The end of active support is still computed, and the cycle page marks which milestone is which.
    expect(detail.cycle.lifecycle.supportComputedFrom).toEqual({ version: 2, name: '6-month cadence, an LTS every March' });
    expect(detail.milestones.filter((m) => m.kind === 'EOL' || m.kind === 'END_OF_ACTIVE_SUPPORT').map((m) => [m.kind, m.plannedOn, m.computed])).toEqual([
      ['END_OF_ACTIVE_SUPPORT', '2027-06-16', true],
      ['EOL', '2027-09-01', false],
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const prisma = database.prisma;
    const before = { projects: await prisma.project.count(), audit: await prisma.auditEvent.count() };
    const add = (overrides: object, actor: Actor = admin) => addProject(prisma, actor, tidepool({ slug: 'second', repository: 'example-org/second', ...overrides }));
    await expect(add({ slug: 'Tide Pool' })).rejects.toThrow('slug: lowercase letters, digits and inner dashes');
    await expect(add({ slug: 'tidepool' })).rejects.toThrow('slug: a project "tidepool" already exists (example-org/tidepool)');
    await expect(add({ repository: 'Example-Org/Tidepool' })).rejects.toThrow('repository: Example-Org/Tidepool is already the repository of project "tidepool"');
    await expect(add({ repository: 'tidepool' })).rejects.toThrow('repository: expected a GitHub repository as owner/name');
    await expect(add({ ltsUpgradeLine: ['2.1', '1.4'] })).rejects.toThrow('ltsUpgradeLine: list the LTS releases oldest first');
    await expect(add({ policies: [] })).rejects.toThrow('policies: a project needs at least one release policy');
    const broken = structuredClone(POLICIES) as { rules: { cadence: { months: number[] } } }[];
    broken[1].rules.cadence.months = [3, 13];
    await expect(add({ policies: broken })).rejects.toThrow('policies[1].rules.cadence.months[1]: Too big');
    await expect(add({ policies: [POLICIES[0], POLICIES[0]] })).rejects.toThrow('policies: version 1 appears twice');
    const badTags = `${TAGS}v2.4.0-preview\t2026-11-20 10:00:00 +0000\nv2.4.0\tlast tuesday\n`;
    await expect(add({ releaseData: { kind: 'tags', text: badTags, source: 'tags.tsv' } })).rejects.toThrow(
      /tags\.tsv: 2 problems, nothing imported:\n {2}tags\.tsv:47 \(tags\) tag: "v2\.4\.0-preview".*\n {2}tags\.tsv:48 \(tags\) date: cannot read "last tuesday"/,
    );
    await expect(add({ releaseData: { kind: 'releases-md', text: '| Release | Status |\n|---|---|\n| 9.x | Sideways |\n', source: 'RELEASES.md' } })).rejects.toThrow(/RELEASES\.md: \d+ problems?, nothing imported/);
    await expect(add({}, { ...admin, isInstanceAdmin: false })).rejects.toThrow('You cannot add the project second: root is not an instance admin.');
    await expect(add({}, ANONYMOUS)).rejects.toThrow('sign in first');
    expect({ projects: await prisma.project.count(), audit: await prisma.auditEvent.count() }).toEqual(before);
  });

  it('adds a project with nothing yet; tags arriving later (the sync, or a tags import) bring its cycles and computed dates', async () => {
    const prisma = database.prisma;
    const report = await addProject(prisma, CLI, tidepool({ slug: 'shoal', name: 'Shoal', repository: 'example-org/shoal', ltsUpgradeLine: [], releaseData: { kind: 'none' } }), { today: TODAY });
    expect(report).toMatchObject({ supportDates: 'COMPUTED', imported: null, notes: [] });
    expect((await getProjectReleases(prisma, 'shoal', TODAY)).cycles).toEqual([]);
    const summary = (await listProjectSummaries(prisma)).find((project) => project.slug === 'shoal');
    expect(summary).toMatchObject({ addedBy: 'cli', cycles: 0, policies: [1, 2], supportDates: 'COMPUTED' });

    await importTags(prisma, { projectSlug: 'shoal', tsv: 'tag\tdate\nv2.2.0\t2026-09-16 23:30:05 -0700\n', source: 'GitHub example-org/shoal' });
    const [cycle] = (await getProjectReleases(prisma, 'shoal', TODAY)).cycles;
    expect(cycle).toMatchObject({ name: '2.2', lifecycle: { phase: 'ACTIVE', endOfLife: { date: '2027-06-16' }, supportComputedFrom: { version: 2 } } });
  });

  it('names the released cycles no policy covers instead of guessing their dates', async () => {
    const late = (POLICIES as { version: number }[]).filter((policy) => policy.version === 2).map((policy) => ({ ...policy, version: 1, firstCycle: null }));
    const report = await addProject(database.prisma, admin, tidepool({ slug: 'reef', repository: 'example-org/reef', policies: late }), { today: TODAY });
    expect(report.notes).toEqual([
      '0.9, 1.0, 1.1, 1.2, 1.3, 1.4: released before any policy took effect, so no support dates were computed (add an earlier policy version, or set their dates on each release page)',
    ]);
  });

  it('a RELEASES.md table makes the project publish its own support dates', async () => {
    const markdown = fs.readFileSync(path.resolve(FIXTURES, '..', '..', '..', 'prisma', 'seed', 'containerd', 'RELEASES.md'), 'utf8');
    const report = await addProject(database.prisma, admin, tidepool({ slug: 'fork', repository: 'example-org/containerd-fork', releaseData: { kind: 'releases-md', text: markdown, source: 'RELEASES.md' } }), { today: TODAY });
    expect(report).toMatchObject({ supportDates: 'PUBLISHED', imported: { kind: 'releases-md' } });
    const { cycles } = await getProjectReleases(database.prisma, 'fork', TODAY);
    expect(cycles.find((cycle) => cycle.name === '2.2')?.lifecycle).toMatchObject({ endOfLife: { date: '2026-11-06' }, supportComputedFrom: null });
  });

  it('a bundled seed never replaces a project an admin added under the same slug', async () => {
    const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-seed-'));
    try {
      fs.mkdirSync(path.join(seedDir, 'tidepool'));
      fs.writeFileSync(path.join(seedDir, 'tidepool', 'RELEASES.md'), '');
      fs.writeFileSync(
        path.join(seedDir, 'tidepool', 'project.json'),
        JSON.stringify({ slug: 'tidepool', name: 'Seeded', repository: 'example-org/seeded', files: { releasesMd: 'RELEASES.md' }, policies: [] }),
      );
      const result = await seedProjects(database.prisma, { seedDir });
      expect(result).toEqual({ seeded: [], alreadySeeded: ['tidepool'] });
      expect(await database.prisma.project.findUniqueOrThrow({ where: { slug: 'tidepool' } })).toMatchObject({ name: 'Tidepool', repository: 'example-org/tidepool' });
    } finally {
      fs.rmSync(seedDir, { recursive: true, force: true });
    }
  });
});
