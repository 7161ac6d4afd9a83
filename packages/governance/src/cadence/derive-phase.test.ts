import { describe, expect, it } from 'vitest';
import { dayDate, monthDate } from './dates';
import { derivePhase } from './derive-phase';

describe('derivePhase', () => {
  const r24 = { beta: '2026-06-24', rc: '2026-08-05', ga: '2026-08-26', endOfActiveSupport: dayDate('2027-04-26'), eol: dayDate('2027-04-26') };
  it('walks through the phases of 2.4', () => {
    expect(derivePhase(r24, '2026-06-01')).toBe('FUTURE');
    expect(derivePhase(r24, '2026-06-24')).toBe('BETA');
    expect(derivePhase(r24, '2026-08-22')).toBe('RC');
    expect(derivePhase(r24, '2026-08-26')).toBe('ACTIVE');
    expect(derivePhase(r24, '2027-04-26')).toBe('ACTIVE');
    expect(derivePhase(r24, '2027-04-27')).toBe('END_OF_LIFE');
  });
  it('puts an LTS past active support in EXTENDED and keeps a month-only EOL for the whole month', () => {
    const r17 = { ga: '2023-03-10', endOfActiveSupport: dayDate('2024-03-10'), eol: monthDate(2026, 9) };
    expect(derivePhase(r17, '2026-08-22')).toBe('EXTENDED');
    expect(derivePhase(r17, '2026-09-30')).toBe('EXTENDED');
    expect(derivePhase(r17, '2026-10-01')).toBe('END_OF_LIFE');
  });
});
