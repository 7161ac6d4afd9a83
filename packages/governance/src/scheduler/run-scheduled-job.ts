import os from 'node:os';
import type { PrismaClient } from '../db';
import { metrics } from '../observability/metrics';

export interface JobOutcome {
  ran: boolean;
  runId: number | null;
  outcome: 'SUCCEEDED' | 'FAILED' | 'SKIPPED' | null;
  summary?: string | null;
  error?: string | null;
}

export interface ScheduledRun {
  job: string;
  /** The tick this run belongs to; every worker computes the same one for the same tick. */
  scheduledAt: Date;
  worker?: string;
  /** How long a run may go without renewing its lease before others count it as dead. */
  leaseMs?: number;
  now?: () => Date;
  /**
   * Aborted when the worker shuts down: a run still going then hands its tick back (recorded as FAILED
   * with why, its lease released at once) instead of holding the lease until it expires.
   */
  signal?: AbortSignal;
  work(): Promise<string | void>;
}

export const HANDED_BACK = 'handed back: the worker shut down before the run finished; the next tick runs it again';

export const workerName = () => `${os.hostname()}:${process.pid}`;

/**
 * Runs one tick of a job at most once across every worker sharing the database. The lease is the
 * JobRun row itself: its (job, scheduledAt) key is unique, so of the workers that wake for the
 * same tick exactly one inserts it and runs; the others see nothing inserted and return. While a
 * previous run of the job still holds a live lease the tick is recorded as SKIPPED; a RUNNING row
 * whose lease ran out (its worker died) is closed as FAILED first.
 */
export async function runScheduledJob(prisma: PrismaClient, run: ScheduledRun): Promise<JobOutcome> {
  const now = run.now ?? (() => new Date());
  const leaseMs = run.leaseMs ?? 5 * 60_000;
  const worker = run.worker ?? workerName();
  await prisma.jobRun.updateMany({
    where: { job: run.job, outcome: 'RUNNING', leaseUntil: { lt: now() } },
    data: { outcome: 'FAILED', error: 'the worker stopped renewing its lease (it crashed or was killed)', finishedAt: now() },
  });
  const busy = await prisma.jobRun.findFirst({ where: { job: run.job, outcome: 'RUNNING', scheduledAt: { not: run.scheduledAt } } });
  const claim = await prisma.jobRun.createMany({
    data: [{
      job: run.job, scheduledAt: run.scheduledAt, worker, leaseUntil: new Date(now().getTime() + leaseMs),
      ...(busy ? { outcome: 'SKIPPED' as const, summary: `run #${busy.id} (${busy.worker}) is still running`, finishedAt: now() } : {}),
    }],
    skipDuplicates: true,
  });
  if (claim.count === 0) return { ran: false, runId: null, outcome: null };
  const row = await prisma.jobRun.findUniqueOrThrow({ where: { job_scheduledAt: { job: run.job, scheduledAt: run.scheduledAt } } });
  if (busy) return { ran: false, runId: row.id, outcome: 'SKIPPED', summary: row.summary };
  const heartbeat = setInterval(() => {
    void prisma.jobRun.update({ where: { id: row.id }, data: { leaseUntil: new Date(now().getTime() + leaseMs) } }).catch(() => undefined);
  }, Math.max(leaseMs / 3, 1000));
  heartbeat.unref();
  const started = performance.now();
  const count = (outcome: 'SUCCEEDED' | 'FAILED') => {
    metrics().jobRuns.labels(run.job, outcome).inc();
    metrics().jobDuration.labels(run.job, outcome).observe((performance.now() - started) / 1000);
  };
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (run.signal?.aborted) onAbort();
    else run.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([run.work().then((summary) => ({ summary: summary ?? null })), aborted]);
    if (result === 'aborted') {
      // The work may still be going; its outcome is no longer ours to record.
      await prisma.jobRun.update({ where: { id: row.id }, data: { outcome: 'FAILED', error: HANDED_BACK, finishedAt: now(), leaseUntil: now() } });
      count('FAILED');
      return { ran: true, runId: row.id, outcome: 'FAILED', error: HANDED_BACK };
    }
    await prisma.jobRun.update({ where: { id: row.id }, data: { outcome: 'SUCCEEDED', summary: result.summary, finishedAt: now() } });
    count('SUCCEEDED');
    return { ran: true, runId: row.id, outcome: 'SUCCEEDED', summary: result.summary };
  } catch (error) {
    const message = (error as Error).message.slice(0, 2000);
    await prisma.jobRun.update({ where: { id: row.id }, data: { outcome: 'FAILED', error: message, finishedAt: now() } });
    count('FAILED');
    return { ran: true, runId: row.id, outcome: 'FAILED', error: message };
  } finally {
    clearInterval(heartbeat);
    if (onAbort) run.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The most recent job runs, newest first, for the status page and `npm run jobs -- --list`; `before`
 * (a run's id) gives the page after it, so a page costs the same however many runs there are.
 */
export function listJobRuns(prisma: PrismaClient, options: { job?: string; limit?: number; before?: number } = {}) {
  return prisma.jobRun.findMany({
    where: { ...(options.job ? { job: options.job } : {}), ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: 'desc' },
    take: options.limit ?? 50,
  });
}
