import { formatProjectDate } from '../cadence/dates';

// Dates as projects publish them in their release tables: "December 5, 2017", "Dec 4, 2015",
// "September 2026", "March, 2027", each optionally "(_tentative_)" or "(_scheduled_)", followed by
// footnote stars. Kept with their precision: a month is never turned into its first day.

export type Precision = 'DAY' | 'MONTH';

export interface PublishedDate {
  /** YYYY-MM-DD; for month precision, the first day of the month. */
  date: string;
  precision: Precision;
  tentative: boolean;
  qualifier: 'tentative' | 'scheduled' | null;
}

export interface PublishedCell {
  value: PublishedDate | null;
  /** True for "TBD"; false for "-" or empty. Both have no date. */
  toBeDecided: boolean;
  footnote: number | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (lower.length < 3) return null;
  const index = MONTHS.findIndex((month) => month.startsWith(lower) && (lower.length === 3 || month === lower));
  return index < 0 ? null : index + 1;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function validDay(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Removes markdown emphasis and links, keeping the visible text. */
export function plainText(cell: string): string {
  return cell
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|[\s(])[_*]+|[_*]+(?=$|[\s),])/g, '$1')
    .trim();
}

/**
 * Parses a date cell. Returns an error message naming what is wrong instead of guessing.
 */
export function parsePublishedDate(raw: string): PublishedCell | { error: string } {
  let text = raw.trim();
  const stars = /(\\?\*)+$/.exec(text);
  let footnote: number | null = null;
  if (stars) {
    footnote = (stars[0].match(/\*/g) ?? []).length;
    text = text.slice(0, stars.index).trim();
  }
  let qualifier: PublishedDate['qualifier'] = null;
  const qualified = /\(\s*_?(tentative|scheduled)_?\s*\)$/i.exec(text);
  if (qualified) {
    qualifier = qualified[1].toLowerCase() as 'tentative' | 'scheduled';
    text = text.slice(0, qualified.index).trim();
  }
  text = plainText(text);
  if (text === '' || text === '-' || text === '—') return { value: null, toBeDecided: false, footnote };
  if (/^tbd$/i.test(text)) return { value: null, toBeDecided: true, footnote };

  const tentative = qualifier !== null;
  const day = /^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (day) {
    const month = monthNumber(day[1]);
    const [year, dayOfMonth] = [Number(day[3]), Number(day[2])];
    if (!month) return { error: `unknown month "${day[1]}" in "${raw.trim()}"` };
    if (!validDay(year, month, dayOfMonth)) return { error: `no such day "${raw.trim()}"` };
    return { value: { date: isoDate(year, month, dayOfMonth), precision: 'DAY', tentative, qualifier }, toBeDecided: false, footnote };
  }
  const month = /^([A-Za-z]+\.?),?\s+(\d{4})$/.exec(text);
  if (month) {
    const monthOfYear = monthNumber(month[1]);
    if (!monthOfYear) return { error: `unknown month "${month[1]}" in "${raw.trim()}"` };
    return {
      value: { date: isoDate(Number(month[2]), monthOfYear, 1), precision: 'MONTH', tentative, qualifier },
      toBeDecided: false,
      footnote,
    };
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso && validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))) {
    return { value: { date: text, precision: 'DAY', tentative, qualifier }, toBeDecided: false, footnote };
  }
  return { error: `cannot read "${raw.trim()}" as a date (expected e.g. "April 30, 2026" or "September 2026")` };
}

/** "April 30, 2026", or "September 2026" for a month, as containerd writes them. */
export function formatPublishedDate(date: string, precision: Precision): string {
  return formatProjectDate({ date, precision: precision === 'MONTH' ? 'month' : 'day', tentative: false });
}

/**
 * The first day on which a date no longer holds: the day after for a day, the first of the next
 * month for a month ("supported through September 2026" ends when October starts).
 */
export function dayAfter(date: string, precision: Precision): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = precision === 'MONTH' ? new Date(Date.UTC(year, month, 1)) : new Date(Date.UTC(year, month - 1, day + 1));
  return next.toISOString().slice(0, 10);
}
