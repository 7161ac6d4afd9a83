import { dayAfter, formatPublishedDate, type Precision } from '../releases/published-dates';
import type { Phase } from '../releases/parse-releases-md';

// The phase a user sees is computed from the milestones and today's date, not copied from the
// project's table: tables are edited by hand and go stale (2.2 says "Active" after its EOL).

export interface MilestoneFacts {
  kind: 'ALPHA' | 'BETA' | 'FEATURE_FREEZE' | 'RC' | 'GA' | 'END_OF_ACTIVE_SUPPORT' | 'EOL';
  plannedOn: string | null;
  plannedPrecision: Precision;
  tentative: boolean;
  actualOn: string | null;
}

export interface DateView {
  date: string;
  precision: Precision;
  tentative: boolean;
  /** As the project writes it: "April 30, 2026" or "September 2026". */
  text: string;
  /** The first day this date no longer holds (for a month, the first of the next month). */
  endsBefore: string;
}

export interface Lifecycle {
  phase: Phase;
  isLts: boolean;
  isMaintained: boolean;
  /** "LTS", "Active", "Extended", "End of Life", "Future", "Alpha", "Beta", "RC". */
  label: string;
  ga: (DateView & { happened: boolean }) | null;
  endOfActiveSupport: DateView | null;
  endOfLife: DateView | null;
  /** Days from today until support ends (negative once it has), when an EOL is known. */
  daysUntilEndOfLife: number | null;
  /** Set when the support dates were computed from this policy (the project publishes none). */
  supportComputedFrom: { version: number; name: string } | null;
}

export const LABELS: Record<Phase, string> = {
  FUTURE: 'Future',
  ALPHA: 'Alpha',
  BETA: 'Beta',
  RC: 'RC',
  ACTIVE: 'Active',
  EXTENDED: 'Extended',
  END_OF_LIFE: 'End of Life',
};

export function dateView(date: string, precision: Precision, tentative: boolean): DateView {
  return { date, precision, tentative, text: formatPublishedDate(date, precision), endsBefore: dayAfter(date, precision) };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function planned(milestone: MilestoneFacts | undefined): DateView | null {
  if (!milestone?.plannedOn) return null;
  return dateView(milestone.plannedOn, milestone.plannedPrecision, milestone.tentative);
}

export function computeLifecycle(input: {
  milestones: MilestoneFacts[];
  publishedPhase: Phase | null;
  isLts: boolean;
  today: string;
  /** True for the cycle being developed on main (the next one after the newest GA). */
  isNextOnMain?: boolean;
  /** The policy the END_OF_ACTIVE_SUPPORT and EOL milestones were computed from, if they were. */
  supportComputedFrom?: { version: number; name: string } | null;
}): Lifecycle {
  const { today, isLts } = input;
  const find = (kind: MilestoneFacts['kind']) => input.milestones.find((milestone) => milestone.kind === kind);
  const gaMilestone = find('GA');
  // The GA date shown is the one the project publishes; tags only tell whether it happened.
  const gaDate = gaMilestone?.plannedOn ?? gaMilestone?.actualOn ?? null;
  const ga = gaMilestone && gaDate
    ? {
        ...dateView(gaDate, gaMilestone.plannedOn ? gaMilestone.plannedPrecision : 'DAY', Boolean(gaMilestone.plannedOn) && gaMilestone.tentative && !gaMilestone.actualOn),
        happened: Boolean(gaMilestone.actualOn && gaMilestone.actualOn <= today),
      }
    : null;
  const endOfLife = planned(find('EOL'));
  const endOfActiveSupport = planned(find('END_OF_ACTIVE_SUPPORT')) ?? endOfLife;
  const reached = (kind: MilestoneFacts['kind']) => {
    const milestone = find(kind);
    return Boolean(milestone?.actualOn && milestone.actualOn <= today);
  };

  let phase: Phase;
  if (endOfLife && today >= endOfLife.endsBefore) phase = 'END_OF_LIFE';
  else if (!endOfLife && input.publishedPhase === 'END_OF_LIFE') phase = 'END_OF_LIFE';
  else if (ga?.happened) phase = endOfActiveSupport && today >= endOfActiveSupport.endsBefore ? 'EXTENDED' : 'ACTIVE';
  else if (reached('RC')) phase = 'RC';
  else if (reached('BETA')) phase = 'BETA';
  else if (reached('ALPHA') || input.isNextOnMain) phase = 'ALPHA';
  else phase = 'FUTURE';

  const label =
    phase === 'ACTIVE' && isLts ? 'LTS' : phase === 'EXTENDED' && isLts ? 'LTS (extended support)' : LABELS[phase];
  return {
    phase,
    isLts,
    isMaintained: phase === 'ACTIVE' || phase === 'EXTENDED',
    label,
    ga,
    endOfActiveSupport,
    endOfLife,
    daysUntilEndOfLife: endOfLife ? daysBetween(today, endOfLife.endsBefore) - 1 : null,
    supportComputedFrom: input.supportComputedFrom ?? null,
  };
}

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
