import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  aoeEndOfDay,
  daysBetween,
  formatProjectDate,
  isIsoDate,
  isPastAoeDeadline,
  latestDay,
  monthDate,
  resolveGaDay,
  toUtcDate,
  weekdayOf,
} from './dates';

describe('addMonths', () => {
  it('keeps the day when it exists', () => {
    expect(addMonths('2026-04-30', 24)).toBe('2028-04-30');
    expect(addMonths('2026-08-26', 8)).toBe('2027-04-26');
  });
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29'); // 2028 is a leap year
    expect(addMonths('2026-10-31', 1)).toBe('2026-11-30');
  });
  it('handles a leap-day GA plus twelve months', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
  });
  it('crosses years in both directions', () => {
    expect(addMonths('2026-12-30', 4)).toBe('2027-04-30');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });
});

describe('day arithmetic', () => {
  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-03-12', '2026-04-30')).toBe(49);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });
  it('knows weekdays', () => {
    expect(weekdayOf('2026-04-30')).toBe(4); // Thursday
    expect(weekdayOf('2026-08-26')).toBe(3); // Wednesday
  });
  it('validates calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-4-30')).toBe(false);
  });
  it('takes the UTC day of an instant', () => {
    expect(toUtcDate('2026-04-30T23:30:00-02:00')).toBe('2026-05-01');
    expect(toUtcDate(new Date(Date.UTC(2026, 3, 30, 23, 59)))).toBe('2026-04-30');
  });
});

describe('resolveGaDay', () => {
  it('defaults to the last Wednesday of the month', () => {
    expect(resolveGaDay(2026, 8)).toBe('2026-08-26');
    expect(resolveGaDay(2026, 4)).toBe('2026-04-29');
    expect(resolveGaDay(2026, 12)).toBe('2026-12-30');
    expect(resolveGaDay(2027, 4)).toBe('2027-04-28');
  });
  it('supports nth weekday and fixed day rules', () => {
    expect(resolveGaDay(2025, 11, { kind: 'nth-weekday', n: 1, weekday: 3 })).toBe('2025-11-05');
    expect(resolveGaDay(2026, 4, { kind: 'nth-weekday', n: 4, weekday: 0 })).toBe('2026-04-26');
    expect(resolveGaDay(2027, 2, { kind: 'day-of-month', day: 30 })).toBe('2027-02-28');
  });
});

describe('AoE deadlines', () => {
  it('ends the day at 12:00 UTC the next day', () => {
    expect(aoeEndOfDay('2026-04-30').toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(aoeEndOfDay('2026-12-31').toISOString()).toBe('2027-01-01T12:00:00.000Z');
    expect(aoeEndOfDay('2028-02-28').toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });
  it('is still open just before that instant', () => {
    expect(isPastAoeDeadline('2026-04-30', new Date('2026-05-01T11:59:59Z'))).toBe(false);
    expect(isPastAoeDeadline('2026-04-30', new Date('2026-05-01T12:00:00Z'))).toBe(true);
  });
});

describe('project date format', () => {
  it('writes dates as the project does', () => {
    expect(formatProjectDate('2026-04-30')).toBe('April 30, 2026');
    expect(formatProjectDate('2025-11-05')).toBe('November 5, 2025');
    expect(formatProjectDate(monthDate(2026, 9))).toBe('September 2026');
  });
  it('reads a month-only date as lasting the whole month', () => {
    expect(latestDay(monthDate(2028, 2))).toBe('2028-02-29');
    expect(latestDay(monthDate(2026, 9))).toBe('2026-09-30');
  });
});
