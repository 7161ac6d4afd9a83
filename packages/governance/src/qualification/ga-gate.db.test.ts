import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { addScheduledCycle, updateCyclePlan } from '../planning/edit-plan';
import { personWithRole } from '../testing/actors';
import { recordTags } from '../testing/tags';
import { openTestDatabase } from '../testing/test-database';
import { assertGaAllowed, getGaGate, getGaGateScope, overrideGaGate, setGaGateScope } from './ga-gate';
import { qualifyNow, requestDueQualifications, requestQualification } from './request-qualification';

// The gate is closed until an RC is green: no qualification means closed for every cycle not GA
// yet; cycles already GA keep their history; a project may name the first gated cycle. Nothing
// queues a qualification of a tag that does not exist.

const TODAY = '2026-12-01';

describe('the GA gate and the RCs it judges', () => {
  let db: Database;
  const gate = async (name: string) => getGaGate(db.prisma, (await db.prisma.releaseCycle.findFirstOrThrow({ where: { name, project: { slug: 'containerd' } } })).id);

  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  it('is closed for a cycle not GA yet with no qualification, and leaves released cycles as they were', async () => {
    expect(await gate('2.4')).toMatchObject({
      state: 'none',
      open: false,
      tag: null,
      message: 'containerd 2.4 cannot go GA: no release candidate has been qualified; it has no RC tag yet (tags: v2.4.0-beta.0)',
    });
    const cycle = await db.prisma.releaseCycle.findFirstOrThrow({ where: { name: '2.4' } });
    await expect(assertGaAllowed(db.prisma, cycle.id)).rejects.toMatchObject({ code: 'failed_precondition' });
    // 2.3 went GA before any qualification existed: its history stands, nothing is blocked.
    expect(await gate('2.3')).toMatchObject({ state: 'released', open: true, message: 'containerd 2.3 went GA on April 30, 2026, with no release-candidate qualification recorded' });
    // The seed's GA tags of released cycles are not blocked by the gate on a re-import.
    const { importTags } = await import('../releases/import-tags');
    const report = await importTags(db.prisma, { projectSlug: 'containerd', tsv: 'tag\tdate\nv2.3.0\t2026-04-30 12:24:20 -0700\n', source: 're-import.tsv' });
    expect(report.changes.join('\n')).not.toContain('blocked');
  });

  it('"qualify now" without a tag takes the newest known RC, or says there is none; unknown tags are refused naming the known ones', async () => {
    const max = await personWithRole(db.prisma, 'max', 'MAINTAINER', { project: 'containerd' });
    const ask = (tag?: string) => qualifyNow(db.prisma, max, { project: 'containerd', cycle: '2.4', tag });
    await expect(ask()).rejects.toMatchObject({
      code: 'failed_precondition',
      message: 'containerd 2.4 has no release candidate to qualify: it has no RC tag yet (tags: v2.4.0-beta.0). Import its RC tag (npm run import -- tags) or sync GitHub, then qualify it.',
    });
    await expect(ask('v2.4.0-rc.0')).rejects.toMatchObject({ code: 'invalid_argument', message: 'tag: v2.4.0-rc.0 is not a known release candidate of containerd 2.4; it has no RC tag yet (tags: v2.4.0-beta.0)' });
    // Mirrored from GitHub but not mapped to a release yet (no date known): still a real tag.
    const project = await db.prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } });
    const repository = await db.prisma.githubRepository.create({ data: { fullName: 'containerd/containerd', projectId: project.id } });
    await db.prisma.githubTag.create({ data: { repositoryId: repository.id, name: 'v2.4.0-rc.10', commitSha: 'a'.repeat(40), firstSeenAt: new Date() } });
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.9'], '2026-11-25');
    expect(await ask()).toMatchObject({ created: true, qualification: { tag: 'v2.4.0-rc.10', trigger: 'manual' } });
    expect(await db.prisma.qualification.count()).toBe(1);
  });

  it('judges the newest known RC: an older green RC does not open the gate while a newer one is unqualified', async () => {
    const rc10 = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.10' } });
    const { qualification: rc9 } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.9', trigger: 'manual' });
    await db.prisma.qualification.update({ where: { id: rc9.id }, data: { status: 'PASSED' } });
    expect(await gate('2.4')).toMatchObject({ state: 'pending', open: false, tag: 'v2.4.0-rc.10' });
    // A patch release's RC does not gate GA of x.y.0.
    await recordTags(db.prisma, 'containerd', ['v2.4.1-rc.0']);
    expect(await gate('2.4')).toMatchObject({ state: 'pending', tag: 'v2.4.0-rc.10' });
    await db.prisma.qualification.delete({ where: { id: rc10.id } });
    expect(await gate('2.4')).toMatchObject({ state: 'none', open: false, tag: 'v2.4.0-rc.10', message: 'containerd 2.4 cannot go GA: its latest RC v2.4.0-rc.10 has not been qualified' });
  });

  it('never queues a run for a tag that does not exist: not when a cycle is added, nor when its RC date passes', async () => {
    const max = await personWithRole(db.prisma, 'max', 'MAINTAINER', { project: 'containerd' });
    const added = await addScheduledCycle(db.prisma, max, { project: 'containerd', cycle: '2.5' }, TODAY);
    const rcDay = added.milestones.RC.planned!.date;
    await updateCyclePlan(db.prisma, max, { project: 'containerd', cycle: '2.4', milestones: { RC: { planned: { date: '2026-08-20', precision: 'DAY', tentative: false } } } }, TODAY);
    const before = await db.prisma.qualification.count();
    // Long after 2.5's RC date: 2.4 has known RCs (and its newest gets queued), 2.5 has none.
    const queued = await requestDueQualifications(db.prisma, '2027-12-31');
    expect(queued.map((run) => run.tag)).toEqual(['v2.4.0-rc.10']);
    expect(rcDay < '2027-12-31').toBe(true);
    expect(await db.prisma.qualification.count({ where: { cycle: { name: '2.5' } } })).toBe(0);
    expect(await db.prisma.qualification.count()).toBe(before + 1);
    expect(await requestDueQualifications(db.prisma, '2027-12-31')).toEqual([]);
  });

  it('lets a project name its first gated cycle (audited, with a reason), and a maintainer override a cycle with no RC at all', async () => {
    const max = await personWithRole(db.prisma, 'max', 'MAINTAINER', { project: 'containerd' });
    const rose = await personWithRole(db.prisma, 'rose', 'RELEASE_OWNER', { project: 'containerd', cycle: '2.5' });
    const scope = (firstCycle: string | null, reason = 'onboarding: 2.5 is the first release built with Shepherd') =>
      setGaGateScope(db.prisma, max, { project: 'containerd', firstCycle, reason });
    await expect(scope('2.9')).rejects.toThrow('firstCycle: containerd has no release cycle 2.9');
    await expect(scope('two')).rejects.toThrow('firstCycle: "two" is not a release cycle such as 2.4');
    await expect(scope('2.5', 'because')).rejects.toThrow('reason: write at least 15 characters');
    await expect(setGaGateScope(db.prisma, rose, { project: 'containerd', firstCycle: '2.5', reason: 'the release owner wants it' })).rejects.toMatchObject({ code: 'permission_denied' });
    await scope('2.5');
    await expect(getGaGateScope(db.prisma, 'containerd')).resolves.toEqual({ project: 'containerd', firstCycle: '2.5', by: 'max', reason: 'onboarding: 2.5 is the first release built with Shepherd' });
    expect(await gate('2.4')).toMatchObject({ state: 'exempt', open: true, firstCycle: '2.5', message: 'the GA gate applies to containerd from 2.5 on; 2.4 is older' });
    expect(await gate('2.5')).toMatchObject({ state: 'none', open: false, firstCycle: '2.5' });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'ga.scope' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: 'max', target: 'containerd GA gate', before: { firstCycle: '2.4' }, after: { firstCycle: '2.5' } });
    await scope(null, 'every cycle not GA yet is gated again');
    expect(await gate('2.4')).toMatchObject({ state: 'pending', open: false, firstCycle: null });

    await expect(overrideGaGate(db.prisma, rose, { project: 'containerd', cycle: '2.5', reason: 'the release owner wants it out' })).rejects.toMatchObject({ code: 'permission_denied' });
    await overrideGaGate(db.prisma, max, { project: 'containerd', cycle: '2.5', reason: 'docs-only release, no engine change' });
    expect(await gate('2.5')).toMatchObject({ state: 'overridden', open: true, tag: null, message: 'no RC is qualified, overridden by @max: docs-only release, no engine change' });
  });

  it("treats a new project's first tags as history: the gate governs the releases after them", async () => {
    const { importTags } = await import('../releases/import-tags');
    const project = await db.prisma.project.create({ data: { slug: 'reef', name: 'Reef', repository: 'example-org/reef' } });
    const history = 'tag\tdate\nv1.0.0\t2025-03-01 10:00:00 +0000\nv1.1.0-rc.0\t2025-08-20 10:00:00 +0000\nv1.1.0\t2025-09-01 10:00:00 +0000\nv1.2.0-beta.0\t2026-01-10 10:00:00 +0000\n';
    const first = await importTags(db.prisma, { projectSlug: 'reef', tsv: history, source: 'reef-history.tsv' });
    expect(first.changes).toContain('GA gate: applies from 1.2 on (the GA tags up to 1.1.0 existed before Shepherd governed Reef)');
    expect(first.changes).toContain('1.1: GA happened September 1, 2025');
    const reef = async (name: string) => getGaGate(db.prisma, (await db.prisma.releaseCycle.findFirstOrThrow({ where: { name, project: { slug: 'reef' } } })).id);
    expect(await reef('1.1')).toMatchObject({ state: 'released', open: true });
    expect(await reef('1.2')).toMatchObject({ state: 'none', open: false, firstCycle: '1.2' });
    // A later import is not history: 1.2's GA tag waits for the gate.
    const later = await importTags(db.prisma, { projectSlug: 'reef', tsv: 'tag\tdate\nv1.2.0\t2026-03-01 10:00:00 +0000\n', source: 'reef-1.2.tsv' });
    expect(later.changes).toContain('1.2: GA tag v1.2.0 seen, but GA is blocked: Reef 1.2 cannot go GA: no release candidate has been qualified; it has no RC tag yet (tags: v1.2.0, v1.2.0-beta.0)');
    expect(await db.prisma.gaGateScope.findUniqueOrThrow({ where: { projectId: project.id } })).toMatchObject({ firstCycle: '1.2', by: 'tags import (reef-history.tsv)' });
  });
});
