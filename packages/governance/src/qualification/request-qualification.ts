import type { PrismaClient, Tx } from '../db';
import { failedPrecondition, invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertAuthorized, assertSignedIn } from '../auth/authorize';
import { findCycle } from '../releases/get-releases';
import { parseTagVersion } from '../releases/parse-tags';
import { describeKnownRcs, listKnownRcs, rcOf } from './release-candidates';
import { RUNTIME_CORE_DIR, resolveRef } from './source-tree';

export type QualificationTrigger = 'tag' | 'milestone' | 'manual';

/** A named git ref to build, resolved to its commit when asked for (a branch that moves later does not change what is built). */
export interface SourceRef {
  ref: string;
  commit: string;
}

/**
 * Queues a qualification of a release candidate the project knows (an imported or mirrored tag of
 * its cycle); anything else is refused naming the tag and the cycle's known RCs. Each RC qualifies
 * once: asking again returns the existing one, unless `rerun` asks for another attempt.
 */
export async function requestQualification(
  prisma: PrismaClient | Tx,
  input: { projectSlug: string; tag: string; trigger: QualificationTrigger; requestedBy?: string; rerun?: boolean; source?: SourceRef },
) {
  const version = parseTagVersion(input.tag);
  if (!version || version.preKind !== 'rc') throw invalidArgument(`tag "${input.tag}" is not a release candidate (vX.Y.Z-rc.N)`, { field: 'tag' });
  const name = `${version.major}.${version.minor}`;
  const cycle = await prisma.releaseCycle.findFirst({ where: { name, project: { slug: input.projectSlug } } });
  if (!cycle) throw notFound(`${input.projectSlug} has no release cycle ${name} for ${input.tag}`, { project: input.projectSlug, cycle: name });
  const known = await listKnownRcs(prisma, cycle);
  if (!known.includes(input.tag)) {
    throw invalidArgument(`tag: ${input.tag} is not a known release candidate of ${input.projectSlug} ${name}; ${await describeKnownRcs(prisma, cycle, known)}`, {
      field: 'tag',
      knownRcs: known,
    });
  }
  const latest = await prisma.qualification.findFirst({ where: { cycleId: cycle.id, tag: input.tag }, orderBy: { attempt: 'desc' } });
  if (latest && !input.rerun) return { qualification: latest, created: false };
  const qualification = await prisma.qualification.create({
    data: {
      cycleId: cycle.id,
      tag: input.tag,
      attempt: (latest?.attempt ?? 0) + 1,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      ref: input.source?.ref,
      commit: input.source?.commit,
    },
  });
  return { qualification, created: true };
}

/** The cycle's newest known RC, or a failed precondition that says there is none and what the cycle has instead. */
export async function newestKnownRc(prisma: PrismaClient | Tx, project: { slug: string }, cycle: { id: number; projectId: number; name: string; major: number; minor: number }): Promise<string> {
  const known = await listKnownRcs(prisma, cycle);
  if (known.length) return known[0];
  throw failedPrecondition(
    `${project.slug} ${cycle.name} has no release candidate to qualify: ${await describeKnownRcs(prisma, cycle, known)}. Import its RC tag (npm run import -- tags) or sync GitHub, then qualify it.`,
    { field: 'tag', knownRcs: [] },
  );
}

/**
 * A person's "qualify now": queues the RC (or, with `rerun`, another attempt of it), audited.
 * Without a tag it qualifies the cycle's newest known RC; with `ref`, that git ref is built.
 */
export async function qualifyNow(
  prisma: PrismaClient,
  actor: Actor,
  input: { project: string; cycle: string; tag?: string | null; rerun?: boolean; ref?: string | null },
  options: { packageDir?: string } = {},
) {
  assertSignedIn(actor);
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  const resource = { projectId: project.id, cycleId: cycle.id };
  // Who may ask is checked before the tag, so a refusal never depends on what exists.
  assertAuthorized(actor, 'qualification.request', resource, `${project.slug} ${input.tag?.trim() || cycle.name}`);
  const tag = input.tag?.trim() || (await newestKnownRc(prisma, project, cycle));
  const version = parseTagVersion(tag);
  if (version && `${version.major}.${version.minor}` !== cycle.name) throw invalidArgument(`tag: ${tag} is not a release of ${project.slug} ${cycle.name}`, { field: 'tag' });
  const ref = input.ref?.trim();
  const source = ref ? { ref, commit: await resolveRef(options.packageDir ?? RUNTIME_CORE_DIR, ref) } : undefined;
  return runMutation(prisma, actor, { action: 'qualification.request', resource, target: `${project.slug} ${tag}` }, async (tx) => {
    const result = await requestQualification(tx, { projectSlug: project.slug, tag, trigger: 'manual', requestedBy: actorName(actor), rerun: input.rerun, source });
    const queued = { tag: result.qualification.tag, attempt: result.qualification.attempt, ...(result.qualification.ref ? { ref: result.qualification.ref, commit: result.qualification.commit } : {}) };
    return { before: result.created ? null : queued, after: queued, result };
  });
}

/**
 * RC milestones whose planned date has passed, for releases still before GA: qualify the cycle's
 * newest known x.y.0 RC (the one the GA gate judges). A cycle with no RC tag yet waits for one;
 * nothing is invented.
 */
export async function requestDueQualifications(prisma: PrismaClient, today: string) {
  const due = await prisma.milestone.findMany({
    where: { kind: 'RC', plannedOn: { lte: new Date(`${today}T00:00:00Z`) }, cycle: { milestones: { none: { kind: 'GA', actualOn: { not: null } } } } },
    include: { cycle: { include: { project: true } } },
  });
  const requested = [];
  for (const { cycle } of due) {
    const [tag] = (await listKnownRcs(prisma, cycle)).filter((candidate) => rcOf(candidate)?.patch === 0);
    if (!tag) continue;
    const result = await requestQualification(prisma, { projectSlug: cycle.project.slug, tag, trigger: 'milestone' });
    if (result.created) requested.push(result.qualification);
  }
  return requested;
}

/** Runs that stopped reporting (their runner died) are failed, so nothing waits on them forever. */
export async function failStaleQualifications(prisma: PrismaClient, now = new Date(), staleAfterMs = 15 * 60_000) {
  const stale = await prisma.qualification.findMany({ where: { status: 'RUNNING', heartbeatAt: { lt: new Date(now.getTime() - staleAfterMs) } } });
  for (const run of stale) {
    await prisma.qualification.update({
      where: { id: run.id },
      data: { status: 'FAILED', finishedAt: now, reason: `the runner stopped during ${run.currentStep ?? 'the run'} (no heartbeat since ${run.heartbeatAt?.toISOString()})` },
    });
  }
  return stale.length;
}
