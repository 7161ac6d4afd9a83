import { GovernanceError } from '../errors';
import { computeSupportDates, type DateWindow, leadWindows } from './compute-support';
import {
  type CalendarDate,
  DEFAULT_GA_DAY_RULE,
  type GaDayRule,
  type IsoDate,
  parseIsoDate,
  resolveGaDay,
} from './dates';
import { nextMinor, requireCycle } from './parse-versions';
import { policyInForce, requirePolicyInForce } from './policy-in-force';
import type { ReleasePolicy } from './policy-rules';

export interface ScheduleInput {
  /** The latest minor that reached GA (x.y.0), e.g. { cycle: '2.3', date: '2026-04-30' }. */
  lastGa: { cycle: string; date: IsoDate; tentative?: boolean };
  policies: readonly ReleasePolicy[];
  /** How many future minors to plan. */
  count: number;
  /** How a cadence month becomes a day; defaults to the last Wednesday of the month. */
  dayRule?: GaDayRule;
  /** Branches already designated LTS (policies with designation "any" never imply one). */
  ltsCycles?: readonly string[];
}

export interface ScheduledRelease {
  cycle: string;
  policyVersion: number;
  policyName: string;
  ga: CalendarDate;
  betaWindow: DateWindow;
  rcWindow: DateWindow;
  isLts: boolean;
  endOfActiveSupport: CalendarDate;
  eol: CalendarDate;
  eolWithoutLtsOwners: CalendarDate | null;
}

export interface Schedule {
  /** The last GA itself, with the support dates its policy gives it (they may need the next GA). */
  anchor: ScheduledRelease;
  releases: ScheduledRelease[];
}

// Four years of months without a release month means the policies are unusable, not a long gap.
const MAX_MONTHS_SCANNED = 48;

/**
 * The GA after `previous`: walk forward month by month from the month after it, and take the
 * first month that is a cadence month of the policy in force on that month's GA day. Walking
 * months (instead of asking each policy for its next slot) settles the circularity "the policy
 * depends on the GA date, the GA date depends on the policy" even across a policy change.
 */
export function nextGaDate(
  previous: IsoDate,
  cycle: string,
  policies: readonly ReleasePolicy[],
  dayRule: GaDayRule = DEFAULT_GA_DAY_RULE,
): { date: IsoDate; policy: ReleasePolicy } {
  const { year, month } = parseIsoDate(previous);
  for (let i = 1; i <= MAX_MONTHS_SCANNED; i++) {
    const index = year * 12 + (month - 1) + i;
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    const date = resolveGaDay(y, m, dayRule);
    const policy = policyInForce(policies, date, cycle);
    if (policy && date > previous && policy.rules.cadence.months.includes(m)) return { date, policy };
  }
  throw new GovernanceError(
    'failed_precondition',
    `No release month for ${cycle} within ${MAX_MONTHS_SCANNED} months after ${previous} under the given policies`,
    { previous, cycle },
  );
}

function isLtsRelease(cycle: string, ga: IsoDate, policy: ReleasePolicy, ltsCycles: readonly string[]): boolean {
  if (ltsCycles.includes(cycle)) return true;
  const { designation, gaMonth } = policy.rules.lts;
  return designation === 'one-per-year' && parseIsoDate(ga).month === gaMonth;
}

/** Plans the next `count` minors after the last GA; each uses the policy in force at its own GA. */
export function generateSchedule(input: ScheduleInput): Schedule {
  const { lastGa, policies, count } = input;
  const dayRule = input.dayRule ?? DEFAULT_GA_DAY_RULE;
  const ltsCycles = input.ltsCycles ?? [];
  requireCycle(lastGa.cycle);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);

  type Slot = { cycle: string; ga: CalendarDate; policy: ReleasePolicy };
  const slots: Slot[] = [
    {
      cycle: lastGa.cycle,
      ga: { date: lastGa.date, precision: 'day', tentative: lastGa.tentative ?? false },
      policy: requirePolicyInForce(policies, lastGa.date, lastGa.cycle),
    },
  ];
  // One extra slot: "longer-of" support needs the GA after the last planned release.
  for (let i = 0; i <= count; i++) {
    const prev = slots[slots.length - 1];
    const cycle = nextMinor(prev.cycle);
    const { date, policy } = nextGaDate(prev.ga.date, cycle, policies, dayRule);
    slots.push({ cycle, ga: { date, precision: 'day', tentative: true }, policy });
  }

  const planned = slots.slice(0, count + 1).map((slot, i): ScheduledRelease => {
    const isLts = isLtsRelease(slot.cycle, slot.ga.date, slot.policy, ltsCycles);
    const windows = leadWindows(slot.ga.date, slot.policy.rules);
    return {
      cycle: slot.cycle,
      policyVersion: slot.policy.version,
      policyName: slot.policy.name,
      ga: slot.ga,
      betaWindow: windows.beta,
      rcWindow: windows.rc,
      isLts,
      ...computeSupportDates({ ga: slot.ga, nextGa: slots[i + 1].ga, isLts, rules: slot.policy.rules }),
    };
  });
  return { anchor: planned[0], releases: planned.slice(1) };
}
