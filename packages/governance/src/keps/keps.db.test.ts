import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { PROJECT_ROOT } from '../db/config';
import { seedKubernetesSchedule } from '../kubernetes/import-kubernetes-schedule';
import { openTestDatabase } from '../testing/test-database';
import { getKep, getShepherdQueue, listKeps } from './get-kep-views';
import { getKepPageActions } from './kep-page-actions';
import { getLiaisonBoard } from './get-liaison-board';
import { importKeps } from './import-keps';
import { locateKepFile, readKepSources, readKepYaml } from './read-kep-sources';
import { applyTrackingDecisions } from './apply-tracking-decisions';
import { importTrackingIssues } from './import-tracking-issues';
import { linkPullRequests, recordStageShipment, recordTrackingIssue, setTrackingState } from './record-tracking';
import fs from 'node:fs';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps');
const ACROSS_SIGS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'keps-across-sigs', 'keps');
const byKey = (db: Database, key: string) => db.prisma.kep.findUniqueOrThrow({ where: { key } });
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
    const typo = await byKey(database, 'sig-node/2625-cpumanager-policies-thread-placement');
    expect(typo.status).toBe('implemented');
    expect((typo.raw as Record<string, unknown>).status).toBe('imlpemented');
    expect(typo.problems).toContainEqual(expect.objectContaining({ field: 'status' }));
    const stop = await byKey(database, 'sig-node/4960-container-stop-signals');
    expect((stop.raw as Record<string, unknown>)['kep-number']).toBe('4960');
    expect(stop).toMatchObject({ number: '4960', enhancementIssue: 4960, repository: 'kubernetes/enhancements', path: 'keps/sig-node/4960-container-stop-signals/kep.yaml', missingSince: null });
    expect(report.problems.filter((p) => p.file.includes('NNNN-kep-template')).map((p) => p.message)).toEqual(['skipped: NNNN-kep-template is a template, not a KEP']);
    // Provisional and withdrawn KEPs are not asked for a stage or milestones.
    const planless = await database.prisma.kep.findMany({ where: { status: { in: ['provisional', 'withdrawn'] } } });
    expect(planless.length).toBeGreaterThan(0);
    for (const kep of planless) expect((kep.problems as { field: string; message: string }[]).filter((p) => p.message === 'missing')).toEqual([]);
  });

  it('re-importing changes nothing; a changed file updates its KEP and its history only', async () => {
    const again = await importKeps(database.prisma, readKepSources(FIXTURES));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 126 });
    const file = 'keps/sig-node/4960-container-stop-signals/kep.yaml';
    const original = fs.readFileSync(path.join(FIXTURES, 'sig-node', '4960-container-stop-signals', 'kep.yaml'), 'utf8');
    const edited = readKepYaml(
      original
        .replace('stage: beta', 'stage: stable')
        .replace('latest-milestone: "v1.37"', 'latest-milestone: "v1.38"')
        .replace('stable: ""', 'stable: "v1.38"')
        .replace('reviewers:\n', 'reviewers:\n  - "@newreviewer"\n')
        .replace("  - '@sergeykanzhelev' # sig-node-assigned-approver\n", '  - "@newapprover"\n'),
      locateKepFile(file),
    );
    const broken = readKepYaml(': : :\n- nope', locateKepFile('keps/sig-node/9999-broken/kep.yaml'));
    const report = await importKeps(database.prisma, { sources: [...broken.sources, ...edited.sources], problems: broken.problems });
    expect(report.updated).toBe(1);
    const stop = await byKey(database, 'sig-node/4960-container-stop-signals');
    // Reviewer and approver changes are history too.
    expect(report.changes).toEqual([
      'sig-node/4960-container-stop-signals stage: beta → stable',
      'sig-node/4960-container-stop-signals latestMilestone: 1.37 → 1.38',
      'sig-node/4960-container-stop-signals stableMilestone: — → 1.38',
      'sig-node/4960-container-stop-signals reviewers: @mikebrow, @thockin, @mrunalp, @kannon92 → @newreviewer, @mikebrow, @thockin, @mrunalp, @kannon92',
      'sig-node/4960-container-stop-signals approvers: @sergeykanzhelev, @mrunalp → @newapprover, @mrunalp',
    ]);
    expect(stop.reviewers[0]).toBe('@newreviewer');
    expect(report.problems.filter((p) => p.file.includes('9999-broken')).map((p) => p.field)).toContain('(file)');
    expect(await database.prisma.kep.count()).toBe(126);
    const history = await database.prisma.kepHistory.findMany({ where: { kepKey: 'sig-node/4960-container-stop-signals', kind: 'metadata' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => h.field)).toEqual(['kep', 'stage', 'latestMilestone', 'stableMilestone', 'reviewers', 'approvers']);
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
    // The issue's liaison is the KEP's; the Kubernetes release's liaison list is people's to set.
    expect(tracking.liaisons).toEqual(['mikebrow']);
    expect(await database.prisma.kepLiaison.count()).toBe(0);

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
    expect(kep.tracking?.liaisons).toEqual(['mikebrow']);
    expect(kep.liaisons).toEqual([]);
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
    // 50 a page by default.
    expect([all.total, all.rows.length, all.pages]).toEqual([126, 50, 3]);
    expect((await listKeps(database.prisma, 'containerd', {}, { today, page: 3 })).rows).toHaveLength(26);
    expect(all.facets.shepherds).toEqual(['fuweid', 'samuelkarp']);
    const filtered = await listKeps(database.prisma, 'containerd', { stage: 'beta', milestone: '1.37', shepherd: 'fuweid' }, { today });
    expect(filtered.rows.map((r) => r.number)).toEqual(['4960']);
    expect((await listKeps(database.prisma, 'containerd', { target: '2.3' }, { today })).rows.map((r) => r.number)).toEqual(['5823']);

    // Every sig-node KEP targeting 1.37 is on its board, tracked by containerd or not.
    const board = await getLiaisonBoard(database.prisma, 'containerd', null, { today });
    expect(board).toMatchObject({ version: '1.37', released: false, liaisons: [], mirroredSince: null });
    expect(board.deadlines.map((d) => `${d.name} ${d.at.toISOString().slice(0, 10)} ${d.daysLeft}`)).toEqual([
      'PRR freeze 2026-06-10 -30', 'enhancements freeze 2026-06-17 -23', 'code freeze 2026-07-23 13', 'docs freeze 2026-08-06 27', 'release 2026-08-26 47',
    ]);
    const row = (number: string) => board.rows.find((r) => r.kepNumber === number)!;
    expect(board.rows.length).toBeGreaterThan(30);
    expect(row('4960')).toMatchObject({ key: 'sig-node/4960-container-stop-signals', stage: 'beta', prr: { approver: 'deads2k', file: 'keps/prod-readiness/sig-node/4960.yaml' } });
    expect(row('4960').tracking).toMatchObject({ state: 'IN_PROGRESS', targetCycle: '2.4', liaisons: ['mikebrow'] });
    expect(row('4960').todo.map((t) => t.message)).toEqual(['Kubernetes 1.37 releases beta; containerd has shipped nothing for beta (shipped: alpha in 2.1)']);
    expect(row('5823').todo.map((t) => t.rule)).toEqual(['no-shepherd', 'runtime-behind', 'target-released']);
    // Going alpha in 1.37 per kep.yaml, and containerd has no tracking issue: on the board, with what to do.
    expect(row('6035')).toMatchObject({ stage: 'alpha', tracking: null, prr: { approver: 'soltysh' } });
    expect(row('6035').todo.map((t) => t.message)).toEqual(['no containerd tracking issue yet', 'Kubernetes 1.37 releases alpha; containerd has shipped nothing for alpha']);
    // Without the enhancement issues mirrored, the release team's state is unknown, and says why.
    expect(row('6035').releaseTeam).toMatchObject({ state: 'UNKNOWN', label: 'unknown', reasons: [expect.stringContaining('not mirrored yet')] });
    expect(board).toMatchObject({ total: board.rows.length, pages: 1 });
    expect(board.report).toMatchObject({ states: ['UNKNOWN'], total: board.rows.length });
    expect(board.report.byStage.map((s) => s.stage)).toEqual(expect.arrayContaining(['alpha', 'beta', 'stable']));
    expect(board.sigs).toContain('sig-scheduling');
    const scheduling = await getLiaisonBoard(database.prisma, 'containerd', '1.37', { today, sig: 'sig-scheduling' });
    expect(scheduling.rows.length).toBeGreaterThan(0);
    expect(scheduling.rows.every((r) => r.owningSig === 'sig-scheduling' || r.participatingSigs.includes('sig-scheduling'))).toBe(true);
    // Paged (the page asks for 50 a page): the pages hold every row once, in order; the report counts them all.
    const paged = await Promise.all([1, 2, 3].map((page) => getLiaisonBoard(database.prisma, 'containerd', '1.37', { today, page, perPage: 15 })));
    expect(paged.map((p) => [p.total, p.pages, p.page, p.rows.length])).toEqual([
      [board.total, 3, 1, 15],
      [board.total, 3, 2, 15],
      [board.total, 3, 3, board.total - 30],
    ]);
    expect(paged.flatMap((p) => p.rows.map((r) => r.kepNumber))).toEqual(board.rows.map((r) => r.kepNumber));
    expect(paged[1].report).toEqual(board.report);
    expect((await getLiaisonBoard(database.prisma, 'containerd', '1.37', { today, page: 99, perPage: 15 })).page).toBe(3);
    // A release that is out says so.
    expect((await getLiaisonBoard(database.prisma, 'containerd', '1.36', { today })).released).toBe(true);
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

describe('KEP identity across SIG folders (database)', () => {
  let database: Database;
  let checkout: string;
  const tracking = (number: number, title: string, body: string) => ({
    number, title, body: form({ 'KEP(s)': body, 'KEP-Shepherd': '@samuelkarp' }), labels: ['kind/feature', 'area/cri'], milestone: null, state: 'open', updatedAt: `2026-05-0${number % 9}T00:00:00Z`,
  });
  beforeAll(async () => {
    database = await openTestDatabase('seeded');
    // A checkout: the 126 real sig-node KEPs and the KEPs of other SIGs that share numbers, use 0000 or sit one folder deeper.
    checkout = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-keps-')), 'keps');
    fs.cpSync(path.join(FIXTURES, 'sig-node'), path.join(checkout, 'sig-node'), { recursive: true });
    fs.cpSync(ACROSS_SIGS, checkout, { recursive: true });
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(path.dirname(checkout), { recursive: true, force: true });
  });

  it('keeps two KEPs that share a number, and several 0000 KEPs, apart; nested folders are read; templates skipped', async () => {
    const report = await importKeps(database.prisma, { ...readKepSources(checkout), now: today });
    expect(report).toMatchObject({ read: 131, created: 130, skipped: 1, missing: [] });
    expect(report.problems.filter((p) => p.message.includes('template')).map((p) => p.file)).toEqual([expect.stringMatching(/providers\/0000-cloud-provider-template\/kep\.yaml$/)]);
    expect(report.shared).toEqual(['KEP-2133: sig-cloud-provider/2133-out-of-tree-credential-provider, sig-node/2133-kubelet-credential-providers (all kept)']);
    expect(await byKey(database, 'sig-cloud-provider/azure/586-azure-availability-zones')).toMatchObject({ number: '586', path: 'keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml' });
    const zeros = await database.prisma.kep.findMany({ where: { number: '0000' }, orderBy: { key: 'asc' } });
    expect(zeros.map((k) => [k.key, k.enhancementIssue])).toEqual([
      ['sig-cluster-lifecycle/kubeadm/0000-crafted-kubeadm-phases', null],
      ['sig-release/0000-crafted-release-notes-website', null],
    ]);
    // Importing again changes nothing: no KEP overwrites another, nothing flip-flops.
    const again = await importKeps(database.prisma, readKepSources(checkout));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 130, changes: [] });
  });

  it('a shared number means the KEP owned by (else involving) sig-node, and lists the others', async () => {
    const byNumber = await getKep(database.prisma, 'containerd', '2133', { today });
    expect(byNumber.kep?.key).toBe('sig-node/2133-kubelet-credential-providers');
    expect(byNumber.others.map((o) => o.key)).toEqual(['sig-cloud-provider/2133-out-of-tree-credential-provider']);
    const other = await getKep(database.prisma, 'containerd', 'sig-cloud-provider/2133-out-of-tree-credential-provider', { today });
    expect(other.kep?.title).toBe('Out-of-Tree Credential Providers');
    expect(other.others.map((o) => o.key)).toEqual(['sig-node/2133-kubelet-credential-providers']);
    // Only the KEP the number means may get a tracking issue by that number.
    const actions = { today, idleDays: 14, signedIn: true };
    await expect(getKepPageActions(database.prisma, byNumber, actions)).resolves.toEqual({ number: '2133', numberMeansThis: true, writeBacks: [{ kind: 'open-issue' }], cycles: [] });
    await expect(getKepPageActions(database.prisma, other, actions)).resolves.toMatchObject({ number: '2133', numberMeansThis: false, writeBacks: [] });
    // 0000 names no enhancement issue: the one involving sig-node first.
    const zero = await getKep(database.prisma, 'containerd', '0000', { today });
    expect([zero.kep?.key, zero.others.map((o) => o.key)]).toEqual(['sig-cluster-lifecycle/kubeadm/0000-crafted-kubeadm-phases', ['sig-release/0000-crafted-release-notes-website']]);
  });

  it('tracks a shared number as sig-node’s KEP unless the tracking issue links the other directory', async () => {
    await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue: tracking(11901, '[SIG-Node]: KEP-2133 - Kubelet credential providers', '2133'), now: today });
    const list = await listKeps(database.prisma, 'containerd', {}, { today, perPage: 500 });
    const row = (key: string) => list.rows.find((r) => r.key === key)!;
    expect(row('sig-node/2133-kubelet-credential-providers').tracking).toMatchObject({ kepNumber: '2133', kepKey: 'sig-node/2133-kubelet-credential-providers', issueNumber: 11901 });
    expect(row('sig-cloud-provider/2133-out-of-tree-credential-provider')).toMatchObject({ tracking: null, sharedWith: ['sig-node/2133-kubelet-credential-providers'] });
    expect((await getKep(database.prisma, 'containerd', 'sig-cloud-provider/2133-out-of-tree-credential-provider', { today })).trackedAs).toEqual({ key: 'sig-node/2133-kubelet-credential-providers', issueNumber: 11901 });
    // A tracked KEP's page keeps its issue up to date; the cycles a shipment may name are for signed-in people.
    const tracked = await getKep(database.prisma, 'containerd', '2133', { today });
    const signedIn = await getKepPageActions(database.prisma, tracked, { today, idleDays: 14, signedIn: true });
    expect(signedIn.writeBacks.map((w) => w.kind)).toEqual(['add-labels', 'set-milestone', 'assign-shepherds']);
    expect(signedIn.cycles.slice(0, 2)).toEqual(['2.4', '2.3']);
    expect((await getKepPageActions(database.prisma, tracked, { today, idleDays: 14, signedIn: false })).cycles).toEqual([]);

    const linked = tracking(11901, '[SIG-Node]: KEP-2133 - Out-of-tree credential providers', 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-cloud-provider/2133-out-of-tree-credential-provider');
    await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue: { ...linked, updatedAt: '2026-05-20T00:00:00Z' }, now: today });
    expect((await getKep(database.prisma, 'containerd', 'sig-cloud-provider/2133-out-of-tree-credential-provider', { today })).tracking).toMatchObject({ issueNumber: 11901, kepKey: 'sig-cloud-provider/2133-out-of-tree-credential-provider' });
    expect((await getKep(database.prisma, 'containerd', '2133', { today })).tracking).toBeNull();
  });

  it('lists a tracked KEP whose kep.yaml is not merged yet, marked as such', async () => {
    await recordTrackingIssue(database.prisma, { projectSlug: 'containerd', issue: tracking(11902, '[SIG-Node]: KEP-6150 - Pod-level swap limits (KEP PR open)', 'KEP-6150'), now: today });
    const all = await listKeps(database.prisma, 'containerd', {}, { today });
    const unmerged = all.rows.filter((r) => r.kep === null);
    expect(unmerged.map((r) => [r.key, r.number, r.title, r.tracking?.issueNumber])).toEqual([[null, '6150', 'Pod-level swap limits (KEP PR open)', 11902]]);
    expect(all.rows.findIndex((r) => r.number === '6150')).toBeLessThan(all.rows.findIndex((r) => r.number === '6122'));
    expect((await listKeps(database.prisma, 'containerd', { shepherd: 'samuelkarp' }, { today })).rows.map((r) => r.number)).toContain('6150');
    // Filtering on a kep.yaml field leaves it out: it has none.
    expect((await listKeps(database.prisma, 'containerd', { sig: 'sig-node' }, { today })).rows.some((r) => r.kep === null)).toBe(false);
    expect(await getKep(database.prisma, 'containerd', '6150', { today })).toMatchObject({ kep: null, tracking: { kepNumber: '6150', kepKey: null, state: 'TRIAGED' } });
  });

  it('reports and marks a KEP that disappeared from the checkout, and clears the mark when it is back', async () => {
    const dir = path.join(checkout, 'sig-node', '4960-container-stop-signals');
    const saved = `${dir}.saved`;
    fs.renameSync(dir, saved);
    const gone = await importKeps(database.prisma, { ...readKepSources(checkout), now: new Date('2026-07-11T00:00:00Z') });
    expect(gone.missing).toEqual(['sig-node/4960-container-stop-signals: no longer in kubernetes/enhancements/keps/sig-node/4960-container-stop-signals/kep.yaml: marked missing (kept)']);
    expect((await byKey(database, 'sig-node/4960-container-stop-signals')).missingSince).toEqual(new Date('2026-07-11T00:00:00Z'));
    // Importing one file elsewhere covers no folder: it marks nothing.
    const single = await importKeps(database.prisma, readKepSources(path.join(checkout, 'sig-node', '5307-container-restart-policy', 'kep.yaml')));
    expect(single.missing).toEqual([]);

    fs.renameSync(saved, dir);
    const back = await importKeps(database.prisma, readKepSources(checkout));
    expect(back.changes).toEqual(['sig-node/4960-container-stop-signals: back in its source']);
    expect((await byKey(database, 'sig-node/4960-container-stop-signals')).missingSince).toBeNull();
    const history = await database.prisma.kepHistory.findMany({ where: { kepKey: 'sig-node/4960-container-stop-signals', field: 'source' }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.before, h.after])).toEqual([
      ['kubernetes/enhancements/keps/sig-node/4960-container-stop-signals/kep.yaml', 'missing'],
      ['missing', expect.stringContaining('4960-container-stop-signals/kep.yaml')],
    ]);
  });
});
