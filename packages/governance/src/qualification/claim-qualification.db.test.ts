import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, type Database } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { claimNextQualification, handBackQualification } from './qualification-worker';

// One qualification at a time across every worker sharing the database (qualification-worker.ts):
// many workers claiming together, on two connection pools as two replicas would (on PostgreSQL with
// TEST_DATABASE_URL; PGlite admits one process, so there they share its one handle).
describe(`claiming queued qualifications (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let first: Database;
  let second: Database;
  beforeAll(async () => {
    first = await openTestDatabase('seeded');
    second = first.target.kind === 'postgres' ? postgresDatabase(first.target.url, { max: 4 }) : first;
  });
  afterAll(async () => {
    if (second !== first) await second.close();
    await first.close();
  });

  it('lets one claim win while any qualification runs, oldest first, and a handed-back run be claimed again', async () => {
    const cycle = await first.prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug: 'containerd' }, name: '2.1' } });
    const queue = async (tag: string) => (await first.prisma.qualification.create({ data: { cycleId: cycle.id, tag, trigger: 'manual' } })).id;
    const older = await queue('v2.1.0-rc.7');
    const newer = await queue('v2.1.0-rc.8');
    const claimAll = () => Promise.all(Array.from({ length: 10 }, (_, index) => claimNextQualification(index % 2 ? first.prisma : second.prisma)));

    let claims = await claimAll();
    expect(claims.filter((id) => id !== null)).toEqual([older]);
    // While it runs, nobody takes the next one.
    claims = await claimAll();
    expect(claims.every((id) => id === null)).toBe(true);
    expect(await first.prisma.qualification.count({ where: { status: 'RUNNING' } })).toBe(1);

    // Shutdown hands it back: queued again (with why), and it is still the oldest.
    await handBackQualification(first.prisma, older, 'handed back: test');
    expect(await first.prisma.qualification.findUniqueOrThrow({ where: { id: older } })).toMatchObject({ status: 'QUEUED', reason: 'handed back: test', startedAt: null });
    claims = await claimAll();
    expect(claims.filter((id) => id !== null)).toEqual([older]);

    await first.prisma.qualification.update({ where: { id: older }, data: { status: 'PASSED' } });
    claims = await claimAll();
    expect(claims.filter((id) => id !== null)).toEqual([newer]);
    await first.prisma.qualification.deleteMany({ where: { id: { in: [older, newer] } } });
  });
});
