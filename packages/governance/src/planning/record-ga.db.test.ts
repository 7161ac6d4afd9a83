import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/open-database';
import { ANONYMOUS, type UserActor } from '../auth/actor';
import { getProjectReleases } from '../releases/get-releases';
import { overrideGaGate } from '../qualification/ga-gate';
import { requestQualification } from '../qualification/request-qualification';
import { personWithRole } from '../testing/actors';
import { recordTags } from '../testing/tags';
import { openTestDatabase } from '../testing/test-database';
import { readCyclePlan, updateCyclePlan } from './edit-plan';
import { getGaHistory, recordGa, undoGa } from './record-ga';

// Recording GA is deliberate: behind the RC gate, previewed (what changes publicly), audited as
// ga.record; a maintainer can take it back with a written reason (ga.undo), restoring the plan.

const TODAY = '2026-12-01';

describe('Record GA and Undo GA', () => {
  let db: Database;
  let max: UserActor;
  let rose: UserActor;
  let vic: UserActor;
  let cycleId: number;
  const record = (actor: UserActor | typeof ANONYMOUS, day: string, extra: { dryRun?: boolean; note?: string } = {}) =>
    recordGa(db.prisma, actor, { project: 'containerd', cycle: '2.4', day, ...extra }, TODAY, { origin: 'https://shepherd.example' });
  const undo = (actor: UserActor, reason: string) => undoGa(db.prisma, actor, { project: 'containerd', cycle: '2.4', reason });
  const phaseOf24 = async () => (await getProjectReleases(db.prisma, 'containerd', TODAY)).cycles.find((cycle) => cycle.name === '2.4')!.lifecycle;

  beforeAll(async () => {
    db = await openTestDatabase('seeded');
    max = await personWithRole(db.prisma, 'max', 'MAINTAINER', { project: 'containerd' });
    rose = await personWithRole(db.prisma, 'rose', 'RELEASE_OWNER', { project: 'containerd', cycle: '2.4' });
    vic = await personWithRole(db.prisma, 'vic', 'VIEWER', { project: 'containerd' });
    cycleId = (await db.prisma.releaseCycle.findFirstOrThrow({ where: { name: '2.4' } })).id;
    // A GA month, as the planner keeps it before release: undo must bring exactly this back.
    await updateCyclePlan(db.prisma, max, { project: 'containerd', cycle: '2.4', milestones: { GA: { planned: { date: '2026-12', precision: 'MONTH', tentative: true } } } }, TODAY);
  });
  afterAll(() => db.close());

  it('refuses while the gate is closed, and refuses people who may not record GA', async () => {
    await expect(record(max, '2026-11-30')).rejects.toMatchObject({
      code: 'failed_precondition',
      message:
        'containerd 2.4 cannot go GA: no release candidate has been qualified; it has no RC tag yet (tags: v2.4.0-beta.0). A maintainer can override the gate with a written reason on the qualification page.',
    });
    await expect(record(ANONYMOUS, '2026-11-30')).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(record(vic, '2026-11-30', { dryRun: true })).rejects.toThrow('You cannot record the GA of containerd 2.4: vic is not an admin or maintainer of the project, or the release owner of this cycle.');
    await expect(record(max, '2026-12-24')).rejects.toThrow('date: 2026-12-24 is in the future');
    await expect(record(max, '2026-02-30')).rejects.toThrow('date: "2026-02-30" is not a calendar date');
    expect((await readCyclePlan(db.prisma, cycleId)).milestones.GA.actual).toBeNull();
    expect(await db.prisma.auditEvent.count({ where: { action: 'ga.record' } })).toBe(0);
  });

  it('previews what changes publicly, then the release owner records GA once the RC is green', async () => {
    await recordTags(db.prisma, 'containerd', ['v2.4.0-rc.0']);
    const { qualification } = await requestQualification(db.prisma, { projectSlug: 'containerd', tag: 'v2.4.0-rc.0', trigger: 'tag' });
    await db.prisma.qualification.update({ where: { id: qualification.id }, data: { status: 'PASSED' } });

    const dry = await record(rose, '2026-11-30', { dryRun: true });
    expect(dry).toMatchObject({ recorded: false, plan: null, preview: { day: '2026-11-30', gate: { state: 'green', open: true }, phase: { after: 'Active' } } });
    expect(dry.preview.v1).toMatchObject({ name: '2.4', releaseDate: '2026-11-30', isMaintained: true, eolFrom: '2027-04-26' });
    expect(dry.preview.changes).toEqual([
      'The release table, the EOL page (/projects/containerd/eol), badges and the timeline show 2.4 as Active (now Beta).',
      'The endoflife.date API (/api/v1/products/containerd) lists 2.4, released 2026-11-30, active support until April 26, 2027 (tentative), end of life April 26, 2027 (tentative), and /api/v1/products/containerd/releases/latest becomes 2.4.',
      "Shepherd's API and the calendar (/calendar/containerd.ics) show GA as happened on November 30, 2026, replacing the planned December 2026 (tentative).",
      "The upcoming end-of-life feed (/feeds/upcoming-eol.atom) announces 2.4's end of life, April 26, 2027 (tentative).",
      'Its support dates are still tentative: confirm them on the release page so users are not told a date that moves.',
    ]);
    // A dry run writes nothing.
    expect((await readCyclePlan(db.prisma, cycleId)).milestones.GA.actual).toBeNull();
    expect((await phaseOf24()).ga?.happened).toBe(false);

    const done = await record(rose, '2026-11-30', { note: 'tagged and announced' });
    expect(done.recorded).toBe(true);
    expect(done.plan!.milestones.GA).toEqual({ actual: '2026-11-30', planned: { date: '2026-11-30', precision: 'DAY', tentative: false } });
    expect(await phaseOf24()).toMatchObject({ phase: 'ACTIVE', ga: { date: '2026-11-30', happened: true } });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'ga.record' } });
    expect(audit).toMatchObject({ actor: 'rose', target: 'containerd 2.4', note: 'tagged and announced', after: { GA: { actual: '2026-11-30' } } });
    await expect(record(max, '2026-11-30')).rejects.toThrow('containerd 2.4 is already GA (since 2026-11-30); a maintainer can undo GA first');
  });

  it('undoes GA for a maintainer with a written reason, restoring the planned GA exactly', async () => {
    await expect(undo(rose, 'the release owner changed their mind')).rejects.toThrow('You cannot undo the GA of containerd 2.4: rose is not an admin or maintainer of the project.');
    await expect(undo(max, 'oops')).rejects.toThrow('reason: write at least 15 characters on why GA is taken back');
    expect((await getGaHistory(db.prisma, cycleId)).undoRestores).toBe('December 2026 (tentative)');

    const plan = await undo(max, 'recorded a day early; the tag is not pushed yet');
    expect(plan.milestones.GA).toEqual({ actual: null, planned: { date: '2026-12-01', precision: 'MONTH', tentative: true } });
    expect((await phaseOf24()).ga?.happened).toBe(false);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'ga.undo' } });
    expect(audit).toMatchObject({ actor: 'max', note: 'recorded a day early; the tag is not pushed yet', before: { GA: { actual: '2026-11-30' } }, after: { GA: { actual: null } } });
    const history = await getGaHistory(db.prisma, cycleId);
    expect(history).toMatchObject({ day: null, records: [{ day: '2026-11-30', by: 'rose', undone: { by: 'max', reason: 'recorded a day early; the tag is not pushed yet' } }] });
    await expect(undo(max, 'a second undo of the same release')).rejects.toThrow('containerd 2.4 has no GA recorded: nothing to undo');
  });

  it('records GA after an audited override when the RC is red', async () => {
    const rc = await db.prisma.qualification.findFirstOrThrow({ where: { tag: 'v2.4.0-rc.0' } });
    await db.prisma.qualification.update({ where: { id: rc.id }, data: { status: 'FAILED', reason: 'smoke: 1 of 8 cases failed (hello)' } });
    await expect(record(max, '2026-12-01')).rejects.toMatchObject({ code: 'failed_precondition' });
    await overrideGaGate(db.prisma, max, { project: 'containerd', cycle: '2.4', reason: 'hello case is cosmetic; fixed in rc.1' });
    await expect(record(max, '2026-12-01')).resolves.toMatchObject({ recorded: true });
  });
});
