import type { CalendarDate } from './dates';
import { generateSchedule, type Schedule, type ScheduledRelease, type ScheduleInput } from './generate-schedule';
import type { ReleasePolicy } from './policy-rules';

export type DiffValue = string | number | boolean | null;

export interface FieldChange {
  field: string;
  before: DiffValue;
  after: DiffValue;
}

export interface ReleaseDiff {
  cycle: string;
  change: 'added' | 'removed' | 'changed';
  fields: FieldChange[];
}

function show(d: CalendarDate | null): DiffValue {
  return d === null ? null : `${d.date}${d.precision === 'month' ? ' (month)' : ''}${d.tentative ? ' (tentative)' : ''}`;
}

// Flattened to scalars so a UI can print "eol: 2027-04-26 → 2027-08-25" without knowing the shape.
function flatten(r: ScheduledRelease): Record<string, DiffValue> {
  return {
    policyVersion: r.policyVersion,
    ga: show(r.ga),
    betaWindow: `${r.betaWindow.start}..${r.betaWindow.end}`,
    rcWindow: `${r.rcWindow.start}..${r.rcWindow.end}`,
    isLts: r.isLts,
    endOfActiveSupport: show(r.endOfActiveSupport),
    eol: show(r.eol),
    eolWithoutLtsOwners: show(r.eolWithoutLtsOwners),
  };
}

/** Per-release differences, matched by cycle; unchanged releases are left out. */
export function diffSchedules(before: Schedule, after: Schedule): ReleaseDiff[] {
  const all = (s: Schedule) => [s.anchor, ...s.releases];
  const a = new Map(all(before).map((r) => [r.cycle, flatten(r)]));
  const b = new Map(all(after).map((r) => [r.cycle, flatten(r)]));
  const cycles = [...new Set([...a.keys(), ...b.keys()])];
  const diffs: ReleaseDiff[] = [];
  for (const cycle of cycles) {
    const x = a.get(cycle);
    const y = b.get(cycle);
    const keys = Object.keys(x ?? y ?? {});
    const fields = keys
      .map((field) => ({ field, before: x ? x[field] : null, after: y ? y[field] : null }))
      .filter((f) => f.before !== f.after);
    if (fields.length === 0) continue;
    diffs.push({ cycle, change: !x ? 'added' : !y ? 'removed' : 'changed', fields });
  }
  return diffs;
}

export interface WhatIfResult {
  current: Schedule;
  candidate: Schedule;
  diff: ReleaseDiff[];
}

/** The schedule a candidate policy set would give, next to the current one and their diff. */
export function whatIfSchedule(input: ScheduleInput, candidatePolicies: readonly ReleasePolicy[]): WhatIfResult {
  const current = generateSchedule(input);
  const candidate = generateSchedule({ ...input, policies: candidatePolicies });
  return { current, candidate, diff: diffSchedules(current, candidate) };
}
