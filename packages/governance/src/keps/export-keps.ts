import type { getKep, KepListRow, TrackedKep } from './get-kep-views';
import type { LiaisonBoard } from './get-liaison-board';
import { STATE_LABEL } from './tracking-rules';

// The JSON records and CSV tables of the KEP read API (the list, one KEP joined with everything
// Shepherd knows of it, and a release's liaison board). Plain data: the web layer only encodes it.

const day = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);
const list = (values: string[]) => values.join(' ');

function trackingRecord(tracking: TrackedKep | null, repository: string) {
  if (!tracking) return null;
  return {
    state: tracking.state,
    stateLabel: STATE_LABEL[tracking.state],
    issueNumber: tracking.issueNumber,
    issueUrl: tracking.issueNumber ? `https://github.com/${repository}/issues/${tracking.issueNumber}` : null,
    kubernetesRelease: tracking.kubernetesRelease,
    kubernetesStage: tracking.kubernetesStage,
    targetCycle: tracking.targetCycle,
    shepherds: tracking.shepherds,
    liaisons: tracking.liaisons,
    backupLiaisons: tracking.backupLiaisons,
    shipments: tracking.shipments,
    pullRequests: tracking.pullRequests.map((pr) => ({ ...pr, lastActivityAt: pr.lastActivityAt.toISOString() })),
    warnings: tracking.warnings,
  };
}

/** One row of the KEP list as JSON. */
export function kepListRecord(row: KepListRow, repository: string) {
  const kep = row.kep;
  return {
    number: row.number,
    key: row.key,
    title: row.title,
    owningSig: kep?.owningSig ?? null,
    participatingSigs: kep?.participatingSigs ?? [],
    status: kep?.status ?? null,
    stage: kep?.stage ?? null,
    milestones: kep
      ? { latest: kep.latestMilestone, alpha: kep.alphaMilestone, beta: kep.betaMilestone, stable: kep.stableMilestone, deprecated: kep.deprecatedMilestone, disabled: kep.disabledMilestone, removed: kep.removedMilestone }
      : null,
    featureGates: kep?.featureGates ?? [],
    authors: kep?.authors ?? [],
    reviewers: kep?.reviewers ?? [],
    approvers: kep?.approvers ?? [],
    prrApprovers: kep?.prrApprovers ?? [],
    enhancementIssue: kep?.enhancementIssue ?? null,
    source: kep?.repository && kep.path ? `https://github.com/${kep.repository}/blob/HEAD/${kep.path}` : null,
    missingSince: day(kep?.missingSince),
    sharedWith: row.sharedWith,
    tracking: trackingRecord(row.tracking, repository),
  };
}

export const KEP_LIST_CSV_HEADER = [
  'number', 'key', 'title', 'owning_sig', 'participating_sigs', 'status', 'stage', 'latest_milestone', 'alpha', 'beta', 'stable',
  'feature_gates', 'reviewers', 'approvers', 'prr_approvers', 'tracking_state', 'shepherds', 'runtime_target', 'tracking_issue',
];

/** The KEP list as CSV rows (header first); lists are space-separated. */
export function kepListCsv(rows: KepListRow[]): string[][] {
  return [
    KEP_LIST_CSV_HEADER,
    ...rows.map(({ number, key, title, kep, tracking }) => [
      number, key ?? '', title, kep?.owningSig ?? '', list(kep?.participatingSigs ?? []), kep?.status ?? '', kep?.stage ?? '', kep?.latestMilestone ?? '',
      kep?.alphaMilestone ?? '', kep?.betaMilestone ?? '', kep?.stableMilestone ?? '', list(kep?.featureGates ?? []), list(kep?.reviewers ?? []),
      list(kep?.approvers ?? []), list(kep?.prrApprovers ?? []), tracking?.state ?? 'untracked', list(tracking?.shepherds ?? []), tracking?.targetCycle ?? '',
      tracking?.issueNumber ? String(tracking.issueNumber) : '',
    ]),
  ];
}

/** One KEP joined: kep.yaml, its PRR approvals, the release team's state per release, the project's tracking. */
export function kepRecord(data: Awaited<ReturnType<typeof getKep>>) {
  const { project, kep, tracking, others, exceptions, prr, releaseTeam, history } = data;
  const row: KepListRow = { key: kep?.key ?? null, number: kep?.number ?? tracking!.kepNumber, title: kep?.title ?? tracking!.title, kep, tracking, sharedWith: others.map((o) => o.key) };
  return {
    ...kepListRecord(row, project.repository),
    prr: prr && { file: prr.file, approvals: prr.approvals, missingSince: day(prr.missingSince) },
    releaseTeam: releaseTeam.map((view) => ({
      release: view.release,
      state: view.state,
      label: view.label,
      freeze: view.freeze,
      stage: view.stage,
      outOfTree: view.outOfTree,
      exception: view.exception,
      reasons: view.reasons,
      missing: view.missing,
      announcedUrl: view.announcedUrl,
    })),
    enhancementsMirrored: data.enhancementsMirrored,
    exceptions,
    others: others.map(({ key, title, owningSig }) => ({ key, title, owningSig })),
    history: history.map((h) => ({ at: h.at.toISOString(), kind: h.kind, field: h.field, before: h.before, after: h.after, source: h.source })),
  };
}

/** A release's liaison board as JSON. */
export function liaisonBoardRecord(board: LiaisonBoard) {
  return {
    project: board.project.slug,
    release: board.version,
    released: board.released,
    schedule: board.release && {
      cycleStart: day(board.release.cycleStart), proposed: board.release.proposed, source: board.release.source,
    },
    deadlines: board.deadlines.map((d) => ({ name: d.name, at: d.at.toISOString(), daysLeft: d.daysLeft })),
    liaisons: board.liaisons,
    sig: board.sig,
    enhancementsMirroredSince: board.mirroredSince?.toISOString() ?? null,
    report: {
      states: board.report.states,
      byStage: board.report.byStage,
      totals: board.report.totals,
      total: board.report.total,
      byProjectState: board.report.byProjectState.map(({ state, count }) => ({ state: state ?? 'UNTRACKED', count })),
    },
    keps: board.rows.map((row) => ({
      number: row.kepNumber,
      key: row.key,
      title: row.title,
      owningSig: row.owningSig,
      participatingSigs: row.participatingSigs,
      stage: row.stage,
      releaseTeam: { state: row.releaseTeam.state, label: row.releaseTeam.label, freeze: row.releaseTeam.freeze, outOfTree: row.releaseTeam.outOfTree, exception: row.releaseTeam.exception, reasons: row.releaseTeam.reasons, missing: row.releaseTeam.missing },
      prr: row.prr,
      tracking: trackingRecord(row.tracking, board.project.repository),
      todo: row.todo,
    })),
  };
}

export const LIAISON_BOARD_CSV_HEADER = [
  'number', 'key', 'title', 'owning_sig', 'participating_sigs', 'stage', 'release_team_state', 'release_team', 'prr_approver',
  'tracking_state', 'shepherds', 'runtime_target', 'tracking_issue', 'todo',
];

export function liaisonBoardCsv(board: LiaisonBoard): string[][] {
  return [
    LIAISON_BOARD_CSV_HEADER,
    ...board.rows.map((row) => [
      row.kepNumber, row.key ?? '', row.title, row.owningSig ?? '', list(row.participatingSigs), row.stage ?? '', row.releaseTeam.state, row.releaseTeam.label,
      row.prr.approver ?? '', row.tracking?.state ?? 'untracked', list(row.tracking?.shepherds ?? []), row.tracking?.targetCycle ?? '',
      row.tracking?.issueNumber ? String(row.tracking.issueNumber) : '', row.todo.map((t) => t.message).join('; '),
    ]),
  ];
}
