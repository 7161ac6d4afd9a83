import type { PlanWarning, ReleasePlan } from './get-release-plan';

// The plan's warnings as a maintainer works through them: what still needs doing, by release (the
// releases being made first, urgent ones before heads-ups), apart from history: rules a date that
// already happened broke, which only the adherence report needs.

export type ReleaseStage = 'in progress' | 'proposed' | 'released';

export interface WarningGroup {
  cycle: string;
  stage: ReleaseStage;
  /** Holds an error, or a milestone whose day passed: needs doing now. */
  urgent: boolean;
  /** Errors first. */
  warnings: PlanWarning[];
}

const STAGE_ORDER: Record<ReleaseStage, number> = { 'in progress': 0, released: 1, proposed: 2 };

const byCycle = (a: string, b: string) => {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  return x[0] - y[0] || x[1] - y[1];
};

export function groupPlanWarnings(plan: Pick<ReleasePlan, 'warnings' | 'data'>): { groups: WarningGroup[]; history: PlanWarning[] } {
  const history = plan.warnings.filter((warning) => warning.past);
  const stageOf = (cycle: string): ReleaseStage => {
    const recorded = plan.data.cycles.find((candidate) => candidate.name === cycle);
    if (!recorded) return 'proposed';
    return recorded.lifecycle.ga?.happened ? 'released' : 'in progress';
  };
  const byRelease = new Map<string, PlanWarning[]>();
  for (const warning of plan.warnings) if (!warning.past) byRelease.set(warning.cycle, [...(byRelease.get(warning.cycle) ?? []), warning]);
  const groups = [...byRelease].map(([cycle, warnings]) => ({
    cycle,
    stage: stageOf(cycle),
    urgent: warnings.some((warning) => warning.severity === 'error' || warning.code === 'MILESTONE_OVERDUE'),
    warnings: [...warnings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)),
  }));
  groups.sort((a, b) => Number(b.urgent) - Number(a.urgent) || STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || byCycle(a.cycle, b.cycle));
  return { groups, history };
}
