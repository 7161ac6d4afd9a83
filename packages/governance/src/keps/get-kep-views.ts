import type { KepModel as Kep, PrismaClient } from '../db';
import { notFound } from '../errors';
import { chooseKep, enhancementIssueOf } from './choose-kep';
import { compareKubernetesVersions } from './kep-problems';
import { loadReleaseTeamContext, prrOf, releasesOfKep, releaseTeamViewOf } from './release-team-context';
import { describeReleaseTeamState } from './release-team';
import { paginate } from './paginate';
import { checkTracking, idleSince, type RuleContext, type TrackingFacts, type TrackingState, type TrackingWarning } from './tracking-rules';

// Read models for the KEP pages: the KEP list, one KEP with its history, a shepherd's queue and
// the liaison board of one Kubernetes release. Every warning comes from tracking-rules.ts.

export const DEFAULT_IDLE_DAYS = 14;
export const DEFAULT_CODE_FREEZE_WARNING_DAYS = 14;

export interface RuleOptions {
  today: Date;
  idleDays?: number;
  codeFreezeWarningDays?: number;
}

export async function projectOf(prisma: PrismaClient, slug: string) {
  const project = await prisma.project.findUnique({ where: { slug } });
  if (!project) throw notFound(`No project "${slug}"`);
  return project;
}

export async function loadRuleContext(prisma: PrismaClient, projectId: number, options: RuleOptions): Promise<RuleContext> {
  const [releases, cycles] = await Promise.all([
    prisma.kubernetesRelease.findMany(),
    prisma.releaseCycle.findMany({ where: { projectId }, include: { milestones: { where: { kind: { in: ['FEATURE_FREEZE', 'RC', 'GA'] } } } } }),
  ]);
  const when = (cycle: (typeof cycles)[number], kind: string) => {
    const milestone = cycle.milestones.find((m) => m.kind === kind);
    return milestone ? (milestone.actualOn ?? milestone.plannedOn) : null;
  };
  return {
    today: options.today,
    idleDays: options.idleDays ?? DEFAULT_IDLE_DAYS,
    codeFreezeWarningDays: options.codeFreezeWarningDays ?? DEFAULT_CODE_FREEZE_WARNING_DAYS,
    kubernetes: new Map(releases.map((r) => [r.version, { version: r.version, codeFreeze: r.codeFreeze, releaseOn: r.releaseOn }])),
    cycles: new Map(cycles.map((c) => [c.name, { name: c.name, featureFreeze: when(c, 'FEATURE_FREEZE') ?? when(c, 'RC'), ga: when(c, 'GA') }])),
  };
}

const trackingInclude = { shipments: true, pullRequests: { orderBy: { number: 'asc' as const } } };

/** The KEP a tracking record means: the directory its issue names, else the one its number means. */
function kepOfTracking(tracking: { kepNumber: string; kepKey: string | null }, keps: Kep[]): Kep | null {
  if (tracking.kepKey) return keps.find((kep) => kep.key === tracking.kepKey) ?? null;
  const number = enhancementIssueOf(tracking.kepNumber);
  return number === null ? null : chooseKep(keps.filter((kep) => kep.enhancementIssue === number)).chosen;
}

/** The KEP metadata a project's tracking of `kepNumber` means (see kepOfTracking), for write-back. */
export async function findKepOfTracking(prisma: PrismaClient, tracking: { kepNumber: string; kepKey: string | null }): Promise<Kep | null> {
  const number = enhancementIssueOf(tracking.kepNumber);
  const keps = await prisma.kep.findMany({ where: { OR: [...(number === null ? [] : [{ enhancementIssue: number }]), ...(tracking.kepKey ? [{ key: tracking.kepKey }] : [])] } });
  return kepOfTracking(tracking, keps);
}

export async function loadTrackings(prisma: PrismaClient, projectId: number, where: object = {}) {
  const trackings = await prisma.kepTracking.findMany({ where: { projectId, ...where }, include: trackingInclude });
  const numbers = [...new Set(trackings.map((t) => enhancementIssueOf(t.kepNumber)).filter((n): n is number => n !== null))];
  const keys = trackings.flatMap((t) => (t.kepKey ? [t.kepKey] : []));
  const [keps, issues] = await Promise.all([
    prisma.kep.findMany({ where: { OR: [{ enhancementIssue: { in: numbers } }, { key: { in: keys } }] } }),
    prisma.kepTrackingIssue.findMany({ where: { projectId, number: { in: trackings.flatMap((t) => (t.issueNumber === null ? [] : [t.issueNumber])) } } }),
  ]);
  const issueBy = new Map(issues.map((i) => [i.number, i]));
  return trackings.map((tracking) => {
    const kep = kepOfTracking(tracking, keps);
    const issue = tracking.issueNumber === null ? null : (issueBy.get(tracking.issueNumber) ?? null);
    const facts: TrackingFacts = { ...tracking, issue: issue && { state: issue.state, stateReason: issue.stateReason, labels: issue.labels }, kep };
    return { tracking, kep, issue, facts };
  });
}

export interface TrackedKep {
  kepNumber: string;
  /** The KEP (directory) this tracking means; null while its kep.yaml is not merged (or not imported). */
  kepKey: string | null;
  title: string;
  owningSig: string | null;
  kepStage: string | null;
  kepStatus: string | null;
  state: TrackingState;
  shepherds: string[];
  /** The SIG-Node member liaison(s) the tracking issue names for this KEP, and backups. */
  liaisons: string[];
  backupLiaisons: string[];
  kubernetesRelease: string | null;
  kubernetesStage: string | null;
  targetCycle: string | null;
  issueNumber: number | null;
  shipments: { stage: string; cycleName: string }[];
  pullRequests: { number: number; title: string; state: string; lastActivityAt: Date }[];
  warnings: TrackingWarning[];
  idleSince: Date;
}

export function toTrackedKep(row: Awaited<ReturnType<typeof loadTrackings>>[number], context: RuleContext): TrackedKep {
  const { tracking, kep, facts } = row;
  return {
    kepNumber: tracking.kepNumber,
    kepKey: kep?.key ?? null,
    // Before its kep.yaml is merged, the KEP is known by its tracking issue's title (after "KEP-NNNN - ").
    title: kep?.title ?? ((row.issue?.fields as { summary?: string } | undefined)?.summary || row.issue?.title) ?? `KEP-${tracking.kepNumber}`,
    owningSig: kep?.owningSig ?? null,
    kepStage: kep?.stage ?? null,
    kepStatus: kep?.status ?? null,
    state: tracking.state,
    shepherds: tracking.shepherds,
    liaisons: tracking.liaisons,
    backupLiaisons: tracking.backupLiaisons,
    kubernetesRelease: tracking.kubernetesRelease,
    kubernetesStage: tracking.kubernetesStage,
    targetCycle: tracking.targetCycle,
    issueNumber: tracking.issueNumber,
    shipments: tracking.shipments.map(({ stage, cycleName }) => ({ stage, cycleName })),
    pullRequests: tracking.pullRequests.map(({ number, title, state, lastActivityAt }) => ({ number, title, state, lastActivityAt })),
    warnings: checkTracking(facts, context),
    // Without open PRs the KEP last moved when its tracking issue did (GitHub's updated_at).
    idleSince: idleSince(facts, row.issue && !Number.isNaN(Date.parse(row.issue.revision)) ? new Date(row.issue.revision) : tracking.updatedAt),
  };
}

/** Where a KEP's page is: its directory, or the number a tracking issue cites while no kep.yaml is merged. */
export const kepPath = (kep: { kepKey: string | null; kepNumber: string }) => kep.kepKey ?? kep.kepNumber;

export interface KepListFilters {
  sig?: string; // owning SIG
  /** A SIG that owns or takes part in the KEP ("sig-scheduling"). */
  participating?: string;
  stage?: string;
  status?: string;
  milestone?: string; // a Kubernetes release: latest or any stage milestone
  shepherd?: string;
  target?: string; // runtime release cycle
  /** The project's tracking state, or "untracked" / "tracked". */
  state?: TrackingState | 'untracked' | 'tracked';
  /** Words to find in the title, directory, number or a feature gate. */
  q?: string;
}

export const KEP_LIST_SORTS = ['number', 'title', 'milestone', 'state', 'updated'] as const;
export type KepListSort = (typeof KEP_LIST_SORTS)[number];

export interface KepListOptions extends RuleOptions {
  /** number (newest first, the default), title, milestone (latest first), state (the project's, untracked last), updated (kep.yaml last-updated, newest first). */
  sort?: KepListSort;
  /** 1-based; the page past the last answers the last. */
  page?: number;
  /** Rows per page (default 50); 0 returns every row (exports). */
  perPage?: number;
}

export interface KepListRow {
  /** The KEP's directory; null for a tracked KEP whose kep.yaml is not merged (or not imported) yet. */
  key: string | null;
  number: string;
  title: string;
  kep: Kep | null;
  tracking: TrackedKep | null;
  /** Other KEPs with the same number. */
  sharedWith: string[];
}

const STATE_ORDER: TrackingState[] = ['AT_RISK', 'UNTRIAGED', 'TRIAGED', 'IN_PROGRESS', 'SHIPPED', 'DONE', 'DEFERRED', 'WITHDRAWN'];

/** Rows that match every word of `q` in the title, the directory, the number, a feature gate or the tracking issue's title. */
function matchesText(row: KepListRow, q: string): boolean {
  const haystack = [row.title, row.key ?? '', `KEP-${row.number}`, row.number, ...(row.kep?.featureGates ?? [])].join(' ').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

function compareRows(sort: KepListSort) {
  const byNumber = (a: KepListRow, b: KepListRow) => Number(b.number) - Number(a.number) || (a.key ?? '').localeCompare(b.key ?? '');
  switch (sort) {
    case 'title':
      return (a: KepListRow, b: KepListRow) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || byNumber(a, b);
    case 'milestone': {
      const latest = (row: KepListRow) => row.kep?.latestMilestone ?? null;
      return (a: KepListRow, b: KepListRow) => {
        const [x, y] = [latest(a), latest(b)];
        if (x !== y) return x === null ? 1 : y === null ? -1 : compareKubernetesVersions(y, x);
        return byNumber(a, b);
      };
    }
    case 'state': {
      const rank = (row: KepListRow) => (row.tracking ? STATE_ORDER.indexOf(row.tracking.state) : STATE_ORDER.length);
      return (a: KepListRow, b: KepListRow) => rank(a) - rank(b) || byNumber(a, b);
    }
    case 'updated':
      return (a: KepListRow, b: KepListRow) => (b.kep?.lastUpdated ?? '').localeCompare(a.kep?.lastUpdated ?? '') || byNumber(a, b);
    default:
      return byNumber;
  }
}

export async function listKeps(prisma: PrismaClient, projectSlug: string, filters: KepListFilters, options: KepListOptions) {
  const project = await projectOf(prisma, projectSlug);
  const context = await loadRuleContext(prisma, project.id, options);
  const where: Record<string, unknown>[] = [];
  if (filters.sig) where.push({ owningSig: filters.sig });
  if (filters.participating) where.push({ OR: [{ owningSig: filters.participating }, { participatingSigs: { has: filters.participating } }] });
  if (filters.stage) where.push({ stage: filters.stage });
  if (filters.status) where.push({ status: filters.status });
  if (filters.milestone) {
    const m = filters.milestone;
    where.push({ OR: [{ latestMilestone: m }, { alphaMilestone: m }, { betaMilestone: m }, { stableMilestone: m }, { deprecatedMilestone: m }, { disabledMilestone: m }, { removedMilestone: m }] });
  }
  const [keps, trackings, facets, numbers] = await Promise.all([
    prisma.kep.findMany({ where: where.length ? { AND: where } : {} }),
    loadTrackings(prisma, project.id),
    prisma.kep.findMany({ select: { owningSig: true, participatingSigs: true, stage: true, status: true, latestMilestone: true } }),
    prisma.kep.findMany({ where: { enhancementIssue: { not: null } }, select: { key: true, enhancementIssue: true } }),
  ]);
  const keysByNumber = new Map<number, string[]>();
  for (const { key, enhancementIssue } of numbers) keysByNumber.set(enhancementIssue!, [...(keysByNumber.get(enhancementIssue!) ?? []), key]);
  const tracked = trackings.map((row) => ({ row, view: toTrackedKep(row, context) }));
  const trackingBy = new Map(tracked.flatMap(({ row, view }) => (row.kep ? [[row.kep.key, view] as const] : [])));
  const kepRows: KepListRow[] = keps.map((kep) => ({
    key: kep.key,
    number: kep.number,
    title: kep.title,
    kep,
    tracking: trackingBy.get(kep.key) ?? null,
    sharedWith: kep.enhancementIssue === null ? [] : (keysByNumber.get(kep.enhancementIssue) ?? []).filter((key) => key !== kep.key).sort(),
  }));
  // Tracked before its kep.yaml is merged: listed too, unless a kep.yaml field is filtered on.
  const metadataFiltered = Boolean(filters.sig || filters.participating || filters.stage || filters.status || filters.milestone);
  const unmerged: KepListRow[] = metadataFiltered
    ? []
    : tracked.filter(({ row }) => !row.kep).map(({ view }) => ({ key: null, number: view.kepNumber, title: view.title, kep: null, tracking: view, sharedWith: [] }));
  const state = filters.state;
  const matching = [...kepRows, ...unmerged]
    .filter(({ tracking }) => !filters.shepherd || tracking?.shepherds.some((s) => s.toLowerCase() === filters.shepherd!.toLowerCase()))
    .filter(({ tracking }) => !filters.target || tracking?.targetCycle === filters.target)
    .filter(({ tracking }) => !state || (state === 'untracked' ? !tracking : state === 'tracked' ? Boolean(tracking) : tracking?.state === state))
    .filter((row) => !filters.q || matchesText(row, filters.q))
    .sort(compareRows(options.sort ?? 'number'));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  return {
    project,
    ...paginate(matching, options.page, options.perPage),
    facets: {
      sigs: distinct(facets.map((f) => f.owningSig)),
      participating: distinct(facets.flatMap((f) => [f.owningSig, ...f.participatingSigs])),
      stages: distinct(facets.map((f) => f.stage)),
      statuses: distinct(facets.map((f) => f.status)),
      milestones: distinct(facets.map((f) => f.latestMilestone)).sort(compareKubernetesVersions).reverse(),
      shepherds: distinct(trackings.flatMap((t) => t.tracking.shepherds)),
      targets: distinct(trackings.map((t) => t.tracking.targetCycle)),
    },
  };
}

/**
 * One KEP: by its directory ("sig-node/4960-container-stop-signals"), or by number ("4960"). A number
 * several KEPs share means the one owned by (else involving) sig-node; the others are listed. A number
 * only a tracking issue knows (kep.yaml not merged yet) gives the tracking record alone.
 */
export async function getKep(prisma: PrismaClient, projectSlug: string, ref: string, options: RuleOptions) {
  const project = await projectOf(prisma, projectSlug);
  const context = await loadRuleContext(prisma, project.id, options);
  const sameNumber = (kep: { enhancementIssue: number | null; number: string }) =>
    prisma.kep.findMany({ where: kep.enhancementIssue === null ? { number: kep.number } : { enhancementIssue: kep.enhancementIssue } });
  let kep: Kep | null;
  let others: Kep[];
  if (ref.includes('/')) {
    kep = await prisma.kep.findUnique({ where: { key: ref } });
    if (!kep) throw notFound(`No KEP ${ref}`);
    others = (await sameNumber(kep)).filter((other) => other.key !== kep!.key);
  } else {
    ({ chosen: kep, others } = chooseKep(await sameNumber({ enhancementIssue: enhancementIssueOf(ref), number: ref })));
  }
  const number = kep ? (kep.enhancementIssue === null ? null : String(kep.enhancementIssue)) : String(enhancementIssueOf(ref) ?? ref);
  const rows = number || kep ? await loadTrackings(prisma, project.id, { OR: [...(number ? [{ kepNumber: number }] : []), ...(kep ? [{ kepKey: kep.key }] : [])] }) : [];
  // The project's tracking record of this KEP; one citing its number may mean another KEP.
  const row = rows.find((r) => (r.kep?.key ?? null) === (kep?.key ?? null)) ?? null;
  const elsewhere = row ? null : (rows.find((r) => r.kep) ?? null);
  if (!kep && !row) throw notFound(`No KEP-${ref}`);
  const enhancementIssue = kep?.enhancementIssue ?? enhancementIssueOf(row?.tracking.kepNumber ?? ref);
  const [history, exceptions, liaisons, releaseTeam] = await Promise.all([
    prisma.kepHistory.findMany({
      where: { OR: [...(kep ? [{ kepKey: kep.key }] : []), ...(row ? [{ projectId: project.id, kepNumber: row.tracking.kepNumber }] : [])] },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
    }),
    number ? prisma.kubernetesException.findMany({ where: { kepNumber: number }, include: { release: { select: { version: true } } } }) : [],
    row?.tracking.kubernetesRelease ? prisma.kepLiaison.findMany({ where: { projectId: project.id, kubernetesRelease: row.tracking.kubernetesRelease } }) : [],
    loadReleaseTeamContext(prisma, enhancementIssue === null ? [] : [enhancementIssue]),
  ]);
  // The release team's view in every release the KEP, its issue, an exception or the tracking names.
  const releases = [...new Set([...releasesOfKep(releaseTeam, kep, enhancementIssue), ...(row?.tracking.kubernetesRelease ? [row.tracking.kubernetesRelease] : [])])].sort(compareKubernetesVersions);
  const prr = prrOf(releaseTeam, kep);
  return {
    project,
    kep,
    /** Other KEPs with this KEP's number. */
    others: others.map(({ key, title, owningSig, participatingSigs, missingSince }) => ({ key, title, owningSig, participatingSigs, missingSince })),
    tracking: row ? toTrackedKep(row, context) : null,
    /** The project tracks this KEP's number as another KEP. */
    trackedAs: elsewhere?.kep ? { key: elsewhere.kep.key, issueNumber: elsewhere.tracking.issueNumber } : null,
    issue: row?.issue ?? null,
    /** The liaisons of the tracking's Kubernetes release, as people set them. */
    liaisons: liaisons.map((l) => l.login),
    history,
    exceptions: exceptions.map((e) => ({ version: e.release.version, freeze: e.freeze, status: e.status, dateRequested: e.dateRequested })).sort((a, b) => compareKubernetesVersions(a.version, b.version)),
    /** keps/prod-readiness/<sig>/<number>.yaml: the PRR approver of each stage. */
    prr: prr && { file: prr.path, approvals: prr.approvals, missingSince: prr.missingSince },
    /** The Kubernetes release team's state of this KEP in each release it has to do with, oldest first. */
    releaseTeam: releases.map((release) => {
      const view = releaseTeamViewOf(releaseTeam, kep, enhancementIssue, release, options.today);
      const record = enhancementIssue === null ? undefined : releaseTeam.records.get(enhancementIssue)?.get(release);
      return { ...view, label: describeReleaseTeamState(view), announcedUrl: record?.announcedUrl ?? null, schedule: releaseTeam.schedules.get(release) ?? null };
    }),
    /** Whether kubernetes/enhancements issues are mirrored at all. */
    enhancementsMirrored: releaseTeam.mirror !== null,
  };
}

/** A shepherd's KEPs, oldest idle first, each with what blocks it. */
export async function getShepherdQueue(prisma: PrismaClient, projectSlug: string, login: string, options: RuleOptions) {
  const project = await projectOf(prisma, projectSlug);
  const context = await loadRuleContext(prisma, project.id, options);
  const rows = await loadTrackings(prisma, project.id);
  const mine = rows.filter((row) => row.tracking.shepherds.some((s) => s.toLowerCase() === login.toLowerCase())).map((row) => toTrackedKep(row, context));
  const finished = mine.filter((kep) => kep.state === 'DONE' || kep.state === 'WITHDRAWN');
  const keps = mine.filter((kep) => !finished.includes(kep)).sort((a, b) => a.idleSince.getTime() - b.idleSince.getTime() || Number(a.kepNumber) - Number(b.kepNumber));
  return { project, login, keps, finished, idleDays: context.idleDays };
}
