import { dayOf, type Prisma, type PrismaClient, type Tx } from '../db';
import { notFound } from '../errors';
import { computeLifecycle, type Lifecycle, type MilestoneFacts } from '../lifecycle/compute-lifecycle';
import { computePolicySupport, type PolicySupport } from '../lifecycle/compute-policy-support';
import { loadPolicies } from '../projects/load-policies';

export interface OwnerView {
  login: string;
  isTeam: boolean;
  role: 'RELEASE_OWNER' | 'LTS_OWNER';
}

export interface CycleSummary {
  name: string;
  major: number;
  minor: number;
  link: string | null;
  publishedStatus: string | null;
  lifecycle: Lifecycle;
  owners: OwnerView[];
  latestRelease: { tag: string; taggedOn: string } | null;
  extendedSupportNote: string | null;
  extendedSupportKubernetes: string[];
}

const cycleInclude = {
  milestones: true,
  owners: { include: { person: true }, orderBy: { position: 'asc' } },
  releases: { orderBy: { taggedAt: 'desc' } },
} satisfies Prisma.ReleaseCycleInclude;

type CycleRow = Prisma.ReleaseCycleGetPayload<{ include: typeof cycleInclude }>;

export const milestoneFacts = (row: CycleRow['milestones'][number]): MilestoneFacts => ({
  kind: row.kind,
  plannedOn: row.plannedOn ? dayOf(row.plannedOn) : null,
  plannedPrecision: row.plannedPrecision,
  tentative: row.tentative,
  actualOn: row.actualOn ? dayOf(row.actualOn) : null,
});

type ProjectRow = { id: number; supportDates: 'PUBLISHED' | 'COMPUTED'; ltsUpgradeLine: string[] };

/** A cycle's LTS flag: as recorded, and for a project without a support table also its LTS upgrade line. */
const isLtsCycle = (project: ProjectRow, row: { name: string; isLts: boolean }) =>
  row.isLts || (project.supportDates === 'COMPUTED' && project.ltsUpgradeLine.includes(row.name));

/**
 * For a project that publishes no support table: the support dates its policy gives each cycle,
 * for each kind (end of active support, end of life) that has no recorded date. Empty otherwise.
 */
async function policySupportOf(prisma: PrismaClient, project: ProjectRow, rows: CycleRow[]): Promise<Map<string, PolicySupport>> {
  if (project.supportDates !== 'COMPUTED') return new Map();
  const computed = computePolicySupport(
    rows.map((row) => {
      const ga = row.milestones.find((milestone) => milestone.kind === 'GA');
      const date = ga?.plannedOn ?? ga?.actualOn ?? null;
      return {
        name: row.name,
        major: row.major,
        minor: row.minor,
        ga: date ? { date: dayOf(date), tentative: Boolean(ga?.plannedOn && ga.tentative && !ga.actualOn) } : null,
        isLts: isLtsCycle(project, row),
        ltsOwners: row.owners.filter((owner) => owner.role === 'LTS_OWNER').length,
      };
    }),
    await loadPolicies(prisma, project.id),
  );
  // A date recorded in Shepherd (a maintainer's edit, an imported table) wins over the computed one.
  for (const row of rows) {
    const support = computed.get(row.name);
    if (!support) continue;
    const recorded = new Set(row.milestones.filter((milestone) => milestone.plannedOn).map((milestone) => milestone.kind));
    const milestones = support.milestones.filter((milestone) => !recorded.has(milestone.kind));
    if (milestones.length) computed.set(row.name, { ...support, milestones });
    else computed.delete(row.name);
  }
  return computed;
}

/** The recorded milestones, with the computed support dates in place of those with no recorded date. */
function withComputed<T extends { kind: string }>(recorded: T[], computed: PolicySupport | undefined, asMilestone: (milestone: MilestoneFacts) => T): T[] {
  if (!computed) return recorded;
  const kinds = new Set(computed.milestones.map((milestone) => milestone.kind as string));
  return [...recorded.filter((milestone) => !kinds.has(milestone.kind)), ...computed.milestones.map(asMilestone)];
}

function summarize(project: ProjectRow, row: CycleRow, today: string, isNextOnMain: boolean, computed: PolicySupport | undefined): CycleSummary {
  const latest = row.releases.find((release) => release.preKind === null) ?? row.releases[0];
  const recorded = row.milestones.map(milestoneFacts);
  return {
    name: row.name,
    major: row.major,
    minor: row.minor,
    link: row.link,
    publishedStatus: row.publishedStatus,
    lifecycle: computeLifecycle({
      milestones: withComputed(recorded, computed, (milestone) => milestone),
      publishedPhase: row.publishedPhase,
      isLts: isLtsCycle(project, row),
      today,
      isNextOnMain,
      supportComputedFrom: computed?.policy ?? null,
    }),
    owners: row.owners.map((owner) => ({ login: owner.person.login, isTeam: owner.person.isTeam, role: owner.role })),
    latestRelease: latest ? { tag: latest.tag, taggedOn: dayOf(latest.taggedOn) } : null,
    extendedSupportNote: row.extendedSupportNote,
    extendedSupportKubernetes: row.extendedSupportKubernetes,
  };
}

const byVersionDescending = (a: { major: number; minor: number }, b: { major: number; minor: number }) =>
  b.major - a.major || b.minor - a.minor;

/** The cycle developed on main: the oldest one whose GA has not happened. */
function nextOnMain(rows: CycleRow[], today: string): string | null {
  const unreleased = rows
    .filter((row) => !row.milestones.some((m) => m.kind === 'GA' && m.actualOn && dayOf(m.actualOn) <= today))
    .sort((a, b) => -byVersionDescending(a, b));
  return unreleased[0]?.name ?? null;
}

export async function findProject(prisma: PrismaClient, slug: string) {
  const project = await prisma.project.findUnique({ where: { slug } });
  if (!project) throw notFound(`No project "${slug}"`, { project: slug });
  return project;
}

/** A project's cycle by name, for edits: errors name the request field that was wrong. */
export async function findCycle(prisma: PrismaClient | Tx, slug: string, name: string) {
  const project = await prisma.project.findUnique({ where: { slug } });
  if (!project) throw notFound(`project: no project "${slug}"`, { field: 'project' });
  const cycle = await prisma.releaseCycle.findUnique({ where: { projectId_name: { projectId: project.id, name } } });
  if (!cycle) throw notFound(`cycle: ${project.slug} has no release cycle "${name}"`, { field: 'cycle' });
  return { project, cycle };
}

export async function listProjects(prisma: PrismaClient) {
  return prisma.project.findMany({ orderBy: { slug: 'asc' } });
}

export async function getProjectReleases(prisma: PrismaClient, slug: string, today: string) {
  const project = await findProject(prisma, slug);
  const rows = await prisma.releaseCycle.findMany({ where: { projectId: project.id }, include: cycleInclude });
  const next = nextOnMain(rows, today);
  const computed = await policySupportOf(prisma, project, rows);
  const cycles = rows.sort(byVersionDescending).map((row) => summarize(project, row, today, row.name === next, computed.get(row.name)));
  const kubernetes = await prisma.kubernetesSupport.findMany({
    where: { projectId: project.id },
    orderBy: { position: 'asc' },
    include: { entries: { include: { cycle: true } } },
  });
  const legacyKubernetes = await prisma.legacyKubernetesSupport.findMany({ where: { projectId: project.id }, orderBy: { position: 'asc' } });
  return {
    project,
    cycles,
    kubernetes: kubernetes.map((row) => ({
      kubernetesVersion: row.kubernetesVersion,
      criVersion: row.criVersion,
      entries: row.entries
        .map((entry) => ({ cycle: entry.cycle.name, minimumVersion: entry.minimumVersion, major: entry.cycle.major, minor: entry.cycle.minor }))
        .sort(byVersionDescending)
        .map(({ cycle, minimumVersion }) => ({ cycle, minimumVersion })),
    })),
    legacyKubernetes,
  };
}

export async function getCycleDetail(prisma: PrismaClient, slug: string, name: string, today: string) {
  const project = await findProject(prisma, slug);
  const row = await prisma.releaseCycle.findUnique({
    where: { projectId_name: { projectId: project.id, name } },
    include: {
      ...cycleInclude,
      milestones: { include: { changes: { orderBy: { changedAt: 'asc' } } } },
      kubernetes: { include: { support: true } },
    },
  });
  if (!row) throw notFound(`No release cycle ${name} in ${slug}`, { project: slug, cycle: name });
  const all = await prisma.releaseCycle.findMany({ where: { projectId: project.id }, include: cycleInclude });
  const computed = (await policySupportOf(prisma, project, all)).get(row.name);
  const summary = summarize(project, row, today, nextOnMain(all, today) === row.name, computed);
  const policies = await prisma.releasePolicy.findMany({ where: { projectId: project.id }, orderBy: { effectiveFrom: 'desc' } });
  const gaDay = summary.lifecycle.ga?.date;
  const policy = gaDay ? policies.find((candidate) => dayOf(candidate.effectiveFrom) <= gaDay) ?? null : policies[0] ?? null;
  const order = ['ALPHA', 'BETA', 'FEATURE_FREEZE', 'RC', 'GA', 'END_OF_ACTIVE_SUPPORT', 'EOL'];
  return {
    project,
    cycle: summary,
    // Computed support dates appear as milestones too, marked as computed and without history.
    milestones: withComputed(
      row.milestones.map((milestone) => ({
        ...milestoneFacts(milestone),
        computed: false,
        changes: milestone.changes.map((change) => ({ ...change, changedAt: change.changedAt.toISOString() })),
      })),
      computed,
      (milestone) => ({ ...milestone, computed: true, changes: [] }),
    ).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)),
    releases: row.releases.map((release) => ({ tag: release.tag, taggedOn: dayOf(release.taggedOn), preKind: release.preKind })),
    kubernetes: row.kubernetes
      .map((entry) => ({ kubernetesVersion: entry.support.kubernetesVersion, criVersion: entry.support.criVersion, minimumVersion: entry.minimumVersion }))
      .sort((a, b) => b.kubernetesVersion.localeCompare(a.kubernetesVersion, undefined, { numeric: true })),
    policy: policy ? { version: policy.version, name: policy.name, effectiveFrom: dayOf(policy.effectiveFrom) } : null,
  };
}
