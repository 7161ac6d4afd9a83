import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { SYSTEM, type UserActor } from '../auth/actor';
import { getCycleDetail } from './get-releases';
import { updateCycleSupport } from './update-cycle-support';

describe('editing a cycle’s support dates (database)', () => {
  let database: Database;
  const max: UserActor = { kind: 'user', userId: 0, login: 'max', isInstanceAdmin: true, grants: [], via: 'session' };
  beforeAll(async () => {
    database = await openTestDatabase('seeded');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('records the change in the milestone history and the audit log, and the pages show it', async () => {
    const prisma = database.prisma;
    const after = await updateCycleSupport(
      prisma,
      max,
      {
        project: 'containerd',
        cycle: '1.7',
        endOfLife: { date: '2027-03', precision: 'MONTH', tentative: true },
        endOfActiveSupport: null,
        extendedSupportNote: 'Extended by volunteers for Kubernetes 1.32',
        note: 'agreed in the community meeting',
      },
      new Date('2026-11-28T10:00:00Z'),
    );
    expect(after).toEqual({ endOfActiveSupport: null, endOfLife: { date: '2027-03-01', precision: 'MONTH', tentative: true }, extendedSupportNote: 'Extended by volunteers for Kubernetes 1.32' });
    const changes = await prisma.milestoneChange.findMany({ where: { source: 'edited by max' }, include: { milestone: true }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => `${c.milestone.kind}.${c.field}: ${c.before} → ${c.after}`)).toEqual([
      'END_OF_ACTIVE_SUPPORT.plannedOn: 2026-03-10 → null',
      'EOL.plannedOn: 2026-09-01 → 2027-03-01',
      'EOL.tentative: false → true',
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ actor: 'max', action: 'cycle.update-support', target: 'containerd 1.7', note: 'agreed in the community meeting' });
    expect(audit.before).toMatchObject({ endOfLife: { date: '2026-09-01', precision: 'MONTH', tentative: false } });
    const detail = await getCycleDetail(prisma, 'containerd', '1.7', '2026-11-28');
    expect(detail.cycle.lifecycle.endOfLife).toMatchObject({ date: '2027-03-01', precision: 'MONTH', tentative: true });
    expect(detail.cycle.extendedSupportNote).toBe('Extended by volunteers for Kubernetes 1.32');
  });

  it('rejects bad input naming the field, and unknown cycles', async () => {
    const edit = (input: object) => updateCycleSupport(database.prisma, SYSTEM, { project: 'containerd', cycle: '2.3', ...input });
    await expect(edit({ endOfLife: { date: '2027-02-30', precision: 'DAY', tentative: false } })).rejects.toThrow('endOfLife.date: "2027-02-30" is not a calendar date');
    await expect(edit({ endOfActiveSupport: { date: '2027-02', precision: 'DAY', tentative: false } })).rejects.toThrow('endOfActiveSupport.date: "2027-02" is not a date');
    await expect(updateCycleSupport(database.prisma, SYSTEM, { project: 'containerd', cycle: '9.9' })).rejects.toThrow('cycle: containerd has no release cycle "9.9"');
  });
});
