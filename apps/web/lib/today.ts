import { todayUtc } from '@shepherd/governance';

/** Today's date (UTC). SHEPHERD_TODAY=YYYY-MM-DD pins it, for demos and tests of date boundaries. */
export function today(): string {
  const pinned = process.env.SHEPHERD_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return todayUtc();
}
