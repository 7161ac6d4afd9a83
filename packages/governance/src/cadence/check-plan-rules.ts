import { computeSupportDates } from './compute-support';
import { type CalendarDate, daysBetween, formatProjectDate, type IsoDate, latestDay, parseIsoDate } from './dates';
import { compareCycles } from './parse-versions';
import { policyInForce } from './policy-in-force';
import type { LifecyclePhase, ReleasePolicy } from './policy-rules';

export type Severity = 'warning' | 'error';

export type RuleCode =
  | 'NO_POLICY'
  | 'BETA_OUTSIDE_WINDOW'
  | 'RC_OUTSIDE_WINDOW'
  | 'LTS_TOO_FEW_OWNERS'
  | 'LTS_TWO_IN_ONE_YEAR'
  | 'LTS_OUTSIDE_LTS_MONTH'
  | 'RELEASE_OWNERS_TOO_FEW'
  | 'RELEASE_OWNER_INEXPERIENCED'
  | 'EOL_TOO_EARLY';

export interface RuleWarning {
  code: RuleCode;
  severity: Severity;
  cycle: string;
  message: string;
  /** About a date that already happened: history to report (adherence), nothing left to fix. */
  past?: boolean;
}

export interface PlanMilestone {
  planned?: IsoDate | null;
  actual?: IsoDate | null;
}

export interface PlanOwner {
  login: string;
  /** Teams (e.g. containerd/committers) are not individual maintainers and do not count. */
  isTeam?: boolean;
  /** How many earlier releases this person owned. */
  priorReleasesOwned?: number;
}

export interface CyclePlan {
  cycle: string;
  isLts: boolean;
  ga: PlanMilestone;
  beta?: PlanMilestone;
  rc?: PlanMilestone;
  eol?: CalendarDate | null;
  /** Undefined means "not known", which skips the owner checks; [] means "nobody". */
  releaseOwners?: PlanOwner[];
  ltsOwners?: PlanOwner[];
}

export interface CheckPlanInput {
  cycles: readonly CyclePlan[];
  policies: readonly ReleasePolicy[];
  /** Decides whether a cycle has reached the phase from which owners are required. */
  today?: IsoDate;
}

const when = (m?: PlanMilestone): IsoDate | null => m?.actual ?? m?.planned ?? null;
const label = (p: ReleasePolicy) => `policy v${p.version} "${p.name}"`;
const individuals = (owners: PlanOwner[]) => owners.filter((o) => !o.isTeam);

/** "1 week", "8 weeks", "1.9 weeks (13 days)". */
export function formatWeeks(days: number): string {
  const weeks = days / 7;
  return Number.isInteger(weeks) ? `${weeks} week${Math.abs(weeks) === 1 ? '' : 's'}` : `${weeks.toFixed(1)} weeks (${days} day${Math.abs(days) === 1 ? '' : 's'})`;
}

/** "no individual owner", "1 individual owner", "3 individual owners". */
const countOwners = (count: number, what: string) => (count === 0 ? `no individual ${what}` : `${count} individual ${what}${count === 1 ? '' : 's'}`);

/**
 * How teams counted, said where a count of owners may surprise: "(@containerd/committers is a team:
 * teams do not count, the policy asks for named maintainers)".
 */
function teamsNote(owners: PlanOwner[]): string {
  const teams = owners.filter((o) => o.isTeam).map((o) => `@${o.login}`);
  if (!teams.length) return '';
  return ` (${teams.join(', ')} ${teams.length === 1 ? 'is a team' : 'are teams'}: teams do not count, the policy asks for named maintainers)`;
}

function checkLead(
  plan: CyclePlan,
  kind: 'beta' | 'rc',
  ga: IsoDate,
  policy: ReleasePolicy,
): RuleWarning | null {
  const m = plan[kind];
  const date = when(m);
  if (!date) return null;
  const range = kind === 'beta' ? policy.rules.betaLeadWeeks : policy.rules.rcLeadWeeks;
  const days = daysBetween(date, ga);
  if (days >= range.min * 7 && days <= range.max * 7) return null;
  const actual = Boolean(m?.actual);
  const name = kind === 'beta' ? 'beta' : 'RC/feature freeze';
  return {
    code: kind === 'beta' ? 'BETA_OUTSIDE_WINDOW' : 'RC_OUTSIDE_WINDOW',
    // A planned date can still be fixed; a date that already happened is history to report.
    severity: actual ? 'warning' : 'error',
    ...(actual ? { past: true } : {}),
    cycle: plan.cycle,
    message:
      `${plan.cycle}: ${name} ${actual ? 'was on' : 'is planned for'} ${formatProjectDate(date)}, ` +
      `${formatWeeks(days)} before GA (${formatProjectDate(ga)}); ${label(policy)} requires ` +
      `${range.min}–${range.max} weeks`,
  };
}

const PHASES: LifecyclePhase[] = ['FUTURE', 'ALPHA', 'BETA', 'RC', 'ACTIVE', 'EXTENDED', 'END_OF_LIFE'];

function reachedPhase(plan: CyclePlan, phase: LifecyclePhase, today: IsoDate | undefined): boolean {
  if (!today) return true;
  const current: LifecyclePhase =
    (when(plan.ga) ?? '9999') <= today ? 'ACTIVE'
    : (when(plan.rc) ?? '9999') <= today ? 'RC'
    : (when(plan.beta) ?? '9999') <= today ? 'BETA'
    : 'FUTURE';
  return PHASES.indexOf(current) >= PHASES.indexOf(phase);
}

function checkReleaseOwners(plan: CyclePlan, policy: ReleasePolicy, today?: IsoDate): RuleWarning[] {
  const rule = policy.rules.releaseOwners;
  if (!rule || !plan.releaseOwners) return [];
  // Before the phase the policy names this is a heads-up; from it on, a breach.
  const severity = reachedPhase(plan, rule.fromPhase, today) ? 'error' : 'warning';
  const people = individuals(plan.releaseOwners);
  const out: RuleWarning[] = [];
  if (people.length < rule.minOwners) {
    out.push({
      code: 'RELEASE_OWNERS_TOO_FEW',
      severity,
      cycle: plan.cycle,
      message:
        `${plan.cycle}: ${countOwners(people.length, 'release owner')}${teamsNote(plan.releaseOwners)}, ${label(policy)} requires ` +
        `at least ${rule.minOwners} from the ${rule.fromPhase} phase on`,
    });
  }
  const min = rule.experiencedOwnerMinPriorReleases;
  if (people.length > 0 && !people.some((o) => (o.priorReleasesOwned ?? 0) >= min)) {
    const counts = people.map((o) => `@${o.login} owned ${o.priorReleasesOwned ?? 0}`).join(', ');
    out.push({
      code: 'RELEASE_OWNER_INEXPERIENCED',
      severity,
      cycle: plan.cycle,
      message: `${plan.cycle}: no release owner has owned ${min} earlier releases (${counts}); ${label(policy)} requires one`,
    });
  }
  return out;
}

function checkLtsOwners(plan: CyclePlan, policy: ReleasePolicy, ga: IsoDate): RuleWarning | null {
  if (!plan.isLts || !plan.ltsOwners) return null;
  const { minOwners, extendedSupportMonthsWithoutOwners: extra } = policy.rules.lts;
  const count = individuals(plan.ltsOwners).length;
  if (count >= minOwners) return null;
  let consequence = '';
  if (extra !== null) {
    const s = computeSupportDates({ ga: { date: ga, precision: 'day', tentative: false }, nextGa: null, isLts: true, rules: policy.rules });
    consequence = `; without owners it reaches end of life ${extra} months after active support, on ${formatProjectDate(s.eolWithoutLtsOwners!)}`;
  }
  return {
    code: 'LTS_TOO_FEW_OWNERS',
    // Where the policy defines what happens to an ownerless LTS, the gap is survivable.
    severity: extra === null ? 'error' : 'warning',
    cycle: plan.cycle,
    message: `${plan.cycle}: LTS has ${countOwners(count, 'owner')}${teamsNote(plan.ltsOwners)}, ${label(policy)} requires at least ${minOwners}${consequence}`,
  };
}

function checkEol(plan: CyclePlan, policy: ReleasePolicy, ga: IsoDate, nextGa: IsoDate | null): RuleWarning | null {
  if (!plan.eol) return null;
  const rules = policy.rules;
  const support = computeSupportDates({
    ga: { date: ga, precision: 'day', tentative: false },
    nextGa: nextGa ? { date: nextGa, precision: 'day', tentative: false } : null,
    isLts: plan.isLts,
    rules,
  });
  const ownerless =
    plan.isLts && plan.ltsOwners !== undefined && individuals(plan.ltsOwners).length < rules.lts.minOwners;
  const required = ownerless && support.eolWithoutLtsOwners ? support.eolWithoutLtsOwners : support.eol;
  // A month-only EOL gets the benefit of the doubt: it may mean the month's last day.
  if (latestDay(plan.eol) >= required.date) return null;
  const rs = rules.regularSupport;
  const why = plan.isLts
    ? ownerless && support.eolWithoutLtsOwners
      ? `an ownerless LTS gets ${rules.lts.extendedSupportMonthsWithoutOwners} months of extended support`
      : `an LTS gets at least ${rules.lts.minSupportMonths} months after GA`
    : rs.kind === 'months-after-ga'
      ? `${rs.months} months after GA`
      : `the longer of ${rs.monthsAfterGa} months after GA and ${rs.monthsAfterNextMinor} months after the next minor${nextGa ? '' : ' (next GA unknown)'}`;
  return {
    code: 'EOL_TOO_EARLY',
    severity: 'error',
    cycle: plan.cycle,
    message:
      `${plan.cycle}: end of life ${formatProjectDate(plan.eol)} is earlier than ${label(policy)} allows: ` +
      `${formatProjectDate(required.date)} (${why}, GA ${formatProjectDate(ga)})`,
  };
}

/** Checks a release plan (planned and actual dates, owners) against the policy of each cycle. */
export function checkPlanRules({ cycles, policies, today }: CheckPlanInput): RuleWarning[] {
  const sorted = [...cycles].sort((a, b) => compareCycles(a.cycle, b.cycle));
  const out: RuleWarning[] = [];
  const ltsByYear = new Map<number, { plan: CyclePlan; policy: ReleasePolicy }[]>();
  sorted.forEach((plan, i) => {
    const ga = when(plan.ga);
    if (!ga) return;
    const policy = policyInForce(policies, ga, plan.cycle);
    if (!policy) {
      out.push({ code: 'NO_POLICY', severity: 'warning', cycle: plan.cycle, message: `${plan.cycle}: no release policy in force at GA ${formatProjectDate(ga)}` });
      return;
    }
    const lead = [checkLead(plan, 'beta', ga, policy), checkLead(plan, 'rc', ga, policy)];
    out.push(...lead.filter((w): w is RuleWarning => w !== null));
    out.push(...checkReleaseOwners(plan, policy, today));
    const lts = checkLtsOwners(plan, policy, ga);
    if (lts) out.push(lts);
    const eol = checkEol(plan, policy, ga, sorted[i + 1] ? when(sorted[i + 1].ga) : null);
    if (eol) out.push(eol);
    if (plan.isLts) {
      const { year, month } = parseIsoDate(ga);
      ltsByYear.set(year, [...(ltsByYear.get(year) ?? []), { plan, policy }]);
      const { designation, gaMonth } = policy.rules.lts;
      if (designation === 'one-per-year' && gaMonth !== null && month !== gaMonth) {
        out.push({
          code: 'LTS_OUTSIDE_LTS_MONTH',
          severity: 'warning',
          cycle: plan.cycle,
          message: `${plan.cycle}: LTS with GA in ${formatProjectDate({ date: ga, precision: 'month', tentative: false })}; ${label(policy)} designates the release of month ${gaMonth}`,
        });
      }
    }
  });
  for (const [year, entries] of ltsByYear) {
    if (entries.length < 2 || !entries.some((e) => e.policy.rules.lts.designation === 'one-per-year')) continue;
    const names = entries.map((e) => e.plan.cycle).join(', ');
    for (const e of entries.slice(1)) {
      out.push({
        code: 'LTS_TWO_IN_ONE_YEAR',
        severity: 'error',
        cycle: e.plan.cycle,
        message: `${e.plan.cycle}: ${entries.length} LTS releases with GA in ${year} (${names}); one LTS per year is allowed`,
      });
    }
  }
  return out;
}
