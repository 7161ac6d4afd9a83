import type { DateView } from '../lifecycle/compute-lifecycle';
import type { CycleSummary } from '../releases/get-releases';
import { effectiveAt, isoSeconds, lastDayOf } from './dates';
import type { EolSnapshot } from './load-eol-snapshot';

// Shepherd's own read API (/api/shepherd/v1): everything the v1 shape flattens away — planned
// cycles, every milestone with its precision and tentative flag, owners, extended-support scope
// and the Kubernetes matrix.

export interface ShepherdDate {
  date: string;
  precision: 'day' | 'month';
  tentative: boolean;
  text: string;
  /** The last day the date covers (the month's last day for month precision). */
  lastDay: string;
}

const MILESTONE_ORDER = ['ALPHA', 'BETA', 'FEATURE_FREEZE', 'RC', 'GA', 'END_OF_ACTIVE_SUPPORT', 'EOL'];

export function shepherdDate(view: DateView | null): ShepherdDate | null {
  if (!view) return null;
  return { date: view.date, precision: view.precision === 'MONTH' ? 'month' : 'day', tentative: view.tentative, text: view.text, lastDay: lastDayOf(view) };
}

/**
 * Where a cycle's end of active support and end of life come from: recorded (the project's table,
 * or set in Shepherd), computed from a policy (the project publishes no table), or none known.
 */
export function supportDatesOf(cycle: CycleSummary) {
  const life = cycle.lifecycle;
  if (life.supportComputedFrom) return { source: 'computed' as const, policy: life.supportComputedFrom };
  return life.endOfLife || life.endOfActiveSupport ? { source: 'recorded' as const, policy: null } : null;
}

function shepherdCycle(snapshot: EolSnapshot, cycle: CycleSummary, origin: string) {
  const life = cycle.lifecycle;
  const { today } = snapshot;
  const eolLast = life.endOfLife ? lastDayOf(life.endOfLife) : null;
  const eoasLast = life.endOfActiveSupport ? lastDayOf(life.endOfActiveSupport) : eolLast;
  return {
    name: cycle.name,
    phase: life.phase,
    label: life.label,
    isLts: life.isLts,
    isMaintained: life.isMaintained,
    isEoas: life.ga?.happened ? (eoasLast ? today > eoasLast : life.phase === 'END_OF_LIFE') : false,
    isEol: life.phase === 'END_OF_LIFE',
    ga: life.ga ? { ...shepherdDate(life.ga)!, happened: life.ga.happened } : null,
    endOfActiveSupport: shepherdDate(life.endOfActiveSupport),
    endOfLife: shepherdDate(life.endOfLife),
    daysUntilEndOfLife: life.daysUntilEndOfLife,
    supportDates: supportDatesOf(cycle),
    publishedStatus: cycle.publishedStatus,
    owners: cycle.owners,
    latestRelease: cycle.latestRelease ? { tag: cycle.latestRelease.tag, date: cycle.latestRelease.taggedOn } : null,
    extendedSupport: cycle.extendedSupportNote ? { note: cycle.extendedSupportNote, kubernetes: cycle.extendedSupportKubernetes } : null,
    milestones: snapshot.milestones
      .filter((milestone) => milestone.cycle === cycle.name)
      .sort((a, b) => MILESTONE_ORDER.indexOf(a.kind) - MILESTONE_ORDER.indexOf(b.kind))
      .map((milestone) => ({ kind: milestone.kind, planned: shepherdDate(milestone.planned), actualOn: milestone.actualOn, revisions: milestone.revisions })),
    links: {
      html: `${origin}/projects/${encodeURIComponent(snapshot.project.slug)}/releases/${encodeURIComponent(cycle.name)}`,
      milestone: cycle.link,
    },
  };
}

const meta = (snapshot: EolSnapshot) => ({
  today: snapshot.today,
  generatedAt: isoSeconds(effectiveAt(snapshot.lastModified, snapshot.today)),
  lastModified: isoSeconds(snapshot.lastModified),
});

const projectFacts = (snapshot: EolSnapshot) => ({
  slug: snapshot.project.slug,
  name: snapshot.project.name,
  repository: snapshot.project.repository,
  homepage: snapshot.project.homepage,
  supportDates: projectSupportDates(snapshot.project),
});

/** "published": the project publishes a support table; "computed": Shepherd computes the dates from its policy. */
export const projectSupportDates = (project: { supportDates: 'PUBLISHED' | 'COMPUTED' }) => (project.supportDates === 'COMPUTED' ? 'computed' : 'published');

export function shepherdProject(snapshot: EolSnapshot, origin: string) {
  return {
    ...meta(snapshot),
    project: projectFacts(snapshot),
    cycles: snapshot.cycles.map((cycle) => shepherdCycle(snapshot, cycle, origin)),
    kubernetes: snapshot.kubernetes,
    legacyKubernetes: snapshot.legacyKubernetes.map((row) => ({ runtimeVersions: row.runtimeVersions, kubernetesVersions: row.kubernetesVersions, criVersion: row.criVersion })),
  };
}

export function shepherdCycleDetail(snapshot: EolSnapshot, name: string, origin: string) {
  const cycle = snapshot.cycles.find((candidate) => candidate.name === name);
  if (!cycle) return null;
  return {
    ...meta(snapshot),
    project: projectFacts(snapshot),
    cycle: shepherdCycle(snapshot, cycle, origin),
    releases: snapshot.tags.filter((tag) => tag.cycle === name).map((tag) => ({ tag: tag.tag, date: tag.taggedOn })),
    kubernetes: snapshot.kubernetes
      .filter((row) => row.entries.some((entry) => entry.cycle === name))
      .map((row) => ({ kubernetesVersion: row.kubernetesVersion, criVersion: row.criVersion, minimumVersion: row.entries.find((entry) => entry.cycle === name)!.minimumVersion })),
  };
}
