import { describe, expect, it } from 'vitest';
import { reportAdherence } from './report-adherence';
import { POLICIES, REAL_TAGS } from './test-fixtures';

describe('reportAdherence on real containerd tags', () => {
  const report = reportAdherence({ tags: REAL_TAGS, policies: POLICIES });
  const row = (cycle: string) => report.rows.find((r) => r.cycle === cycle)!;

  it('computes lead times per minor', () => {
    // The arithmetic agrees with "betas 6–7 weeks before GA" for the 2.x releases (6.3, 6.0 and
    // 7.0 weeks); 1.7's beta was exactly 8 weeks (56 days) out, just inside the window.
    expect(report.rows.map((r) => [r.cycle, r.policyVersion, r.beta?.daysBeforeGa, r.beta?.weeksBeforeGa, r.beta?.inWindow])).toEqual([
      ['1.7', 1, 56, 8, true],
      ['2.1', 1, 44, 6.3, false],
      ['2.2', 1, 42, 6, false],
      ['2.3', 2, 49, 7, false],
    ]);
    // RCs: 2.1's came 13 days (1.9 weeks) out, under the 2-week minimum; 2.2's exactly 2 weeks.
    expect(report.rows.map((r) => [r.cycle, r.rc?.daysBeforeGa, r.rc?.weeksBeforeGa, r.rc?.inWindow])).toEqual([
      ['1.7', 16, 2.3, true],
      ['2.1', 13, 1.9, false],
      ['2.2', 14, 2, true],
      ['2.3', 16, 2.3, true],
    ]);
  });

  it('records the tags, dates and policy window used', () => {
    expect(row('2.3')).toMatchObject({
      ga: '2026-04-30',
      gaTag: 'v2.3.0',
      beta: { tag: 'v2.3.0-beta.0', date: '2026-03-12', window: { min: 8, max: 10 } },
      rc: { tag: 'v2.3.0-rc.0', date: '2026-04-14', window: { min: 2, max: 4 } },
    });
  });

  it('summarises adherence', () => {
    expect(report.summary).toEqual({ releases: 4, betaInWindow: 1, betaOutside: 3, rcInWindow: 3, rcOutside: 1 });
  });
});

describe('reportAdherence input handling', () => {
  it('takes the first pre-release by version, skips patches and unfinished minors', () => {
    const { rows } = reportAdherence({
      policies: POLICIES,
      tags: [
        { tag: 'v2.3.0-beta.1', date: '2026-03-20' },
        { tag: 'v2.3.0-beta.0', date: '2026-03-12T23:30:00Z' },
        { tag: 'v2.3.0', date: '2026-04-30T10:00:00Z' },
        { tag: 'v2.3.1', date: '2026-05-20' },
        { tag: 'v2.4.0-beta.0', date: '2026-07-01' },
        { tag: 'api/v1.0.0', date: '2026-01-01' },
      ],
    });
    expect(rows.map((r) => r.cycle)).toEqual(['2.3']);
    expect(rows[0].beta?.tag).toBe('v2.3.0-beta.0');
    expect(rows[0].rc).toBeNull();
  });
  it('reports no window when no policy was in force', () => {
    const { rows } = reportAdherence({
      policies: POLICIES,
      tags: [
        { tag: 'v1.0.0-beta.0', date: '2017-10-01' },
        { tag: 'v1.0.0', date: '2017-12-01' },
      ],
    });
    expect(rows[0].policyVersion).toBeNull();
    expect(rows[0].beta).toMatchObject({ daysBeforeGa: 61, window: null, inWindow: null });
  });
});
