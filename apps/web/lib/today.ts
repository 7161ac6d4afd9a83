import { todayUtc } from '@shepherd/governance';

const DAY_MS = 86_400_000;
let memo: { day: string; until: number } | null = null;
let pinnedMemo: { raw: string | undefined; day: string | null } = { raw: undefined, day: null };

/** Today's date (UTC). SHEPHERD_TODAY=YYYY-MM-DD pins it, for demos and tests of date boundaries. */
export function today(): string {
  const raw = process.env.SHEPHERD_TODAY;
  if (raw !== pinnedMemo.raw) pinnedMemo = { raw, day: raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : null };
  if (pinnedMemo.day) return pinnedMemo.day;
  // Every public answer asks: the date is worked out once per day, until the next UTC midnight.
  const now = Date.now();
  if (!memo || now >= memo.until) memo = { day: todayUtc(new Date(now)), until: Math.floor(now / DAY_MS) * DAY_MS + DAY_MS };
  return memo.day;
}
