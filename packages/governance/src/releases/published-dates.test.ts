import { describe, expect, it } from 'vitest';
import { dayAfter, formatPublishedDate, parsePublishedDate } from './published-dates';

describe('parsePublishedDate', () => {
  it.each([
    ['December 5, 2017', { date: '2017-12-05', precision: 'DAY', tentative: false }],
    ['Dec 4, 2015', { date: '2015-12-04', precision: 'DAY', tentative: false }],
    ['September 2026*', { date: '2026-09-01', precision: 'MONTH', tentative: false }],
    ['March, 2027**', { date: '2027-03-01', precision: 'MONTH', tentative: false }],
    ['August 26, 2026 (_tentative_)', { date: '2026-08-26', precision: 'DAY', tentative: true }],
    ['April 29, 2026 (_scheduled_)', { date: '2026-04-29', precision: 'DAY', tentative: true }],
  ])('reads %s', (text, expected) => {
    const parsed = parsePublishedDate(text);
    expect('error' in parsed).toBe(false);
    expect((parsed as { value: unknown }).value).toMatchObject(expected);
  });

  it('keeps the footnote of a cell', () => {
    expect(parsePublishedDate('July 3, 2026***')).toMatchObject({ footnote: 3 });
    expect(parsePublishedDate(String.raw`March, 2027\*\*`)).toMatchObject({ footnote: 2, value: { precision: 'MONTH' } });
  });

  it('tells "TBD" from "-" and from empty, none with a date', () => {
    expect(parsePublishedDate('_TBD_')).toEqual({ value: null, toBeDecided: true, footnote: null });
    expect(parsePublishedDate('-')).toEqual({ value: null, toBeDecided: false, footnote: null });
    expect(parsePublishedDate('')).toEqual({ value: null, toBeDecided: false, footnote: null });
  });

  it('names what it cannot read instead of guessing', () => {
    expect(parsePublishedDate('Smarch 3, 2026')).toEqual({ error: 'unknown month "Smarch" in "Smarch 3, 2026"' });
    expect(parsePublishedDate('February 30, 2026')).toEqual({ error: 'no such day "February 30, 2026"' });
    expect(parsePublishedDate('soon')).toMatchObject({ error: expect.stringContaining('cannot read "soon"') });
  });
});

describe('formatting and ends', () => {
  it('writes dates as the project does', () => {
    expect(formatPublishedDate('2028-04-30', 'DAY')).toBe('April 30, 2028');
    expect(formatPublishedDate('2026-09-01', 'MONTH')).toBe('September 2026');
  });

  it('ends a month-precision date at the end of its month, across years and leap days', () => {
    expect(dayAfter('2026-09-01', 'MONTH')).toBe('2026-10-01');
    expect(dayAfter('2026-12-01', 'MONTH')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28', 'DAY')).toBe('2028-02-29');
    expect(dayAfter('2026-12-31', 'DAY')).toBe('2027-01-01');
  });
});
