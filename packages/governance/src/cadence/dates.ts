// Plain UTC calendar arithmetic. Dates are 'YYYY-MM-DD' strings so they sort lexically, survive
// JSON untouched and never pick up a local time zone; instants (Date) appear only for AoE deadlines.

export type IsoDate = string;
export type DatePrecision = 'day' | 'month';

/** A date as the project publishes it: to the day or only to the month, possibly tentative. */
export interface CalendarDate {
  /** YYYY-MM-DD; for month precision the day is always 01. */
  date: IsoDate;
  precision: DatePrecision;
  tentative: boolean;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** How a cadence month becomes a GA day. */
export type GaDayRule =
  | { kind: 'last-weekday'; weekday: Weekday }
  | { kind: 'nth-weekday'; n: 1 | 2 | 3 | 4; weekday: Weekday }
  | { kind: 'day-of-month'; day: number };

// Last Wednesday reproduces containerd's planned dates (2.4: August 26, 2026); mid-week releases
// also leave room for a fix-up before the weekend.
export const DEFAULT_GA_DAY_RULE: GaDayRule = { kind: 'last-weekday', weekday: 3 };

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isIsoDate(value: string): boolean {
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseIsoDate(value: IsoDate): YearMonthDay {
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${value}"`);
  const [year, month, day] = value.split('-').map(Number);
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: YearMonthDay): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The UTC calendar date of an instant, or of an ISO date-time string such as a tag timestamp. */
export function toUtcDate(value: Date | string): IsoDate {
  if (typeof value === 'string' && isIsoDate(value)) return value;
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: "${String(value)}"`);
  return d.toISOString().slice(0, 10);
}

function toDayNumber(value: IsoDate): number {
  const { year, month, day } = parseIsoDate(value);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(value) + days);
}

export function addWeeks(value: IsoDate, weeks: number): IsoDate {
  return addDays(value, weeks * 7);
}

/** Calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(value);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Signed number of days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function weekdayOf(value: IsoDate): Weekday {
  return new Date(toDayNumber(value) * DAY_MS).getUTCDay() as Weekday;
}

/** The GA day a rule picks in a given month. */
export function resolveGaDay(year: number, month: number, rule: GaDayRule = DEFAULT_GA_DAY_RULE): IsoDate {
  const last = daysInMonth(year, month);
  if (rule.kind === 'day-of-month') {
    return formatIsoDate({ year, month, day: Math.min(Math.max(1, rule.day), last) });
  }
  if (rule.kind === 'last-weekday') {
    const lastDate = formatIsoDate({ year, month, day: last });
    const back = (weekdayOf(lastDate) - rule.weekday + 7) % 7;
    return addDays(lastDate, -back);
  }
  const first = formatIsoDate({ year, month, day: 1 });
  const forward = (rule.weekday - weekdayOf(first) + 7) % 7;
  return addDays(first, forward + (rule.n - 1) * 7);
}

export function dayDate(date: IsoDate, tentative = false): CalendarDate {
  parseIsoDate(date);
  return { date, precision: 'day', tentative };
}

export function monthDate(year: number, month: number, tentative = false): CalendarDate {
  return { date: formatIsoDate({ year, month, day: 1 }), precision: 'month', tentative };
}

/** First day a calendar date may mean (a month-only date: the 1st). */
export function earliestDay(value: CalendarDate): IsoDate {
  return value.date;
}

/** Last day a calendar date may mean (a month-only date: the month's last day). */
export function latestDay(value: CalendarDate): IsoDate {
  if (value.precision === 'day') return value.date;
  const { year, month } = parseIsoDate(value.date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

/**
 * The UTC instant at which `date` ends Anywhere on Earth (UTC−12): the deadline has passed for
 * everyone once the last time zone has left that day, i.e. at 12:00 UTC on the following day.
 */
export function aoeEndOfDay(date: IsoDate): Date {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day + 1, 12));
}

export function isPastAoeDeadline(date: IsoDate, now: Date): boolean {
  return now.getTime() >= aoeEndOfDay(date).getTime();
}

/** "April 30, 2026" or "September 2026", as the project writes dates (no tentative marker). */
export function formatProjectDate(value: CalendarDate | IsoDate): string {
  const cd = typeof value === 'string' ? dayDate(value) : value;
  const { year, month, day } = parseIsoDate(cd.date);
  const name = MONTH_NAMES[month - 1];
  return cd.precision === 'month' ? `${name} ${year}` : `${name} ${day}, ${year}`;
}

