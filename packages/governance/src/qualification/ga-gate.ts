import type { PrismaClient, Tx } from '../db';
import { failedPrecondition, invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { findCycle } from '../releases/get-releases';

export type GateState = 'green' | 'red' | 'pending' | 'none' | 'overridden';

export interface GaGate {
  state: GateState;
  /** May the release be promoted to GA now? */
  open: boolean;
  message: string;
  latest: { id: number; tag: string; attempt: number; status: string; reason: string | null; regressed: boolean } | null;
  override: { reason: string; by: string; createdAt: Date } | null;
}

/** The latest RC is the newest tag by version order (rc.10 after rc.9); its newest attempt counts. */
function rcNumber(tag: string): number {
  return Number(/-rc\.?(\d+)$/.exec(tag)?.[1] ?? -1);
}

export async function getGaGate(prisma: PrismaClient | Tx, cycleId: number): Promise<GaGate> {
  const cycle = await prisma.releaseCycle.findUnique({ where: { id: cycleId }, include: { project: true } });
  if (!cycle) throw notFound(`No release cycle ${cycleId}`);
  const runs = await prisma.qualification.findMany({ where: { cycleId }, orderBy: [{ attempt: 'desc' }] });
  const label = `${cycle.project.name} ${cycle.name}`;
  if (runs.length === 0) {
    return { state: 'none', open: true, message: `${label} has no release-candidate qualification yet`, latest: null, override: null };
  }
  const latestTag = runs.map((run) => run.tag).sort((a, b) => rcNumber(b) - rcNumber(a))[0];
  const latest = runs.find((run) => run.tag === latestTag)!;
  const summary = { id: latest.id, tag: latest.tag, attempt: latest.attempt, status: latest.status, reason: latest.reason, regressed: latest.regressed };
  if (latest.status === 'PASSED') {
    return { state: 'green', open: true, message: `${latest.tag} qualified${latest.regressed ? ` (regressed: ${latest.regressionNote})` : ''}`, latest: summary, override: null };
  }
  const override = await prisma.gaGateOverride.findFirst({ where: { cycleId, tag: latest.tag }, orderBy: { createdAt: 'desc' } });
  if (override) {
    return { state: 'overridden', open: true, message: `${latest.tag} is not green, overridden by @${override.by}: ${override.reason}`, latest: summary, override };
  }
  if (latest.status === 'FAILED') {
    return { state: 'red', open: false, message: `${label} cannot go GA: the qualification of its latest RC ${latest.tag} failed (${latest.reason ?? 'no reason recorded'})`, latest: summary, override: null };
  }
  return { state: 'pending', open: false, message: `${label} cannot go GA yet: the qualification of its latest RC ${latest.tag} is ${latest.status.toLowerCase()}`, latest: summary, override: null };
}

/** Throws a clear failed_precondition while the gate is closed; `how` says where the override is made. */
export async function assertGaAllowed(
  prisma: PrismaClient | Tx,
  cycleId: number,
  { how = 'with a written reason', details = {} }: { how?: string; details?: Record<string, unknown> } = {},
): Promise<GaGate> {
  const gate = await getGaGate(prisma, cycleId);
  if (!gate.open) throw failedPrecondition(`${gate.message}. A maintainer can override ${how}.`, { ...details, gate: gate.state, tag: gate.latest?.tag });
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
      const override = await tx.gaGateOverride.create({ data: { cycleId: cycle.id, tag: gate.latest!.tag, reason, by: actorName(actor) } });
      return { before: { gate: gate.state, tag: gate.latest!.tag }, after: { gate: 'overridden', tag: override.tag, reason }, result: override };
    },
  );
}
