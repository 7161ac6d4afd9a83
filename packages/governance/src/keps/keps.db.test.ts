import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { PROJECT_ROOT } from '../db/config';
import { seedKubernetesSchedule } from '../kubernetes/import-kubernetes-schedule';
import { openTestDatabase } from '../testing/test-database';
import { getKep, getLiaisonBoard, getShepherdQueue, listKeps } from './get-kep-views';
import { importKeps } from './import-keps';
import { readKepSources, readKepYaml } from './read-kep-sources';
import { applyTrackingDecisions } from './apply-tracking-decisions';
import { importTrackingIssues } from './import-tracking-issues';
import { linkPullRequests, recordStageShipment, recordTrackingIssue, setTrackingState } from './record-tracking';
import fs from 'node:fs';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps');
const today = new Date('2026-07-10T00:00:00Z');

const form = (fields: Record<string, string>) => `### KEP/SIG-Node References\n\n${Object.entries(fields).map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n\n### Additional context\n\n_No response_`;

describe('KEP import and the tracking workflow (database)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('seeded');
    await seedKubernetesSchedule(database.prisma);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports all 126 sig-node KEPs with their problems, keeping the raw values', async () => {
    const read = readKepSources(FIXTURES);
    const report = await importKeps(database.prisma, { ...read, now: today });
    expect(report).toMatchObject({ read: 127, created: 126, updated: 0, unchanged: 0, skipped: 1 });
    expect(await database.prisma.kep.count()).toBe(126);
    const typo = await database.prisma.kep.findUniqueOrThrow({ where: { number: '2625' } });
    expect(typo.status).toBe('implemented');
    expect((typo.raw as Record<string, unknown>).status).toBe('imlpemented');
    expect(typo.problems).toContainEqual(expect.objectContaining({ field: 'status' }));
    const stop = await database.prisma.kep.findUniqueOrThrow({ where: { number: '4960' } });
    expect((stop.raw as Record<string, unknown>)['kep-number']).toBe('4960');
    expect(report.problems.filter((p) => p.file.includes('NNNN-kep-template')).map((p) => p.field)).toEqual(['kep-number', '(file)']);
  });

  it('re-importing changes nothing; a changed file updates its KEP and its history only', async () => {
    const again = await importKeps(database.prisma, readKepSources(FIXTURES));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 126 });
    const file = 'keps/sig-node/4960-container-stop-signals/kep.yaml';
    const edited = readKepYaml('title: Container Stop Signals\nkep-number: "4960"\nowning-sig: sig-node\nstatus: implementable\nstage: stable\nlatest-milestone: "v1.38"\nmilestone:\n  alpha: "v1.33"\n  beta: "v1.37"\n  stable: "v1.38"\n', { file, directory: '4960-container-stop-signals', sig: 'sig-node' });
    const broken = readKepYaml(': : :\n- nope', { file: 'keps/sig-node/9999-broken/kep.yaml', directory: '9999-broken', sig: 'sig-node' });
    const report = await importKeps(database.prisma, { sources: [...broken.sources, ...edited.sources], problems: broken.problems });
    expect(report.updated).toBe(1);
    expect(report.changes).toEqual(['KEP-4960 stage: beta → stable', 'KEP-4960 latestMilestone: 1.37 → 1.38', 'KEP-4960 stableMilestone: — → 1.38']);
    expect(report.problems.filter((p) => p.file.includes('9999-broken')).map((p) => p.field)).toContain('(file)');
    expect(await database.prisma.kep.count()).toBe(126);
    const history = await database.prisma.kepHistory.findMany({ where: { kepNumber: '4960', kind: 'metadata' } });
    expect(history.map((h) => h.field)).toEqual(['kep', 'stage', 'latestMilestone', 'stableMilestone']);
    // Put the real file back for the workflow tests.
    await importKeps(database.prisma, readKepSources(path.join(FIXTURES, 'sig-node', '4960-container-stop-signals', 'kep.yaml')));
  });

  it('turns a tracking issue into a tracking record, re-parses on edit and keeps the revision', async () => {
    const issue = {
      number: 11610,
      title: '[SIG-Node]: KEP-4960 - Container Stop Signals',
      body: form({ 'KEP(s)': '4960', stage: 'alpha', 'K8s-Release': 'v1.37', 'SIG-Node member liason': '@mikebrow', 'KEP-Shepherd': 'TBD' }),
      labels: ['kind/feature', 'area/cri'],
      milestone: null,
      state: 'open',
      updatedAt: '2026-05-01T10:00:00Z',
    };
    const first = await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue, now: today });
    expect(first).toMatchObject({ kepNumber: '4960', state: 'UNTRIAGED', unchanged: false });
    expect((await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue, now: today })).unchanged).toBe(true);

    const edited = { ...issue, body: issue.body.replace('KEP-Shepherd: TBD', 'KEP-Shepherd: @samuelkarp, @fuweid').replace('stage: alpha', 'stage: beta w/gate on'), labels: [...issue.labels, 'target/kubernetes/v1.37'], milestone: '2.4', updatedAt: '2026-05-02T10:00:00Z' };
    const second = await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue: edited, now: today });
    expect(second.state).toBe('TRIAGED');
    const stored = await database.prisma.kepTrackingIssue.findFirstOrThrow({ where: { number: 11610 } });
    expect(stored.revision).toBe('2026-05-02T10:00:00Z');
    expect((stored.fields as { shepherds: string[] }).shepherds).toEqual(['samuelkarp', 'fuweid']);
    const tracking = await database.prisma.kepTracking.findFirstOrThrow({ where: { kepNumber: '4960' } });
    expect(tracking).toMatchObject({ issueNumber: 11610, kubernetesRelease: '1.37', kubernetesStage: 'beta-gate-on', targetCycle: '2.4', shepherds: ['samuelkarp', 'fuweid'] });
    expect(await database.prisma.kepLiaison.findMany({ select: { kubernetesRelease: true, login: true } })).toEqual([{ kubernetesRelease: '1.37', login: 'mikebrow' }]);

    const ordinary = await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue: { ...issue, number: 5, title: 'Spelling error in the README file', body: 'commmit', labels: ['bug'] } });
    expect(ordinary).toMatchObject({ kepNumber: null, state: null });
  });

  it('links implementation PRs, records shipments and hand-set states, with history', async () => {
    const linked = await linkPullRequests(database.prisma, {
      projectSlug: 'containerd',
      pullRequests: [
        { number: 11700, title: 'CRI: support container stop signals', body: 'Part of #11610', state: 'open', mergedAt: null, updatedAt: '2026-06-01T00:00:00Z' },
        { number: 11400, title: '[KEP-4960] alpha support', body: null, state: 'closed', mergedAt: '2025-03-01T00:00:00Z', updatedAt: '2025-03-01T00:00:00Z' },
        { number: 11800, title: 'unrelated', body: 'fixes #1161', state: 'open', mergedAt: null, updatedAt: '2026-06-01T00:00:00Z' },
      ],
    });
    expect(linked).toEqual({ linked: 2, updated: 0 });
    expect(await recordStageShipment(database.prisma, { projectSlug: 'containerd', kepNumber: '4960', stage: 'alpha', cycleName: '2.1', source: 'test' })).toBe('IN_PROGRESS');
    await expect(recordStageShipment(database.prisma, { projectSlug: 'containerd', kepNumber: '4960', stage: 'alpha', cycleName: '9.9', source: 'test' })).rejects.toThrow('no release cycle "9.9"');

    const queue = await getShepherdQueue(database.prisma, 'containerd', 'SamuelKarp', { today });
    expect(queue.keps.map((k) => k.kepNumber)).toEqual(['4960']);
    expect(queue.keps[0].warnings.map((w) => w.message)).toEqual(['#11700 idle for 39 days', 'Kubernetes 1.37 code freeze in 13 days (2026-07-23) with open runtime PRs #11700']);

    expect(await setTrackingState(database.prisma, { projectSlug: 'containerd', kepNumber: '4960', state: 'AT_RISK', source: 'test' })).toBe('AT_RISK');
    await linkPullRequests(database.prisma, { projectSlug: 'containerd', pullRequests: [{ number: 11700, title: 'CRI: support container stop signals', body: 'Part of #11610', state: 'open', mergedAt: null, updatedAt: '2026-07-09T00:00:00Z' }] });
    const kep = await getKep(database.prisma, 'containerd', '4960', { today });
    expect(kep.tracking?.state).toBe('AT_RISK');
    expect(kep.tracking?.warnings.map((w) => w.rule)).toEqual(['code-freeze']);
    expect(kep.liaisons).toEqual(['mikebrow']);
    expect(kep.exceptions).toEqual([{ version: '1.33', freeze: 'codeFreeze', status: 'approved', dateRequested: '2025-03-20' }]);
    expect(kep.history.filter((h) => h.projectId !== null).map((h) => `${h.field}: ${h.before ?? ''} → ${h.after ?? ''}`)).toEqual(
      expect.arrayContaining(['state: IN_PROGRESS → AT_RISK', 'shipped alpha:  → 2.1', 'pull request:  → #11700 open', 'shepherds:  → samuelkarp, fuweid', 'state: UNTRIAGED → TRIAGED']),
    );
    expect(await setTrackingState(database.prisma, { projectSlug: 'containerd', kepNumber: '4960', state: 'TRIAGED', source: 'test' })).toBe('IN_PROGRESS');
  });

  it('lists, filters and boards KEPs', async () => {
    await recordTrackingIssue(database.prisma, {
      projectSlug: 'containerd',
      issue: { number: 11620, title: '[SIG-Node]: KEP-5823 - Pod-level checkpoint/restore', body: form({ 'KEP(s)': 'KEP-5823', stage: 'alpha', 'K8s-Release': '1.37', 'KEP-Shepherd': '' }), labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.37'], milestone: '2.3', state: 'open', updatedAt: '2026-05-01T00:00:00Z' },
    });
    const all = await listKeps(database.prisma, 'containerd', {}, { today });
    expect(all.rows).toHaveLength(126);
    expect(all.facets.shepherds).toEqual(['fuweid', 'samuelkarp']);
    const filtered = await listKeps(database.prisma, 'containerd', { stage: 'beta', milestone: '1.37', shepherd: 'fuweid' }, { today });
    expect(filtered.rows.map((r) => r.kep.number)).toEqual(['4960']);
    expect((await listKeps(database.prisma, 'containerd', { target: '2.3' }, { today })).rows.map((r) => r.kep.number)).toEqual(['5823']);

    const board = await getLiaisonBoard(database.prisma, 'containerd', null, { today });
    expect(board.version).toBe('1.37');
    expect(board.liaisons).toEqual(['mikebrow']);
    expect(board.columns.map((c) => [c.state, c.keps.map((k) => `${k.kepNumber}→${k.targetCycle}`)])).toEqual([
      ['TRIAGED', ['5823→2.3']],
      ['IN_PROGRESS', ['4960→2.4']],
    ]);
    expect(board.columns[0].keps[0].warnings.map((w) => w.rule)).toEqual(['no-shepherd', 'past-feature-freeze']);
    expect(board.exceptions).toEqual([]);
  });

  it('takes GitHub webhook payloads (issues and pull_request events) as well as REST objects', async () => {
    const webhooks = path.join(PROJECT_ROOT, 'test', 'fixtures', 'github', 'webhooks');
    const opened = JSON.parse(fs.readFileSync(path.join(webhooks, 'kep-issues-opened.json'), 'utf8'));
    const trackingPayload = { ...opened, issue: { ...opened.issue, number: 11630, title: '[SIG-Node]: KEP-2033 - rootless', body: form({ 'KEP(s)': '2033', 'KEP-Shepherd': '@AkihiroSuda' }), labels: [{ name: 'kind/feature' }, { name: 'area/cri' }] } };
    const prPayload = { action: 'opened', pull_request: { number: 11631, title: 'userns: rootless kubelet', body: 'Part of #11630', state: 'open', merged_at: null, updated_at: '2026-07-01T00:00:00Z' } };
    const report = await importTrackingIssues(database.prisma, { projectSlug: 'containerd', items: [opened, trackingPayload, prPayload], source: 'webhooks' });
    expect(report).toMatchObject({ issues: 2, tracked: ['#11630 → KEP-2033 (triaged)'], linked: 1 });
    expect((await getKep(database.prisma, 'containerd', '2033', { today })).tracking).toMatchObject({ state: 'IN_PROGRESS', shepherds: ['AkihiroSuda'], pullRequests: [expect.objectContaining({ number: 11631, state: 'open' })] });
    await expect(importTrackingIssues(database.prisma, { projectSlug: 'containerd', items: [{ hello: 1 }], source: 'x' })).rejects.toThrow('[0]: not a GitHub issue or pull request');
  });

  it('applies a file of decisions and names the bad field of a bad one', async () => {
    const done = await applyTrackingDecisions(database.prisma, {
      projectSlug: 'containerd',
      decisions: { shipments: [{ kep: '2033', stage: 'beta-gate-off', cycle: '2.3' }], states: [{ kep: '2033', state: 'DEFERRED' }], liaisons: [{ kubernetesRelease: '1.37', logins: ['samuelkarp'] }] },
      source: 'decisions.json',
    });
    expect(done).toEqual(['KEP-2033: beta-gate-off shipped in 2.3 (in progress)', 'KEP-2033: deferred', 'Kubernetes 1.37 liaisons: samuelkarp']);
    expect((await getLiaisonBoard(database.prisma, 'containerd', '1.37', { today })).liaisons).toEqual(['samuelkarp']);
    await expect(applyTrackingDecisions(database.prisma, { projectSlug: 'containerd', decisions: { states: [{ kep: '2033', state: 'LOST' }] }, source: 'd.json' })).rejects.toThrow('d.json: states.0.state');
  });
});
