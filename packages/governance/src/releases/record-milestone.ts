import { dateOf, dayOf, type Tx } from '../db';
import type { MilestoneKind, DatePrecision } from '../db/generated/enums';
import { formatPublishedDate } from './published-dates';

export interface MilestoneValues {
  plannedOn?: string | null;
  plannedPrecision?: DatePrecision;
  tentative?: boolean;
  actualOn?: string | null;
}

export interface ChangeContext {
  source: string;
  changedAt: Date;
  /** Human-readable lines describing what changed, for the import report. */
  report: string[];
}

export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  ALPHA: 'alpha',
  BETA: 'beta',
  FEATURE_FREEZE: 'feature freeze',
  RC: 'RC',
  GA: 'GA',
  END_OF_ACTIVE_SUPPORT: 'end of active support',
  EOL: 'EOL',
};

const describe = (day: string | null | undefined, precision: DatePrecision = 'DAY') =>
  day ? formatPublishedDate(day, precision) : 'none';

/**
 * Sets a milestone's dates, recording every field that changed in its history and in the report.
 * Fields left undefined are not touched.
 */
export async function recordMilestone(
  tx: Tx,
  cycle: { id: number; name: string },
  kind: MilestoneKind,
  values: MilestoneValues,
  context: ChangeContext,
): Promise<void> {
  const existing = await tx.milestone.findUnique({ where: { cycleId_kind: { cycleId: cycle.id, kind } } });
  const before = {
    plannedOn: existing?.plannedOn ? dayOf(existing.plannedOn) : null,
    plannedPrecision: existing?.plannedPrecision ?? 'DAY',
    tentative: existing?.tentative ?? false,
    actualOn: existing?.actualOn ? dayOf(existing.actualOn) : null,
  };
  const after = { ...before };
  for (const key of Object.keys(values) as (keyof MilestoneValues)[]) {
    if (values[key] !== undefined) (after as Record<string, unknown>)[key] = values[key];
  }
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => after[key] !== before[key]);
  if (existing && changed.length === 0) return;
  if (!existing && after.plannedOn === null && after.actualOn === null) return;

  const milestone = await tx.milestone.upsert({
    where: { cycleId_kind: { cycleId: cycle.id, kind } },
    create: {
      cycleId: cycle.id,
      kind,
      plannedOn: after.plannedOn ? dateOf(after.plannedOn) : null,
      plannedPrecision: after.plannedPrecision,
      tentative: after.tentative,
      actualOn: after.actualOn ? dateOf(after.actualOn) : null,
    },
    update: {
      plannedOn: after.plannedOn ? dateOf(after.plannedOn) : null,
      plannedPrecision: after.plannedPrecision,
      tentative: after.tentative,
      actualOn: after.actualOn ? dateOf(after.actualOn) : null,
    },
  });
  const label = MILESTONE_LABELS[kind];
  const shown = (state: typeof before) =>
    `${describe(state.plannedOn, state.plannedPrecision)}${state.tentative ? ' (tentative)' : ''}`;
  if (changed.includes('plannedOn') || changed.includes('plannedPrecision') || changed.includes('tentative')) {
    context.report.push(`${cycle.name}: ${label} planned ${existing ? `${shown(before)} → ` : ''}${shown(after)}`);
  }
  if (changed.includes('actualOn')) {
    context.report.push(`${cycle.name}: ${label} happened ${existing && before.actualOn ? `${describe(before.actualOn)} → ` : ''}${describe(after.actualOn)}`);
  }
  await tx.milestoneChange.createMany({
    data: changed.map((field) => ({
      milestoneId: milestone.id,
      field,
      before: existing ? String(before[field] ?? '') || null : null,
      after: String(after[field] ?? '') || null,
      changedAt: context.changedAt,
      source: context.source,
    })),
  });
}
