import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, type Database } from '../db';
import { openTestDatabase, testBackend } from '../testing/test-database';
import { readDataFingerprint } from './data-version';

// The data fingerprint the public caches compare (data-version.ts): it moves with every committed
// change to what the public surfaces show, from any connection, and stays put otherwise.
describe(`the data fingerprint (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('seeded');
  });
  afterAll(() => db.close());

  const moves = async (write: () => Promise<unknown>) => {
    const before = await readDataFingerprint(db.prisma);
    await write();
    return (await readDataFingerprint(db.prisma)) !== before;
  };

  it('moves on inserts, updates and deletes of public data, and on role changes', async () => {
    const cycle = await db.prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug: 'containerd' }, name: '2.1' } });
    expect(await moves(() => db.prisma.releaseCycle.update({ where: { id: cycle.id }, data: { link: 'https://example.com/2.1' } }))).toBe(true);
    let kep = 0;
    expect(await moves(async () => (kep = (await db.prisma.kep.create({ data: { key: 'sig-node/9999-x', number: '9999', title: 'x', raw: {}, source: 'test', sha256: 'x', authors: [], participatingSigs: [], featureGates: [] } })).id))).toBe(true);
    expect(await moves(() => db.prisma.kep.delete({ where: { id: kep } }))).toBe(true);
    const project = await db.prisma.project.findUniqueOrThrow({ where: { slug: 'containerd' } });
    expect(await moves(() => db.prisma.roleGrant.create({ data: { login: 'someone', projectId: project.id, role: 'VIEWER' } }))).toBe(true);
  });

  it('stays put for statements that change nothing, for data no public view reads, and for a running qualification\'s progress', async () => {
    expect(await moves(() => db.prisma.releaseCycle.updateMany({ where: { name: 'no-such-cycle' }, data: { link: 'x' } }))).toBe(false);
    expect(await moves(() => db.prisma.jobRun.create({ data: { job: 'x', scheduledAt: new Date(), worker: 'test', leaseUntil: new Date() } }))).toBe(false);
    expect(await moves(() => db.prisma.auditEvent.create({ data: { actor: 'test', via: 'cli', action: 'x', target: 'x' } }))).toBe(false);
    const cycle = await db.prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug: 'containerd' }, name: '2.2' } });
    let id = 0;
    expect(await moves(async () => (id = (await db.prisma.qualification.create({ data: { cycleId: cycle.id, tag: 'v2.2.0-rc.9', trigger: 'manual' } })).id))).toBe(true);
    expect(await moves(() => db.prisma.qualification.update({ where: { id }, data: { log: 'building…', heartbeatAt: new Date(), currentStep: 'build' } }))).toBe(false);
    expect(await moves(() => db.prisma.qualification.update({ where: { id }, data: { status: 'PASSED', tasksPerSecond: 1234 } }))).toBe(true);
  });

  it('keeps its cost flat: old change rows are pruned, which moves it once', async () => {
    const count = async () => Number((await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "DataChange"`))[0].n);
    await db.prisma.$executeRawUnsafe(`INSERT INTO "DataChange" (at) SELECT now() FROM generate_series(1, 2100)`);
    const first = await readDataFingerprint(db.prisma);
    expect(await count()).toBeLessThanOrEqual(201);
    const second = await readDataFingerprint(db.prisma);
    expect(second).not.toBe(first);
    expect(await readDataFingerprint(db.prisma)).toBe(second);
  });

  it.runIf(testBackend() === 'postgres')('sees another connection\'s write when it commits, not before', async () => {
    const other = postgresDatabase((db.target as { url: string }).url, { max: 1 });
    try {
      const cycle = await db.prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug: 'containerd' }, name: '2.0' } });
      const before = await readDataFingerprint(db.prisma);
      let commit!: () => void;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const transaction = other.prisma.$transaction(async (tx) => {
        await tx.releaseCycle.update({ where: { id: cycle.id }, data: { link: 'https://example.com/2.0' } });
        written();
        await committed;
      });
      await wrote;
      expect(await readDataFingerprint(db.prisma)).toBe(before);
      commit();
      await transaction;
      expect(await readDataFingerprint(db.prisma)).not.toBe(before);
    } finally {
      await other.close();
    }
  });
});
