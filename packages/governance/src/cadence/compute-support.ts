import { addMonths, addWeeks, type CalendarDate, type IsoDate, maxDate } from './dates';
import type { PolicyRules } from './policy-rules';

export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

export interface SupportDates {
  /** End of regular (active) support. */
  endOfActiveSupport: CalendarDate;
  /** End of life: regular support, or the LTS minimum for an LTS. */
  eol: CalendarDate;
  /** For an LTS under a policy that ends ownerless LTS early: the EOL if no owners step up. */
  eolWithoutLtsOwners: CalendarDate | null;
}

/** Beta and RC windows: the earliest start is the larger lead (GA − 10w), the latest the smaller. */
export function leadWindows(ga: IsoDate, rules: PolicyRules): { beta: DateWindow; rc: DateWindow } {
  return {
    beta: { start: addWeeks(ga, -rules.betaLeadWeeks.max), end: addWeeks(ga, -rules.betaLeadWeeks.min) },
    rc: { start: addWeeks(ga, -rules.rcLeadWeeks.max), end: addWeeks(ga, -rules.rcLeadWeeks.min) },
  };
}

export interface SupportInput {
  ga: CalendarDate;
  /** Needed by "longer-of" regular support; without it only the GA-based term is known. */
  nextGa: CalendarDate | null;
  isLts: boolean;
  rules: PolicyRules;
}

/**
 * Support dates a policy promises. Derived dates are tentative when the date they were computed
 * from is. With "longer-of" and no next GA known, the result is a lower bound flagged tentative.
 */
export function computeSupportDates({ ga, nextGa, isLts, rules }: SupportInput): SupportDates {
  const day = (date: IsoDate, tentative: boolean): CalendarDate => ({ date, precision: 'day', tentative });
  let active: CalendarDate;
  const rs = rules.regularSupport;
  if (rs.kind === 'months-after-ga') {
    active = day(addMonths(ga.date, rs.months), ga.tentative);
  } else {
    const byGa = addMonths(ga.date, rs.monthsAfterGa);
    if (!nextGa) {
      active = day(byGa, true);
    } else {
      const byNext = addMonths(nextGa.date, rs.monthsAfterNextMinor);
      active = byNext > byGa ? day(byNext, nextGa.tentative) : day(byGa, ga.tentative);
    }
  }
  if (!isLts) return { endOfActiveSupport: active, eol: active, eolWithoutLtsOwners: null };
  const ltsEnd = maxDate(addMonths(ga.date, rules.lts.minSupportMonths), active.date);
  const extra = rules.lts.extendedSupportMonthsWithoutOwners;
  return {
    endOfActiveSupport: active,
    eol: day(ltsEnd, ltsEnd === active.date ? active.tentative : ga.tentative),
    eolWithoutLtsOwners: extra === null ? null : day(addMonths(active.date, extra), active.tentative),
  };
}
