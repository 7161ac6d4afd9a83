import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { ANONYMOUS, type UserActor } from '../auth/actor';
import { requestQualification } from '../qualification/request-qualification';
import { recordTags } from '../testing/tags';
import { personWithRole } from '../testing/actors';
import { openTestDatabase } from '../testing/test-database';
import { addScheduledCycle, readCyclePlan, updateCyclePlan, type CyclePlanEdit } from './edit-plan';
import { getReleasePlan } from './get-release-plan';
import { recordGa } from './record-ga';
import { savePolicies } from './save-policies';

const TODAY = '2026-12-01';

describe('the planner edits containerd 2.4 and its policy', () => {
  let db: Database;
  let max: UserActor;
  let rose: UserActor;
  let cycleId: number;
  const edit = (actor: UserActor | typeof ANONYMOUS, input: Omit<CyclePlanEdit, 'project' | 'cycle'>, cycle = '2.4') =>
    updateCyclePlan(db.prisma, actor, { project: 'containerd', cycle, ...input }, TODAY);
  const auditCount = () => db.prisma.auditEvent.count();

  beforeAll(async () => {
    db = await openTestDatabase('seeded');
    max = await personWithRole(db.prisma, 'max', 'MAINTAINER', { project: 'containerd' });
    rose = await personWithRole(db.prisma, 'rose', 'RELEASE_OWNER', { project: 'containerd', cycle: '2.4' });
    cycleId = (await db.prisma.releaseCycle.findFirstOrThrow({ where: { name: '2.4' } })).id;
  });
  afterAll(() => db.close());

  it('replans milestones and owners in one audited change, with each field in the milestone history', async () => {
    const after = await edit(max, {
      milestones: {
        BETA: { planned: { date: '2026-11-18', precision: 'DAY', tentative: false }, actual: '2026-11-19' },
        RC: { planned: { date: '2027-01-06', precision: 'DAY', tentative: true } },
        GA: { planned: { date: '2027-01', precision: 'MONTH', tentative: true } },
      },
      releaseOwners: ['@dmcgowan', 'fuweid', 'containerd/committers'],
      note: 'moved after the holidays',
    });
    expect(after.milestones).toMatchObject({
      BETA: { planned: { date: '2026-11-18', precision: 'DAY', tentative: false }, actual: '2026-11-19' },
      RC: { planned: { date: '2027-01-06', tentative: true }, actual: null },
      GA: { planned: { date: '2027-01-01', precision: 'MONTH', tentative: true }, actual: null },
    });
    expect(after.releaseOwners).toEqual(['dmcgowan', 'fuweid', 'containerd/committers']);

    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'plan.update' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ actor: 'max', target: 'containerd 2.4', note: 'moved after the holidays' });
    expect((event.before as { milestones: { GA: { planned: { date: string } } } }).milestones.GA.planned.date).toBe('2026-08-26');
    const changes = await db.prisma.milestoneChange.findMany({ where: { milestone: { cycleId, kind: 'GA' }, source: 'planned by max' } });
    expect(changes.map((change) => [change.field, change.before, change.after]).sort()).toEqual([
      ['plannedOn', '2026-08-26', '2027-01-01'],
      ['plannedPrecision', 'DAY', 'MONTH'],
    ]);
    // The plan's rule checks see the new owners: containerd/committers is a team, not an experienced owner.
    const plan = await getReleasePlan(db.prisma, 'containerd', TODAY);
    expect(plan.data.cycles.find((c) => c.name === '2.4')!.owners.map((o) => o.login)).toEqual(['dmcgowan', 'fuweid', 'containerd/committers']);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = [await readCyclePlan(db.prisma, cycleId), await auditCount()];
    await expect(edit(max, { milestones: { RC: { planned: { date: '2027-02-10', precision: 'DAY', tentative: false } } } })).rejects.toThrow(
      'milestones.GA: GA on January 2027 would come before RC on February 10, 2027',
    );
    await expect(edit(max, { milestones: { GA: { planned: { date: '2027-02-30', precision: 'DAY', tentative: false } } } })).rejects.toThrow('milestones.GA.planned.date: "2027-02-30" is not a calendar date');
    await expect(edit(max, { milestones: { RC: { actual: '2026-12-24' } } })).rejects.toThrow('milestones.RC.actual: 2026-12-24 is in the future');
    await expect(edit(max, { milestones: { EOL: { actual: '2026-11-01' } } as never })).rejects.toThrow('milestones.EOL: not a planner milestone');
    await expect(edit(max, { releaseOwners: ['ok', 'not a login'] })).rejects.toThrow('releaseOwners: "not a login" is not a GitHub login or org/team');
    await expect(edit(max, { releaseOwners: ['ann', '@ann'] })).rejects.toThrow('releaseOwners: @ann is listed twice');
    await expect(edit(max, {}, '9.9')).rejects.toThrow('cycle: containerd has no release cycle "9.9"');
    await expect(edit(ANONYMOUS, { isLts: true })).rejects.toThrow('Sign in first');
    await expect(edit(rose, { isLts: true })).rejects.toThrow('You cannot change the release plan of containerd 2.4: rose is not an admin or maintainer of the project.');
    expect([await readCyclePlan(db.prisma, cycleId), await auditCount()]).toEqual(before);
  });

  it('refuses GA through the plan edit, pointing to "Record GA", which passes the release-candidate gate', async () => {
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.0']);
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'manual' });
    await db.prisma.qualification.update({ where: { id: qualification.id }, data: { status: 'PASSED', reason: null } });
    // Even with the gate open, GA is not a plan field.
    await expect(edit(max, { milestones: { RC: { actual: '2026-11-25' }, GA: { actual: '2026-11-30' } } })).rejects.toMatchObject({
      code: 'invalid_argument',
      message:
        'milestones.GA.actual: GA is not set through the plan; use "Record GA" on the qualification page (POST /api/projects/containerd/cycles/2.4/ga), which shows what changes publicly first',
    });
    expect((await readCyclePlan(db.prisma, cycleId)).milestones.RC.actual).toBeNull();

    await edit(max, { milestones: { RC: { actual: '2026-11-25' } } });
    const { plan } = await recordGa(db.prisma, max, { project: 'containerd', cycle: '2.4', day: '2026-11-30' }, TODAY);
    // Released, the published GA date is the day it happened, no longer a tentative month.
    expect(plan!.milestones.GA).toEqual({ actual: '2026-11-30', planned: { date: '2026-11-30', precision: 'DAY', tentative: false } });
    // Sending the same GA day back (a read-modify-write of the plan) is no change, and allowed.
    await expect(edit(max, { milestones: { GA: { actual: '2026-11-30' } }, note: 'same day' })).resolves.toBeTruthy();
    await expect(edit(max, { milestones: { GA: { actual: null } } })).rejects.toThrow('and "Undo GA" there to take it back');
  });

  it('adds a release the schedule proposes, with tentative dates from the policy', async () => {
    const proposed = (await getReleasePlan(db.prisma, 'containerd', TODAY)).schedule.releases.find((release) => release.cycle === '2.6')!;
    const added = await addScheduledCycle(db.prisma, max, { project: 'containerd', cycle: '2.6' }, TODAY);
    expect(added).toMatchObject({
      cycle: '2.6',
      isLts: proposed.isLts,
      milestones: {
        BETA: { planned: { date: proposed.betaWindow.start, tentative: true } },
        RC: { planned: { date: proposed.rcWindow.start, tentative: true } },
        GA: { planned: { date: proposed.ga.date, tentative: true } },
      },
    });
    // It reports what it recorded, the same list "add to the plan" shows before anyone confirms.
    expect(added.added.milestones.map((milestone) => milestone.kind)).toEqual(['BETA', 'RC', 'GA', 'END_OF_ACTIVE_SUPPORT', 'EOL']);
    expect(added.added.milestones.find((milestone) => milestone.kind === 'GA')).toMatchObject({ date: proposed.ga.date, past: false });
    // Now a recorded cycle, the plan no longer proposes it as a new release.
    expect((await getReleasePlan(db.prisma, 'containerd', TODAY)).data.cycles.map((cycle) => cycle.name)).toContain('2.6');
    const eol = await db.prisma.milestone.findFirstOrThrow({ where: { kind: 'EOL', cycle: { name: '2.6' } } });
    expect(eol.tentative).toBe(true);
    await expect(addScheduledCycle(db.prisma, max, { project: 'containerd', cycle: '2.6' }, TODAY)).rejects.toThrow('cycle: containerd 2.6 is already in the plan');
    await expect(addScheduledCycle(db.prisma, max, { project: 'containerd', cycle: '4.0' }, TODAY)).rejects.toThrow(/^cycle: 4\.0 is not one of the next releases the policy schedules \(2\.5, 2\.6, 2\.7/);
    await expect(addScheduledCycle(db.prisma, rose, { project: 'containerd', cycle: '2.7' }, TODAY)).rejects.toThrow('You cannot change the release plan of containerd 2.7');
  });

  it('saves a new policy version after previewing it; policies in force are history', async () => {
    const stored = (await getReleasePlan(db.prisma, 'containerd', TODAY)).data.policies;
    const v3 = { ...stored[1], version: 3, name: 'twice a year', effectiveFrom: '2027-01-01', firstCycle: '2.6', rules: { ...stored[1].rules, cadence: { months: [4, 10] } } };
    const saved = await savePolicies(db.prisma, max, 'containerd', { policies: [...stored, v3], note: 'agreed at the community meeting' }, TODAY);
    expect(saved).toMatchObject({ created: [3], updated: [], removed: [] });
    expect(saved.preview.diff.length).toBeGreaterThan(0);
    // After 2.4's GA on November 30, 2026, 2.5 keeps v2's December slot; from 2027 v3's April/October cadence places 2.6 and 2.7.
    const schedule = (await getReleasePlan(db.prisma, 'containerd', TODAY)).schedule.releases;
    expect(schedule.filter((r) => ['2.5', '2.6', '2.7'].includes(r.cycle)).map((r) => [r.cycle, r.policyVersion, r.ga.date])).toEqual([
      ['2.5', 2, '2026-12-30'],
      ['2.6', 3, '2027-04-28'],
      ['2.7', 3, '2027-10-27'],
    ]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'policy.update' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ actor: 'max', target: 'containerd release policy', note: 'agreed at the community meeting' });

    const changedV2 = { ...stored[1], rules: { ...stored[1].rules, regularSupport: { kind: 'months-after-ga', months: 12 } } };
    await expect(savePolicies(db.prisma, max, 'containerd', { policies: [stored[0], changedV2, v3] }, TODAY)).rejects.toThrow(
      'body.policies.1: policy v2 ("4-month cadence aligned with Kubernetes") is in force since April 1, 2026 and has governed releases; add a new version instead of changing it',
    );
    await expect(savePolicies(db.prisma, max, 'containerd', { policies: [...stored, v3, { ...v3, version: 4, effectiveFrom: '2026-06-01' }] }, TODAY)).rejects.toThrow(
      'body.policies.3.effectiveFrom: 2026-06-01 is in the past; a new policy takes effect today (2026-12-01) or later',
    );
    await expect(savePolicies(db.prisma, max, 'containerd', { policies: [stored[0], v3] }, TODAY)).rejects.toThrow('body.policies: policy v2 ("4-month cadence aligned with Kubernetes") is in force and cannot be removed');
    await expect(savePolicies(db.prisma, max, 'containerd', { policies: [...stored, { ...v3, rules: { cadence: { months: [13] } } }] }, TODAY)).rejects.toThrow(/^body\.policies\.2\.rules/);
    await expect(savePolicies(db.prisma, rose, 'containerd', { policies: stored, note: 'rose tries' }, TODAY)).rejects.toThrow('You cannot change the release policy of containerd release policy');

    await expect(savePolicies(db.prisma, max, 'containerd', { policies: stored, note: '  ' }, TODAY)).rejects.toThrow('note: say why the policy changes');
    const withdrawn = await savePolicies(db.prisma, max, 'containerd', { policies: stored, note: 'v3 was premature' }, TODAY);
    expect(withdrawn).toMatchObject({ created: [], removed: [3] });
    expect(await db.prisma.releasePolicy.count()).toBe(2);
  });
});
