import type { KepModel as Kep, PrismaClient } from '../db';
import { TRACKED_SIG } from './choose-kep';
import { loadRuleContext, loadTrackings, projectOf, toTrackedKep, type RuleOptions, type TrackedKep } from './get-kep-views';
import { compareKubernetesVersions } from './kep-problems';
import { paginate } from './paginate';
import { prrApproverOf } from './parse-prr-approval';
import { loadReleaseTeamContext, prrOf, releaseTeamViewOf, type KubernetesSchedule } from './release-team-context';
import { describeReleaseTeamState, kepTargets, RELEASE_TEAM_STATES, type ReleaseTeamState, type ReleaseTeamView } from './release-team';
import { days, isoDay, stageRank, STATE_LABEL, type TrackingState } from './tracking-rules';

// The liaison board of one Kubernetes release: every KEP that SIG Node owns or takes part in and
// that targets the release — by kep.yaml, by its enhancement issue's milestone, by an exception, or
// by the project's tracking issue — tracked by the project or not, each with the release team's
// state, its PRR approval, the project's tracking state, shepherd and runtime target, and what the
// project must still do before the release's code freeze. With the release's deadlines, days left,
// and the weekly wrangler report (counts by stage and state).

export type LiaisonTodoRule = 'no-tracking-issue' | 'no-shepherd' | 'runtime-behind' | 'target-released';
export interface LiaisonTodo {
  rule: LiaisonTodoRule;
  message: string;
}

export interface LiaisonBoardRow {
  kepNumber: string;
  /** The KEP's directory; null for a KEP only a tracking issue knows (kep.yaml not merged). */
  key: string | null;
  title: string;
  owningSig: string | null;
  participatingSigs: string[];
  kepStatus: string | null;
  /** The stage the KEP targets in this release (stage label, else kep.yaml). */
  stage: string | null;
  releaseTeam: ReleaseTeamView & { label: string };
  /** The PRR approval of that stage: the approver, or null (with whether a PRR file exists at all). */
  prr: { stage: string | null; approver: string | null; file: string | null };
  tracking: TrackedKep | null;
  todo: LiaisonTodo[];
}

export interface Deadline {
  name: string;
  at: Date;
  /** Whole days from today; negative once passed. */
  daysLeft: number;
}

export interface LiaisonBoardOptions extends RuleOptions {
  /** Only KEPs this SIG owns or takes part in ("sig-scheduling"). */
  sig?: string;
  /** The page of rows to answer (the report always counts every row); every row unless given. */
  page?: number;
  perPage?: number;
}

const FINISHED: ReleaseTeamState[] = ['REMOVED', 'DEFERRED'];
const WRANGLER_STAGES = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'];

const involvesTrackedSig = (kep: Kep) => kep.owningSig === TRACKED_SIG || kep.participatingSigs.includes(TRACKED_SIG);

/** The release a board opens on: the one in progress, else the next, else the newest. */
function defaultRelease(versions: string[], schedules: Map<string, KubernetesSchedule>, today: Date): string | null {
  const scheduled = versions.filter((v) => schedules.has(v));
  const current = scheduled.find((v) => schedules.get(v)!.releaseOn.getTime() > today.getTime());
  return current ?? scheduled.at(-1) ?? versions.at(-1) ?? null;
}

export async function getLiaisonBoard(prisma: PrismaClient, projectSlug: string, version: string | null, options: LiaisonBoardOptions) {
  const project = await projectOf(prisma, projectSlug);
  const [context, releaseTeam, trackings, keps] = await Promise.all([
    loadRuleContext(prisma, project.id, options),
    loadReleaseTeamContext(prisma),
    loadTrackings(prisma, project.id),
    prisma.kep.findMany({ where: { OR: [{ owningSig: TRACKED_SIG }, { participatingSigs: { has: TRACKED_SIG } }] } }),
  ]);
  const today = options.today;
  const tracked = trackings.map((row) => ({ row, view: toTrackedKep(row, context) }));

  // Releases worth a board: scheduled ones, and those KEPs, issues or tracking records name from the first scheduled on.
  const named = new Set<string>([...releaseTeam.schedules.keys()]);
  for (const { view } of tracked) if (view.kubernetesRelease) named.add(view.kubernetesRelease);
  for (const kep of keps) for (const v of [kep.latestMilestone, kep.alphaMilestone, kep.betaMilestone, kep.stableMilestone, kep.deprecatedMilestone, kep.disabledMilestone, kep.removedMilestone]) if (v) named.add(v);
  for (const records of releaseTeam.records.values()) for (const release of records.keys()) named.add(release);
  const oldest = [...releaseTeam.schedules.keys()].sort(compareKubernetesVersions)[0];
  const versions = [...named].filter((v) => !oldest || compareKubernetesVersions(v, oldest) >= 0).sort(compareKubernetesVersions);
  const chosen = version ?? defaultRelease(versions, releaseTeam.schedules, today);
  const schedule = chosen ? (releaseTeam.schedules.get(chosen) ?? null) : null;

  const rows: LiaisonBoardRow[] = [];
  if (chosen) {
    const trackingByKey = new Map(tracked.flatMap(({ row, view }) => (row.kep ? [[row.kep.key, view] as const] : [])));
    const inRelease = (kep: Kep) => {
      const issue = kep.enhancementIssue;
      return (
        kepTargets(kep, chosen) ||
        (issue !== null && (releaseTeam.records.get(issue)?.has(chosen) || releaseTeam.exceptions.get(chosen)?.has(String(issue)))) ||
        trackingByKey.get(kep.key)?.kubernetesRelease === chosen
      );
    };
    const selected = new Map<string, { kep: Kep | null; tracking: TrackedKep | null }>();
    for (const kep of keps.filter((k) => !k.missingSince || trackingByKey.has(k.key)).filter(inRelease)) selected.set(kep.key, { kep, tracking: trackingByKey.get(kep.key) ?? null });
    // The project's tracking issues name this release: their KEPs are on the board whatever their SIG.
    for (const { row, view } of tracked.filter(({ view }) => view.kubernetesRelease === chosen)) {
      selected.set(row.kep?.key ?? `#${view.kepNumber}`, { kep: row.kep, tracking: view });
    }
    for (const { kep, tracking } of selected.values()) rows.push(boardRow(project.name, chosen, schedule, kep, tracking, releaseTeam, context.cycles, today));
  }
  const sig = options.sig;
  const sigs = [...new Set(rows.flatMap((r) => [r.owningSig, ...r.participatingSigs]).filter((s): s is string => Boolean(s)))].sort();
  const shown = rows
    .filter((r) => !sig || r.owningSig === sig || r.participatingSigs.includes(sig))
    .sort((a, b) => RELEASE_TEAM_STATES.indexOf(a.releaseTeam.state) - RELEASE_TEAM_STATES.indexOf(b.releaseTeam.state) || Number(a.kepNumber) - Number(b.kepNumber));

  const liaisons = chosen ? await prisma.kepLiaison.findMany({ where: { projectId: project.id, kubernetesRelease: chosen }, orderBy: { login: 'asc' } }) : [];
  const deadline = (name: string, at: Date | null): Deadline[] => (at ? [{ name, at, daysLeft: days(today, at) }] : []);
  return {
    project,
    version: chosen,
    versions,
    release: schedule,
    /** The release is out: the board is history. */
    released: Boolean(schedule && schedule.releaseOn.getTime() <= today.getTime()),
    deadlines: schedule
      ? [
          ...deadline('PRR freeze', schedule.prrFreeze),
          ...deadline('enhancements freeze', schedule.enhancementsFreeze),
          ...deadline('code freeze', schedule.codeFreeze),
          ...deadline('docs freeze', schedule.docsFreeze),
          ...deadline('release', schedule.releaseOn),
        ]
      : [],
    liaisons: liaisons.map((l) => l.login),
    sig: sig ?? null,
    sigs,
    ...paginate(shown, options.page, options.perPage ?? 0),
    report: wranglerReport(shown),
    /** Whether kubernetes/enhancements issues are mirrored (else the release team's states are unknown). */
    mirroredSince: releaseTeam.mirror?.since ?? null,
  };
}

export type LiaisonBoard = Awaited<ReturnType<typeof getLiaisonBoard>>;

function boardRow(
  projectName: string,
  release: string,
  schedule: KubernetesSchedule | null,
  kep: Kep | null,
  tracking: TrackedKep | null,
  context: Awaited<ReturnType<typeof loadReleaseTeamContext>>,
  cycles: Awaited<ReturnType<typeof loadRuleContext>>['cycles'],
  today: Date,
): LiaisonBoardRow {
  const enhancementIssue = kep?.enhancementIssue ?? (tracking && Number(tracking.kepNumber) ? Number(tracking.kepNumber) : null);
  const view = releaseTeamViewOf(context, kep, enhancementIssue, release, today);
  const stage = view.stage ?? (tracking?.kubernetesStage ? tracking.kubernetesStage.replace(/^beta-gate-(on|off)$/, 'beta').replace(/^ga$/, 'stable') : null);
  const prrFile = prrOf(context, kep);
  const todo: LiaisonTodo[] = [];
  if (!tracking?.issueNumber) todo.push({ rule: 'no-tracking-issue', message: `no ${projectName} tracking issue yet` });
  else if (tracking.shepherds.length === 0) todo.push({ rule: 'no-shepherd', message: 'no shepherd' });
  const rank = stageRank(stage);
  if (rank > 0 && !FINISHED.includes(view.state) && !['DONE', 'WITHDRAWN'].includes(tracking?.state ?? '')) {
    const shipped = (tracking?.shipments ?? []).filter((s) => stageRank(s.stage) >= rank);
    if (!shipped.length) {
      const out = schedule && schedule.releaseOn.getTime() <= today.getTime();
      const before = (tracking?.shipments ?? []).map((s) => `${s.stage} in ${s.cycleName}`).join(', ');
      todo.push({ rule: 'runtime-behind', message: `Kubernetes ${release} ${out ? 'released' : 'releases'} ${stage}; ${projectName} has shipped nothing for ${stage}${before ? ` (shipped: ${before})` : ''}` });
    }
    const cycle = tracking?.targetCycle ? cycles.get(tracking.targetCycle) : undefined;
    if (cycle?.ga && cycle.ga.getTime() <= today.getTime() && !shipped.length) {
      todo.push({ rule: 'target-released', message: `target runtime release ${cycle.name} is already out (${isoDay(cycle.ga)})` });
    }
  }
  return {
    kepNumber: tracking?.kepNumber ?? String(kep?.enhancementIssue ?? kep?.number),
    key: kep?.key ?? null,
    title: kep?.title ?? tracking?.title ?? `KEP-${tracking?.kepNumber}`,
    owningSig: kep?.owningSig ?? null,
    participatingSigs: kep?.participatingSigs ?? [],
    kepStatus: kep?.status ?? null,
    stage,
    releaseTeam: { ...view, label: describeReleaseTeamState(view) },
    prr: { stage, approver: prrFile && stage ? prrApproverOf(prrFile.approvals, stage) : null, file: prrFile?.path ?? null },
    tracking,
    todo,
  };
}

/** The weekly wrangler report: KEPs by stage and release-team state, and by the project's tracking state. */
export function wranglerReport(rows: LiaisonBoardRow[]) {
  const states = RELEASE_TEAM_STATES.filter((state) => rows.some((r) => r.releaseTeam.state === state));
  const stageOf = (r: LiaisonBoardRow) => (r.stage && WRANGLER_STAGES.includes(r.stage) ? r.stage : 'no stage');
  const stages = [...WRANGLER_STAGES, 'no stage'].filter((stage) => rows.some((r) => stageOf(r) === stage));
  const count = (filter: (r: LiaisonBoardRow) => boolean) => rows.filter(filter).length;
  const projectStates = [...new Set(rows.map((r) => r.tracking?.state ?? null))];
  return {
    states,
    byStage: stages.map((stage) => ({ stage, counts: states.map((state) => count((r) => stageOf(r) === stage && r.releaseTeam.state === state)), total: count((r) => stageOf(r) === stage) })),
    totals: states.map((state) => count((r) => r.releaseTeam.state === state)),
    total: rows.length,
    byProjectState: projectStates.map((state) => ({ state, label: state ? STATE_LABEL[state as TrackingState] : 'not tracked', count: count((r) => (r.tracking?.state ?? null) === state) })),
  };
}
