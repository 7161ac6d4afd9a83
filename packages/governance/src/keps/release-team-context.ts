import type { KepModel as Kep, PrismaClient } from '../db';
import { compareKubernetesVersions } from './kep-problems';
import type { PrrApprovalEntry } from './parse-prr-approval';
import { enhancementsRepository } from './record-enhancement-issues';
import { kepTargets, releaseTeamState, type KubernetesScheduleFacts, type ReleaseTeamRecordFacts, type ReleaseTeamView } from './release-team';

// What the release-team views read from the database, loaded once per page: the Kubernetes
// schedules, the mirrored enhancement issues and their per-release records, the exceptions and
// the PRR approval files. Plain functions of the database (the pages that use them are cacheable).

export interface KubernetesSchedule extends KubernetesScheduleFacts {
  cycleStart: Date;
  docsFreeze: Date | null;
  proposed: boolean;
  source: string;
}

export type StoredReleaseTeamRecord = ReleaseTeamRecordFacts & { kubernetesRelease: string; milestoneTitle: string; announcedBy: string | null; announcedUrl: string | null };

export interface ReleaseTeamContext {
  mirror: { since: Date } | null;
  schedules: Map<string, KubernetesSchedule>;
  /** Enhancement issues as mirrored now: labels, state, the milestone (release) they are in. */
  issues: Map<number, { state: string; labels: string[]; milestone: string | null }>;
  /** Per enhancement issue, per release. */
  records: Map<number, Map<string, StoredReleaseTeamRecord>>;
  /** Per release, per KEP number as the exceptions file writes it. */
  exceptions: Map<string, Map<string, { freeze: string; status: string; dateRequested: string | null; dateReviewed: string | null }[]>>;
  /** PRR approval files by "<sig>/<number>". */
  prr: Map<string, { approvals: PrrApprovalEntry[]; path: string | null; missingSince: Date | null }>;
}

export async function loadReleaseTeamContext(prisma: PrismaClient, enhancementIssues?: number[]): Promise<ReleaseTeamContext> {
  const issueFilter = enhancementIssues ? { in: enhancementIssues } : undefined;
  const [mirror, releases, records, exceptions, prrs] = await Promise.all([
    prisma.githubRepository.findUnique({ where: { fullName: enhancementsRepository() } }),
    prisma.kubernetesRelease.findMany(),
    prisma.kepReleaseTeamRecord.findMany({ where: issueFilter ? { enhancementIssue: issueFilter } : {} }),
    prisma.kubernetesException.findMany({ include: { release: { select: { version: true } } } }),
    prisma.prrApproval.findMany({ where: issueFilter ? { enhancementIssue: issueFilter } : {}, orderBy: { missingSince: { sort: 'desc', nulls: 'last' } } }),
  ]);
  const issues = mirror
    ? await prisma.githubIssue.findMany({ where: { repositoryId: mirror.id, isPullRequest: false, deletedAt: null, ...(issueFilter ? { number: issueFilter } : {}) }, select: { number: true, state: true, labels: true } })
    : [];
  const byIssue: ReleaseTeamContext['records'] = new Map();
  for (const record of records) {
    const map = byIssue.get(record.enhancementIssue) ?? new Map();
    map.set(record.kubernetesRelease, record);
    byIssue.set(record.enhancementIssue, map);
  }
  /** The milestone an issue is in now: the release whose record it has not left. */
  const current = (number: number) => [...(byIssue.get(number)?.values() ?? [])].find((record) => !record.leftAt);
  const exceptionsBy: ReleaseTeamContext['exceptions'] = new Map();
  for (const e of exceptions) {
    const release = exceptionsBy.get(e.release.version) ?? new Map();
    release.set(e.kepNumber, [...(release.get(e.kepNumber) ?? []), { freeze: e.freeze, status: e.status, dateRequested: e.dateRequested, dateReviewed: e.dateReviewed }]);
    exceptionsBy.set(e.release.version, release);
  }
  const prr: ReleaseTeamContext['prr'] = new Map();
  // A file still in its source wins over one that disappeared (ordered last above).
  for (const row of prrs) prr.set(`${row.sig}/${row.number.replace(/^0+(?=\d)/, '')}`, { approvals: row.approvals as unknown as PrrApprovalEntry[], path: row.path, missingSince: row.missingSince });
  return {
    mirror: mirror ? { since: mirror.createdAt } : null,
    schedules: new Map(releases.map((r) => [r.version, r])),
    issues: new Map(issues.map((issue) => [issue.number, { state: issue.state, labels: issue.labels, milestone: current(issue.number)?.kubernetesRelease ?? null }])),
    records: byIssue,
    exceptions: exceptionsBy,
    prr,
  };
}

/** The PRR approval file of a KEP: keps/prod-readiness/<owning sig>/<number>.yaml. */
export function prrOf(context: ReleaseTeamContext, kep: Pick<Kep, 'owningSig' | 'enhancementIssue'> | null) {
  return kep?.owningSig && kep.enhancementIssue ? (context.prr.get(`${kep.owningSig}/${kep.enhancementIssue}`) ?? null) : null;
}

/** The release team's view of a KEP (or a number only a tracking issue knows) in one release. */
export function releaseTeamViewOf(context: ReleaseTeamContext, kep: Kep | null, enhancementIssue: number | null, release: string, today: Date): ReleaseTeamView {
  return releaseTeamState({
    release,
    schedule: context.schedules.get(release) ?? null,
    today,
    enhancementIssue,
    mirror: context.mirror,
    issue: enhancementIssue === null ? null : (context.issues.get(enhancementIssue) ?? null),
    record: enhancementIssue === null ? null : (context.records.get(enhancementIssue)?.get(release) ?? null),
    exceptions: enhancementIssue === null ? [] : (context.exceptions.get(release)?.get(String(enhancementIssue)) ?? []),
    kep,
    prr: prrOf(context, kep),
  });
}

/** The Kubernetes releases a KEP has anything to do with: kep.yaml's milestones, its issue's milestones, exceptions. */
export function releasesOfKep(context: ReleaseTeamContext, kep: Kep | null, enhancementIssue: number | null): string[] {
  const releases = new Set<string>();
  if (kep) {
    for (const version of [kep.latestMilestone, kep.alphaMilestone, kep.betaMilestone, kep.stableMilestone, kep.deprecatedMilestone, kep.disabledMilestone, kep.removedMilestone]) {
      if (version && kepTargets(kep, version)) releases.add(version);
    }
  }
  if (enhancementIssue !== null) {
    for (const release of context.records.get(enhancementIssue)?.keys() ?? []) releases.add(release);
    for (const [release, byKep] of context.exceptions) if (byKep.has(String(enhancementIssue))) releases.add(release);
  }
  return [...releases].sort(compareKubernetesVersions);
}
