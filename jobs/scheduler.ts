import { CronJob } from 'cron';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { logger } from '@shepherd/governance/observability/logger';
import { runScheduledJob, workerName, type JobOutcome } from '@shepherd/governance/scheduler/index';
import type { JobDefinition } from './job';

export interface StopOptions {
  /** How long running jobs may take to finish before they hand their tick back (default: wait for them). */
  graceMs?: number;
}

export interface Scheduler {
  /** No new ticks; running jobs finish within `graceMs`, or hand their tick back (lease released). */
  stop(options?: StopOptions): Promise<void>;
  /** Runs a job's current tick now (as a cron tick would), for tests and `npm run jobs -- --once`. */
  tick(name: string, at?: Date): Promise<JobOutcome>;
}

/**
 * The tick a cron fire belongs to: the fire time cut to the expression's resolution (a minute, or
 * a second for six-field expressions). Every worker reads its own clock when cron fires, so all of
 * them name the same tick and only one of them wins its lease.
 */
export function tickOf(schedule: string, at: Date): Date {
  const resolution = schedule.trim().split(/\s+/).length === 6 ? 1000 : 60_000;
  return new Date(Math.floor(at.getTime() / resolution) * resolution);
}

const defaultLog = (line: string) => logger().info({ component: 'jobs' }, line);

/** Runs one job for the tick `scheduledAt` under its lease (see runScheduledJob). */
export async function runJob(
  prisma: PrismaClient,
  job: JobDefinition,
  options: { scheduledAt: Date; worker?: string; log: (line: string) => void; signal?: AbortSignal },
): Promise<JobOutcome> {
  const outcome = await runScheduledJob(prisma, {
    job: job.name, scheduledAt: options.scheduledAt, worker: options.worker ?? workerName(), signal: options.signal,
    work: () => job.run({ prisma, log: (line) => options.log(`${job.name}: ${line}`) }),
  });
  if (outcome.outcome === 'FAILED') options.log(`${job.name} failed: ${outcome.error}`);
  return outcome;
}

export function startScheduler(
  prisma: PrismaClient,
  jobs: JobDefinition[],
  /** `afterRun`: called when a job's run ends (it may have written), e.g. for the portal's caches to look again. */
  options: { worker?: string; log?: (line: string) => void; afterRun?: () => void } = {},
): Scheduler {
  const log = options.log ?? defaultLog;
  const worker = options.worker ?? workerName();
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const running = new Set<Promise<unknown>>();
  const handBack = new AbortController();
  const tick = (name: string, at = new Date()) => {
    const job = byName.get(name);
    if (!job) return Promise.reject(new Error(`No job "${name}" (jobs: ${[...byName.keys()].join(', ')})`));
    const run = runJob(prisma, job, { scheduledAt: tickOf(job.schedule, at), worker, log, signal: handBack.signal });
    running.add(run);
    void run
      .finally(() => {
        running.delete(run);
        options.afterRun?.();
      })
      .catch(() => undefined);
    return run;
  };
  const crons = jobs.map((job) =>
    CronJob.from({
      cronTime: job.schedule,
      timeZone: 'UTC',
      waitForCompletion: true,
      start: true,
      onTick: async () => {
        await tick(job.name).catch((error: Error) => log(`${job.name}: ${error.message}`));
      },
    }),
  );
  return {
    tick,
    async stop(stopOptions = {}) {
      // cron's own stop() would wait for a running tick without bound; ours waits at most graceMs.
      for (const cron of crons) void cron.stop();
      const all = Promise.allSettled([...running]);
      if (stopOptions.graceMs === undefined) {
        await all;
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([all.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), stopOptions.graceMs)))]);
      clearTimeout(timer);
      if (late) {
        log(`handing back ${running.size} running job(s) at shutdown`);
        handBack.abort();
        await Promise.allSettled([...running]);
      }
    },
  };
}
