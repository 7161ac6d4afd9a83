import type { JobDefinition } from './job';
import { kepsJob } from './keps';
import { syncDeepJob } from './sync-deep';
import { syncJob } from './sync';
import { startScheduler } from './scheduler';
import { webhooksJob } from './webhooks';

/** Every scheduled job, one file each. */
export const JOBS: JobDefinition[] = [syncJob, syncDeepJob, webhooksJob, kepsJob];

export { runJob, startScheduler } from './scheduler';
export type { JobDefinition } from './job';

const state = globalThis as typeof globalThis & { shepherdScheduler?: boolean };

/**
 * The portal's in-process scheduler (the embedded database admits only the portal's process).
 * SHEPHERD_SCHEDULER=off leaves the jobs to `npm run jobs` workers. Started once per process.
 */
export function startInProcessScheduler(prisma: Parameters<typeof startScheduler>[0]): void {
  if (state.shepherdScheduler || process.env.SHEPHERD_SCHEDULER === 'off') return;
  state.shepherdScheduler = true;
  const scheduler = startScheduler(prisma, JOBS);
  process.once('beforeExit', () => void scheduler.stop());
}
