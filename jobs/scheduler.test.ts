import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, type Database } from '@shepherd/governance/db/index';
import { runScheduledJob } from '@shepherd/governance/scheduler/index';
import { openTestDatabase } from '@shepherd/governance/testing/test-database';
import type { JobDefinition } from './job';
import { startScheduler, tickOf } from './scheduler';

// Two workers share one database. On PostgreSQL (TEST_DATABASE_URL) each has its own connection
// pool, as two machines would; PGlite admits one process, so there both share its one handle.
let first: Database;
let second: Database;

/** Polls the database until `check` holds: the tests wait for runs to be recorded, not for time to pass. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

beforeAll(async () => {
  first = await openTestDatabase('migrated');
  second = first.target.kind === 'postgres' ? postgresDatabase(first.target.url, { max: 4 }) : first;
});
afterAll(async () => {
  if (second !== first) await second.close();
  await first.close();
});

describe('scheduler across replicas', () => {
  it('runs each cron tick once when two schedulers fire together', async () => {
    const executions: string[] = [];
    const job = (worker: string): JobDefinition => ({
      name: 'every-second', schedule: '* * * * * *', description: 'test',
      run: async () => {
        executions.push(worker);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return `ran on ${worker}`;
      },
    });
    const quiet = () => undefined;
    const a = startScheduler(first.prisma, [job('a')], { worker: 'a', log: quiet });
    const b = startScheduler(second.prisma, [job('b')], { worker: 'b', log: quiet });
    await until(async () => (await first.prisma.jobRun.count({ where: { job: 'every-second', outcome: 'SUCCEEDED' } })) >= 3);
    await a.stop();
    await b.stop();
    // Stopping lets a run in flight finish; wait until none is left running.
    await until(async () => (await first.prisma.jobRun.count({ where: { job: 'every-second', outcome: 'RUNNING' } })) === 0);
    const runs = await first.prisma.jobRun.findMany({ where: { job: 'every-second' }, orderBy: { scheduledAt: 'asc' } });
    // One row per tick (the lease), and the work ran once for each row that succeeded. A tick can
    // be skipped while the previous one runs, so only finished runs are counted as executions.
    const succeeded = runs.filter((run) => run.outcome === 'SUCCEEDED');
    expect(succeeded.length).toBeGreaterThanOrEqual(3);
    expect(new Set(runs.map((run) => run.scheduledAt.getTime())).size).toBe(runs.length);
    expect(executions.length).toBeGreaterThanOrEqual(succeeded.length);
    expect(executions.length).toBeLessThanOrEqual(runs.length);
    expect(succeeded.every((run) => run.summary === `ran on ${run.worker}`)).toBe(true);
  });

  it('lets exactly one of many simultaneous claims of a tick run', async () => {
    let executions = 0;
    const tick = new Date('2026-11-28T12:00:00Z');
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        runScheduledJob(index % 2 ? first.prisma : second.prisma, { job: 'burst', scheduledAt: tick, worker: `w${index}`, work: async () => void (executions += 1) }),
      ),
    );
    expect(executions).toBe(1);
    expect(claims.filter((claim) => claim.ran)).toHaveLength(1);
    expect(await first.prisma.jobRun.count({ where: { job: 'burst' } })).toBe(1);
  });

  it('records failures, skips a tick while the previous run holds its lease, and reclaims a dead lease', async () => {
    const failed = await runScheduledJob(first.prisma, { job: 'flaky', scheduledAt: new Date('2026-11-28T12:00:00Z'), work: async () => { throw new Error('GitHub said 502'); } });
    expect(failed).toMatchObject({ ran: true, outcome: 'FAILED', error: 'GitHub said 502' });

    let release!: () => void;
    const long = runScheduledJob(first.prisma, { job: 'long', scheduledAt: new Date('2026-11-28T12:00:00Z'), work: () => new Promise<void>((resolve) => (release = resolve)) });
    await until(async () => release !== undefined); // the long run holds its lease and is working
    const skipped = await runScheduledJob(second.prisma, { job: 'long', scheduledAt: new Date('2026-11-28T12:15:00Z'), work: async () => 'should not run' });
    expect(skipped).toMatchObject({ ran: false, outcome: 'SKIPPED' });
    release();
    expect(await long).toMatchObject({ outcome: 'SUCCEEDED' });

    // A worker that died mid-run leaves a RUNNING row whose lease expires.
    await first.prisma.jobRun.create({ data: { job: 'orphan', scheduledAt: new Date('2026-11-28T11:00:00Z'), worker: 'gone:1', leaseUntil: new Date(Date.now() - 1000) } });
    const next = await runScheduledJob(second.prisma, { job: 'orphan', scheduledAt: new Date('2026-11-28T11:15:00Z'), work: async () => 'ok' });
    expect(next).toMatchObject({ ran: true, outcome: 'SUCCEEDED' });
    const orphan = await first.prisma.jobRun.findFirstOrThrow({ where: { job: 'orphan', worker: 'gone:1' } });
    expect(orphan.outcome).toBe('FAILED');
    expect(orphan.error).toMatch(/lease/);
  });

  it('names the same tick on every worker', () => {
    expect(tickOf('*/15 * * * *', new Date('2026-11-28T12:15:00.420Z')).toISOString()).toBe('2026-11-28T12:15:00.000Z');
    expect(tickOf('* * * * * *', new Date('2026-11-28T12:15:07.420Z')).toISOString()).toBe('2026-11-28T12:15:07.000Z');
  });
});
