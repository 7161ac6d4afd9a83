import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@shepherd/governance/db/index';
import { openTestDatabase } from '@shepherd/governance/testing/test-database';
import { startFakeGithub, type FakeGithub } from '../test/fakes/github/server';
import { seedEnhancements } from '../test/fakes/github/seed-enhancements';
import { JOBS } from './index';

// The registered `keps` job against the fake GitHub's contents API, configured as in production
// (GITHUB_API_URL, GITHUB_TOKEN): the first run imports, the next asks one 304.
let database: Database;
let fake: FakeGithub;
const saved = { url: process.env.GITHUB_API_URL, token: process.env.GITHUB_TOKEN };

beforeAll(async () => {
  database = await openTestDatabase('migrated');
  fake = await startFakeGithub();
  const repo = seedEnhancements(fake, { only: (dir) => dir.startsWith('2625-') || dir.startsWith('4960-') });
  // KEP-4960's enhancement issue, opted in and tracked for 1.37.
  for (const label of ['sig/node', 'stage/beta', 'lead-opted-in', 'tracked/yes']) repo.addLabel(label);
  const milestone = repo.addMilestone({ title: 'v1.37' });
  repo.addIssue({ number: 4960, title: 'Container Stop Signals', labels: ['sig/node', 'stage/beta', 'lead-opted-in', 'tracked/yes'], milestone: milestone.number, createdAt: '2024-11-21T09:00:00Z', updatedAt: '2026-06-10T12:00:00Z' });
  process.env.GITHUB_API_URL = fake.url;
  process.env.GITHUB_TOKEN = 'jobs-keps-token';
});
afterAll(async () => {
  process.env.GITHUB_API_URL = saved.url;
  process.env.GITHUB_TOKEN = saved.token;
  await fake?.close();
  await database?.close();
});

describe('keps job', () => {
  it('imports kep.yaml and PRR approvals through the contents API, then costs one conditional request per folder', async () => {
    const job = JOBS.find((candidate) => candidate.name === 'keps')!;
    expect(job.schedule).toBe('17 */6 * * *');
    const log = () => undefined;
    const first = await job.run({ prisma: database.prisma, log });
    // kep.yaml: the listing and 2 files; PRR: keps/prod-readiness, its sig-node folder and 2 files.
    expect(first).toMatch(/^kubernetes\/enhancements: 7 requests \(0 × 304\), 2 KEP file\(s\) read: 2 new, 0 changed, 0 unchanged, 0 skipped; 2 PRR approval file\(s\): 2 new, 0 changed, 0 unchanged, 0 skipped; \d+ problem\(s\): /);
    expect(first).toContain('kubernetes/enhancements/keps/sig-node/2625-cpumanager-policies-thread-placement/kep.yaml status: "imlpemented" is not one of');
    expect((await database.prisma.kep.findMany({ orderBy: { number: 'asc' } })).map((kep) => kep.number)).toEqual(['2625', '4960']);
    expect((await database.prisma.prrApproval.findMany({ orderBy: { number: 'asc' } })).map((prr) => `${prr.number}: ${JSON.stringify(prr.approvals)}`)).toEqual([
      '2625: [{"stage":"alpha","approver":"johnbelamaric"},{"stage":"beta","approver":"johnbelamaric"},{"stage":"stable","approver":"johnbelamaric"}]',
      '4960: [{"stage":"alpha","approver":"deads2k"},{"stage":"beta","approver":"deads2k"}]',
    ]);
    expect(first).toMatch(/; kubernetes\/enhancements \(enhancement issues\): full, \d+ requests \(0 × 304\), 1 issue\(s\) changed, 0 status announcement\(s\) read$/);
    expect(await database.prisma.kepReleaseTeamRecord.findMany({ select: { enhancementIssue: true, kubernetesRelease: true, optedIn: true, tracked: true } })).toEqual([
      { enhancementIssue: 4960, kubernetesRelease: '1.37', optedIn: true, tracked: 'yes' },
    ]);
    expect(await job.run({ prisma: database.prisma, log })).toBe(
      'kubernetes/enhancements: 2 requests (2 × 304), 0 KEP file(s) read: 0 new, 0 changed, 0 unchanged, 0 skipped; kubernetes/enhancements (enhancement issues): incremental, 1 requests (1 × 304), 0 issue(s) changed, 0 status announcement(s) read',
    );
  });
});
