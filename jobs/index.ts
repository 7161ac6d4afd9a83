import type { JobDefinition } from './job';
import { kepsJob } from './keps';
import { syncDeepJob } from './sync-deep';
import { syncJob } from './sync';
import { startScheduler } from './scheduler';
import { webhooksJob } from './webhooks';

/** Every scheduled job, one file each. */
export const JOBS: JobDefinition[] = [syncJob, syncDeepJob, webhooksJob, kepsJob];

export { runJob, startScheduler, type Scheduler } from './scheduler';
export type { JobDefinition } from './job';

/**
 * The portal's in-process scheduler (the embedded database admits only the portal's process), or
 * null when SHEPHERD_SCHEDULER=off leaves the jobs to `npm run jobs` workers.
 */
export function startInProcessScheduler(prisma: Parameters<typeof startScheduler>[0], options: { afterRun?: () => void } = {}): ReturnType<typeof startScheduler> | null {
  if (process.env.SHEPHERD_SCHEDULER === 'off') return null;
  return startScheduler(prisma, JOBS, options);
}
