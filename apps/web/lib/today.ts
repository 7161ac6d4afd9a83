import { todayUtc } from '@shepherd/governance';

const DAY_MS = 86_400_000;
/** Every public answer asks for the day: it is worked out at most once a second (reading process.env is not free). */
const RECHECK_MS = 1_000;
let memo: { day: string; until: number } | null = null;

/** Today's date (UTC). SHEPHERD_TODAY=YYYY-MM-DD pins it, for demos and tests of date boundaries. */
export function today(): string {
  const now = Date.now();
  if (!memo || now >= memo.until) {
    const pinned = process.env.SHEPHERD_TODAY;
    const day = pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned) ? pinned : todayUtc(new Date(now));
    // Never past the next UTC midnight, when the day changes.
    memo = { day, until: Math.min(now + RECHECK_MS, Math.floor(now / DAY_MS) * DAY_MS + DAY_MS) };
  }
  return memo.day;
}
