import { syncJob } from '../../../jobs/sync';

/** When the GitHub sync job runs, in words: "every 15 minutes", else its cron expression. */
export function syncScheduleText(cron: string = syncJob.schedule): string {
  const every = /^\*\/(\d+) \* \* \* \*$/.exec(cron);
  if (every) return `every ${every[1]} minutes`;
  return `on the schedule ${cron} (cron, UTC)`;
}
