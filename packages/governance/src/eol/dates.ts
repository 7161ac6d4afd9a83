import type { DateView } from '../lifecycle/compute-lifecycle';

// Dates on the public surfaces. Projects publish some end dates with month precision ("September
// 2026" = supported through the end of September); formats with plain dates get the last day the
// date covers, and keep the precision beside it.

const DAY_MS = 86_400_000;

export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The last day a published date covers: the day itself, or the last day of its month. */
export const lastDayOf = (date: DateView) => addDays(date.endsBefore, -1);

/** A date as a badge or feed title shows it: 2026-11-06, or 2026-09 for a month. */
export const shortDate = (date: DateView) => (date.precision === 'MONTH' ? date.date.slice(0, 7) : date.date);

/**
 * When a representation computed for `today` became current: the later of the last data change and
 * the start of the day (flags such as isEol change at midnight UTC without any data change). Used as
 * Last-Modified, `generated_at`, DTSTAMP and feed `updated`, so equal inputs give byte-equal output.
 */
export function effectiveAt(lastModified: Date, today: string): Date {
  const dayStart = new Date(`${today}T00:00:00.000Z`);
  return lastModified > dayStart ? lastModified : dayStart;
}

/** RFC 3339 without milliseconds, as endoflife.date writes its timestamps. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');

/**
 * Notes in one pair of parentheses: " (planned, tentative)", never " (planned) (tentative)"; a note
 * with parentheses of its own ("LTS (extended support)") is flattened to "LTS, extended support".
 */
export function parenthetical(notes: readonly (string | false | null | undefined)[]): string {
  const flat = notes.filter((note): note is string => Boolean(note)).map((note) => note.replace(/\s*\(([^()]*)\)/g, ', $1'));
  return flat.length ? ` (${flat.join(', ')})` : '';
}
