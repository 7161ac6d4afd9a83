import { dayOf, type PrismaClient, type Tx } from '../db';
import { failedPrecondition, invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { findCycle, findProject } from '../releases/get-releases';
import { formatPublishedDate } from '../releases/published-dates';
import { byNewestRc, describeKnownRcs, listKnownRcs, rcOf } from './release-candidates';

export type GateState = 'green' | 'red' | 'pending' | 'none' | 'overridden' | 'released' | 'exempt';

export interface GaGate {
  state: GateState;
  /** May the release be promoted to GA now? */
  open: boolean;
  message: string;
  /** The RC the gate judges: the cycle's newest known (or qualified) x.y.0 RC; null when it has none. */
  tag: string | null;
  /** That RC's newest qualification attempt, if any. */
  latest: { id: number; tag: string; attempt: number; status: string; reason: string | null; regressed: boolean } | null;
  override: { reason: string; by: string; createdAt: Date } | null;
  /** The first cycle the gate applies to in this project, when one is named. */
  firstCycle: string | null;
}

const cycleOrder = (name: string) => name.split('.').map(Number) as [number, number];

/**
 * The GA gate of a cycle. It is closed until the newest RC is green: a cycle with no qualification,
 * or whose newest RC was never qualified, cannot go GA (unless a maintainer overrides in writing).
 * Cycles already GA keep their history (a GA recorded before any qualification stays "released"),
 * and cycles before the project's first gated cycle are exempt.
 */
export async function getGaGate(prisma: PrismaClient | Tx, cycleId: number): Promise<GaGate> {
  const cycle = await prisma.releaseCycle.findUnique({ where: { id: cycleId }, include: { project: true, milestones: { where: { kind: 'GA' } } } });
  if (!cycle) throw notFound(`No release cycle ${cycleId}`);
  const label = `${cycle.project.name} ${cycle.name}`;
  const [runs, known, scope] = await Promise.all([
    prisma.qualification.findMany({ where: { cycleId }, orderBy: [{ attempt: 'desc' }] }),
    listKnownRcs(prisma, cycle),
    prisma.gaGateScope.findUnique({ where: { projectId: cycle.projectId } }),
  ]);
  const firstCycle = scope?.firstCycle ?? null;
  const gaDay = cycle.milestones[0]?.actualOn;
  const base = { latest: null, override: null, firstCycle };
  if (runs.length === 0 && gaDay) {
    return { ...base, state: 'released', open: true, tag: null, message: `${label} went GA on ${formatPublishedDate(dayOf(gaDay), 'DAY')}, with no release-candidate qualification recorded` };
  }
  if (firstCycle) {
    const [major, minor] = cycleOrder(firstCycle);
    if (cycle.major < major || (cycle.major === major && cycle.minor < minor)) {
      return { ...base, state: 'exempt', open: true, tag: null, message: `the GA gate applies to ${cycle.project.name} from ${firstCycle} on; ${cycle.name} is older` };
    }
  }
  // GA is x.y.0: the RCs of patch releases (v2.4.1-rc.0) are qualified too, but do not gate it.
  const tag = [...new Set([...known, ...runs.map((run) => run.tag)])].filter((candidate) => rcOf(candidate)?.patch === 0).sort(byNewestRc)[0] ?? null;
  const latest = runs.find((run) => run.tag === tag) ?? null;
  const summary = latest && { id: latest.id, tag: latest.tag, attempt: latest.attempt, status: latest.status, reason: latest.reason, regressed: latest.regressed };
  if (latest?.status === 'PASSED') {
    return { ...base, state: 'green', open: true, tag, latest: summary, message: `${latest.tag} qualified${latest.regressed ? ` (regressed: ${latest.regressionNote})` : ''}` };
  }
  const override = await prisma.gaGateOverride.findFirst({ where: { cycleId, tag }, orderBy: { createdAt: 'desc' } });
  if (override) {
    return { ...base, state: 'overridden', open: true, tag, latest: summary, override, message: `${tag ? `${tag} is not ${latest ? 'green' : 'qualified'}` : 'no RC is qualified'}, overridden by @${override.by}: ${override.reason}` };
  }
  if (!latest) {
    const why = tag ? `its latest RC ${tag} has not been qualified` : `no release candidate has been qualified; ${await describeKnownRcs(prisma, cycle, known)}`;
    return { ...base, state: 'none', open: false, tag, message: `${label} cannot go GA: ${why}` };
  }
  if (latest.status === 'FAILED') {
    return { ...base, state: 'red', open: false, tag, latest: summary, message: `${label} cannot go GA: the qualification of its latest RC ${latest.tag} failed (${latest.reason ?? 'no reason recorded'})` };
  }
  return { ...base, state: 'pending', open: false, tag, latest: summary, message: `${label} cannot go GA yet: the qualification of its latest RC ${latest.tag} is ${latest.status.toLowerCase()}` };
}

/** Throws a clear failed_precondition while the gate is closed; `how` says where the override is made. */
export async function assertGaAllowed(
  prisma: PrismaClient | Tx,
  cycleId: number,
  { how = 'with a written reason', details = {} }: { how?: string; details?: Record<string, unknown> } = {},
): Promise<GaGate> {
  const gate = await getGaGate(prisma, cycleId);
  if (!gate.open) throw failedPrecondition(`${gate.message}. A maintainer can override ${how}.`, { ...details, gate: gate.state, tag: gate.tag });
  return gate;
}

export const MIN_OVERRIDE_REASON = 15;

/** Records a maintainer's written decision to promote despite a red or pending RC: audited, maintainers only. */
export async function overrideGaGate(prisma: PrismaClient, actor: Actor, input: { project: string; cycle: string; reason: string }) {
  assertSignedIn(actor);
  const reason = input.reason.trim();
  if (reason.length < MIN_OVERRIDE_REASON) throw invalidArgument(`reason: write at least ${MIN_OVERRIDE_REASON} characters on why GA may go ahead`, { field: 'reason' });
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  return runMutation(
    prisma,
    actor,
    { action: 'ga.override', resource: { projectId: project.id, cycleId: cycle.id }, target: `${project.slug} ${cycle.name}`, note: reason },
    async (tx) => {
      const gate = await getGaGate(tx, cycle.id);
      if (gate.open) throw failedPrecondition(`nothing to override: ${gate.message}`);
      const override = await tx.gaGateOverride.create({ data: { cycleId: cycle.id, tag: gate.tag, reason, by: actorName(actor) } });
      return { before: { gate: gate.state, tag: gate.tag }, after: { gate: 'overridden', tag: override.tag, reason }, result: override };
    },
  );
}

/** The first cycle the project's GA gate applies to (null: every cycle not GA yet), with who decided and why. */
export async function getGaGateScope(prisma: PrismaClient, projectSlug: string) {
  const project = await findProject(prisma, projectSlug);
  const scope = await prisma.gaGateScope.findUnique({ where: { projectId: project.id } });
  return { project: project.slug, firstCycle: scope?.firstCycle ?? null, by: scope?.by ?? null, reason: scope?.reason ?? null };
}

/**
 * Names the first cycle the project's GA gate applies to (null: every cycle not GA yet). Older
 * cycles then go GA without a qualification, so this is a maintainer's written, audited decision.
 */
export async function setGaGateScope(prisma: PrismaClient, actor: Actor, input: { project: string; firstCycle: string | null; reason: string }) {
  assertSignedIn(actor);
  const project = await findProject(prisma, input.project);
  const reason = input.reason.trim();
  if (reason.length < MIN_OVERRIDE_REASON) throw invalidArgument(`reason: write at least ${MIN_OVERRIDE_REASON} characters on why the gate's scope changes`, { field: 'reason' });
  if (input.firstCycle !== null) {
    if (!/^\d+\.\d+$/.test(input.firstCycle)) throw invalidArgument(`firstCycle: "${input.firstCycle}" is not a release cycle such as 2.4`, { field: 'firstCycle' });
    const [major, minor] = cycleOrder(input.firstCycle);
    if (!(await prisma.releaseCycle.findUnique({ where: { projectId_major_minor: { projectId: project.id, major, minor } } }))) {
      throw invalidArgument(`firstCycle: ${project.slug} has no release cycle ${input.firstCycle}`, { field: 'firstCycle' });
    }
  }
  return runMutation(prisma, actor, { action: 'ga.scope', resource: { projectId: project.id }, target: `${project.slug} GA gate`, note: reason }, async (tx) => {
    const before = (await tx.gaGateScope.findUnique({ where: { projectId: project.id } }))?.firstCycle ?? null;
    if (input.firstCycle === null) await tx.gaGateScope.deleteMany({ where: { projectId: project.id } });
    else {
      const data = { firstCycle: input.firstCycle, by: actorName(actor), reason };
      await tx.gaGateScope.upsert({ where: { projectId: project.id }, create: { projectId: project.id, ...data }, update: data });
    }
    return { before: { firstCycle: before }, after: { firstCycle: input.firstCycle }, result: { project: project.slug, firstCycle: input.firstCycle } };
  });
}

/**
 * A project's first release data is history it brings along, not releases Shepherd governed: when
 * a project without any cycle imports data (tags, a RELEASES.md table) naming cycles already GA, the
 * gate applies from the minor after the newest of them (unless the project already names its first
 * gated cycle). Later imports never move it. Returns what it did, for the import report.
 */
export async function scopeGateAfterHistory(
  tx: Tx,
  project: { id: number; name: string },
  releasedCycles: readonly { major: number; minor: number }[],
  by: string,
  evidence: (newest: string) => string,
): Promise<string | null> {
  const released = [...releasedCycles].sort((a, b) => b.major - a.major || b.minor - a.minor)[0];
  if (!released) return null;
  if ((await tx.releaseCycle.count({ where: { projectId: project.id } })) > 0) return null;
  if (await tx.gaGateScope.findUnique({ where: { projectId: project.id } })) return null;
  const firstCycle = `${released.major}.${released.minor + 1}`;
  const reason = `${evidence(`${released.major}.${released.minor}`)} existed before Shepherd governed ${project.name}`;
  await tx.gaGateScope.create({ data: { projectId: project.id, firstCycle, by, reason } });
  return `GA gate: applies from ${firstCycle} on (${reason})`;
}
