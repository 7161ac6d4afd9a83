import { dayOf, type PrismaClient, type Tx } from '../db';
import type { DatePrecision, MilestoneKind } from '../db/generated/enums';
import { invalidArgument } from '../errors';
import { findCycle } from './get-releases';
import { formatPublishedDate } from './published-dates';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { recordMilestone } from './record-milestone';
import { assertSaneYear } from '../validation/input-rules';

// A person edits a cycle's support horizon: end of active support, planned end of life (each with
// precision and tentative flag) and the extended-support note. Dates go through recordMilestone,
// like the importers, so the milestone history stays complete; the whole change is audited.

export interface SupportDateInput {
  /** YYYY-MM-DD, or YYYY-MM with MONTH precision. */
  date: string;
  precision: DatePrecision;
  tentative: boolean;
}

export interface UpdateCycleSupportInput {
  project: string;
  cycle: string;
  /** undefined: unchanged; null: cleared. */
  endOfActiveSupport?: SupportDateInput | null;
  endOfLife?: SupportDateInput | null;
  extendedSupportNote?: string | null;
  note?: string | null;
}

export interface CycleSupport {
  endOfActiveSupport: { date: string; precision: DatePrecision; tentative: boolean } | null;
  endOfLife: { date: string; precision: DatePrecision; tentative: boolean } | null;
  extendedSupportNote: string | null;
}

const FIELDS: Record<'endOfActiveSupport' | 'endOfLife', MilestoneKind> = { endOfActiveSupport: 'END_OF_ACTIVE_SUPPORT', endOfLife: 'EOL' };

/** A planned date as a person typed it → the stored day; a month-precision date is its month's first day. */
export function plannedDay(field: string, value: SupportDateInput): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.date);
  const day = match && (match[3] ?? (value.precision === 'MONTH' ? '01' : undefined));
  if (!match || !day) throw invalidArgument(`${field}.date: "${value.date}" is not a date (YYYY-MM-DD, or YYYY-MM with month precision)`, { field: `${field}.date` });
  // A month-precision date is stored as the month's first day, as the importer does.
  const iso = `${match[1]}-${match[2]}-${value.precision === 'MONTH' ? '01' : day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || dayOf(parsed) !== iso) throw invalidArgument(`${field}.date: "${value.date}" is not a calendar date`, { field: `${field}.date` });
  assertSaneYear(`${field}.date`, value.date);
  return iso;
}

export async function readCycleSupport(tx: Tx | PrismaClient, cycleId: number): Promise<CycleSupport> {
  const cycle = await tx.releaseCycle.findUniqueOrThrow({ where: { id: cycleId }, include: { milestones: { where: { kind: { in: ['END_OF_ACTIVE_SUPPORT', 'EOL'] } } } } });
  const planned = (kind: MilestoneKind) => {
    const milestone = cycle.milestones.find((m) => m.kind === kind);
    return milestone?.plannedOn ? { date: dayOf(milestone.plannedOn), precision: milestone.plannedPrecision, tentative: milestone.tentative } : null;
  };
  return { endOfActiveSupport: planned('END_OF_ACTIVE_SUPPORT'), endOfLife: planned('EOL'), extendedSupportNote: cycle.extendedSupportNote };
}

/** A cycle's support dates and note, by project slug and cycle name (the edit form's starting values). */
export async function readCycleSupportOf(prisma: PrismaClient, slug: string, name: string): Promise<CycleSupport> {
  const { cycle } = await findCycle(prisma, slug, name);
  return readCycleSupport(prisma, cycle.id);
}

const SUPPORT_LABELS = { endOfActiveSupport: 'end of active support', endOfLife: 'end of life' } as const;

function supportDateText(value: CycleSupport['endOfLife']): string {
  if (!value) return 'none';
  return `${formatPublishedDate(value.date, value.precision)}${value.tentative ? ' (tentative)' : ''}`;
}

/** What an edit changed, in words: ["end of life: March 2027 → April 30, 2027", "extended-support note changed"]. */
export function describeSupportChanges(before: CycleSupport, after: CycleSupport): string[] {
  const changes: string[] = [];
  for (const field of ['endOfActiveSupport', 'endOfLife'] as const) {
    const [was, now] = [supportDateText(before[field]), supportDateText(after[field])];
    if (was !== now) changes.push(`${SUPPORT_LABELS[field]}: ${was} → ${now}`);
  }
  if ((before.extendedSupportNote ?? '') !== (after.extendedSupportNote ?? '')) changes.push(after.extendedSupportNote ? 'extended-support note changed' : 'extended-support note removed');
  return changes;
}

export async function updateCycleSupport(prisma: PrismaClient, actor: Actor, input: UpdateCycleSupportInput, now = new Date()): Promise<CycleSupport> {
  assertSignedIn(actor);
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const dates = Object.entries(FIELDS).map(([field, kind]) => {
    const value = input[field as keyof typeof FIELDS];
    return { kind, value: value === undefined ? undefined : value === null ? null : { ...value, date: plannedDay(field, value) } };
  });
  const note = input.extendedSupportNote === undefined ? undefined : input.extendedSupportNote?.trim() || null;
  if (note && note.length > 2000) throw invalidArgument('extendedSupportNote: at most 2000 characters', { field: 'extendedSupportNote' });

  return runMutation(
    prisma,
    actor,
    { action: 'cycle.update-support', resource: { projectId: project.id, cycleId: cycle.id }, target: `${project.slug} ${cycle.name}`, note: input.note },
    async (tx) => {
      const before = await readCycleSupport(tx, cycle.id);
      const context = { source: `edited by ${actorName(actor)}`, changedAt: now, report: [] as string[] };
      for (const { kind, value } of dates) {
        if (value === undefined) continue;
        await recordMilestone(
          tx,
          cycle,
          kind,
          value === null ? { plannedOn: null } : { plannedOn: value.date, plannedPrecision: value.precision, tentative: value.tentative },
          context,
        );
      }
      if (note !== undefined && note !== cycle.extendedSupportNote) {
        await tx.releaseCycle.update({ where: { id: cycle.id }, data: { extendedSupportNote: note } });
      }
      const after = await readCycleSupport(tx, cycle.id);
      return { before, after, result: after };
    },
  );
}
