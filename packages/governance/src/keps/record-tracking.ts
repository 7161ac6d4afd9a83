import { createHash } from 'node:crypto';
import type { PrismaClient, Tx } from '../db';
import { invalidArgument, notFound } from '../errors';
import { parseTrackingIssue, RUNTIME_STAGES, type ParsedTrackingIssue, type TrackingIssueInput } from './parse-tracking-issue';
import { deriveTrackingState, matchPullRequest, nextTrackingState, TRACKING_STATES, MANUAL_STATES, type TrackingState } from './tracking-rules';

// Stores what the workflow knows, keyed by the project's repository issue numbers so the GitHub
// mirror can feed it (issue opened/edited, PRs seen) without anything else changing.

async function projectOf(prisma: PrismaClient | Tx, slug: string) {
  const project = await prisma.project.findUnique({ where: { slug } });
  if (!project) throw notFound(`No project "${slug}"`);
  return project;
}

const historyValue = (value: unknown) => (value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? null : Array.isArray(value) ? value.join(', ') : String(value));

/** Recomputes a tracking record's state from its facts, recording the change. */
async function refreshState(tx: Tx, trackingId: number, source: string, now: Date): Promise<TrackingState> {
  const tracking = await tx.kepTracking.findUniqueOrThrow({ where: { id: trackingId }, include: { shipments: true, pullRequests: true } });
  const issue = tracking.issueNumber === null ? null : await tx.kepTrackingIssue.findUnique({ where: { projectId_number: { projectId: tracking.projectId, number: tracking.issueNumber } } });
  const derived = deriveTrackingState({ ...tracking, issue: issue && { state: issue.state, stateReason: issue.stateReason, labels: issue.labels } });
  const next = nextTrackingState(tracking, derived);
  if (next !== tracking.state) {
    await tx.kepTracking.update({ where: { id: trackingId }, data: { state: next } });
    await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: tracking.projectId, kind: 'tracking', field: 'state', before: tracking.state, after: next, source, at: now } });
  }
  return next;
}

export interface TrackingIssueResult {
  parsed: ParsedTrackingIssue;
  unchanged: boolean;
  kepNumber: string | null;
  state: TrackingState | null;
  /** The tracking record got (another) tracking issue: PRs citing it may already be mirrored. */
  newIssueLink?: boolean;
}

/**
 * Parses a tracking issue (on open and on every edit) and stores what was read from which revision.
 * A SIG-Node tracking issue creates or updates the KEP's tracking record in that project.
 */
export async function recordTrackingIssue(
  prisma: PrismaClient,
  options: { projectSlug: string; issue: TrackingIssueInput; source?: string; now?: Date },
): Promise<TrackingIssueResult> {
  return prisma.$transaction(async (tx) => recordTrackingIssueIn(tx, { project: await projectOf(tx, options.projectSlug), issue: options.issue, source: options.source, now: options.now }));
}

/** The same inside the caller's transaction (the GitHub mirror stores the issue and its parse together). */
export async function recordTrackingIssueIn(
  tx: Tx,
  options: { project: { id: number }; issue: TrackingIssueInput; source?: string; now?: Date },
): Promise<TrackingIssueResult> {
  const { issue, project } = options;
  const now = options.now ?? new Date();
  const source = options.source ?? `issue #${issue.number} @ ${issue.updatedAt}`;
  const parsed = parseTrackingIssue(issue);
  const bodySha256 = createHash('sha256').update(`${issue.title}\n${issue.body ?? ''}`).digest('hex');
  const key = { projectId_number: { projectId: project.id, number: issue.number } };
  const previous = await tx.kepTrackingIssue.findUnique({ where: key });
  const fields = { title: issue.title, state: issue.state, stateReason: issue.stateReason ?? null, labels: issue.labels, milestone: issue.milestone, kepNumber: parsed.kepNumber, fields: parsed as object, problems: parsed.problems, revision: issue.updatedAt, bodySha256, parsedAt: now };
  const unchanged =
    previous !== null && previous.revision === issue.updatedAt && previous.bodySha256 === bodySha256 && previous.state === issue.state &&
    previous.labels.join('\n') === issue.labels.join('\n') && previous.milestone === issue.milestone && (previous.fields as { parser?: number }).parser === parsed.parser;
  if (unchanged) {
    const tracking = parsed.kepNumber ? await tx.kepTracking.findUnique({ where: { projectId_kepNumber: { projectId: project.id, kepNumber: parsed.kepNumber } } }) : null;
    return { parsed, unchanged, kepNumber: parsed.kepNumber, state: tracking?.state ?? null };
  }
  await tx.kepTrackingIssue.upsert({ where: key, create: { projectId: project.id, number: issue.number, ...fields }, update: fields });
  if (!parsed.isTrackingIssue || !parsed.kepNumber) return { parsed, unchanged, kepNumber: parsed.kepNumber, state: null };

  const kepNumber = parsed.kepNumber;
  // Shepherds set in the portal stay until the issue's own shepherd field changes.
  const previousShepherds = (previous?.fields as { shepherds?: string[] } | undefined)?.shepherds;
  const shepherdsEdited = !previous || historyValue(previousShepherds) !== historyValue(parsed.shepherds);
  const existing = await tx.kepTracking.findUnique({ where: { projectId_kepNumber: { projectId: project.id, kepNumber } } });
  const data = {
    issueNumber: issue.number,
    kubernetesRelease: parsed.kubernetesRelease,
    kubernetesStage: parsed.stage,
    targetCycle: parsed.targetCycle,
    shepherds: existing && !shepherdsEdited && existing.issueNumber === issue.number ? existing.shepherds : parsed.shepherds,
    kepOwners: parsed.kepOwners,
    // The issue's liaison is this KEP's, not the whole Kubernetes release's (people set those).
    liaisons: parsed.liaisons,
    backupLiaisons: parsed.backupLiaisons,
    kepKey: parsed.kepKey,
  };
  const tracking = existing
    ? await tx.kepTracking.update({ where: { id: existing.id }, data })
    : await tx.kepTracking.create({ data: { projectId: project.id, kepNumber, ...data } });
  for (const [field, after] of Object.entries(data)) {
    const before = existing ? (existing as Record<string, unknown>)[field] : null;
    if (historyValue(before) === historyValue(after)) continue;
    await tx.kepHistory.create({ data: { kepNumber, projectId: project.id, kind: 'issue', field, before: historyValue(before), after: historyValue(after), source, at: now } });
  }
  const state = await refreshState(tx, tracking.id, source, now);
  return { parsed, unchanged, kepNumber, state, newIssueLink: existing?.issueNumber !== issue.number };
}

export interface PullRequestInput {
  number: number;
  title: string;
  body: string | null;
  state: string; // open | closed
  mergedAt: string | null;
  updatedAt: string;
}

/** Links implementation PRs to the project's tracked KEPs; returns how many links were new. */
export async function linkPullRequests(prisma: PrismaClient, options: { projectSlug: string; pullRequests: PullRequestInput[]; now?: Date }): Promise<{ linked: number; updated: number }> {
  const project = await projectOf(prisma, options.projectSlug);
  return prisma.$transaction((tx) => linkPullRequestsIn(tx, { project, pullRequests: options.pullRequests, now: options.now }));
}

/** The same inside the caller's transaction; `kepNumbers` limits it to those tracking records. */
export async function linkPullRequestsIn(
  tx: Tx,
  options: { project: { id: number; repository: string }; pullRequests: PullRequestInput[]; kepNumbers?: string[]; now?: Date },
): Promise<{ linked: number; updated: number }> {
  const { project } = options;
  const now = options.now ?? new Date();
  const trackings = await tx.kepTracking.findMany({ where: { projectId: project.id, ...(options.kepNumbers ? { kepNumber: { in: options.kepNumbers } } : {}) } });
  let linked = 0;
  let updated = 0;
  for (const tracking of trackings) {
    const matches = options.pullRequests.flatMap((pr) => {
      const linkedBy = matchPullRequest(pr, { kepNumber: tracking.kepNumber, issueNumber: tracking.issueNumber, repository: project.repository });
      return linkedBy && pr.number !== tracking.issueNumber ? [{ pr, linkedBy }] : [];
    });
    if (matches.length === 0) continue;
    for (const { pr, linkedBy } of matches) {
      const data = { title: pr.title, state: pr.mergedAt ? 'merged' : pr.state, linkedBy, lastActivityAt: new Date(pr.updatedAt) };
      const key = { trackingId_number: { trackingId: tracking.id, number: pr.number } };
      const existing = await tx.kepPullRequest.findUnique({ where: key });
      if (!existing) {
        await tx.kepPullRequest.create({ data: { trackingId: tracking.id, number: pr.number, ...data } });
        await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: 'pull request', after: `#${pr.number} ${data.state}`, source: `PR #${pr.number}`, at: now } });
        linked++;
      } else if (existing.state !== data.state || existing.lastActivityAt.getTime() !== data.lastActivityAt.getTime() || existing.title !== data.title) {
        await tx.kepPullRequest.update({ where: { id: existing.id }, data });
        if (existing.state !== data.state) {
          await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: `PR #${pr.number}`, before: existing.state, after: data.state, source: `PR #${pr.number}`, at: now } });
        }
        updated++;
      }
    }
    await refreshState(tx, tracking.id, 'pull requests', now);
  }
  return { linked, updated };
}

async function trackingOf(tx: Tx, projectSlug: string, kepNumber: string) {
  const project = await projectOf(tx, projectSlug);
  const tracking = await tx.kepTracking.findUnique({ where: { projectId_kepNumber: { projectId: project.id, kepNumber } } });
  if (!tracking) throw notFound(`${projectSlug} does not track KEP-${kepNumber}`);
  return { project, tracking };
}

interface TrackingChange {
  projectSlug: string;
  kepNumber: string;
  source: string;
  now?: Date;
}

/** Records the runtime release (a release cycle name) that shipped a stage of the KEP. */
export async function recordStageShipment(prisma: PrismaClient, options: TrackingChange & { stage: string; cycleName: string }): Promise<TrackingState> {
  return prisma.$transaction((tx) => recordStageShipmentIn(tx, options));
}

export async function recordStageShipmentIn(tx: Tx, options: TrackingChange & { stage: string; cycleName: string }): Promise<TrackingState> {
  if (!RUNTIME_STAGES.includes(options.stage as never)) throw invalidArgument(`stage: "${options.stage}" is not one of ${RUNTIME_STAGES.join(' | ')}`, { field: 'stage' });
  const now = options.now ?? new Date();
  const { project, tracking } = await trackingOf(tx, options.projectSlug, options.kepNumber);
  const cycle = await tx.releaseCycle.findUnique({ where: { projectId_name: { projectId: project.id, name: options.cycleName } } });
  if (!cycle) throw notFound(`cycleName: ${options.projectSlug} has no release cycle "${options.cycleName}"`, { field: 'cycleName' });
  const key = { trackingId_stage: { trackingId: tracking.id, stage: options.stage } };
  const existing = await tx.kepStageShipment.findUnique({ where: key });
  if (existing?.cycleName !== options.cycleName) {
    await tx.kepStageShipment.upsert({ where: key, create: { trackingId: tracking.id, stage: options.stage, cycleName: options.cycleName }, update: { cycleName: options.cycleName } });
    await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: `shipped ${options.stage}`, before: existing?.cycleName ?? null, after: options.cycleName, source: options.source, at: now } });
  }
  return refreshState(tx, tracking.id, options.source, now);
}

/** A person sets at risk / deferred / withdrawn (kept until changed), or hands back to the derived state. */
export async function setTrackingState(prisma: PrismaClient, options: TrackingChange & { state: TrackingState }): Promise<TrackingState> {
  return prisma.$transaction((tx) => setTrackingStateIn(tx, options));
}

export async function setTrackingStateIn(tx: Tx, options: TrackingChange & { state: TrackingState }): Promise<TrackingState> {
  if (!TRACKING_STATES.includes(options.state)) throw invalidArgument(`state: "${options.state}" is not one of ${TRACKING_STATES.join(', ')}`, { field: 'state' });
  const now = options.now ?? new Date();
  const { project, tracking } = await trackingOf(tx, options.projectSlug, options.kepNumber);
  const manual = MANUAL_STATES.includes(options.state);
  await tx.kepTracking.update({ where: { id: tracking.id }, data: { state: manual ? options.state : tracking.state, stateOverride: manual } });
  if (manual && tracking.state !== options.state) {
    await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: 'state', before: tracking.state, after: options.state, source: options.source, at: now } });
  }
  return manual ? options.state : refreshState(tx, tracking.id, options.source, now);
}

/** The KEP's shepherds (1–2 logins), set by a person; kept until the tracking issue's own field changes. */
export async function setShepherdsIn(tx: Tx, options: TrackingChange & { shepherds: string[] }): Promise<TrackingState> {
  if (options.shepherds.length > 2) throw invalidArgument(`shepherds: a KEP has one or two shepherds (got ${options.shepherds.length})`, { field: 'shepherds' });
  const now = options.now ?? new Date();
  const { project, tracking } = await trackingOf(tx, options.projectSlug, options.kepNumber);
  if (historyValue(tracking.shepherds) === historyValue(options.shepherds)) return tracking.state;
  await tx.kepTracking.update({ where: { id: tracking.id }, data: { shepherds: options.shepherds } });
  await tx.kepHistory.create({ data: { kepNumber: tracking.kepNumber, projectId: project.id, kind: 'tracking', field: 'shepherds', before: historyValue(tracking.shepherds), after: historyValue(options.shepherds), source: options.source, at: now } });
  return refreshState(tx, tracking.id, options.source, now);
}

/** The SIG-Node liaison(s) of a Kubernetes release cycle for a project (replaces the list). */
export async function setLiaisons(prisma: PrismaClient, options: { projectSlug: string; kubernetesRelease: string; logins: string[] }): Promise<void> {
  await prisma.$transaction((tx) => setLiaisonsIn(tx, options));
}

export async function setLiaisonsIn(tx: Tx, options: { projectSlug: string; kubernetesRelease: string; logins: string[] }): Promise<void> {
  const project = await projectOf(tx, options.projectSlug);
  await tx.kepLiaison.deleteMany({ where: { projectId: project.id, kubernetesRelease: options.kubernetesRelease, login: { notIn: options.logins } } });
  for (const login of options.logins) {
    await tx.kepLiaison.upsert({ where: { projectId_kubernetesRelease_login: { projectId: project.id, kubernetesRelease: options.kubernetesRelease, login } }, create: { projectId: project.id, kubernetesRelease: options.kubernetesRelease, login }, update: {} });
  }
}
