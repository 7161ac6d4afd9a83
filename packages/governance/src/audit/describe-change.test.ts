import { describe, expect, it } from 'vitest';
import { describeChange, humanize } from './describe-change';

const v2 = { version: 2, name: '4-month cadence', effectiveFrom: '2026-04-01', rules: { cadence: { months: [4, 8, 12] }, regularSupport: { kind: 'months-after-ga', months: 8 }, betaLeadWeeks: { min: 8, max: 10 } } };

describe('describeChange', () => {
  it('names each changed value by its path in words, list entries by their identity', () => {
    const v2b = { ...v2, rules: { ...v2.rules, regularSupport: { kind: 'months-after-ga', months: 10 }, betaLeadWeeks: { min: 6, max: 10 } } };
    const v3 = { version: 3, name: 'next', effectiveFrom: '2027-01-01', rules: v2.rules };
    // The list is reordered too: entries are matched by version, not position.
    const lines = describeChange([v2], [v3, v2b]);
    expect(lines).toEqual([
      { path: 'v2 › rules › regular support › months', kind: 'changed', before: '8', after: '10' },
      { path: 'v2 › rules › beta lead weeks › min', kind: 'changed', before: '8', after: '6' },
      expect.objectContaining({ path: 'v3', kind: 'added', before: null, after: 'next' }),
    ]);
    // A new policy version lists every value it sets.
    expect(lines[2].fields).toEqual(
      expect.arrayContaining([
        { path: 'effective from', value: '2027-01-01' },
        { path: 'rules › cadence › months', value: '4, 8, 12' },
        { path: 'rules › regular support › months', value: '8' },
      ]),
    );
  });

  it('shows planned dates as projects write them, and lists of values as lists', () => {
    expect(describeChange({ endOfLife: { date: '2027-03-01', precision: 'MONTH', tentative: false } }, { endOfLife: { date: '2027-04-30', precision: 'DAY', tentative: true } })).toEqual([
      { path: 'end of life', kind: 'changed', before: 'March 2027', after: 'April 30, 2027 (tentative)' },
    ]);
    expect(describeChange({ releaseOwners: ['a'] }, { releaseOwners: ['a', 'b'] })).toEqual([{ path: 'release owners', kind: 'changed', before: 'a', after: 'a, b' }]);
  });

  it('reports a created or deleted record as a whole, and nothing when nothing changed', () => {
    expect(describeChange(null, { login: 'admin', isInstanceAdmin: true })).toEqual([
      { path: '', kind: 'added', before: null, after: 'login: admin; is instance admin: yes', fields: [{ path: 'login', value: 'admin' }, { path: 'is instance admin', value: 'yes' }] },
    ]);
    expect(describeChange({ note: 'x' }, null)).toEqual([{ path: '', kind: 'removed', before: 'note: x', after: null }]);
    expect(describeChange({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('keeps long values to one readable line', () => {
    const [line] = describeChange({ note: 'a' }, { note: 'b'.repeat(5000) });
    expect(line.after!.length).toBeLessThanOrEqual(300);
    expect(humanize('extendedSupportMonthsWithoutOwners')).toBe('extended support months without owners');
  });
});
