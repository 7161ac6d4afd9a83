import { describe, expect, it } from 'vitest';
import { reportAdherence } from './report-adherence';
import { POLICIES, REAL_TAGS } from './test-fixtures';

describe('reportAdherence on real containerd tags', () => {
  const report = reportAdherence({ tags: REAL_TAGS, policies: POLICIES });
  const row = (cycle: string) => report.rows.find((r) => r.cycle === cycle)!;

  it('computes lead times per minor', () => {
    // containerd's 2.x betas came 6–7 weeks before GA (7.3, 6.9 and 6.3), outside the 8–10 week
    // window; 1.7's beta.0 was tagged 19 weeks out, long before the window opened.
    expect(report.rows.map((r) => [r.cycle, r.policyVersion, r.beta?.daysBeforeGa, r.beta?.weeksBeforeGa, r.beta?.inWindow])).toEqual([
      ['1.7', 1, 136, 19.4, false],
      ['2.1', 1, 51, 7.3, false],
      ['2.2', 1, 48, 6.9, false],
      ['2.3', 2, 44, 6.3, false],
    ]);
    // Every RC came less than 2 weeks before GA.
    expect(report.rows.map((r) => [r.cycle, r.rc?.daysBeforeGa, r.rc?.weeksBeforeGa, r.rc?.inWindow])).toEqual([
      ['1.7', 11, 1.6, false],
      ['2.1', 12, 1.7, false],
      ['2.2', 7, 1, false],
      ['2.3', 3, 0.4, false],
    ]);
  });

  it('records the tags, dates and policy window used', () => {
    expect(row('2.3')).toMatchObject({
      ga: '2026-04-30',
      gaTag: 'v2.3.0',
      beta: { tag: 'v2.3.0-beta.0', date: '2026-03-17', window: { min: 8, max: 10 } },
      rc: { tag: 'v2.3.0-rc.0', date: '2026-04-27', window: { min: 2, max: 4 } },
    });
  });

  it('summarises adherence', () => {
    expect(report.summary).toEqual({ releases: 4, betaInWindow: 0, betaOutside: 4, rcInWindow: 0, rcOutside: 4 });
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
