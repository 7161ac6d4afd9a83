import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../../../../test/fakes/github/server';
import { seedEnhancementIssues, type SeededEnhancementIssues } from '../../../../test/fakes/github/seed-enhancement-issues';
import type { Database } from '../db';
import { PROJECT_ROOT } from '../db/config';
import { applyQueuedDeliveries } from '../github/apply-webhook-deliveries';
import type { GithubConfig } from '../github/github-config';
import { receiveWebhook } from '../github/receive-webhook';
import { seedKubernetesSchedule } from '../kubernetes/import-kubernetes-schedule';
import { openTestDatabase } from '../testing/test-database';
import { getLiaisonBoard } from './get-liaison-board';
import { importKeps } from './import-keps';
import { readKepSources } from './read-kep-sources';
import { describeEnhancementSync, syncEnhancementIssues } from './sync-enhancement-issues';

// kubernetes/enhancements issues shaped like the real ones (test/fakes/github/seed-enhancement-issues.ts)
// mirrored through the fake GitHub with @octokit/rest: the release team's labels, milestones and status
// comments become each KEP's state in Kubernetes 1.37, kept across removals and deferrals; quiet runs
// cost 304s; webhook deliveries do the same as the sync.

const SECRET = 'enhancements-webhook-secret';
const today = new Date('2026-07-10T00:00:00Z');
const KEPS = ['2033-', '4033-', '4960-', '5758-', '5823-', '5855-', '6035-'];

let db: Database;
let fake: FakeGithub;
let config: GithubConfig;
let seeded: SeededEnhancementIssues;
let clock = Date.parse('2026-06-16T12:00:00Z');

const states = async (on = today) => {
  const board = await getLiaisonBoard(db.prisma, 'containerd', '1.37', { today: on });
  return Object.fromEntries(board.rows.filter((r) => r.releaseTeam.state !== 'UNKNOWN').map((r) => [r.kepNumber, r.releaseTeam.label]));
};

beforeAll(async () => {
  db = await openTestDatabase('seeded');
  await seedKubernetesSchedule(db.prisma);
  // The KEPs of the seeded issues, with their PRR files, and a crafted KEP of sig-scheduling that sig-node takes part in.
  const read = readKepSources(path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps'));
  const mine = (file: string) => KEPS.some((prefix) => file.includes(`/sig-node/${prefix}`) || file.includes(`/sig-node/${prefix.slice(0, -1)}.yaml`));
  const participating = {
    file: 'crafted/kep.yaml', key: 'sig-scheduling/6100-crafted-node-aware-gang-scheduling', directory: '6100-crafted-node-aware-gang-scheduling', sig: 'sig-scheduling',
    raw: { title: 'Crafted: node-aware gang scheduling', 'kep-number': '6100', 'owning-sig': 'sig-scheduling', 'participating-sigs': ['sig-node'], status: 'implementable', stage: 'alpha', 'latest-milestone': 'v1.37', milestone: { alpha: 'v1.37' } },
  };
  const unissued = { ...participating, file: 'crafted2/kep.yaml', key: 'sig-node/6199-crafted-no-issue-yet', directory: '6199-crafted-no-issue-yet', sig: 'sig-node', raw: { ...participating.raw, title: 'Crafted: no issue yet', 'kep-number': '6199', 'owning-sig': 'sig-node', 'participating-sigs': [] } };
  await importKeps(db.prisma, { sources: [...read.sources.filter((s) => mine(s.file)), participating, unissued], prr: read.prr!.filter((p) => mine(p.file)), now: today });
  fake = await startFakeGithub({ now: () => clock });
  config = { apiUrl: fake.url, auth: { kind: 'token', token: 'enhancements-token' }, webhookSecret: SECRET };
  seeded = seedEnhancementIssues(fake);
  seeded.repo.addIssue({ number: 6100, title: 'Crafted: node-aware gang scheduling', labels: ['sig/scheduling', 'stage/alpha', 'lead-opted-in'], milestone: 2, author: 'octocat', createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-06-01T00:00:00Z' });
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await db?.close();
});

describe('enhancement issues through the GitHub sync', () => {
  it('mirrors SIG Node’s enhancement issues and reads each KEP’s state in the release from labels, milestone and status comments', async () => {
    const before = fake.requests.length;
    const first = await syncEnhancementIssues(db.prisma, { config });
    expect(first).toMatchObject({ repository: 'kubernetes/enhancements', mode: 'full', issues: 8, changed: 8, fetchedAlone: 2, missing: [6199], announcements: 4 });
    const beforeFreeze = new Date('2026-06-16T00:00:00Z');
    const paths = fake.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/since=[^&]+/, 'since=…')} ${r.status}`);
    expect(paths.slice(0, 4)).toEqual([
      'GET /repos/kubernetes/enhancements/issues?labels=sig%2Fnode&state=all&sort=created&direction=asc&per_page=100 200',
      'GET /repos/kubernetes/enhancements/issues?labels=sig%2Fnode&state=all&sort=updated&direction=desc&since=…&per_page=100 200',
      'GET /repos/kubernetes/enhancements/issues/6100 200',
      'GET /repos/kubernetes/enhancements/issues/6199 404',
    ]);
    // The KEP pull request carries sig/node too; it is not an enhancement issue.
    expect(await db.prisma.githubIssue.count({ where: { number: 6300 } })).toBe(0);
    expect(await states(beforeFreeze)).toEqual({
      '4960': 'tracked',
      '6035': 'tracked',
      '5823': 'tracked',
      '5758': 'at risk for enhancements freeze',
      // Every requirement Shepherd can see is met: waiting for the team's tracked/yes.
      '2033': 'opted in',
      '5855': 'not opted in',
      '6100': 'at risk for enhancements freeze',
    });
    // Opted in, never marked tracked/yes, and the enhancements freeze (2026-06-17) has passed.
    expect((await states())['2033']).toBe('at risk for enhancements freeze');
    const board = await getLiaisonBoard(db.prisma, 'containerd', '1.37', { today: beforeFreeze });
    const row = (n: string) => board.rows.find((r) => r.kepNumber === n)!;
    expect(row('5758').releaseTeam.reasons).toEqual(['the release team announced "at risk for enhancements freeze" (2026-06-03)']);
    expect(row('6100').releaseTeam.missing).toEqual(['no PRR approval for alpha (keps/prod-readiness)']);
    expect(row('6199').releaseTeam.reasons).toEqual(['kubernetes/enhancements#6199 is not in the mirror']);
    expect(describeEnhancementSync(first)).toMatch(/^kubernetes\/enhancements \(enhancement issues\): full, \d+ requests \(0 × 304\), 8 issue\(s\) changed, 4 status announcement\(s\) read; no enhancement issue for KEP\(s\) 6199$/);
  });

  it('costs one 304 per conditional request on a quiet run, and keeps what each release saw after removal and deferral', async () => {
    const before = fake.requests.length;
    const quiet = await syncEnhancementIssues(db.prisma, { config });
    // The `since` query and the one issue fetched alone answer 304; 6199's 404 is asked again tomorrow.
    expect(quiet).toMatchObject({ mode: 'incremental', requests: 2, notModified: 2, changed: 0, missing: [6199] });
    expect(fake.requests.slice(before).every((r) => r.status === 304 && r.conditional)).toBe(true);

    clock = Date.parse('2026-07-09T13:00:00Z');
    seeded.afterEnhancementsFreeze();
    const changed = await syncEnhancementIssues(db.prisma, { config });
    expect(changed).toMatchObject({ changed: 3, announcements: 1 });
    expect(await states()).toMatchObject({ '5758': 'removed from the milestone', '2033': 'deferred', '5823': 'at risk for code freeze' });
    const board = await getLiaisonBoard(db.prisma, 'containerd', '1.37', { today });
    expect(board.rows.find((r) => r.kepNumber === '5758')!.releaseTeam.reasons).toEqual(['kubernetes/enhancements#5758 left the v1.37 milestone with tracked/no (2026-06-18)']);
    expect(board.rows.find((r) => r.kepNumber === '2033')!.releaseTeam.reasons).toEqual(['kubernetes/enhancements#2033 moved to the v1.38 milestone (2026-06-19)']);
    expect(board.rows.find((r) => r.kepNumber === '5823')!.releaseTeam.reasons).toEqual(['the release team announced "at risk for code freeze" (2026-07-08)', 'kubernetes/enhancements#5823 is tracked/yes']);
    // 2033 is now in 1.38's milestone: its board says so.
    const next = await getLiaisonBoard(db.prisma, 'containerd', '1.38', { today });
    expect(next.rows.find((r) => r.kepNumber === '2033')?.releaseTeam.label).toBe('at risk for enhancements freeze');
    const history = await db.prisma.kepHistory.findMany({ where: { kepKey: 'sig-node/5758-per-container-ulimits-configuration', kind: 'release-team' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => `${h.field}: ${h.before ?? '—'} → ${h.after ?? '—'}`)).toEqual([
      '1.37 milestone: — → v1.37', '1.37 lead-opted-in: — → true', '1.37 stage: — → alpha', '1.37 announced: — → at risk for enhancements freeze', '1.37 milestone: v1.37 → cleared',
    ]);
  });

  it('applies webhook deliveries of enhancement issues and status comments, and ignores other SIGs’ issues', async () => {
    const issue = { number: 5855, title: 'Allow bind mount options (noexec, nodev, nosuid) on volumeMounts', state: 'open', user: { login: 'nispriha' }, created_at: '2026-02-02T09:00:00Z', updated_at: '2026-07-09T15:00:00Z', labels: [{ name: 'sig/node' }, { name: 'stage/alpha' }, { name: 'lead-opted-in' }], milestone: { number: 2, title: 'v1.37' }, comments: 1, closed_at: null, body: 'opted in late' };
    const repository = { full_name: 'kubernetes/enhancements' };
    const deliveries: [string, string, object][] = [
      ['issues', 'hook-1', { action: 'labeled', label: { name: 'lead-opted-in' }, issue, repository }],
      ['issue_comment', 'hook-2', { action: 'created', issue, repository, comment: { body: 'Hello @nispriha 👋, v1.37 Enhancements team here.\n\nThe status of this enhancement is marked as `At risk for enhancements freeze`.', created_at: '2026-07-09T15:00:00Z', user: { login: 'enhancements-shadow' }, html_url: 'https://github.com/kubernetes/enhancements/issues/5855#issuecomment-1' } }],
      ['issues', 'hook-3', { action: 'labeled', label: { name: 'lead-opted-in' }, issue: { ...issue, number: 9001, labels: [{ name: 'sig/network' }, { name: 'lead-opted-in' }] }, repository }],
    ];
    for (const [event, id, payload] of deliveries) {
      const body = JSON.stringify(payload);
      expect((await receiveWebhook(db.prisma, SECRET, { rawBody: body, signature: await sign(SECRET, body), event, deliveryId: id, contentType: 'application/json' })).status).toBe(202);
    }
    expect(await applyQueuedDeliveries(db.prisma)).toBe(3);
    expect((await db.prisma.githubWebhookDelivery.findMany({ orderBy: { id: 'asc' } })).slice(-3).map((d) => `${d.deliveryId} ${d.status}`)).toEqual(['hook-1 APPLIED', 'hook-2 APPLIED', 'hook-3 IGNORED']);
    expect((await states())['5855']).toBe('at risk for enhancements freeze');
    const record = await db.prisma.kepReleaseTeamRecord.findUniqueOrThrow({ where: { enhancementIssue_kubernetesRelease: { enhancementIssue: 5855, kubernetesRelease: '1.37' } } });
    expect(record).toMatchObject({ optedIn: true, announced: 'at risk for enhancements freeze', announcedBy: 'enhancements-shadow', announcedUrl: 'https://github.com/kubernetes/enhancements/issues/5855#issuecomment-1' });
    expect(await db.prisma.githubIssue.count({ where: { number: 9001 } })).toBe(0);
  });
});
