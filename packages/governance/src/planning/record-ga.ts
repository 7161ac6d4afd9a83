import { dateOf, dayOf, type PrismaClient } from '../db';
import { failedPrecondition, invalidArgument } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertAuthorized, assertSignedIn } from '../auth/authorize';
import { invalidatePublicCaches } from '../eol/public-cache';
import { v1Release, type V1Release } from '../eol/to-endoflife-v1';
import type { DateView } from '../lifecycle/compute-lifecycle';
import { assertGaAllowed, getGaGate, MIN_OVERRIDE_REASON, type GaGate } from '../qualification/ga-gate';
import { findCycle, getProjectReleases, type CycleSummary } from '../releases/get-releases';
import { formatPublishedDate } from '../releases/published-dates';
import { recordMilestone } from '../releases/record-milestone';
import { assertMilestoneOrder, parseActual, readCyclePlan, type CyclePlanState, type PlannedMilestoneState } from './edit-plan';

// Recording GA is deliberate: it changes what every public surface says about a release (the
// endoflife.date API, feeds, calendars, badges), so it is its own action, behind the RC gate,
// previewed before it is done, and audited as `ga.record`. A maintainer can take it back with a
// written reason (`ga.undo`); the plan it replaced is restored exactly.

export interface GaPreview {
  project: string;
  cycle: string;
  day: string;
  dayText: string;
  gate: GaGate;
  phase: { before: string; after: string };
  /** What changes publicly, one sentence per surface. */
  changes: string[];
  /** The record the endoflife.date v1 API will publish for the cycle. */
  v1: V1Release;
}

export interface GaRecordView {
  day: string;
  by: string;
  note: string | null;
  createdAt: string;
  undone: { at: string; by: string | null; reason: string | null } | null;
}

const dateText = (date: DateView | null) => (date ? `${date.text}${date.tentative ? ' (tentative)' : ''}` : 'not set');
const plannedText = (state: PlannedMilestoneState) =>
  state.planned ? `${formatPublishedDate(state.planned.date, state.planned.precision)}${state.planned.tentative ? ' (tentative)' : ''}` : 'no planned date';

class PreviewDone extends Error {
  constructor(readonly cycle: CycleSummary) {
    super('preview');
  }
}

/**
 * The cycle as the public surfaces will compute it once GA is recorded: the GA is written in a
 * transaction that is then rolled back, so the preview runs the very code the API, feeds and pages
 * run (computed support dates included), and nothing is kept.
 */
async function summaryAfterGa(prisma: PrismaClient, slug: string, cycle: { id: number; name: string }, day: string, today: string): Promise<CycleSummary> {
  try {
    await prisma.$transaction(async (tx) => {
      await recordMilestone(tx, cycle, 'GA', { actualOn: day, plannedOn: day, plannedPrecision: 'DAY', tentative: false }, { source: 'preview', changedAt: new Date(), report: [] });
      const { cycles } = await getProjectReleases(tx as unknown as PrismaClient, slug, today);
      throw new PreviewDone(cycles.find((candidate) => candidate.name === cycle.name)!);
    });
  } catch (error) {
    if (error instanceof PreviewDone) return error.cycle;
    throw error;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

/** What recording GA of a cycle on `day` changes publicly; refused when the cycle is already GA or the day is not a past or present calendar day. */
export async function previewGa(prisma: PrismaClient, input: { project: string; cycle: string; day: string }, today: string, origin = ''): Promise<GaPreview> {
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const day = parseActual('date', input.day, today);
  if (!day) throw invalidArgument('date: the day GA happened is required (YYYY-MM-DD)', { field: 'date' });
  const plan = await readCyclePlan(prisma, cycle.id);
  if (plan.milestones.GA.actual) throw failedPrecondition(`${project.slug} ${cycle.name} is already GA (since ${plan.milestones.GA.actual}); a maintainer can undo GA first`, { field: 'date' });
  const releases = await getProjectReleases(prisma, project.slug, today);
  const summary = releases.cycles.find((candidate) => candidate.name === cycle.name)!;
  const afterSummary = await summaryAfterGa(prisma, project.slug, cycle, day, today);
  const after = afterSummary.lifecycle;
  const v1 = v1Release(afterSummary, project.repository, today, origin, project.slug);
  const newerReleased = releases.cycles.some((other) => other.lifecycle.ga?.happened && (other.major > cycle.major || (other.major === cycle.major && other.minor > cycle.minor)));
  const slug = project.slug;
  const changes = [
    `The release table, the EOL page (/projects/${slug}/eol), badges and the timeline show ${cycle.name} as ${after.label} (now ${summary.lifecycle.label}).`,
    `The endoflife.date API (/api/v1/products/${slug}) lists ${cycle.name}, released ${v1.releaseDate}, active support until ${dateText(after.endOfActiveSupport)}, end of life ${dateText(after.endOfLife)}` +
      (newerReleased ? '.' : `, and /api/v1/products/${slug}/releases/latest becomes ${cycle.name}.`),
    `Shepherd's API and the calendar (/calendar/${slug}.ics) show GA as happened on ${formatPublishedDate(day, 'DAY')}, replacing the planned ${plannedText(plan.milestones.GA)}.`,
    ...(after.endOfLife && after.endOfLife.endsBefore > today ? [`The upcoming end-of-life feed (/feeds/upcoming-eol.atom) announces ${cycle.name}'s end of life, ${dateText(after.endOfLife)}.`] : []),
    ...(after.endOfLife?.tentative || after.endOfActiveSupport?.tentative ? [`Its support dates are still tentative: confirm them on the release page so users are not told a date that moves.`] : []),
  ];
  return { project: slug, cycle: cycle.name, day, dayText: formatPublishedDate(day, 'DAY'), gate: await getGaGate(prisma, cycle.id), phase: { before: summary.lifecycle.label, after: after.label }, changes, v1 };
}

/** Records that the cycle went GA on `day`: behind the RC gate, audited as ga.record; `dryRun` only previews. */
export async function recordGa(
  prisma: PrismaClient,
  actor: Actor,
  input: { project: string; cycle: string; day: string; note?: string | null; dryRun?: boolean },
  today: string,
  { now = new Date(), origin = '' }: { now?: Date; origin?: string } = {},
): Promise<{ recorded: boolean; preview: GaPreview; plan: CyclePlanState | null }> {
  assertSignedIn(actor);
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const resource = { projectId: project.id, cycleId: cycle.id };
  const target = `${project.slug} ${cycle.name}`;
  assertAuthorized(actor, 'ga.record', resource, target);
  const note = input.note?.trim() || null;
  if (note && note.length > 500) throw invalidArgument('note: at most 500 characters', { field: 'note' });
  const preview = await previewGa(prisma, input, today, origin);
  if (input.dryRun) return { recorded: false, preview, plan: null };
  const plan = await runMutation(prisma, actor, { action: 'ga.record', resource, target, note }, async (tx) => {
    const before = await readCyclePlan(tx, cycle.id);
    if (before.milestones.GA.actual) throw failedPrecondition(`${target} is already GA (since ${before.milestones.GA.actual})`, { field: 'date' });
    await assertGaAllowed(tx, cycle.id, { how: 'the gate with a written reason on the qualification page', details: { field: 'date' } });
    await tx.gaRecord.create({ data: { cycleId: cycle.id, day: dateOf(preview.day), by: actorName(actor), note, plannedBefore: (before.milestones.GA.planned ?? undefined) as never } });
    // The GA date a project publishes is the day it happened: a tentative "December 2026" becomes that day.
    await recordMilestone(tx, cycle, 'GA', { actualOn: preview.day, plannedOn: preview.day, plannedPrecision: 'DAY', tentative: false }, { source: `GA recorded by ${actorName(actor)}`, changedAt: now, report: [] });
    const after = await readCyclePlan(tx, cycle.id);
    assertMilestoneOrder(after);
    return { before: { GA: before.milestones.GA }, after: { GA: after.milestones.GA }, result: after };
  });
  invalidatePublicCaches();
  return { recorded: true, preview, plan };
}

/** Takes a recorded GA back (maintainers, with a written reason; audited as ga.undo): the cycle is unreleased again and its planned GA is what it was before. */
export async function undoGa(prisma: PrismaClient, actor: Actor, input: { project: string; cycle: string; reason: string }, now = new Date()): Promise<CyclePlanState> {
  assertSignedIn(actor);
  const reason = input.reason.trim();
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const target = `${project.slug} ${cycle.name}`;
  assertAuthorized(actor, 'ga.undo', { projectId: project.id, cycleId: cycle.id }, target);
  if (reason.length < MIN_OVERRIDE_REASON) throw invalidArgument(`reason: write at least ${MIN_OVERRIDE_REASON} characters on why GA is taken back`, { field: 'reason' });
  const plan = await runMutation(prisma, actor, { action: 'ga.undo', resource: { projectId: project.id, cycleId: cycle.id }, target, note: reason }, async (tx) => {
    const before = await readCyclePlan(tx, cycle.id);
    const day = before.milestones.GA.actual;
    if (!day) throw failedPrecondition(`${target} has no GA recorded: nothing to undo`);
    const record = await tx.gaRecord.findFirst({ where: { cycleId: cycle.id, day: dateOf(day), undoneAt: null }, orderBy: { id: 'desc' } });
    const planned = record?.plannedBefore as PlannedMilestoneState['planned'] | undefined;
    await recordMilestone(
      tx,
      cycle,
      'GA',
      { actualOn: null, ...(planned ? { plannedOn: planned.date, plannedPrecision: planned.precision, tentative: planned.tentative } : {}) },
      { source: `GA undone by ${actorName(actor)}`, changedAt: now, report: [] },
    );
    if (record) await tx.gaRecord.update({ where: { id: record.id }, data: { undoneAt: now, undoneBy: actorName(actor), undoReason: reason } });
    const after = await readCyclePlan(tx, cycle.id);
    return { before: { GA: before.milestones.GA }, after: { GA: after.milestones.GA }, result: after };
  });
  invalidatePublicCaches();
  return plan;
}

/** A cycle's GA as the qualification page shows it: the day (if GA), and every Record GA / Undo GA. */
export async function getGaHistory(
  prisma: PrismaClient,
  cycleId: number,
): Promise<{ day: string | null; ga: PlannedMilestoneState; tag: string | null; records: GaRecordView[]; undoRestores: string | null }> {
  const [plan, records, cycle] = await Promise.all([
    readCyclePlan(prisma, cycleId),
    prisma.gaRecord.findMany({ where: { cycleId }, orderBy: { id: 'desc' } }),
    prisma.releaseCycle.findUniqueOrThrow({ where: { id: cycleId }, include: { releases: { where: { patch: 0, preKind: null } } } }),
  ]);
  const day = plan.milestones.GA.actual;
  const open = day ? records.find((record) => !record.undoneAt && dayOf(record.day) === day) : undefined;
  const restored = open?.plannedBefore as PlannedMilestoneState['planned'] | undefined;
  return {
    day,
    ga: plan.milestones.GA,
    // What "Undo GA" puts back as the planned GA; a GA that came from tags or the release table keeps its date as planned.
    undoRestores: day ? plannedText({ planned: restored ?? plan.milestones.GA.planned, actual: null }) : null,
    tag: cycle.releases[0]?.tag ?? null,
    records: records.map((record) => ({
      day: dayOf(record.day),
      by: record.by,
      note: record.note,
      createdAt: record.createdAt.toISOString(),
      undone: record.undoneAt ? { at: record.undoneAt.toISOString(), by: record.undoneBy, reason: record.undoReason } : null,
    })),
  };
}
