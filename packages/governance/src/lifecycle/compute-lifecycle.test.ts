import { describe, expect, it } from 'vitest';
import { computeLifecycle, type MilestoneFacts } from './compute-lifecycle';

const milestone = (kind: MilestoneFacts['kind'], plannedOn: string | null, extra: Partial<MilestoneFacts> = {}): MilestoneFacts => ({
  kind,
  plannedOn,
  plannedPrecision: 'DAY',
  tentative: false,
  actualOn: null,
  ...extra,
});

const released = [milestone('GA', '2025-11-05', { actualOn: '2025-11-05' }), milestone('EOL', '2026-11-06')];

describe('computeLifecycle', () => {
  it('is active through its EOL day and end of life the day after', () => {
    const on = (today: string) => computeLifecycle({ milestones: released, publishedPhase: 'ACTIVE', isLts: false, today });
    expect(on('2026-11-06')).toMatchObject({ phase: 'ACTIVE', isMaintained: true, daysUntilEndOfLife: 0 });
    expect(on('2026-11-07')).toMatchObject({ phase: 'END_OF_LIFE', isMaintained: false, daysUntilEndOfLife: -1 });
  });

  it('keeps a month-precision EOL supported until the month ends', () => {
    const milestones = [milestone('GA', '2023-03-10', { actualOn: '2023-03-10' }), milestone('END_OF_ACTIVE_SUPPORT', '2026-03-10'), milestone('EOL', '2026-09-01', { plannedPrecision: 'MONTH' })];
    const on = (today: string) => computeLifecycle({ milestones, publishedPhase: 'ACTIVE', isLts: true, today });
    expect(on('2026-03-10')).toMatchObject({ phase: 'ACTIVE', label: 'LTS' });
    expect(on('2026-03-11')).toMatchObject({ phase: 'EXTENDED', label: 'LTS (extended support)' });
    expect(on('2026-09-30')).toMatchObject({ phase: 'EXTENDED', daysUntilEndOfLife: 0, endOfLife: { text: 'September 2026' } });
    expect(on('2026-10-01').phase).toBe('END_OF_LIFE');
  });

  it('walks an unreleased cycle through alpha, beta and RC as they actually happen', () => {
    const plan = (beta: string | null, rc: string | null) => [
      milestone('BETA', '2026-06-24', { actualOn: beta }),
      milestone('RC', '2026-07-29', { actualOn: rc }),
      milestone('GA', '2026-08-26', { tentative: true }),
      milestone('EOL', '2027-04-26', { tentative: true }),
    ];
    const at = (beta: string | null, rc: string | null, isNextOnMain: boolean) =>
      computeLifecycle({ milestones: plan(beta, rc), publishedPhase: 'FUTURE', isLts: false, today: '2026-08-20', isNextOnMain }).phase;
    expect(at(null, null, false)).toBe('FUTURE');
    expect(at(null, null, true)).toBe('ALPHA');
    expect(at('2026-06-25', null, true)).toBe('BETA');
    expect(at('2026-06-25', '2026-08-01', true)).toBe('RC');
    // A planned GA date that passed does not make a release happen.
    const late = computeLifecycle({ milestones: plan('2026-06-25', null), publishedPhase: 'FUTURE', isLts: false, today: '2026-11-28' });
    expect(late).toMatchObject({ phase: 'BETA', ga: { happened: false, tentative: true } });
  });

  it('trusts the published end of life when no date is known', () => {
    expect(computeLifecycle({ milestones: [milestone('GA', '2015-12-04', { actualOn: '2015-12-04' })], publishedPhase: 'END_OF_LIFE', isLts: false, today: '2026-01-01' }).phase).toBe('END_OF_LIFE');
  });
});
