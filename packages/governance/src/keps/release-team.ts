import type { KepMetadata } from './parse-kep-metadata';
import { compareKubernetesVersions, normaliseKubernetesVersion } from './kep-problems';
import { prrApproverOf, type PrrApprovalEntry } from './parse-prr-approval';

// The Kubernetes release team's view of a KEP in one release, as sig-release's enhancements
// handbook (release-team/role-handbooks/enhancements) defines it, read from what is public:
//
// - the SIG lead opts a KEP in: the enhancement issue gets `lead-opted-in` and the release's
//   milestone (`v1.37`); both are cleared at the end of every release;
// - the enhancements team marks it `tracked/yes` when it meets the requirements of the freeze that
//   comes next (enhancements freeze, then code freeze), `tracked/no` with `/milestone clear` when
//   it is removed from the milestone, and `tracked/out-of-tree` when its code lives outside
//   kubernetes/kubernetes; `stage/alpha|beta|stable` is the stage it targets;
// - "at risk for enhancements / code freeze", "removed from milestone" and "deferred" are statuses
//   of the team's tracking board that no label carries; the team announces them on the issue in its
//   status comments ("The status of this enhancement is marked as `At risk for code freeze`");
// - exceptions to a freeze are sig-release's exceptions files (approved or rejected).
//
// Shepherd also checks the enhancements-freeze requirements it can see itself (kep.yaml's
// latest-milestone, status and stage milestone, and the PRR approval of the stage), so an opted-in
// KEP that misses one is at risk before the team has said so. Pure functions; the database layer
// feeds the facts.

export const LEAD_OPTED_IN = 'lead-opted-in';
export const TRACKED_LABELS = { 'tracked/yes': 'yes', 'tracked/no': 'no', 'tracked/out-of-tree': 'out-of-tree' } as const;
export type TrackedLabel = (typeof TRACKED_LABELS)[keyof typeof TRACKED_LABELS];

export type ReleaseTeamState = 'NOT_OPTED_IN' | 'OPTED_IN' | 'TRACKED' | 'AT_RISK' | 'REMOVED' | 'DEFERRED' | 'EXCEPTION' | 'UNKNOWN';
export const RELEASE_TEAM_STATES: ReleaseTeamState[] = ['AT_RISK', 'EXCEPTION', 'OPTED_IN', 'TRACKED', 'NOT_OPTED_IN', 'REMOVED', 'DEFERRED', 'UNKNOWN'];
export const RELEASE_TEAM_STATE_LABEL: Record<ReleaseTeamState, string> = {
  NOT_OPTED_IN: 'not opted in',
  OPTED_IN: 'opted in',
  TRACKED: 'tracked',
  AT_RISK: 'at risk',
  REMOVED: 'removed from the milestone',
  DEFERRED: 'deferred',
  EXCEPTION: 'exception',
  UNKNOWN: 'unknown',
};

export type Freeze = 'prr' | 'enhancements' | 'code' | 'docs';

/** The board statuses the handbook names, as the team writes them in its comments (lower case). */
export const ANNOUNCED_STATUSES = [
  'tracked for prr freeze', 'at risk for prr freeze',
  'tracked for enhancements freeze', 'at risk for enhancements freeze',
  'tracked for code freeze', 'at risk for code freeze',
  'tracked for docs freeze', 'at risk for docs freeze',
  'removed from milestone', 'deferred', 'exception required',
] as const;
export type AnnouncedStatus = (typeof ANNOUNCED_STATUSES)[number];

export interface EnhancementLabels {
  optedIn: boolean;
  tracked: TrackedLabel | null;
  /** stage/* labels: "alpha", "beta", "stable" (others as written). */
  stages: string[];
  /** sig/* labels as SIG names: "sig-node". */
  sigs: string[];
}

export function readEnhancementLabels(labels: string[]): EnhancementLabels {
  const tracked = labels.map((label) => TRACKED_LABELS[label as keyof typeof TRACKED_LABELS]).filter(Boolean);
  return {
    optedIn: labels.includes(LEAD_OPTED_IN),
    // Two tracked labels at once is a slip; "no" is the one that removes, so it wins.
    tracked: tracked.includes('no') ? 'no' : (tracked[0] ?? null),
    stages: labels.flatMap((label) => /^stage\/(.+)$/.exec(label)?.[1] ?? []),
    sigs: labels.flatMap((label) => (/^sig\/(.+)$/.exec(label) ? [`sig-${label.slice(4)}`] : [])),
  };
}

/** "v1.37" (a milestone title) → "1.37"; anything else names no Kubernetes release. */
export const releaseOfMilestone = (title: string | null | undefined) => (title ? normaliseKubernetesVersion(title) : null);

export interface Announcement {
  status: AnnouncedStatus;
  /** The release the comment speaks for ("v1.37 Enhancements team here"), when it names one. */
  release: string | null;
}

const STATUS_PATTERN = /marked as\s+`?(tracked for (?:the upcoming )?(?:prr|enhancements?|code|docs) freeze|at risk for (?:prr|enhancements?|code|docs) freeze|removed from (?:the )?milestone|deferred|exception required)`?/gi;

/**
 * The status a release-team comment announces: the handbook's templates say "…is marked as
 * `At risk for enhancements freeze`", "…now marked as `Tracked for code freeze`!", or "now marked as
 * tracked for the upcoming enhancements freeze"; the last one in the comment counts.
 */
export function readAnnouncement(body: string): Announcement | null {
  const matches = [...body.matchAll(STATUS_PATTERN)];
  if (!matches.length) return null;
  const status = matches.at(-1)![1]
    .toLowerCase()
    .replace('the upcoming ', '')
    .replace('enhancement freeze', 'enhancements freeze')
    .replace('removed from the milestone', 'removed from milestone') as AnnouncedStatus;
  const release = /\b(v?1\.\d{1,3})\s+(?:release\s+)?enhancements\s+(?:team|lead|shadow)/i.exec(body)?.[1];
  return { status, release: release ? normaliseKubernetesVersion(release) : null };
}

export interface KubernetesScheduleFacts {
  version: string;
  prrFreeze: Date | null;
  enhancementsFreeze: Date;
  codeFreeze: Date;
  releaseOn: Date;
}

/** What the mirror kept of an issue in one release's milestone (KepReleaseTeamRecord). */
export interface ReleaseTeamRecordFacts {
  optedIn: boolean;
  tracked: string | null;
  stages: string[];
  announced: string | null;
  announcedAt: Date | null;
  lastSeenAt: Date;
  leftAt: Date | null;
  leftTo: string | null;
  leftLabels: string[];
}

export type KepMilestoneFacts = Pick<
  KepMetadata,
  'status' | 'stage' | 'latestMilestone' | 'alphaMilestone' | 'betaMilestone' | 'stableMilestone' | 'deprecatedMilestone' | 'disabledMilestone' | 'removedMilestone'
>;

export interface ReleaseTeamFacts {
  release: string;
  schedule: KubernetesScheduleFacts | null;
  today: Date;
  /** The KEP's enhancement issue (kubernetes/enhancements#N); null for a 0000 KEP. */
  enhancementIssue: number | null;
  /** Whether Shepherd mirrors kubernetes/enhancements issues at all, and since when. */
  mirror: { since: Date } | null;
  /** The issue as mirrored now; null when it is not in the mirror. */
  issue: { state: string; labels: string[]; milestone: string | null } | null;
  /** What the mirror kept of the issue in this release's milestone. */
  record: ReleaseTeamRecordFacts | null;
  exceptions: { freeze: string; status: string; dateReviewed: string | null }[];
  kep: KepMilestoneFacts | null;
  /** The KEP's PRR approval file; null when none was imported for it. */
  prr: { approvals: PrrApprovalEntry[] } | null;
}

export interface ReleaseTeamView {
  release: string;
  state: ReleaseTeamState;
  /** For AT_RISK: the freeze it is at risk for. */
  freeze: Freeze | null;
  /** The stage the KEP targets in this release (stage label, else kep.yaml). */
  stage: string | null;
  outOfTree: boolean;
  /** For EXCEPTION and REMOVED by a rejected exception: the exception's freeze and status. */
  exception: { freeze: string; status: string } | null;
  /** Why this state, each with where it comes from. */
  reasons: string[];
  /** The enhancements-freeze requirements Shepherd could not see met (empty when all are). */
  missing: string[];
}

const STAGE_ORDER = ['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const;
const milestoneOf = (kep: KepMilestoneFacts, stage: string) => kep[`${stage}Milestone` as keyof KepMilestoneFacts] as string | null;
const day = (date: Date) => date.toISOString().slice(0, 10);

/** The stage a KEP targets in `release`: a stage/* label, else the kep.yaml stage whose milestone it is, else the stage of its latest milestone. */
export function targetStage(release: string, kep: KepMilestoneFacts | null, stageLabels: string[]): string | null {
  if (stageLabels.length) return stageLabels.at(-1)!;
  if (!kep) return null;
  const byMilestone = [...STAGE_ORDER].reverse().find((stage) => milestoneOf(kep, stage) === release);
  if (byMilestone) return byMilestone;
  return kep.latestMilestone === release ? kep.stage : null;
}

/** Whether kep.yaml names `release` as the latest milestone or a stage's milestone. */
export function kepTargets(kep: KepMilestoneFacts, release: string): boolean {
  return kep.latestMilestone === release || STAGE_ORDER.some((stage) => milestoneOf(kep, stage) === release);
}

/**
 * The handbook's enhancements-freeze requirements Shepherd can check without the team: kep.yaml
 * says `latest-milestone: <release>`, `status: implementable` (implemented for stable), the stage's
 * milestone is the release, and keps/prod-readiness/<sig>/<number>.yaml names the stage's PRR
 * approver. The KEP README's sections it does not check.
 */
export function missingForEnhancementsFreeze(release: string, stage: string | null, kep: KepMilestoneFacts | null, prr: ReleaseTeamFacts['prr']): string[] {
  if (!kep) return ['kep.yaml is not imported'];
  const missing: string[] = [];
  if (kep.latestMilestone !== release) missing.push(`kep.yaml latest-milestone is ${kep.latestMilestone ?? 'not set'}, not ${release}`);
  const statuses = stage === 'stable' ? ['implementable', 'implemented'] : ['implementable'];
  if (!kep.status || !statuses.includes(kep.status)) missing.push(`kep.yaml status is ${kep.status ?? 'not set'}, not ${statuses.join(' or ')}`);
  if (!stage) missing.push('no target stage (no stage/* label, and kep.yaml names no stage for this release)');
  else {
    if ((STAGE_ORDER as readonly string[]).includes(stage) && milestoneOf(kep, stage) !== release) missing.push(`kep.yaml milestone.${stage} is ${milestoneOf(kep, stage) ?? 'not set'}, not ${release}`);
    if (['alpha', 'beta', 'stable'].includes(stage) && !(prr && prrApproverOf(prr.approvals, stage))) missing.push(`no PRR approval for ${stage} (keps/prod-readiness)`);
  }
  return missing;
}

const FREEZE_OF: Record<string, Freeze> = { prr: 'prr', enhancements: 'enhancements', enhancement: 'enhancements', code: 'code', docs: 'docs' };
const freezeOf = (status: string) => FREEZE_OF[/for (\w+) freeze/.exec(status)?.[1] ?? ''] ?? null;
/** sig-release's exceptions files name the freezes enhancementFreeze, codeFreeze, docsFreeze. */
const exceptionFreeze = (freeze: string) => freeze.replace(/Freeze$/, '').replace(/^enhancement$/, 'enhancements');

export function releaseTeamState(facts: ReleaseTeamFacts): ReleaseTeamView {
  const { release, schedule, today, record, issue, kep } = facts;
  const labels = issue?.milestone === release ? readEnhancementLabels(issue.labels) : null;
  const stage = targetStage(release, kep, labels?.stages ?? record?.stages ?? []);
  const missing = missingForEnhancementsFreeze(release, stage, kep, facts.prr);
  const view = (state: ReleaseTeamState, reasons: string[], extra: Partial<ReleaseTeamView> = {}): ReleaseTeamView => ({
    release, state, freeze: null, stage, outOfTree: (labels?.tracked ?? record?.tracked) === 'out-of-tree', exception: null, reasons, missing, ...extra,
  });
  const issueName = `kubernetes/enhancements#${facts.enhancementIssue}`;
  const past = (date: Date | null | undefined) => Boolean(date && date.getTime() <= today.getTime());

  // sig-release's exceptions file for this release: the newest freeze's request decides.
  const exception = [...facts.exceptions].sort((a, b) => ['enhancementFreeze', 'codeFreeze', 'docsFreeze'].indexOf(a.freeze) - ['enhancementFreeze', 'codeFreeze', 'docsFreeze'].indexOf(b.freeze)).at(-1);
  if (exception) {
    const freeze = exceptionFreeze(exception.freeze);
    const reviewed = exception.dateReviewed ? ` on ${exception.dateReviewed}` : '';
    const source = `sig-release exceptions for ${release}`;
    if (exception.status === 'rejected') return view('REMOVED', [`${freeze} freeze exception rejected${reviewed} (${source})`], { exception: { freeze, status: exception.status } });
    return view('EXCEPTION', [`${freeze} freeze exception ${exception.status}${reviewed} (${source})`], { exception: { freeze, status: exception.status } });
  }

  if (facts.enhancementIssue === null) return view('UNKNOWN', ['a 0000 KEP has no enhancement issue to opt in']);

  // The issue left this release's milestone: moved on (deferred), cleared (removed), or the end-of-release cleanup.
  if (record?.leftAt && issue?.milestone !== release) {
    const when = day(record.leftAt);
    const moved = releaseOfMilestone(record.leftTo);
    if (moved && compareKubernetesVersions(moved, release) > 0) return view('DEFERRED', [`${issueName} moved to the ${record.leftTo} milestone (${when})`]);
    if (schedule && record.leftAt.getTime() >= schedule.releaseOn.getTime()) {
      const finalState = record.tracked === 'no' ? 'REMOVED' : record.tracked ? 'TRACKED' : 'REMOVED';
      const how = record.tracked ? `tracked/${record.tracked}` : record.optedIn ? 'lead-opted-in without tracked/yes' : 'not opted in';
      return view(finalState, [`${how} when ${release} was released; the milestone was cleared after the release (${when})`]);
    }
    const removedBy = record.leftLabels.includes('tracked/no') || record.tracked === 'no' ? ' with tracked/no' : '';
    return view('REMOVED', [`${issueName} left the v${release} milestone${removedBy} (${when})${record.leftTo ? `, now in ${record.leftTo}` : ''}`]);
  }

  if (labels) {
    const announced = record?.announced ?? null;
    const announcedOn = record?.announcedAt ? ` (${day(record.announcedAt)})` : '';
    if (labels.tracked === 'no') return view('REMOVED', [`${issueName} is labelled tracked/no in the v${release} milestone`]);
    if (announced === 'removed from milestone') return view('REMOVED', [`the release team announced "removed from milestone"${announcedOn}`]);
    if (announced === 'deferred') return view('DEFERRED', [`the release team announced "deferred"${announcedOn}`]);
    if (kep?.status === 'deferred') return view('DEFERRED', [`kep.yaml status is deferred`]);
    if (labels.tracked) {
      const how = labels.tracked === 'out-of-tree' ? 'tracked/out-of-tree (its code is outside kubernetes/kubernetes)' : 'tracked/yes';
      if (announced?.startsWith('at risk for') && freezeOf(announced) === 'code' && !past(schedule?.codeFreeze)) {
        return view('AT_RISK', [`the release team announced "${announced}"${announcedOn}`, `${issueName} is ${how}`], { freeze: 'code' });
      }
      const after = schedule && past(schedule.codeFreeze) ? ' (past code freeze)' : schedule && past(schedule.enhancementsFreeze) ? ' (past enhancements freeze)' : '';
      return view('TRACKED', [`${issueName} is ${how} in the v${release} milestone${after}`]);
    }
    if (!labels.optedIn) return view('NOT_OPTED_IN', [`${issueName} is in the v${release} milestone without lead-opted-in: its SIG lead has not opted it in`]);
    if (announced?.startsWith('at risk for')) return view('AT_RISK', [`the release team announced "${announced}"${announcedOn}`], { freeze: freezeOf(announced) });
    if (schedule && past(schedule.enhancementsFreeze)) {
      return view('AT_RISK', [`lead-opted-in, but not tracked/yes after the enhancements freeze (${day(schedule.enhancementsFreeze)}): removal, or an exception, follows`], { freeze: 'enhancements' });
    }
    if (missing.length) return view('AT_RISK', [`lead-opted-in; Shepherd sees enhancements-freeze requirements missing`], { freeze: 'enhancements' });
    return view('OPTED_IN', [`lead-opted-in in the v${release} milestone; waiting for the release team's tracked/yes`]);
  }

  if (!facts.mirror) return view('UNKNOWN', ['kubernetes/enhancements issues are not mirrored yet (the GitHub sync mirrors them once GitHub is configured)']);
  if (!issue) return view('UNKNOWN', [`${issueName} is not in the mirror`]);
  if (schedule && facts.mirror.since.getTime() > schedule.releaseOn.getTime()) {
    return view('UNKNOWN', [`${release} was released (${day(schedule.releaseOn)}) before Shepherd mirrored enhancement issues (${day(facts.mirror.since)})`]);
  }
  const where = issue.milestone ? `in the ${issue.milestone === release ? `v${release}` : `v${issue.milestone}`} milestone` : 'in no milestone';
  return view('NOT_OPTED_IN', [`${issueName} is ${where}${readEnhancementLabels(issue.labels).optedIn ? '' : ', without lead-opted-in'}`]);
}

/** The label a person reads: "at risk for code freeze", "exception approved (code freeze)". */
export function describeReleaseTeamState(view: Pick<ReleaseTeamView, 'state' | 'freeze' | 'exception' | 'outOfTree'>): string {
  if (view.state === 'AT_RISK') return view.freeze ? `at risk for ${view.freeze === 'prr' ? 'PRR' : view.freeze} freeze` : 'at risk';
  if (view.state === 'EXCEPTION' && view.exception) return `exception ${view.exception.status} (${view.exception.freeze} freeze)`;
  if (view.state === 'TRACKED' && view.outOfTree) return 'tracked (out of tree)';
  return RELEASE_TEAM_STATE_LABEL[view.state];
}
