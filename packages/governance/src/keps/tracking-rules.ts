import type { RuntimeStage } from './parse-tracking-issue';

// The KEP workflow as pure functions: the state a tracking record is in, and the warnings a
// shepherd or liaison should see. The database layer feeds these facts; nothing here reads it.

export type TrackingState = 'UNTRIAGED' | 'TRIAGED' | 'IN_PROGRESS' | 'SHIPPED' | 'DONE' | 'AT_RISK' | 'DEFERRED' | 'WITHDRAWN';
export const TRACKING_STATES: TrackingState[] = ['UNTRIAGED', 'TRIAGED', 'IN_PROGRESS', 'SHIPPED', 'DONE', 'AT_RISK', 'DEFERRED', 'WITHDRAWN'];
/** States only a person sets; the derived state never replaces them. */
export const MANUAL_STATES: TrackingState[] = ['AT_RISK', 'DEFERRED', 'WITHDRAWN'];
const INACTIVE: TrackingState[] = ['DONE', 'WITHDRAWN', 'DEFERRED'];

export const STATE_LABEL: Record<TrackingState, string> = {
  UNTRIAGED: 'untriaged',
  TRIAGED: 'triaged',
  IN_PROGRESS: 'in progress',
  SHIPPED: 'shipped in a runtime release',
  DONE: 'done',
  AT_RISK: 'at risk',
  DEFERRED: 'deferred',
  WITHDRAWN: 'withdrawn',
};

export interface PullRequestFacts {
  number: number;
  title: string;
  state: string; // open | closed | merged
  lastActivityAt: Date;
}

export interface TrackingFacts {
  kepNumber: string;
  state: TrackingState;
  stateOverride: boolean;
  shepherds: string[];
  kubernetesRelease: string | null;
  kubernetesStage: RuntimeStage | string | null;
  targetCycle: string | null;
  shipments: { stage: string; cycleName: string }[];
  pullRequests: PullRequestFacts[];
  issue: { state: string; stateReason: string | null; labels: string[] } | null;
  kep: { stage: string | null; alphaMilestone: string | null; betaMilestone: string | null; stableMilestone: string | null } | null;
}

/** Derived state: closed issue → done/withdrawn; target stage shipped → shipped; PRs → in progress. */
export function deriveTrackingState(facts: Pick<TrackingFacts, 'shepherds' | 'targetCycle' | 'kubernetesStage' | 'shipments' | 'pullRequests' | 'issue'>): TrackingState {
  if (facts.issue?.state === 'closed') return facts.issue.stateReason === 'not_planned' ? 'WITHDRAWN' : 'DONE';
  if (facts.kubernetesStage && facts.shipments.some((s) => s.stage === facts.kubernetesStage)) return 'SHIPPED';
  if (facts.pullRequests.length > 0) return 'IN_PROGRESS';
  const triaged = facts.shepherds.length > 0 || facts.targetCycle !== null || (facts.issue?.labels.some((l) => l.startsWith('target/kubernetes/')) ?? false);
  return triaged ? 'TRIAGED' : 'UNTRIAGED';
}

/** The state to store: a hand-set at risk / deferred / withdrawn stays until a person changes it. */
export function nextTrackingState(current: { state: TrackingState; stateOverride: boolean }, derived: TrackingState): TrackingState {
  return current.stateOverride && MANUAL_STATES.includes(current.state) ? current.state : derived;
}

// alpha < beta (gate off or on) < GA/stable: Kubernetes stages and runtime stages on one scale.
const RANK: Record<string, number> = { alpha: 1, beta: 2, 'beta-gate-off': 2, 'beta-gate-on': 2, stable: 3, ga: 3 };
const RANK_NAME = ['none', 'alpha', 'beta', 'GA'];
/** alpha 1, beta (gate off or on) 2, stable / GA 3; 0 for stages off that scale (deprecated, removed…). */
export const stageRank = (stage: string | null | undefined) => (stage ? (RANK[stage] ?? 0) : 0);

export interface KubernetesReleaseFacts {
  version: string;
  codeFreeze: Date;
  releaseOn: Date;
}

export interface CycleFacts {
  name: string;
  featureFreeze: Date | null;
  ga: Date | null;
}

export interface RuleContext {
  today: Date;
  idleDays: number;
  /** How many days before code freeze open runtime PRs start to warn. */
  codeFreezeWarningDays: number;
  kubernetes: Map<string, KubernetesReleaseFacts>;
  cycles: Map<string, CycleFacts>;
}

export type WarningRule = 'no-shepherd' | 'kubernetes-ahead' | 'past-feature-freeze' | 'idle-pr' | 'code-freeze';

export interface TrackingWarning {
  rule: WarningRule;
  message: string;
}

const DAY = 86_400_000;
/** Whole days from `from` to `to` (how long a pull request has been idle). */
export const days = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY);
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function released(version: string | null, context: RuleContext): boolean {
  if (!version) return false;
  const known = context.kubernetes.get(version);
  if (known) return known.releaseOn.getTime() <= context.today.getTime();
  // Older than every scheduled release means long released.
  const minor = Number(version.split('.')[1]);
  const scheduled = [...context.kubernetes.keys()].map((v) => Number(v.split('.')[1]));
  return scheduled.length > 0 && minor < Math.min(...scheduled);
}

/** The highest stage Kubernetes has released, from the KEP's milestones and the schedule. */
export function kubernetesStageReached(kep: TrackingFacts['kep'], context: RuleContext): number {
  if (!kep) return 0;
  if (released(kep.stableMilestone, context)) return 3;
  if (released(kep.betaMilestone, context)) return 2;
  if (released(kep.alphaMilestone, context)) return 1;
  return 0;
}

export function checkTracking(facts: TrackingFacts, context: RuleContext): TrackingWarning[] {
  const warnings: TrackingWarning[] = [];
  if (INACTIVE.includes(facts.state)) return warnings;
  if (facts.shepherds.length === 0) warnings.push({ rule: 'no-shepherd', message: 'active KEP with no shepherd' });

  const reached = kubernetesStageReached(facts.kep, context);
  const shipped = Math.max(0, ...facts.shipments.map((s) => RANK[s.stage] ?? 0));
  if (reached > shipped) {
    warnings.push({ rule: 'kubernetes-ahead', message: `Kubernetes has released ${RANK_NAME[reached]}; the runtime has shipped ${shipped ? RANK_NAME[shipped] : 'nothing yet'}` });
  }

  const cycle = facts.targetCycle ? context.cycles.get(facts.targetCycle) : undefined;
  if (cycle && facts.state !== 'SHIPPED') {
    if (cycle.ga && cycle.ga.getTime() <= context.today.getTime()) {
      warnings.push({ rule: 'past-feature-freeze', message: `target runtime release ${cycle.name} was released on ${isoDay(cycle.ga)}` });
    } else if (cycle.featureFreeze && cycle.featureFreeze.getTime() < context.today.getTime()) {
      warnings.push({ rule: 'past-feature-freeze', message: `target runtime release ${cycle.name} is past its feature freeze (${isoDay(cycle.featureFreeze)})` });
    }
  }

  const open = facts.pullRequests.filter((pr) => pr.state === 'open');
  for (const pr of open) {
    const idle = days(pr.lastActivityAt, context.today);
    if (idle >= context.idleDays) warnings.push({ rule: 'idle-pr', message: `#${pr.number} idle for ${idle} days` });
  }

  const release = facts.kubernetesRelease ? context.kubernetes.get(facts.kubernetesRelease) : undefined;
  if (release && open.length > 0 && release.releaseOn.getTime() > context.today.getTime()) {
    const untilFreeze = days(context.today, release.codeFreeze);
    const prs = open.map((pr) => `#${pr.number}`).join(', ');
    if (untilFreeze < 0) warnings.push({ rule: 'code-freeze', message: `Kubernetes ${release.version} is past code freeze (${isoDay(release.codeFreeze)}) with open runtime PRs ${prs}` });
    else if (untilFreeze <= context.codeFreezeWarningDays) {
      warnings.push({ rule: 'code-freeze', message: `Kubernetes ${release.version} code freeze in ${untilFreeze} days (${isoDay(release.codeFreeze)}) with open runtime PRs ${prs}` });
    }
  }
  return warnings;
}

/** When the KEP last moved: its oldest idle open PR, else its newest activity. Queues sort by it. */
export function idleSince(facts: Pick<TrackingFacts, 'pullRequests'>, fallback: Date): Date {
  const open = facts.pullRequests.filter((pr) => pr.state === 'open').map((pr) => pr.lastActivityAt.getTime());
  return new Date(open.length ? Math.min(...open) : fallback.getTime());
}

/** Implementation PRs: they cite the tracking issue (#123 or its URL) or name KEP-NNNN in the title. */
export function matchPullRequest(
  pr: { title: string; body: string | null },
  tracking: { kepNumber: string; issueNumber: number | null; repository: string },
): 'reference' | 'title' | null {
  if (tracking.issueNumber !== null) {
    const n = tracking.issueNumber;
    const text = `${pr.title}\n${pr.body ?? ''}`;
    const [owner, repo] = tracking.repository.split('/');
    const reference = new RegExp(`(?:^|[^\\w/#])(?:${owner}/${repo})?#${n}(?!\\d)|github\\.com/${owner}/${repo}/issues/${n}(?!\\d)`, 'i');
    if (reference.test(text)) return 'reference';
  }
  if (new RegExp(`\\bKEP[\\s#-]*0*${tracking.kepNumber}(?!\\d)`, 'i').test(pr.title)) return 'title';
  return null;
}
