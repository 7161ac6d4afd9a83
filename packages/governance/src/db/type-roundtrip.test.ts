import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testBackend } from '../testing/test-database';
import { dateOf, dayOf } from './index';
import type { Database } from './open-database';

// The same assertions on PGlite and on PostgreSQL (TEST_DATABASE_URL): the PGlite adapter wrapper
// must map every type the way @prisma/adapter-pg does.
describe(`types round-trip through the driver adapter (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('migrated');
  });
  afterAll(() => db.close());

  it('passes parameters of every scalar type and reads them back', async () => {
    const big = 2n ** 53n + 7n;
    const instant = new Date('2026-04-30T19:24:20.123Z');
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const [row] = await db.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT ${42}::int AS int, ${big}::int8 AS big, (${'12345678901234567890.123456789'}::numeric * 1)::text AS decimal,
             ${instant}::timestamptz AS instant, ${{ a: [1, 'two', null] }}::jsonb AS json, ${Buffer.from(bytes)}::bytea AS bytes,
             ${'GA'}::"MilestoneKind" AS kind, ${['1.32', '1.31']}::text[] AS texts, ${null}::text AS nothing, ${true}::boolean AS flag`;
    expect(row.int).toBe(42);
    expect(row.big).toBe(big);
    // Prisma 6 raw queries read numeric as a JS number (adapter-pg does the same), so exactness is
    // checked as text: the parameter itself must arrive unrounded.
    expect(row.decimal).toBe('12345678901234567890.123456789');
    expect((row.instant as Date).toISOString()).toBe(instant.toISOString());
    expect(row.json).toEqual({ a: [1, 'two', null] });
    expect(new Uint8Array(row.bytes as Uint8Array)).toEqual(bytes);
    expect(row.kind).toBe('GA');
    expect(row.texts).toEqual(['1.32', '1.31']);
    expect(row.nothing).toBeNull();
    expect(row.flag).toBe(true);
  });

  it('keeps model dates, enums, arrays, JSON and nulls through Prisma', async () => {
    const project = await db.prisma.project.create({ data: { slug: 'roundtrip', name: 'Round trip', repository: 'example/roundtrip' } });
    const cycle = await db.prisma.releaseCycle.create({
      data: { projectId: project.id, name: '9.8', major: 9, minor: 8, publishedPhase: 'EXTENDED', extendedSupportKubernetes: ['1.32', '1.31'] },
    });
    await db.prisma.milestone.create({ data: { cycleId: cycle.id, kind: 'EOL', plannedOn: dateOf('2028-02-29'), plannedPrecision: 'MONTH', tentative: true } });
    await db.prisma.releasePolicy.create({ data: { projectId: project.id, version: 1, name: 'p', effectiveFrom: dateOf('2026-04-01'), rules: { months: [4, 8, 12], nested: { x: null } } } });
    const read = await db.prisma.releaseCycle.findUniqueOrThrow({ where: { id: cycle.id }, include: { milestones: true, project: { include: { policies: true } } } });
    expect(read.publishedPhase).toBe('EXTENDED');
    expect(read.extendedSupportKubernetes).toEqual(['1.32', '1.31']);
    expect(read.link).toBeNull();
    expect(dayOf(read.milestones[0].plannedOn!)).toBe('2028-02-29');
    expect(read.milestones[0]).toMatchObject({ plannedPrecision: 'MONTH', tentative: true, actualOn: null });
    expect(read.project.policies[0].rules).toEqual({ months: [4, 8, 12], nested: { x: null } });
  });

  it('rolls back an interactive transaction that throws, and commits one that does not', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.person.create({ data: { login: 'rolled-back' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await db.prisma.$transaction(async (tx) => {
      await tx.person.create({ data: { login: 'committed' } });
    });
    const logins = (await db.prisma.person.findMany({ where: { login: { in: ['rolled-back', 'committed'] } } })).map((p) => p.login);
    expect(logins).toEqual(['committed']);
    expect(['pglite', 'postgres']).toContain(testBackend());
  });
});
