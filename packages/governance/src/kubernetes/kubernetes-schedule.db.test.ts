import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { PROJECT_ROOT } from '../db/config';
import { openTestDatabase } from '../testing/test-database';
import { importKubernetesSchedule, readScheduleDirectory, seedKubernetesSchedule } from './import-kubernetes-schedule';
import { parseExceptions, parseReleaseSchedule } from './parse-release-schedule';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'kubernetes');
const markdown = fs.readFileSync(path.join(FIXTURES, 'release-schedule.md'), 'utf8');

describe('the Kubernetes release schedule (sig-release, v1.30–v1.37)', () => {
  it('reads every release with its freezes as UTC instants', () => {
    const { releases, problems } = parseReleaseSchedule(markdown);
    expect(problems).toEqual([]);
    expect(releases.map((r) => r.version)).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(releases.find((r) => r.version === '1.36')).toEqual({
      version: '1.36',
      proposed: false,
      cycleStart: '2026-01-12',
      prrFreeze: '2026-02-05T12:00:00.000Z',
      enhancementsFreeze: '2026-02-12T12:00:00.000Z',
      codeFreeze: '2026-03-19T12:00:00.000Z',
      docsFreeze: '2026-04-09T12:00:00.000Z',
      releaseOn: '2026-04-22',
    });
    expect(releases.find((r) => r.version === '1.37')?.proposed).toBe(true);
    expect(releases.find((r) => r.version === '1.30')?.codeFreeze).toBe('2024-03-06T02:00:00.000Z');
  });

  it('reports a row it cannot read with its line, and rejects a file without the table', () => {
    const broken = markdown.replace('| v1.33 | `6f81c1d1` 2025-04-21 | 2025-01-13 |', '| v1.33 | `6f81c1d1` 2025-04-21 | soon |');
    const { releases, problems } = parseReleaseSchedule(broken);
    expect(releases).toHaveLength(7);
    expect(problems).toEqual([{ line: expect.any(Number), field: 'cycleStart', message: '"soon" is not a date' }]);
    expect(parseReleaseSchedule('# nothing').problems[0].field).toBe('(table)');
  });

  it('reads the exception requests of every release file', () => {
    const dir = path.join(FIXTURES, 'exceptions');
    const all = fs.readdirSync(dir).map((name) => parseExceptions(fs.readFileSync(path.join(dir, name), 'utf8'), name));
    expect(all.flatMap((r) => r.problems)).toEqual([]);
    const exceptions = all.flatMap((r) => r.exceptions);
    expect(exceptions.length).toBe(69);
    expect(exceptions).toContainEqual({ freeze: 'enhancementFreeze', kepNumber: '5823', name: 'Pod-Level Checkpoint/Restore', status: 'approved', dateRequested: '2026-02-12', dateReviewed: '2026-02-14' });
  });
});

describe('importing the schedule', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('migrated');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('stores releases and exceptions, and a second import changes nothing', async () => {
    const first = await seedKubernetesSchedule(database.prisma, path.join(PROJECT_ROOT, 'prisma', 'seed', 'kubernetes'));
    expect(first).toMatchObject({ releases: 8, exceptions: 69, problems: [] });
    const before = await database.prisma.kubernetesException.findMany({ orderBy: { id: 'asc' } });
    await importKubernetesSchedule(database.prisma, { ...readScheduleDirectory(FIXTURES), source: 'again' });
    expect(await database.prisma.kubernetesRelease.count()).toBe(8);
    expect(await database.prisma.kubernetesException.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    const v136 = await database.prisma.kubernetesRelease.findUniqueOrThrow({ where: { version: '1.36' } });
    expect(v136.codeFreeze.toISOString()).toBe('2026-03-19T12:00:00.000Z');
    expect(v136.releaseOn.toISOString().slice(0, 10)).toBe('2026-04-22');
  });

  it('reports exception files it cannot place', async () => {
    const report = await importKubernetesSchedule(database.prisma, { markdown, source: 'x', exceptionFiles: [{ file: 'release-1.29.yaml', text: 'codeFreeze:\n- name: a\n  issue: 1\n' }, { file: 'notes.yaml', text: '' }] });
    expect(report.problems.map((p) => `${p.file}: ${p.message}`)).toEqual(['notes.yaml: not named release-1.NN.yaml: skipped', 'release-1.29.yaml: Kubernetes 1.29 is not in the schedule: its exceptions were skipped']);
  });
});
