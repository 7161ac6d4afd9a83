import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from '../../../../test/fakes/github/server';
import { seedEnhancements } from '../../../../test/fakes/github/seed-enhancements';
import { webhookFixture } from '../../../../test/fakes/github/webhooks';
import type { UserActor } from '../auth/actor';
import type { Database } from '../db';
import { applyQueuedDeliveries } from '../github/apply-webhook-deliveries';
import type { GithubConfig } from '../github/github-config';
import { receiveWebhook } from '../github/receive-webhook';
import { syncProject } from '../github/sync-repository';
import { seedKubernetesSchedule } from '../kubernetes/import-kubernetes-schedule';
import { openTestDatabase } from '../testing/test-database';
import { getKep } from './get-kep-views';
import { describeGithubKepImport, importKepsFromGithub } from './import-keps-from-github';
import { updateKepTracking, updateLiaisons } from './update-tracking';
import { planWriteBack, sendWriteBack } from './write-back';
import { TRACKING_PARSER_VERSION } from './parse-tracking-issue';
import { reparseTrackingIssues } from './reparse-tracking-issues';

// The KEP workflow fed by GitHub, against the fake GitHub server through @octokit/rest: the mirror
// (sync and webhooks) re-parses tracking issues and links PRs; the contents-API import of kep.yaml;
// write-back, dry run then send, with GitHub's refusals recorded; and the signed-in decisions.

const today = new Date('2026-07-10T00:00:00Z');
const SECRET = 'kep-webhook-secret';
const form = (fields: Record<string, string>) => `### KEP/SIG-Node References\n\n${Object.entries(fields).map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n\n### Additional context\n\n_No response_`;

let db: Database;
let fake: FakeGithub;
let config: GithubConfig;
let projectId: number;
let clock = Date.parse('2026-07-09T12:00:00Z');

const actor = (login: string, role: 'MAINTAINER' | 'SHEPHERD' | 'VIEWER', kepNumber: number | null = null): UserActor => ({
  kind: 'user', userId: 1, login, isInstanceAdmin: false, via: 'session', grants: [{ projectId, role, cycleId: null, kepNumber }],
});

beforeAll(async () => {
  db = await openTestDatabase('seeded');
  await seedKubernetesSchedule(db.prisma);
  fake = await startFakeGithub({ now: () => clock });
  config = { apiUrl: fake.url, auth: { kind: 'token', token: 'kep-token' }, webhookSecret: SECRET };
  projectId = (await db.prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } })).id;
  const repo = fake.repository('containerd/containerd');
  for (const name of ['kind/feature', 'area/cri']) repo.addLabel(name);
  repo.addMilestone({ title: '2.3', state: 'closed' });
  repo.addMilestone({ title: '2.4' });
});
afterAll(async () => {
  await fake?.close();
  await db?.close();
});

describe('tracking issues and PRs from the GitHub mirror', () => {
  it('links a PR synced before its tracking issue, re-parses an edited issue and keeps the revision', async () => {
    const repo = fake.repository('containerd/containerd');
    // Created first: a full sync (by creation date) sees the PR before the issue it cites.
    const pr = repo.addIssue({ title: 'CRI: support container stop signals', body: 'Implements #2 (KEP-4960)', pullRequest: true, createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-06-01T00:00:00Z' });
    const issue = repo.addIssue({
      title: '[SIG-Node]: KEP-4960 - Container Stop Signals', labels: ['kind/feature', 'area/cri'], milestone: 2,
      body: form({ 'KEP(s)': 'KEP-4960', stage: 'beta w/gate on', 'K8s-Release': 'v1.37', 'SIG-Node member liason': '@mikebrow', 'KEP-Shepherd': 'TBD' }),
      createdAt: '2026-05-02T00:00:00Z', updatedAt: '2026-05-02T00:00:00Z',
    });
    expect([pr.number, issue.number]).toEqual([1, 2]);
    repo.addIssue({ title: 'Spelling error', body: 'commmit', createdAt: '2026-05-03T00:00:00Z', updatedAt: '2026-05-03T00:00:00Z' });

    await syncProject(db.prisma, 'containerd', { config, trigger: 'test' });
    let kep = await getKep(db.prisma, 'containerd', '4960', { today });
    expect(kep.tracking).toMatchObject({ issueNumber: 2, state: 'IN_PROGRESS', targetCycle: '2.4', kubernetesRelease: '1.37', kubernetesStage: 'beta-gate-on', shepherds: [] });
    expect(kep.tracking?.pullRequests.map((p) => `#${p.number} ${p.state}`)).toEqual(['#1 open']);
    expect(kep.tracking?.liaisons).toEqual(['mikebrow']);
    expect(kep.liaisons).toEqual([]);
    // Ordinary issues are mirrored but not kept as tracking issues.
    expect(await db.prisma.kepTrackingIssue.findMany({ where: { projectId }, select: { number: true } })).toEqual([{ number: 2 }]);

    const edited = repo.updateIssue(2, { body: issue.body!.replace('KEP-Shepherd: TBD', 'KEP-Shepherd: @samuelkarp') });
    await syncProject(db.prisma, 'containerd', { config, trigger: 'test' });
    kep = await getKep(db.prisma, 'containerd', '4960', { today });
    expect(kep.issue?.revision).toBe(edited.updatedAt);
    expect(kep.tracking?.shepherds).toEqual(['samuelkarp']);
    expect(kep.history.map((h) => `${h.field}: ${h.before ?? ''} → ${h.after ?? ''} (${h.source})`)).toContain(`shepherds:  → samuelkarp (GitHub issue #2 @ ${edited.updatedAt})`);
  });

  it('re-parses a tracking issue from a signed webhook delivery, and a merged PR from another', async () => {
    const opened = JSON.parse(webhookFixture('issues', 'edited'));
    const payload = {
      ...opened,
      repository: { ...opened.repository, full_name: 'containerd/containerd' },
      issue: {
        ...opened.issue, number: 2, title: '[SIG-Node]: KEP-4960 - Container Stop Signals', state: 'open', updated_at: '2026-07-09T13:00:00Z',
        labels: [{ name: 'kind/feature', color: 'ededed' }, { name: 'area/cri', color: 'ededed' }, { name: 'target/kubernetes/v1.37', color: 'ededed' }],
        milestone: { ...opened.issue.milestone, number: 2, title: '2.4' },
        body: form({ 'KEP(s)': '4960', stage: 'beta w/gate on', 'K8s-Release': 'v1.37', 'KEP-Shepherd': '@samuelkarp, @fuweid' }),
      },
    };
    // GitHub holds what the delivery says.
    const repo = fake.repository('containerd/containerd');
    repo.addLabel('target/kubernetes/v1.37');
    Object.assign(repo.issues[1], { body: payload.issue.body, labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.37'] });
    const merged = JSON.parse(webhookFixture('pull_request', 'closed.merged'));
    const prPayload = { ...merged, repository: { ...merged.repository, full_name: 'containerd/containerd' }, pull_request: { ...merged.pull_request, number: 1, title: 'CRI: support container stop signals', body: 'Implements #2', updated_at: '2026-07-09T14:00:00Z', merged_at: '2026-07-09T14:00:00Z', state: 'closed' } };
    for (const [event, body] of [['issues', JSON.stringify(payload)], ['pull_request', JSON.stringify(prPayload)]]) {
      const answer = await receiveWebhook(db.prisma, SECRET, { rawBody: body, signature: await sign(SECRET, body), event, deliveryId: `kep-${event}`, contentType: 'application/json' });
      expect(answer.status).toBe(202);
    }
    expect(await applyQueuedDeliveries(db.prisma)).toBe(2);
    const kep = await getKep(db.prisma, 'containerd', '4960', { today });
    expect(kep.issue).toMatchObject({ revision: '2026-07-09T13:00:00Z', labels: ['kind/feature', 'area/cri', 'target/kubernetes/v1.37'] });
    expect(kep.tracking?.shepherds).toEqual(['samuelkarp', 'fuweid']);
    expect(kep.tracking?.pullRequests.map((p) => `#${p.number} ${p.state}`)).toEqual(['#1 merged']);
    expect(kep.history.map((h) => `${h.field}: ${h.before ?? ''} → ${h.after ?? ''}`)).toContain('PR #1: open → merged');
  });
});

describe('tracking issues parsed by an older parser', () => {
  it('are read again from the mirror (the keps job does it), correcting what the old parser misread', async () => {
    // As parser 1 stored it: the placeholder taken for a PR list, no parser version.
    const row = await db.prisma.kepTrackingIssue.findFirstOrThrow({ where: { projectId, number: 2 } });
    const fields = row.fields as Record<string, unknown>;
    await db.prisma.kepTrackingIssue.update({ where: { id: row.id }, data: { fields: { ...fields, parser: undefined, kepPullRequests: ['see', 'issue', 'link'] } } });
    expect(await reparseTrackingIssues(db.prisma, today)).toEqual({ reparsed: 1, notMirrored: 0 });
    const reparsed = await db.prisma.kepTrackingIssue.findFirstOrThrow({ where: { projectId, number: 2 } });
    expect(reparsed.fields).toMatchObject({ parser: TRACKING_PARSER_VERSION, kepPullRequests: [] });
    expect(await reparseTrackingIssues(db.prisma, today)).toEqual({ reparsed: 0, notMirrored: 0 });
  });
});

describe('KEP metadata through the GitHub contents API', () => {
  let enhancements: ReturnType<typeof seedEnhancements>;
  const paths = ['keps/sig-node', 'keps/sig-cloud-provider'];
  const file = 'keps/sig-node/4960-container-stop-signals/kep.yaml';

  it('imports every sig-node kep.yaml and nested folders, and reports a bad file by file, field, line and column', async () => {
    enhancements = seedEnhancements(fake, { acrossSigs: true });
    enhancements.files.set('keps/sig-node/9998-broken/kep.yaml', '# cut by a bad merge\nstatus: implementable\n  owning-sig: [sig-node\n');
    enhancements.files.set('keps/sig-node/9999-no-number/kep.yaml', 'title: No number\nowning-sig: sig-node\nstatus: provisional\n');
    const before = fake.requests.length;
    const first = await importKepsFromGithub(db.prisma, { config, paths, now: today });
    // 9999's number is read from its directory name, with a problem saying so; the nested
    // keps/sig-cloud-provider/azure/586-… is read; the cloud-provider template is skipped by name, unfetched.
    expect(first).toMatchObject({ repository: 'kubernetes/enhancements', read: 130, created: 129, skipped: 1, notModified: 0, missing: [] });
    // The 116 real PRR approval files of sig-node; sig-cloud-provider has none here.
    expect(first.prr).toEqual({ read: 116, created: 116, updated: 0, unchanged: 0, skipped: 0 });
    // sig-node: listing + 128 files; sig-cloud-provider: listing, 2 group listings, 2 files;
    // keps/prod-readiness: its listing, sig-node's listing + 116 files.
    expect(first.requests).toBe(252);
    expect(fake.requests.slice(before).some((r) => r.path.includes('0000-cloud-provider-template'))).toBe(false);
    const broken = first.problems.filter((p) => p.file.includes('/999'));
    expect(broken.map((p) => `${p.file} ${p.field}`)).toEqual(
      expect.arrayContaining(['kubernetes/enhancements/keps/sig-node/9998-broken/kep.yaml (yaml)', 'kubernetes/enhancements/keps/sig-node/9999-no-number/kep.yaml kep-number']),
    );
    expect(broken.find((p) => p.field === '(yaml)')).toMatchObject({ line: 2, column: 9, message: 'Nested mappings are not allowed in compact mappings at line 2, column 9' });
    expect(first.shared).toEqual(['KEP-2133: sig-cloud-provider/2133-out-of-tree-credential-provider, sig-node/2133-kubelet-credential-providers (all kept)']);
    expect(await db.prisma.kep.count()).toBe(129);
    expect(await db.prisma.kep.findUniqueOrThrow({ where: { key: 'sig-cloud-provider/azure/586-azure-availability-zones' } })).toMatchObject({
      repository: 'kubernetes/enhancements', path: 'keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml', source: 'kubernetes/enhancements/keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml',
    });
    expect((await db.prisma.kep.findUniqueOrThrow({ where: { key: 'sig-node/2625-cpumanager-policies-thread-placement' } })).problems).toContainEqual(expect.objectContaining({ field: 'status' }));
    // 134 requests and 129 KEPs stored one transaction each: seconds alone, far more on a loaded machine.
  }, 120_000);

  it('asks one 304 per path on a quiet run and reports the file that could not be stored again', async () => {
    const before = fake.requests.length;
    const quiet = await importKepsFromGithub(db.prisma, { config, paths, now: today });
    expect(quiet).toMatchObject({ requests: 3, notModified: 3, read: 0, stillUnreadable: 1, prr: { read: 0 } });
    expect(quiet.problems.map((p) => `${p.file} ${p.field}`)).toEqual(expect.arrayContaining(['kubernetes/enhancements/keps/sig-node/9998-broken/kep.yaml (yaml)']));
    expect(quiet.problems.every((p) => p.message.endsWith('(unreadable since 2026-07-10)'))).toBe(true);
    expect(describeGithubKepImport(quiet)).toContain('kubernetes/enhancements/keps/sig-node/9998-broken/kep.yaml (yaml): ');
    expect(fake.requests.slice(before).map((r) => `${r.path} ${r.status}`)).toEqual([
      '/repos/kubernetes/enhancements/contents/keps/sig-node 304',
      '/repos/kubernetes/enhancements/contents/keps/sig-cloud-provider 304',
      '/repos/kubernetes/enhancements/contents/keps/prod-readiness 304',
    ]);
  });

  it('after a change reads only the changed file and the unreadable one again', async () => {
    enhancements.files.set(file, enhancements.files.get(file)!.replace(/latest-milestone: .*/, 'latest-milestone: "v1.38"'));
    enhancements.files.set('keps/prod-readiness/sig-node/4960.yaml', 'kep-number: 4960\nalpha:\n  approver: "@deads2k"\nbeta:\n  approver: "@deads2k"\nstable:\n  approver: "@jpbetz"\n');
    const changed = await importKepsFromGithub(db.prisma, { config, paths, now: today });
    // Files stored last time answer 304; the unreadable one is asked again and reported again.
    // kep.yaml: 2 listings + 128 files; PRR: 2 listings + 116 files, 115 of them 304.
    expect(changed).toMatchObject({ read: 2, updated: 1, skipped: 1, requests: 248, notModified: 242, filesUnchanged: 241, prr: { read: 1, updated: 1 } });
    expect(changed.changes).toEqual(['sig-node/4960-container-stop-signals latestMilestone: 1.37 → 1.38', 'PRR sig-node/4960 stable: — → jpbetz']);
    expect(new Set(changed.problems.map((p) => `${p.file} ${p.field}`))).toEqual(new Set(['kubernetes/enhancements/keps/sig-node/9998-broken/kep.yaml (yaml)', 'kubernetes/enhancements/keps/sig-node/9998-broken/kep.yaml (file)']));
  });

  it('reports and marks a KEP gone from its folder, and stops reporting a file that is gone', async () => {
    // Gone from its folder: reported, marked, kept; a fixed file is no longer reported.
    enhancements.files.delete('keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml');
    enhancements.files.delete('keps/sig-node/9998-broken/kep.yaml');
    enhancements.files.set(file, enhancements.files.get(file)!.replace('latest-milestone: "v1.38"', 'latest-milestone: "v1.37"'));
    const gone = await importKepsFromGithub(db.prisma, { config, paths, now: today });
    expect(gone.missing).toEqual(['sig-cloud-provider/azure/586-azure-availability-zones: no longer in kubernetes/enhancements/keps/sig-cloud-provider/azure/586-azure-availability-zones/kep.yaml: marked missing (kept)']);
    expect(describeGithubKepImport(gone)).toContain('marked missing (kept)');
    expect(await db.prisma.kep.findUniqueOrThrow({ where: { key: 'sig-cloud-provider/azure/586-azure-availability-zones' } })).toMatchObject({ missingSince: today });
    expect(await db.prisma.kepFileProblem.count()).toBe(0);
    expect((await importKepsFromGithub(db.prisma, { config, paths, now: today })).problems).toEqual([]);
  });
});

describe('GitHub write-back, dry run first', () => {
  it('shows the exact request, refuses who may not send, sends it for a maintainer and records the answer', async () => {
    const maintainer = actor('max', 'MAINTAINER');
    const plan = await planWriteBack(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '2625', kind: 'open-issue' }, { apiUrl: fake.url });
    expect(plan.request).toMatchObject({ method: 'POST', url: `${fake.url}/repos/containerd/containerd/issues` });
    expect(plan.request.body).toMatchObject({ title: expect.stringMatching(/^\[SIG-Node\]: KEP-2625 - /), labels: ['kind/feature', 'area/cri', expect.stringMatching(/^target\/kubernetes\/v1\.\d+$/)] });

    const sent = fake.requests.filter((r) => r.method !== 'GET').length;
    await expect(sendWriteBack(db.prisma, actor('vic', 'VIEWER'), { projectSlug: 'containerd', kepNumber: '2625', kind: 'open-issue' }, { apiUrl: fake.url, config })).rejects.toThrow(
      'vic is not an admin or maintainer of the project, or the shepherd of this KEP',
    );
    await expect(sendWriteBack(db.prisma, actor('shep', 'SHEPHERD', 4960), { projectSlug: 'containerd', kepNumber: '2625', kind: 'open-issue' }, { apiUrl: fake.url, config })).rejects.toThrow('shep is not');
    expect(fake.requests.filter((r) => r.method !== 'GET').length).toBe(sent);

    const result = await sendWriteBack(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '2625', kind: 'open-issue' }, { apiUrl: fake.url, config, note: 'cycle 1.37' });
    expect(result).toMatchObject({ ok: true, status: 201, error: null, responseUrl: 'https://github.com/containerd/containerd/issues/4' });
    const created = fake.repository('containerd/containerd').issues.find((i) => i.number === 4)!;
    expect({ title: created.title, body: created.body, labels: created.labels }).toEqual({ title: plan.request.body.title, body: plan.request.body.body, labels: plan.request.body.labels });
    // The answer went through the mirror: the new issue is the KEP's tracking issue at once.
    expect((await getKep(db.prisma, 'containerd', '2625', { today })).tracking).toMatchObject({ issueNumber: 4, state: 'TRIAGED' });
    expect(await db.prisma.kepWriteBack.findUniqueOrThrow({ where: { id: result.id } })).toMatchObject({ actor: 'max', kind: 'open-issue', method: 'POST', status: 201, url: plan.request.url });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'kep.write-back' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: 'max', note: 'cycle 1.37', target: expect.stringContaining('KEP-2625') });

    await expect(planWriteBack(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '2625', kind: 'open-issue' }, { apiUrl: fake.url })).rejects.toThrow('already has tracking issue #4');
  });

  it('sets labels, milestone and assignees, nudges an idle PR, and records 422 and rate-limit refusals', async () => {
    const shepherd = actor('shep', 'SHEPHERD', 4960);
    const input = (kind: 'add-labels' | 'set-milestone' | 'assign-shepherds' | 'nudge', extra: object = {}) => ({ projectSlug: 'containerd', kepNumber: '4960', kind, ...extra });
    // #2 already carries the labels (webhook above) and milestone 2.4.
    await expect(planWriteBack(db.prisma, shepherd, input('add-labels'), { apiUrl: fake.url })).rejects.toThrow('#2 already has kind/feature, area/cri, target/kubernetes/v1.37');

    const assign = await sendWriteBack(db.prisma, shepherd, input('assign-shepherds'), { apiUrl: fake.url, config });
    expect(assign).toMatchObject({ ok: true, status: 201 });
    expect(assign.plan.request.body).toEqual({ assignees: ['samuelkarp', 'fuweid'] });
    expect(fake.repository('containerd/containerd').issues[1].assignees).toEqual(['samuelkarp', 'fuweid']);

    const milestone = await planWriteBack(db.prisma, shepherd, input('set-milestone', { cycle: '2.3' }), { apiUrl: fake.url });
    expect(milestone.request).toEqual({ method: 'PATCH', url: `${fake.url}/repos/containerd/containerd/issues/2`, body: { milestone: 1 } });
    // GitHub refuses a milestone that was deleted meanwhile: 422, recorded and audited, nothing else changes.
    fake.repository('containerd/containerd').milestones.shift();
    const refused = await sendWriteBack(db.prisma, shepherd, input('set-milestone', { cycle: '2.3' }), { apiUrl: fake.url, config });
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(refused.error).toContain('Validation Failed');
    expect(refused.error).toContain('"field":"milestone"');
    expect(await db.prisma.kepWriteBack.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({ status: 422, error: refused.error });

    // A PR of KEP-4960 that is open and idle.
    const repo = fake.repository('containerd/containerd');
    repo.addIssue({ title: '[KEP-4960] CRI: stop signal for Windows', body: null, pullRequest: true, author: 'jdoe', createdAt: '2026-05-20T00:00:00Z', updatedAt: '2026-05-20T00:00:00Z' });
    await syncProject(db.prisma, 'containerd', { config, trigger: 'test', full: true });
    const nudge = await planWriteBack(db.prisma, shepherd, input('nudge', { pullRequest: 5 }), { apiUrl: fake.url, today });
    expect(nudge.request.url).toBe(`${fake.url}/repos/containerd/containerd/issues/5/comments`);
    expect(nudge.request.body.body).toBe(
      [
        'Hi @jdoe, this pull request implements KEP-4960 (Container Stop Signals), tracked in #2, and has had no activity for 51 days.',
        'Kubernetes 1.37 code freeze is 2026-07-23. The runtime target is containerd 2.4.',
        "Is anything blocking it? The KEP's shepherds (@samuelkarp, @fuweid) can help.",
        '',
        '<sub>Sent from Shepherd by @shep.</sub>',
      ].join('\n'),
    );
    await expect(planWriteBack(db.prisma, shepherd, input('nudge', { pullRequest: 1 }), { apiUrl: fake.url })).rejects.toThrow('#1 is merged');

    // Out of rate limit until an hour from now (the throttling plugin reads the reset on the real clock).
    clock = Date.now();
    fake.setRateLimit('kep-token', 0);
    const limited = await sendWriteBack(db.prisma, shepherd, input('nudge', { pullRequest: 5 }), { apiUrl: fake.url, config, today });
    expect(limited).toMatchObject({ ok: false, status: 403 });
    expect(limited.error).toContain('API rate limit exceeded');
    expect(repo.comments).toHaveLength(0);
    fake.setRateLimit('kep-token', 5000);
    const posted = await sendWriteBack(db.prisma, shepherd, input('nudge', { pullRequest: 5 }), { apiUrl: fake.url, config, today });
    expect(posted).toMatchObject({ ok: true, status: 201, responseUrl: expect.stringMatching(/issues\/5#issuecomment-\d+$/) });
    expect(repo.comments.map((c) => c.body)).toEqual([nudge.request.body.body]);
    expect(await db.prisma.kepWriteBack.count({ where: { kepNumber: '4960' } })).toBe(4);
  });
});

describe('decisions made in the portal', () => {
  it('sets state, a shipped stage and shepherds in one audited change; liaisons; refuses a viewer', async () => {
    const maintainer = actor('max', 'MAINTAINER');
    const done = await updateKepTracking(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '4960', shipment: { stage: 'alpha', cycle: '2.1' }, shepherds: ['fuweid'], state: 'AT_RISK', note: 'review' });
    expect(done).toEqual(['alpha shipped in 2.1', 'shepherds: @fuweid', 'state: at risk']);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'kep.update' }, orderBy: { id: 'desc' } });
    expect(audit.before).toMatchObject({ state: 'IN_PROGRESS', shepherds: ['samuelkarp', 'fuweid'], shipped: [] });
    expect(audit.after).toMatchObject({ state: 'AT_RISK', stateOverride: true, shepherds: ['fuweid'], shipped: ['alpha in 2.1'] });

    // A bad cycle rolls the whole change back.
    await expect(updateKepTracking(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '4960', shepherds: ['someone'], shipment: { stage: 'beta-gate-on', cycle: '9.9' } })).rejects.toThrow('no release cycle "9.9"');
    expect((await getKep(db.prisma, 'containerd', '4960', { today })).tracking?.shepherds).toEqual(['fuweid']);

    // An edit of the issue that leaves its shepherd field alone keeps the portal's choice.
    const repo = fake.repository('containerd/containerd');
    clock = Date.parse('2026-07-09T15:00:00Z');
    repo.updateIssue(2, { title: '[SIG-Node]: KEP-4960 - Container Stop Signals (beta)' });
    await syncProject(db.prisma, 'containerd', { config, trigger: 'test' });
    const kep = await getKep(db.prisma, 'containerd', '4960', { today });
    expect(kep.issue).toMatchObject({ title: '[SIG-Node]: KEP-4960 - Container Stop Signals (beta)', revision: '2026-07-09T15:00:00Z' });
    expect(kep.tracking).toMatchObject({ shepherds: ['fuweid'], state: 'AT_RISK' });

    await expect(updateKepTracking(db.prisma, actor('vic', 'VIEWER'), { projectSlug: 'containerd', kepNumber: '4960', state: 'DEFERRED' })).rejects.toThrow('vic is not');
    await expect(updateKepTracking(db.prisma, maintainer, { projectSlug: 'containerd', kepNumber: '1', state: 'DEFERRED' })).rejects.toThrow('does not track KEP-1');

    await updateLiaisons(db.prisma, maintainer, { projectSlug: 'containerd', kubernetesRelease: 'v1.37', logins: ['mikebrow', 'containerd/committers'] });
    expect((await db.prisma.kepLiaison.findMany({ where: { kubernetesRelease: '1.37' }, orderBy: { login: 'asc' } })).map((l) => l.login)).toEqual(['containerd/committers', 'mikebrow']);
    await expect(updateLiaisons(db.prisma, actor('shep', 'SHEPHERD', 4960), { projectSlug: 'containerd', kubernetesRelease: '1.37', logins: [] })).rejects.toThrow('shep is not');
    await expect(updateLiaisons(db.prisma, maintainer, { projectSlug: 'containerd', kubernetesRelease: '2.4', logins: [] })).rejects.toThrow('kubernetesRelease: "2.4" is not a Kubernetes minor');
  });
});
