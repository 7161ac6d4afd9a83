import type { PrismaClient } from '../db';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { failStaleQualifications, requestDueQualifications } from './request-qualification';
import { runQualification, type QualificationOptions } from './run-qualification';
import { killRunningSteps } from './run-step';

export interface WorkerOptions extends QualificationOptions {
  intervalMs?: number;
  today?: () => string;
  log?: (line: string) => void;
  /**
   * Called after each round of the worker's own writes (queueing due RCs, failing dead runs, claiming,
   * finishing or handing back a run), so this process's caches look at the data version again.
   */
  onChange?: () => void;
}

export interface StopWorkerOptions {
  /**
   * Shutting down: a running qualification is not waited for (it takes minutes); its steps are
   * killed and it goes back to the queue, marked for retry, for this or another worker to run again.
   */
  handBack?: boolean;
}

/**
 * Takes the oldest queued qualification for this worker, unless one is running anywhere: one
 * qualification at a time across every worker sharing the database (each benchmarks the machine, and
 * two at once would skew both). One statement, so two workers asking together cannot both win: the
 * loser's row no longer matches `status = 'QUEUED'` when its update runs, or it sees the RUNNING row.
 */
export async function claimNextQualification(prisma: PrismaClient): Promise<number | null> {
  const rows = await prisma.$queryRawUnsafe<{ id: number }[]>(`
    UPDATE "Qualification" SET status = 'RUNNING', "startedAt" = now(), "heartbeatAt" = now()
    WHERE status = 'QUEUED'
      AND id = (SELECT id FROM "Qualification" WHERE status = 'QUEUED' ORDER BY "createdAt", id LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM "Qualification" WHERE status = 'RUNNING')
    RETURNING id`);
  return rows[0]?.id ?? null;
}

/** Puts a qualification this worker was running back in the queue, saying why (the next run starts it afresh). */
export async function handBackQualification(prisma: PrismaClient, id: number, reason: string): Promise<void> {
  await prisma.qualification.updateMany({
    where: { id, status: { in: ['RUNNING', 'FAILED'] } },
    data: { status: 'QUEUED', reason, startedAt: null, finishedAt: null, heartbeatAt: null, currentStep: null },
  });
}

/**
 * Runs queued qualifications one at a time (the heavy work happens in child processes), queues RCs
 * whose milestone date has passed, and fails runs whose runner died. Returns a function that stops it.
 */
export function startQualificationWorker(prisma: PrismaClient, options: WorkerOptions = {}): (stopOptions?: StopWorkerOptions) => Promise<void> {
  const log = options.log ?? ((line: string) => logger().info({ component: 'qualification' }, line));
  let stopped = false;
  let handingBack = false;
  let current: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const run = async (id: number) => {
    const next = await prisma.qualification.findUniqueOrThrow({ where: { id }, include: { cycle: { include: { project: true } } } });
    log(`qualifying ${next.tag} (attempt ${next.attempt})`);
    const started = performance.now();
    metrics().qualificationsRunning.inc();
    try {
      await runQualification(prisma, id, options);
    } finally {
      metrics().qualificationsRunning.dec();
    }
    if (handingBack) {
      await handBackQualification(prisma, id, `handed back at ${new Date().toISOString()}: the worker shut down during the run; it runs again from the start`);
      log(`${next.tag} handed back to the queue (shutdown)`);
      return;
    }
    const done = await prisma.qualification.findUniqueOrThrow({ where: { id } });
    metrics().qualificationDuration.labels(done.status).observe((performance.now() - started) / 1000);
    if (done.status === 'PASSED' && done.tasksPerSecond !== null) metrics().qualificationTasksPerSecond.labels(next.cycle.project.slug, next.cycle.name).set(done.tasksPerSecond);
    log(`${next.tag} ${done.status.toLowerCase()}${done.reason ? `: ${done.reason}` : ''}`);
  };

  const tick = async () => {
    try {
      await failStaleQualifications(prisma);
      await requestDueQualifications(prisma, (options.today ?? (() => new Date().toISOString().slice(0, 10)))());
      if (stopped) return;
      const id = await claimNextQualification(prisma);
      if (id !== null) {
        options.onChange?.();
        await run(id);
      }
    } catch (error) {
      log(`qualification worker: ${(error as Error).message}`);
    } finally {
      options.onChange?.();
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      current = null;
      if (!stopped) timer = setTimeout(loop, options.intervalMs ?? 5_000);
    });
  };
  timer = setTimeout(loop, 0);
  return async (stopOptions = {}) => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (stopOptions.handBack && current) {
      handingBack = true;
      // A step may start between two kills (the run goes on to its next step until it sees a failure).
      killRunningSteps();
      const killer = setInterval(killRunningSteps, 100);
      try {
        await current;
      } finally {
        clearInterval(killer);
      }
    }
    await current;
  };
}
