import { type CalendarDate, type IsoDate, latestDay } from './dates';
import type { LifecyclePhase } from './policy-rules';

export interface PhaseDates {
  alpha?: IsoDate | null;
  beta?: IsoDate | null;
  rc?: IsoDate | null;
  ga?: IsoDate | null;
  endOfActiveSupport?: CalendarDate | null;
  eol?: CalendarDate | null;
}

/**
 * The phase on `today` from milestone dates (actual where known, else planned). A month-only
 * end date lasts the whole month; a month-only start counts from its first day.
 */
export function derivePhase(dates: PhaseDates, today: IsoDate): LifecyclePhase {
  const reached = (d?: IsoDate | null) => d != null && d <= today;
  if (dates.eol && latestDay(dates.eol) < today) return 'END_OF_LIFE';
  if (reached(dates.ga)) {
    return dates.endOfActiveSupport && latestDay(dates.endOfActiveSupport) < today ? 'EXTENDED' : 'ACTIVE';
  }
  if (reached(dates.rc)) return 'RC';
  if (reached(dates.beta)) return 'BETA';
  if (reached(dates.alpha)) return 'ALPHA';
  return 'FUTURE';
}

