import { dayOf, type PrismaClient } from '../db';
import type { ReleasePolicy } from '../cadence/policy-rules';
import type { TagInput } from '../cadence/report-adherence';
import type { KubernetesMatrixRow } from '../cadence/query-kubernetes-matrix';
import type { Deprecation } from '../cadence/check-deprecations';
import type { CyclePlan, PlanOwner } from '../cadence/check-plan-rules';
import type { CalendarDate } from '../cadence/dates';
import { getProjectReleases, type CycleSummary } from '../releases/get-releases';
import { loadPolicies } from '../projects/load-policies';

// Reads a project from the database into the plain inputs of the pure cadence engine.

export interface PlanningData {
  project: { id: number; slug: string; name: string; repository: string; ltsUpgradeLine: string[] };
  policies: ReleasePolicy[];
  cycles: CycleSummary[];
  plans: CyclePlan[];
  tags: TagInput[];
  kubernetes: KubernetesMatrixRow[];
  deprecations: (Deprecation & { kind: string; propertyGroup: string; recommendation: string | null; removalTargetText: string })[];
}

/** A stored date (DAY/MONTH precision) as the cadence engine's CalendarDate. */
export function toCalendar(date: { date: string; precision: 'DAY' | 'MONTH'; tentative: boolean }): CalendarDate;
export function toCalendar(date: { date: string; precision: 'DAY' | 'MONTH'; tentative: boolean } | null): CalendarDate | null;
export function toCalendar(date: { date: string; precision: 'DAY' | 'MONTH'; tentative: boolean } | null): CalendarDate | null {
  return date ? { date: date.date, precision: date.precision === 'MONTH' ? 'month' : 'day', tentative: date.tentative } : null;
}

export async function loadPlanningData(prisma: PrismaClient, slug: string, today: string): Promise<PlanningData> {
  const { project, cycles } = await getProjectReleases(prisma, slug, today);
  const [policies, milestones, releases, kubernetes, deprecations, owners] = await Promise.all([
    loadPolicies(prisma, project.id),
    prisma.milestone.findMany({ where: { cycle: { projectId: project.id } }, include: { cycle: true } }),
    prisma.release.findMany({ where: { cycle: { projectId: project.id } }, orderBy: { taggedAt: 'asc' } }),
    prisma.kubernetesSupport.findMany({ where: { projectId: project.id }, orderBy: { position: 'asc' }, include: { entries: { include: { cycle: true } } } }),
    prisma.deprecation.findMany({ where: { projectId: project.id }, orderBy: { id: 'asc' } }),
    prisma.cycleOwner.findMany({ where: { cycle: { projectId: project.id } }, include: { person: true, cycle: true } }),
  ]);
  const milestone = (cycle: string, kind: string) => milestones.find((m) => m.cycle.name === cycle && m.kind === kind);
  const asPlan = (cycle: string, kind: string) => {
    const row = milestone(cycle, kind);
    return row ? { planned: row.plannedOn ? dayOf(row.plannedOn) : null, actual: row.actualOn ? dayOf(row.actualOn) : null } : undefined;
  };
  // How many earlier cycles each person owned, for the "experienced release owner" rule.
  const priorOwnerships = (login: string, cycle: CycleSummary) =>
    owners.filter((o) => o.person.login === login && (o.cycle.major < cycle.major || (o.cycle.major === cycle.major && o.cycle.minor < cycle.minor))).length;
  const ownersOf = (cycle: CycleSummary, role: 'RELEASE_OWNER' | 'LTS_OWNER'): PlanOwner[] =>
    cycle.owners.filter((o) => o.role === role).map((o) => ({ login: o.login, isTeam: o.isTeam, priorReleasesOwned: priorOwnerships(o.login, cycle) }));
  const plans: CyclePlan[] = cycles.map((cycle) => ({
    cycle: cycle.name,
    isLts: cycle.lifecycle.isLts,
    ga: asPlan(cycle.name, 'GA') ?? {},
    beta: asPlan(cycle.name, 'BETA'),
    rc: asPlan(cycle.name, 'RC'),
    eol: toCalendar(cycle.lifecycle.endOfLife),
    // Only cycles still being released are checked for release owners; history is history.
    releaseOwners: cycle.lifecycle.ga?.happened ? undefined : ownersOf(cycle, 'RELEASE_OWNER'),
    ltsOwners: cycle.lifecycle.isLts && cycle.lifecycle.isMaintained ? ownersOf(cycle, 'LTS_OWNER') : undefined,
  }));
  return {
    project: { id: project.id, slug: project.slug, name: project.name, repository: project.repository, ltsUpgradeLine: project.ltsUpgradeLine },
    policies,
    cycles,
    plans,
    tags: releases.map((release) => ({ tag: release.tag, date: dayOf(release.taggedOn) })),
    kubernetes: kubernetes.map((row) => ({
      kubernetesVersion: row.kubernetesVersion,
      criVersion: row.criVersion,
      entries: row.entries.map((entry) => ({ cycle: entry.cycle.name, minimumVersion: entry.minimumVersion })),
    })),
    deprecations: deprecations.map((row) => ({
      component: row.component,
      deprecatedIn: row.deprecatedIn,
      removalTarget: row.removalTarget,
      removed: row.removed,
      kind: row.kind,
      propertyGroup: row.propertyGroup,
      recommendation: row.recommendation,
      removalTargetText: row.removalTargetText,
    })),
  };
}
