import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../../../../test/fakes/github/server';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { CLI } from '../auth/actor';
import { getProjectReleases } from '../releases/get-releases';
import { syncProject } from '../github/sync-repository';
import { addProject } from './add-project';

// A project added with nothing yet gets its release data from the GitHub sync of its repository
// (here the local fake GitHub): its tags become cycles, and its support dates are computed.

const POLICIES = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'tidepool', 'policy.json'), 'utf8')) as unknown[];

describe('a project added with nothing yet, filled by the GitHub sync', () => {
  let database: Database;
  let fake: FakeGithub;
  beforeAll(async () => {
    database = await openTestDatabase('migrated');
    fake = await startFakeGithub();
  });
  afterAll(async () => {
    await fake?.close();
    await database?.close();
  });

  it('maps the synced tags onto cycles and computes their support dates from the policy', async () => {
    const prisma = database.prisma;
    await addProject(prisma, CLI, { slug: 'shoal', repository: 'example-org/shoal', ltsUpgradeLine: ['2.1'], policies: POLICIES, releaseData: { kind: 'none' } }, { today: '2026-11-28' });
    const repo = fake.repository('example-org/shoal');
    // Each tag with a GitHub release: its creation time dates the tag.
    for (const [tag, at] of [['v2.0.0', '2025-09-16T08:00:00Z'], ['v2.1.0-rc.0', '2026-02-25T03:41:30Z'], ['v2.1.0', '2026-03-18T17:15:02Z'], ['v2.1.1', '2026-06-02T18:30:48Z'], ['v2.2.0', '2026-09-16T12:00:00Z']]) {
      repo.addTag(tag, { release: true, at: Date.parse(at) });
    }
    const report = await syncProject(prisma, 'shoal', { config: { apiUrl: fake.url, auth: { kind: 'token', token: 'test-token' }, webhookSecret: null }, trigger: 'test', clientOptions: { retryBaseMs: 1 } });
    expect(report.mappedTags.sort()).toEqual(['v2.0.0', 'v2.1.0', 'v2.1.0-rc.0', 'v2.1.1', 'v2.2.0']);

    const { cycles } = await getProjectReleases(prisma, 'shoal', '2026-11-28');
    const life = Object.fromEntries(cycles.map((cycle) => [cycle.name, cycle.lifecycle]));
    expect(life['2.2']).toMatchObject({ phase: 'ACTIVE', endOfLife: { date: '2027-06-16' }, supportComputedFrom: { version: 2 } });
    expect(life['2.1']).toMatchObject({ isLts: true, label: 'LTS', endOfActiveSupport: { date: '2026-12-18' }, endOfLife: { date: '2027-06-18' } });
    expect(life['2.0']).toMatchObject({ phase: 'END_OF_LIFE', endOfLife: { date: '2026-06-16' } });
    // Historical release candidates (their GA already happened) are not queued for qualification.
    expect(await prisma.qualification.count()).toBe(0);
  });
});
