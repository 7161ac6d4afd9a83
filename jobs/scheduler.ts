import { CronJob } from 'cron';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { runScheduledJob, workerName, type JobOutcome } from '@shepherd/governance/scheduler/index';
import type { JobDefinition } from './job';

export interface Scheduler {
  stop(): Promise<void>;
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

/** Runs one job for the tick `scheduledAt` under its lease (see runScheduledJob). */
export async function runJob(prisma: PrismaClient, job: JobDefinition, options: { scheduledAt: Date; worker?: string; log: (line: string) => void }): Promise<JobOutcome> {
  const outcome = await runScheduledJob(prisma, {
    job: job.name, scheduledAt: options.scheduledAt, worker: options.worker ?? workerName(),
    work: () => job.run({ prisma, log: (line) => options.log(`${job.name}: ${line}`) }),
  });
  if (outcome.outcome === 'FAILED') options.log(`${job.name} failed: ${outcome.error}`);
  return outcome;
}

export function startScheduler(prisma: PrismaClient, jobs: JobDefinition[], options: { worker?: string; log?: (line: string) => void } = {}): Scheduler {
  const log = options.log ?? ((line: string) => console.log(`Shepherd jobs: ${line}`));
  const worker = options.worker ?? workerName();
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const tick = async (name: string, at = new Date()) => {
    const job = byName.get(name);
    if (!job) throw new Error(`No job "${name}" (jobs: ${[...byName.keys()].join(', ')})`);
    return runJob(prisma, job, { scheduledAt: tickOf(job.schedule, at), worker, log });
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
    async stop() {
      await Promise.all(crons.map((cron) => cron.stop()));
    },
  };
}
