import type { PrismaClient, Tx } from '../db';
import { invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { actorName, type Actor } from '../auth/actor';
import { assertSignedIn } from '../auth/authorize';
import { findCycle } from '../releases/get-releases';
import { parseTagVersion } from '../releases/parse-tags';

export type QualificationTrigger = 'tag' | 'milestone' | 'manual';

/**
 * Queues a qualification of a release candidate. Each RC qualifies once: asking again returns the
 * existing one, unless `rerun` asks for another attempt.
 */
export async function requestQualification(
  prisma: PrismaClient | Tx,
  input: { projectSlug: string; tag: string; trigger: QualificationTrigger; requestedBy?: string; commit?: string; rerun?: boolean },
) {
  const version = parseTagVersion(input.tag);
  if (!version || version.preKind !== 'rc') throw invalidArgument(`tag "${input.tag}" is not a release candidate (vX.Y.Z-rc.N)`, { field: 'tag' });
  const name = `${version.major}.${version.minor}`;
  const cycle = await prisma.releaseCycle.findFirst({ where: { name, project: { slug: input.projectSlug } } });
  if (!cycle) throw notFound(`${input.projectSlug} has no release cycle ${name} for ${input.tag}`, { project: input.projectSlug, cycle: name });
  const latest = await prisma.qualification.findFirst({ where: { cycleId: cycle.id, tag: input.tag }, orderBy: { attempt: 'desc' } });
  if (latest && !input.rerun) return { qualification: latest, created: false };
  const qualification = await prisma.qualification.create({
    data: {
      cycleId: cycle.id,
      tag: input.tag,
      attempt: (latest?.attempt ?? 0) + 1,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      commit: input.commit,
    },
  });
  return { qualification, created: true };
}

/**
 * A person's "qualify now": queues the RC (or, with `rerun`, another attempt of it), audited.
 * Without a tag it qualifies the cycle's newest RC tag.
 */
export async function qualifyNow(prisma: PrismaClient, actor: Actor, input: { project: string; cycle: string; tag?: string | null; rerun?: boolean }) {
  assertSignedIn(actor);
  const { project, cycle } = await findCycle(prisma, input.project, input.cycle);
  let tag = input.tag?.trim();
  if (!tag) {
    const newest = await prisma.release.findFirst({ where: { cycleId: cycle.id, preKind: 'rc' }, orderBy: [{ patch: 'desc' }, { preNumber: 'desc' }] });
    tag = newest?.tag ?? `v${cycle.name}.0-rc.0`;
  }
  const version = parseTagVersion(tag);
  if (version && `${version.major}.${version.minor}` !== cycle.name) throw invalidArgument(`tag: ${tag} is not a release of ${project.slug} ${cycle.name}`, { field: 'tag' });
  const rcTag = tag;
  return runMutation(
    prisma,
    actor,
    { action: 'qualification.request', resource: { projectId: project.id, cycleId: cycle.id }, target: `${project.slug} ${rcTag}` },
    async (tx) => {
      const result = await requestQualification(tx, { projectSlug: project.slug, tag: rcTag, trigger: 'manual', requestedBy: actorName(actor), rerun: input.rerun });
      const queued = { tag: result.qualification.tag, attempt: result.qualification.attempt };
      return { before: result.created ? null : queued, after: queued, result };
    },
  );
}

/**
 * RC milestones whose planned date has passed, for releases still before GA: qualify the newest RC
 * tag, or the first expected one (vX.Y.0-rc.0) when none is tagged yet.
 */
export async function requestDueQualifications(prisma: PrismaClient, today: string) {
  const due = await prisma.milestone.findMany({
    where: { kind: 'RC', plannedOn: { lte: new Date(`${today}T00:00:00Z`) } },
    include: { cycle: { include: { project: true, releases: { where: { preKind: 'rc', patch: 0 }, orderBy: { taggedAt: 'desc' } }, milestones: { where: { kind: 'GA' } } } } },
  });
  const requested = [];
  for (const milestone of due) {
    if (milestone.cycle.milestones.some((ga) => ga.actualOn)) continue;
    const tag = milestone.cycle.releases[0]?.tag ?? `v${milestone.cycle.name}.0-rc.0`;
    const result = await requestQualification(prisma, { projectSlug: milestone.cycle.project.slug, tag, trigger: 'milestone' });
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
