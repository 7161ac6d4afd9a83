import type { PrismaClient } from '../db';
import { checkDeprecations, type DeprecationReport } from '../cadence/check-deprecations';
import { checkPlanRules, type CyclePlan, type RuleWarning } from '../cadence/check-plan-rules';
import { formatProjectDate, latestDay } from '../cadence/dates';
import { generateSchedule, type Schedule, type ScheduleInput } from '../cadence/generate-schedule';
import { policyInForce, sortPolicies } from '../cadence/policy-in-force';
import type { ReleasePolicy } from '../cadence/policy-rules';
import { reportAdherence, type AdherenceReport } from '../cadence/report-adherence';
import { whatIfSchedule, type WhatIfResult } from '../cadence/what-if-schedule';
import { failedPrecondition } from '../errors';
import { loadPlanningData, type PlanningData } from './load-planning-data';

export interface PlanWarning extends Omit<RuleWarning, 'code'> {
  code: RuleWarning['code'] | 'MILESTONE_OVERDUE';
}

export interface ReleasePlan {
  data: PlanningData;
  schedule: Schedule;
  warnings: PlanWarning[];
  deprecations: DeprecationReport;
  adherence: AdherenceReport;
  /** The policy in force today: the latest one already effective, not the newest saved (a version for 2030 is not in force). */
  policyToday: ReleasePolicy | null;
  /** Versions saved to take effect later, soonest first. */
  laterPolicies: ReleasePolicy[];
}

export const MAX_SCHEDULED = 12;

export function scheduleInput(data: PlanningData, count: number): ScheduleInput {
  const lastGa = data.cycles.find((cycle) => cycle.lifecycle.ga?.happened);
  if (!lastGa?.lifecycle.ga) throw failedPrecondition(`${data.project.name} has no release that reached GA yet: nothing to plan from`);
  return {
    lastGa: { cycle: lastGa.name, date: lastGa.lifecycle.ga.date },
    policies: data.policies,
    count,
    ltsCycles: data.cycles.filter((cycle) => cycle.lifecycle.isLts).map((cycle) => cycle.name),
  };
}

/** Planned milestones whose date passed without the milestone happening. */
function overdueMilestones(data: PlanningData, today: string): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  for (const plan of data.plans) {
    // A month-precision GA ("December 2026") is late only once its month is over.
    const gaView = data.cycles.find((cycle) => cycle.name === plan.cycle)?.lifecycle.ga;
    const lastDay = (name: string, planned: string) => (name === 'GA' && gaView?.precision === 'MONTH' && gaView.date === planned ? latestDay({ date: planned, precision: 'month', tentative: false }) : planned);
    for (const [name, milestone] of [['beta', plan.beta], ['RC', plan.rc], ['GA', plan.ga]] as const) {
      if (milestone?.planned && !milestone.actual && lastDay(name, milestone.planned) < today) {
        warnings.push({
          code: 'MILESTONE_OVERDUE',
          severity: 'warning',
          cycle: plan.cycle,
          message: `${plan.cycle} ${name} was planned for ${formatProjectDate(milestone.planned)} and has not happened: record it or move it`,
        });
      }
    }
  }
  return warnings;
}

/** Scheduled releases the project has not recorded yet, checked as plans too. */
function scheduledPlans(schedule: Schedule, known: Set<string>): CyclePlan[] {
  return schedule.releases
    .filter((release) => !known.has(release.cycle))
    .map((release) => ({ cycle: release.cycle, isLts: release.isLts, ga: { planned: release.ga.date }, eol: release.eol }));
}

export async function getReleasePlan(prisma: PrismaClient, slug: string, today: string, count = 4): Promise<ReleasePlan> {
  const data = await loadPlanningData(prisma, slug, today);
  const schedule = generateSchedule(scheduleInput(data, count));
  const known = new Set(data.cycles.map((cycle) => cycle.name));
  // Past cycles are history: rules are checked for what is still supported or still to come.
  const current = data.plans.filter((plan) => {
    const cycle = data.cycles.find((c) => c.name === plan.cycle)!;
    return cycle.lifecycle.isMaintained || !cycle.lifecycle.ga?.happened;
  });
  const warnings: PlanWarning[] = [
    ...overdueMilestones(data, today),
    ...checkPlanRules({ cycles: [...current, ...scheduledPlans(schedule, known)], policies: data.policies, today }),
  ];
  const allCycles = [
    ...data.cycles.map((cycle) => ({ cycle: cycle.name, isLts: cycle.lifecycle.isLts })),
    ...schedule.releases.filter((release) => !known.has(release.cycle)).map((release) => ({ cycle: release.cycle, isLts: release.isLts })),
  ];
  return {
    data,
    schedule,
    warnings,
    deprecations: checkDeprecations(data.deprecations, allCycles),
    adherence: reportAdherence({ tags: data.tags, policies: data.policies }),
    policyToday: policyInForce(data.policies, today),
    laterPolicies: sortPolicies(data.policies).filter((policy) => policy.effectiveFrom > today),
  };
}

/** The schedule candidate policies would give, beside the current one: nothing is saved. */
export async function previewPolicyChange(
  prisma: PrismaClient,
  slug: string,
  today: string,
  candidatePolicies: ReleasePolicy[],
  count = 4,
): Promise<WhatIfResult> {
  return previewPoliciesOn(await loadPlanningData(prisma, slug, today), candidatePolicies, count);
}

/** previewPolicyChange on planning data already loaded. */
export function previewPoliciesOn(data: PlanningData, candidatePolicies: ReleasePolicy[], count = 4): WhatIfResult {
  return whatIfSchedule(scheduleInput(data, count), candidatePolicies);
}
