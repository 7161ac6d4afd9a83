import { describe, expect, it } from 'vitest';
import type { ReleasePolicy } from './policy-rules';
import { POLICIES, POLICY_V1, POLICY_V2 } from './test-fixtures';
import { diffSchedules, whatIfSchedule } from './what-if-schedule';
import { generateSchedule } from './generate-schedule';

const input = { lastGa: { cycle: '2.3', date: '2026-04-30' }, policies: POLICIES, count: 3 };

describe('whatIfSchedule', () => {
  it('reports no differences for the same policies', () => {
    expect(whatIfSchedule(input, POLICIES).diff).toEqual([]);
  });

  it('shows end-of-support changes when regular support grows to 12 months', () => {
    const longer: ReleasePolicy = {
      ...POLICY_V2,
      version: 3,
      rules: { ...POLICY_V2.rules, regularSupport: { kind: 'months-after-ga', months: 12 } },
    };
    const { diff, candidate } = whatIfSchedule(input, [POLICY_V1, longer]);
    expect(candidate.releases[0].eol.date).toBe('2027-08-26');
    const r24 = diff.find((d) => d.cycle === '2.4')!;
    expect(r24.change).toBe('changed');
    expect(r24.fields).toEqual(
      expect.arrayContaining([
        { field: 'policyVersion', before: 2, after: 3 },
        { field: 'eol', before: '2027-04-26 (tentative)', after: '2027-08-26 (tentative)' },
      ]),
    );
    // The LTS keeps its 24-month EOL; only its active support moves.
    const r23 = diff.find((d) => d.cycle === '2.3')!;
    expect(r23.fields.map((f) => f.field)).toEqual(['policyVersion', 'endOfActiveSupport', 'eolWithoutLtsOwners']);
  });

  it('shows moved GA dates when the cadence months change', () => {
    const shifted: ReleasePolicy = {
      ...POLICY_V2,
      rules: { ...POLICY_V2.rules, cadence: { months: [4, 9, 12] } },
    };
    const { diff } = whatIfSchedule(input, [POLICY_V1, shifted]);
    expect(diff.map((d) => d.cycle)).toEqual(['2.4']);
    expect(diff[0].fields.find((f) => f.field === 'ga')).toEqual({
      field: 'ga',
      before: '2026-08-26 (tentative)',
      after: '2026-09-30 (tentative)',
    });
  });
});

describe('diffSchedules', () => {
  it('lists releases only one schedule has as added or removed', () => {
    const short = generateSchedule({ ...input, count: 1 });
    const long = generateSchedule({ ...input, count: 2 });
    const diff = diffSchedules(short, long);
    expect(diff.map((d) => [d.cycle, d.change])).toEqual([['2.5', 'added']]);
    expect(diffSchedules(long, short).map((d) => [d.cycle, d.change])).toEqual([['2.5', 'removed']]);
  });
});
