import { daysBetween, type IsoDate, toUtcDate } from './dates';
import { compareCycles, compareVersions, formatCycle, parseVersion, type ParsedVersion } from './parse-versions';
import { policyInForce } from './policy-in-force';
import type { ReleasePolicy } from './policy-rules';

export interface TagInput {
  tag: string;
  /** Tag date: YYYY-MM-DD, or an ISO instant (its UTC day is used). */
  date: string;
}

export interface LeadAdherence {
  /** First tag of that kind, e.g. v2.3.0-beta.0. */
  tag: string;
  date: IsoDate;
  daysBeforeGa: number;
  /** daysBeforeGa / 7, rounded to one decimal. */
  weeksBeforeGa: number;
  /** Policy window in weeks, or null when no policy was in force. */
  window: { min: number; max: number } | null;
  inWindow: boolean | null;
}

export interface AdherenceRow {
  cycle: string;
  ga: IsoDate;
  gaTag: string;
  policyVersion: number | null;
  beta: LeadAdherence | null;
  rc: LeadAdherence | null;
}

export interface AdherenceReport {
  rows: AdherenceRow[];
  summary: { releases: number; betaInWindow: number; betaOutside: number; rcInWindow: number; rcOutside: number };
}

function lead(
  tag: { tag: string; date: IsoDate } | undefined,
  ga: IsoDate,
  window: { min: number; max: number } | null,
): LeadAdherence | null {
  if (!tag) return null;
  const days = daysBetween(tag.date, ga);
  return {
    tag: tag.tag,
    date: tag.date,
    daysBeforeGa: days,
    weeksBeforeGa: Math.round((days / 7) * 10) / 10,
    window,
    // Whole days against whole weeks, so 8 weeks means exactly 56 days or more.
    inWindow: window ? days >= window.min * 7 && days <= window.max * 7 : null,
  };
}

/**
 * How each minor that reached GA (an x.y.0 tag exists) kept to its policy: first beta and first
 * RC tag against the GA tag. Minors still in pre-release are left out; alphas are ignored.
 */
export function reportAdherence({ tags, policies }: { tags: readonly TagInput[]; policies: readonly ReleasePolicy[] }): AdherenceReport {
  type Parsed = { tag: string; date: IsoDate; v: ParsedVersion };
  const byCycle = new Map<string, Parsed[]>();
  for (const t of tags) {
    const v = parseVersion(t.tag);
    if (!v || v.patch !== 0) continue;
    const cycle = formatCycle(v);
    byCycle.set(cycle, [...(byCycle.get(cycle) ?? []), { tag: t.tag, date: toUtcDate(t.date), v }]);
  }
  const rows: AdherenceRow[] = [];
  for (const [cycle, list] of [...byCycle].sort((a, b) => compareCycles(a[0], b[0]))) {
    const ga = list.find((p) => p.v.pre === null);
    if (!ga) continue;
    // Earliest by version, not by date: beta.0 is the start of the beta even if tagged late.
    const first = (kind: 'beta' | 'rc') =>
      list.filter((p) => p.v.pre?.kind === kind).sort((a, b) => compareVersions(a.v, b.v))[0];
    const policy = policyInForce(policies, ga.date, cycle);
    rows.push({
      cycle,
      ga: ga.date,
      gaTag: ga.tag,
      policyVersion: policy?.version ?? null,
      beta: lead(first('beta'), ga.date, policy?.rules.betaLeadWeeks ?? null),
      rc: lead(first('rc'), ga.date, policy?.rules.rcLeadWeeks ?? null),
    });
  }
  const count = (pick: (r: AdherenceRow) => boolean | null | undefined, want: boolean) =>
    rows.filter((r) => pick(r) === want).length;
  return {
    rows,
    summary: {
      releases: rows.length,
      betaInWindow: count((r) => r.beta?.inWindow, true),
      betaOutside: count((r) => r.beta?.inWindow, false),
      rcInWindow: count((r) => r.rc?.inWindow, true),
      rcOutside: count((r) => r.rc?.inWindow, false),
    },
  };
}
