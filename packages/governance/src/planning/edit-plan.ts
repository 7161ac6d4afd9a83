import { dayOf, type PrismaClient, type Tx } from '../db';
import type { DatePrecision, MilestoneKind, OwnerRole } from '../db/generated/enums';
import { failedPrecondition, invalidArgument } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { latestDay } from '../cadence/dates';
import { generateSchedule, type ScheduledRelease } from '../cadence/generate-schedule';
import { cleanHandles } from '../github/handles';
import { getGaGate, type GaGate } from '../qualification/ga-gate';
import { findCycle, findProject } from '../releases/get-releases';
import { formatPublishedDate } from '../releases/published-dates';
import { upsertPeople } from '../releases/import-releases-md';
import { recordMilestone, MILESTONE_LABELS } from '../releases/record-milestone';
import { plannedDay, type SupportDateInput } from '../releases/update-cycle-support';
import { MAX_SCHEDULED, scheduleInput } from './get-release-plan';
import { loadPlanningData, toCalendar } from './load-planning-data';

// The planner's edits: a cycle's release milestones (planned date with precision and tentative
// flag, and the day it actually happened), its owners and LTS flag, and adding a scheduled release
// to the plan. Each edit is one audited transaction. GA itself is not recorded here: "Record GA"
// (record-ga.ts) is its own deliberate, previewed action behind the RC gate.

/** The milestones the planner edits, in the order they happen; support dates have their own editor. */
export const PLAN_MILESTONES = ['ALPHA', 'BETA', 'FEATURE_FREEZE', 'RC', 'GA'] as const satisfies readonly MilestoneKind[];
export type PlanMilestone = (typeof PLAN_MILESTONES)[number];

export interface MilestoneEdit {
  /** undefined: unchanged; null: cleared. */
  planned?: SupportDateInput | null;
  /** YYYY-MM-DD the milestone happened; null: it has not. */
  actual?: string | null;
}

export interface CyclePlanEdit {
  project: string;
  cycle: string;
  milestones?: Partial<Record<PlanMilestone, MilestoneEdit>>;
  /** GitHub logins or org/team names, in the order the project lists them. */
  releaseOwners?: string[];
  ltsOwners?: string[];
  isLts?: boolean;
  note?: string | null;
}

export interface PlannedMilestoneState {
  planned: { date: string; precision: DatePrecision; tentative: boolean } | null;
  actual: string | null;
}

export interface CyclePlanState {
  cycle: string;
  isLts: boolean;
  milestones: Record<PlanMilestone, PlannedMilestoneState>;
  releaseOwners: string[];
  ltsOwners: string[];
}

export async function readCyclePlan(tx: Tx | PrismaClient, cycleId: number): Promise<CyclePlanState> {
  const cycle = await tx.releaseCycle.findUniqueOrThrow({
    where: { id: cycleId },
    include: { milestones: true, owners: { include: { person: true }, orderBy: { position: 'asc' } } },
  });
  const milestone = (kind: PlanMilestone): PlannedMilestoneState => {
    const row = cycle.milestones.find((m) => m.kind === kind);
    return {
      planned: row?.plannedOn ? { date: dayOf(row.plannedOn), precision: row.plannedPrecision, tentative: row.tentative } : null,
      actual: row?.actualOn ? dayOf(row.actualOn) : null,
    };
  };
  const owners = (role: OwnerRole) => cycle.owners.filter((owner) => owner.role === role).map((owner) => owner.person.login);
  return {
    cycle: cycle.name,
    isLts: cycle.isLts,
    milestones: Object.fromEntries(PLAN_MILESTONES.map((kind) => [kind, milestone(kind)])) as Record<PlanMilestone, PlannedMilestoneState>,
    releaseOwners: owners('RELEASE_OWNER'),
    ltsOwners: owners('LTS_OWNER'),
  };
}

/** The cycles still being released (no GA yet), newest first, with their plan and GA gate: the planner's rows. */
export async function listCyclesInPlanning(prisma: PrismaClient, slug: string): Promise<(CyclePlanState & { gate: GaGate })[]> {
  const project = await findProject(prisma, slug);
  const cycles = await prisma.releaseCycle.findMany({
    where: { projectId: project.id, NOT: { milestones: { some: { kind: 'GA', actualOn: { not: null } } } } },
    orderBy: [{ major: 'desc' }, { minor: 'desc' }],
  });
  return Promise.all(cycles.map(async (cycle) => ({ ...(await readCyclePlan(prisma, cycle.id)), gate: await getGaGate(prisma, cycle.id) })));
}

function parseOwners(field: string, logins: string[] | undefined): string[] | undefined {
  if (logins === undefined) return undefined;
  const cleaned = cleanHandles(field, logins);
  const duplicate = cleaned.find((login, index) => cleaned.indexOf(login) !== index);
  if (duplicate) throw invalidArgument(`${field}: @${duplicate} is listed twice`, { field });
  return cleaned;
}

export function parseActual(field: string, value: string | null | undefined, today: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  const parsed = plannedDay(field, { date: value, precision: 'DAY', tentative: false });
  if (parsed > today) throw invalidArgument(`${field}: ${parsed} is in the future; record a milestone as happened on or after its day`, { field });
  return parsed;
}

/**
 * Milestones must keep their order: a beta after the RC or an RC after GA is a typo, not a plan.
 * A month-precision date spans its month, so "GA January 2027" may follow an RC on January 6.
 */
export function assertMilestoneOrder(state: CyclePlanState): void {
  const span = (kind: PlanMilestone) => {
    const { actual, planned } = state.milestones[kind];
    if (actual) return { from: actual, to: actual, text: formatPublishedDate(actual, 'DAY') };
    if (!planned) return null;
    const to = latestDay(toCalendar(planned));
    return { from: planned.date, to, text: formatPublishedDate(planned.date, planned.precision) };
  };
  let previous: { kind: PlanMilestone; from: string; text: string } | null = null;
  for (const kind of PLAN_MILESTONES) {
    const current = span(kind);
    if (!current) continue;
    if (previous && current.to < previous.from) {
      throw invalidArgument(`milestones.${kind}: ${MILESTONE_LABELS[kind]} on ${current.text} would come before ${MILESTONE_LABELS[previous.kind]} on ${previous.text}`, {
        field: `milestones.${kind}`,
      });
    }
    previous = { kind, ...current };
  }
}

async function replaceOwners(tx: Tx, cycleId: number, role: OwnerRole, logins: string[]): Promise<void> {
  await tx.cycleOwner.deleteMany({ where: { cycleId, role } });
  const people = await upsertPeople(tx, logins);
  await tx.cycleOwner.createMany({ data: logins.map((login, position) => ({ cycleId, personId: people.get(login)!, role, position })) });
}

export async function updateCyclePlan(prisma: PrismaClient, actor: Actor, input: CyclePlanEdit, today: string, now = new Date()): Promise<CyclePlanState> {
  assertSignedIn(actor);
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const edits = Object.entries(input.milestones ?? {}).map(([kind, edit]) => {
    if (!(PLAN_MILESTONES as readonly string[]).includes(kind)) {
      throw invalidArgument(`milestones.${kind}: not a planner milestone (one of ${PLAN_MILESTONES.join(', ')}); support dates are edited on the release page`, { field: `milestones.${kind}` });
    }
    const field = `milestones.${kind}`;
    return {
      kind: kind as PlanMilestone,
      planned: edit.planned === undefined || edit.planned === null ? edit.planned : { ...edit.planned, date: plannedDay(`${field}.planned`, edit.planned) },
      actual: parseActual(`${field}.actual`, edit.actual, today),
    };
  });
  const releaseOwners = parseOwners('releaseOwners', input.releaseOwners);
  const ltsOwners = parseOwners('ltsOwners', input.ltsOwners);
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw invalidArgument('note: at most 500 characters', { field: 'note' });

  return runMutation(
    prisma,
    actor,
    { action: 'plan.update', resource: { projectId: project.id, cycleId: cycle.id }, target: `${project.slug} ${cycle.name}`, note },
    async (tx) => {
      const before = await readCyclePlan(tx, cycle.id);
      const gaEdit = edits.find((edit) => edit.kind === 'GA');
      if (gaEdit?.actual !== undefined && gaEdit.actual !== before.milestones.GA.actual) {
        // GA changes what the public API, feeds and calendars say: it has its own previewed, audited action.
        throw invalidArgument(
          `milestones.GA.actual: GA is not set through the plan; use "Record GA" on the qualification page (POST /api/projects/${project.slug}/cycles/${cycle.name}/ga), which shows what changes publicly first` +
            (before.milestones.GA.actual ? ', and "Undo GA" there to take it back' : ''),
          { field: 'milestones.GA.actual', recordGa: `/api/projects/${project.slug}/cycles/${cycle.name}/ga` },
        );
      }
      const context = { source: `planned by ${actorName(actor)}`, changedAt: now, report: [] as string[] };
      for (const edit of edits) {
        await recordMilestone(
          tx,
          cycle,
          edit.kind,
          {
            ...(edit.planned === undefined ? {} : edit.planned === null ? { plannedOn: null } : { plannedOn: edit.planned.date, plannedPrecision: edit.planned.precision, tentative: edit.planned.tentative }),
            ...(edit.actual === undefined ? {} : { actualOn: edit.actual }),
          },
          context,
        );
      }
      if (input.isLts !== undefined && input.isLts !== cycle.isLts) await tx.releaseCycle.update({ where: { id: cycle.id }, data: { isLts: input.isLts } });
      if (releaseOwners && releaseOwners.join() !== before.releaseOwners.join()) await replaceOwners(tx, cycle.id, 'RELEASE_OWNER', releaseOwners);
      if (ltsOwners && ltsOwners.join() !== before.ltsOwners.join()) await replaceOwners(tx, cycle.id, 'LTS_OWNER', ltsOwners);
      const after = await readCyclePlan(tx, cycle.id);
      assertMilestoneOrder(after);
      return { before, after, result: after };
    },
  );
}

/** One milestone a scheduled release would be added with. */
export interface ProposedMilestone {
  kind: 'BETA' | 'RC' | 'GA' | 'END_OF_ACTIVE_SUPPORT' | 'EOL';
  label: string;
  date: string;
  precision: DatePrecision;
  /** "October 21, 2026", "December 2026". */
  text: string;
  /** Already past today: recorded as planned for a day gone by, so it shows as overdue at once. */
  past: boolean;
}

export interface ScheduledCyclePreview {
  cycle: string;
  policyVersion: number;
  isLts: boolean;
  milestones: ProposedMilestone[];
}

const PROPOSED_LABELS: Record<ProposedMilestone['kind'], string> = { BETA: 'Beta', RC: 'RC / feature freeze', GA: 'GA', END_OF_ACTIVE_SUPPORT: 'End of active support', EOL: 'End of life' };

/**
 * What "add to the plan" records for a scheduled release, all tentative: the first day of the
 * policy's beta and RC windows, the GA day and the support horizon; each flagged when already past.
 */
export function previewScheduledCycle(release: ScheduledRelease, today: string): ScheduledCyclePreview {
  const precisionOf = (date: { precision: 'day' | 'month' }): DatePrecision => (date.precision === 'month' ? 'MONTH' : 'DAY');
  const entries: [ProposedMilestone['kind'], string, DatePrecision][] = [
    ['BETA', release.betaWindow.start, 'DAY'],
    ['RC', release.rcWindow.start, 'DAY'],
    ['GA', release.ga.date, precisionOf(release.ga)],
    ['END_OF_ACTIVE_SUPPORT', release.endOfActiveSupport.date, precisionOf(release.endOfActiveSupport)],
    ['EOL', release.eol.date, precisionOf(release.eol)],
  ];
  return {
    cycle: release.cycle,
    policyVersion: release.policyVersion,
    isLts: release.isLts,
    milestones: entries.map(([kind, date, precision]) => ({
      kind,
      label: PROPOSED_LABELS[kind],
      date,
      precision,
      text: formatPublishedDate(date, precision),
      past: latestDay({ date, precision: precision === 'MONTH' ? 'month' : 'day', tentative: true }) < today,
    })),
  };
}

/**
 * Puts a release the schedule proposes (e.g. 2.5) into the plan: the cycle is created with the
 * schedule's beta, RC and GA dates and support horizon, all tentative until people confirm them
 * (exactly what previewScheduledCycle shows).
 */
export async function addScheduledCycle(
  prisma: PrismaClient,
  actor: Actor,
  input: { project: string; cycle: string; note?: string | null },
  today: string,
  now = new Date(),
): Promise<CyclePlanState & { added: ScheduledCyclePreview }> {
  assertSignedIn(actor);
  const data = await loadPlanningData(prisma, input.project, today);
  const { project } = data;
  const schedule = generateSchedule(scheduleInput(data, MAX_SCHEDULED));
  const release = schedule.releases.find((candidate) => candidate.cycle === input.cycle);
  if (data.cycles.some((cycle) => cycle.name === input.cycle)) throw failedPrecondition(`cycle: ${project.name} ${input.cycle} is already in the plan`, { field: 'cycle' });
  if (!release) {
    throw invalidArgument(`cycle: ${input.cycle} is not one of the next releases the policy schedules (${schedule.releases.map((r) => r.cycle).join(', ')})`, { field: 'cycle' });
  }
  const added = previewScheduledCycle(release, today);
  const [major, minor] = release.cycle.split('.').map(Number);
  const state = await runMutation(
    prisma,
    actor,
    { action: 'plan.update', resource: { projectId: project.id }, target: `${project.slug} ${release.cycle}`, note: input.note },
    async (tx) => {
      const cycle = await tx.releaseCycle.create({ data: { projectId: project.id, name: release.cycle, major, minor, isLts: release.isLts } });
      const context = { source: `scheduled by ${actorName(actor)} from policy v${release.policyVersion}`, changedAt: now, report: [] as string[] };
      for (const milestone of added.milestones) {
        await recordMilestone(tx, cycle, milestone.kind, { plannedOn: milestone.date, plannedPrecision: milestone.precision, tentative: true }, context);
      }
      const after = await readCyclePlan(tx, cycle.id);
      return { before: null, after, result: after };
    },
  );
  return { ...state, added };
}

/** A cycle's plan by project slug and cycle name (what an edit starts from). */
export async function readCyclePlanOf(prisma: PrismaClient, slug: string, name: string): Promise<CyclePlanState> {
  const { cycle } = await findCycle(prisma, slug, name);
  return readCyclePlan(prisma, cycle.id);
}

const plannedText = (state: PlannedMilestoneState) => {
  if (state.actual) return `happened ${formatPublishedDate(state.actual, 'DAY')}`;
  if (!state.planned) return 'none';
  return `${formatPublishedDate(state.planned.date, state.planned.precision)}${state.planned.tentative ? ' (tentative)' : ''}`;
};
const handles = (logins: string[]) => (logins.length ? logins.map((login) => `@${login}`).join(', ') : 'none');

/** What a plan edit changed, in words: ["RC: August 12, 2026 (tentative) → December 2, 2026", "release owners: none → @a, @b"]. */
export function describePlanChanges(before: CyclePlanState, after: CyclePlanState): string[] {
  const changes: string[] = [];
  for (const kind of PLAN_MILESTONES) {
    const [was, now] = [plannedText(before.milestones[kind]), plannedText(after.milestones[kind])];
    if (was !== now) changes.push(`${MILESTONE_LABELS[kind]}: ${was} → ${now}`);
  }
  if (handles(before.releaseOwners) !== handles(after.releaseOwners)) changes.push(`release owners: ${handles(before.releaseOwners)} → ${handles(after.releaseOwners)}`);
  if (before.isLts !== after.isLts) changes.push(after.isLts ? 'now an LTS release' : 'no longer an LTS release');
  if (handles(before.ltsOwners) !== handles(after.ltsOwners)) changes.push(`LTS owners: ${handles(before.ltsOwners)} → ${handles(after.ltsOwners)}`);
  return changes;
}
