import { describe, expect, it } from 'vitest';
import { computeSupportDates, leadWindows } from './compute-support';
import { dayDate } from './dates';
import { POLICY_V1, POLICY_V2 } from './test-fixtures';

const v1 = POLICY_V1.rules;
const v2 = POLICY_V2.rules;

describe('computeSupportDates', () => {
  it('longer-of: the next-minor term wins when the next GA is late', () => {
    const s = computeSupportDates({ ga: dayDate('2025-05-07'), nextGa: dayDate('2025-12-10', true), isLts: false, rules: v1 });
    expect(s.eol).toEqual({ date: '2026-06-10', precision: 'day', tentative: true });
  });
  it('longer-of: GA + 12 months wins otherwise and stays firm', () => {
    const s = computeSupportDates({ ga: dayDate('2025-11-05'), nextGa: dayDate('2026-04-30'), isLts: false, rules: v1 });
    expect(s.eol).toEqual({ date: '2026-11-05', precision: 'day', tentative: false });
  });
  it('longer-of without a next GA gives a tentative lower bound', () => {
    const s = computeSupportDates({ ga: dayDate('2025-11-05'), nextGa: null, isLts: false, rules: v1 });
    expect(s.eol).toEqual({ date: '2026-11-05', precision: 'day', tentative: true });
  });
  it('handles a leap-day GA: February 29, 2028 + 12 months is February 28, 2029', () => {
    const s = computeSupportDates({ ga: dayDate('2028-02-29'), nextGa: dayDate('2028-07-15'), isLts: false, rules: v1 });
    expect(s.eol.date).toBe('2029-02-28');
    const lts = computeSupportDates({ ga: dayDate('2028-02-29'), nextGa: null, isLts: true, rules: v2 });
    expect(lts.endOfActiveSupport.date).toBe('2028-10-29');
    expect(lts.eol.date).toBe('2030-02-28');
  });
  it('clamps August 31 + 6 months to the end of February', () => {
    const s = computeSupportDates({ ga: dayDate('2026-01-15'), nextGa: dayDate('2026-08-31'), isLts: false, rules: v1 });
    expect(s.eol.date).toBe('2027-02-28');
  });
  it('v1 LTS has no ownerless shortcut', () => {
    const s = computeSupportDates({ ga: dayDate('2023-03-10'), nextGa: null, isLts: true, rules: v1 });
    expect(s.eol.date).toBe('2025-03-10');
    expect(s.eolWithoutLtsOwners).toBeNull();
  });
});

describe('leadWindows', () => {
  it('opens the beta window ten weeks and closes it eight weeks before GA', () => {
    expect(leadWindows('2026-04-30', v2)).toEqual({
      beta: { start: '2026-02-19', end: '2026-03-05' },
      rc: { start: '2026-04-02', end: '2026-04-16' },
    });
  });
});
