import { describe, expect, it } from 'vitest';
import { GovernanceError } from '../errors';
import { generateSchedule, nextGaDate } from './generate-schedule';
import type { ReleasePolicy } from './policy-rules';
import { POLICIES, POLICY_V1, POLICY_V2 } from './test-fixtures';

const from23 = (count: number, extra: Partial<Parameters<typeof generateSchedule>[0]> = {}) =>
  generateSchedule({ lastGa: { cycle: '2.3', date: '2026-04-30' }, policies: POLICIES, count, ...extra });

describe('generateSchedule under the 4-month policy', () => {
  it('reproduces the real table: 2.3 LTS to April 30, 2028', () => {
    const { anchor } = from23(1);
    expect(anchor).toMatchObject({ cycle: '2.3', policyVersion: 2, isLts: true });
    expect(anchor.eol).toEqual({ date: '2028-04-30', precision: 'day', tentative: false });
    expect(anchor.endOfActiveSupport.date).toBe('2026-12-30');
    // Ownerless LTS: six months of extended support after the eight active months.
    expect(anchor.eolWithoutLtsOwners?.date).toBe('2027-06-30');
  });

  it('reproduces the real table: 2.4 on August 26, 2026, EOL April 26, 2027, both tentative', () => {
    const [r24] = from23(1).releases;
    expect(r24.cycle).toBe('2.4');
    expect(r24.ga).toEqual({ date: '2026-08-26', precision: 'day', tentative: true });
    expect(r24.eol).toEqual({ date: '2027-04-26', precision: 'day', tentative: true });
    expect(r24.isLts).toBe(false);
    expect(r24.eolWithoutLtsOwners).toBeNull();
    expect(r24.betaWindow).toEqual({ start: '2026-06-17', end: '2026-07-01' });
    expect(r24.rcWindow).toEqual({ start: '2026-07-29', end: '2026-08-12' });
  });

  it('numbers minors sequentially and marks only the April release LTS', () => {
    const { releases } = from23(5);
    expect(releases.map((r) => [r.cycle, r.ga.date, r.isLts])).toEqual([
      ['2.4', '2026-08-26', false],
      ['2.5', '2026-12-30', false],
      ['2.6', '2027-04-28', true],
      ['2.7', '2027-08-25', false],
      ['2.8', '2027-12-29', false],
    ]);
    expect(releases[2].eol.date).toBe('2029-04-28');
  });

  it('puts a December GA beta window in October and the next GA in April of the next year', () => {
    const [, r25, r26] = from23(3).releases;
    expect(r25.ga.date).toBe('2026-12-30');
    expect(r25.betaWindow).toEqual({ start: '2026-10-21', end: '2026-11-04' });
    expect(r25.rcWindow).toEqual({ start: '2026-12-02', end: '2026-12-16' });
    expect(r26.ga.date).toBe('2027-04-28');
    expect(r25.eol.date).toBe('2027-08-30');
  });

  it('never implies a major bump', () => {
    const { releases } = generateSchedule({ lastGa: { cycle: '2.9', date: '2028-04-26' }, policies: POLICIES, count: 2 });
    expect(releases.map((r) => r.cycle)).toEqual(['2.10', '2.11']);
  });

  it('takes the day rule as an input', () => {
    const { releases } = from23(1, { dayRule: { kind: 'nth-weekday', n: 1, weekday: 3 } });
    expect(releases[0].ga.date).toBe('2026-08-05');
    expect(releases[0].eol.date).toBe('2027-04-05');
  });

  it('honours LTS designations given as input', () => {
    const { releases } = from23(2, { ltsCycles: ['2.5'] });
    expect(releases[1]).toMatchObject({ cycle: '2.5', isLts: true });
    expect(releases[1].eol.date).toBe('2028-12-30');
  });
});

describe('generateSchedule under the 6-month policy', () => {
  it('gives 2.2 (GA November 5, 2025) the longer of GA + 12 months and next GA + 6 months', () => {
    // With the real policy change, the next GA is 2.3 in April 2026: +6 months is October 29,
    // 2026, so GA + 12 months (November 5, 2026) wins and depends on nothing tentative.
    const real = generateSchedule({ lastGa: { cycle: '2.2', date: '2025-11-05' }, policies: POLICIES, count: 1 });
    expect(real.anchor.policyVersion).toBe(1);
    expect(real.anchor.eol).toEqual({ date: '2026-11-05', precision: 'day', tentative: false });
    expect(real.releases[0]).toMatchObject({ cycle: '2.3', policyVersion: 2, isLts: true });
    expect(real.releases[0].ga.date).toBe('2026-04-29');

    // Had the 6-month era continued, 2.3 would ship May 27, 2026 and 2.2 live to November 27.
    const v1Only = generateSchedule({ lastGa: { cycle: '2.2', date: '2025-11-05' }, policies: [POLICY_V1], count: 1 });
    expect(v1Only.releases[0].ga.date).toBe('2026-05-27');
    expect(v1Only.anchor.eol).toEqual({ date: '2026-11-27', precision: 'day', tentative: true });
  });

  it('never designates an LTS by itself (any branch may become one)', () => {
    const { releases } = generateSchedule({ lastGa: { cycle: '1.7', date: '2023-03-10' }, policies: [POLICY_V1], count: 3 });
    expect(releases.map((r) => [r.cycle, r.ga.date, r.isLts])).toEqual([
      ['1.8', '2023-05-31', false],
      ['1.9', '2023-11-29', false],
      ['1.10', '2024-05-29', false],
    ]);
  });
});

describe('policy changing mid-schedule', () => {
  const V3: ReleasePolicy = {
    ...POLICY_V2,
    version: 3,
    name: 'hypothetical semi-annual',
    effectiveFrom: '2027-06-01',
    firstCycle: null,
    rules: {
      ...POLICY_V2.rules,
      cadence: { months: [6, 12] },
      regularSupport: { kind: 'months-after-ga', months: 6 },
      lts: { ...POLICY_V2.rules.lts, gaMonth: 6 },
    },
  };

  it('moves each release to the policy in force at its own GA', () => {
    const { releases } = generateSchedule({ lastGa: { cycle: '2.3', date: '2026-04-30' }, policies: [...POLICIES, V3], count: 5 });
    expect(releases.map((r) => [r.cycle, r.ga.date, r.policyVersion, r.isLts])).toEqual([
      ['2.4', '2026-08-26', 2, false],
      ['2.5', '2026-12-30', 2, false],
      ['2.6', '2027-04-28', 2, true],
      ['2.7', '2027-06-30', 3, true],
      ['2.8', '2027-12-29', 3, false],
    ]);
    expect(releases[4].eol.date).toBe('2028-06-29');
  });

  it('crosses from v1 to v2 between 2.1 and 2.3', () => {
    const { releases } = generateSchedule({ lastGa: { cycle: '2.1', date: '2025-05-07' }, policies: POLICIES, count: 2 });
    expect(releases.map((r) => [r.cycle, r.ga.date, r.policyVersion])).toEqual([
      ['2.2', '2025-11-26', 1],
      ['2.3', '2026-04-29', 2],
    ]);
    // 2.2 under v1: November 26, 2025 + 12 months beats 2.3's GA + 6 months.
    expect(releases[0].eol.date).toBe('2026-11-26');
  });
});

describe('generateSchedule input errors', () => {
  it('fails when no policy covers the last GA', () => {
    expect(() => generateSchedule({ lastGa: { cycle: '1.0', date: '2017-01-01' }, policies: POLICIES, count: 1 })).toThrow(
      GovernanceError,
    );
  });
  it('returns only the anchor for count 0 and rejects a negative count', () => {
    expect(from23(0).releases).toEqual([]);
    expect(() => from23(-1)).toThrow(/count/);
  });
  it('reports policies that never reach a release month', () => {
    // A policy that only applies from 2.9 leaves 2.4 with no policy at all.
    const later = { ...POLICY_V2, firstCycle: '2.9' };
    expect(() => nextGaDate('2026-04-30', '2.4', [later])).toThrow(/No release month for 2.4/);
  });
});
