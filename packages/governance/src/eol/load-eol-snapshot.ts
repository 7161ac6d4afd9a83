import { dayOf, type PrismaClient } from '../db';
import { getProjectReleases } from '../releases/get-releases';
import { dateView, type DateView } from '../lifecycle/compute-lifecycle';

// Everything the public surfaces (API, calendar, feeds, badges, page) say about one project, read
// once per data version and day: the cycles with their computed lifecycle, the dated milestones
// (with how often each date was corrected, for calendar SEQUENCE numbers), the final release tags,
// and when the project's data last changed.

export type MilestoneKind = 'ALPHA' | 'BETA' | 'FEATURE_FREEZE' | 'RC' | 'GA' | 'END_OF_ACTIVE_SUPPORT' | 'EOL';

export interface SnapshotMilestone {
  cycle: string;
  kind: MilestoneKind;
  planned: DateView | null;
  actualOn: string | null;
  /** How many times the date, precision or tentative flag changed: the iCalendar SEQUENCE. */
  revisions: number;
  updatedAt: Date;
}

export interface SnapshotTag {
  cycle: string;
  tag: string;
  taggedAt: Date;
  taggedOn: string;
}

export type EolSnapshot = Awaited<ReturnType<typeof getProjectReleases>> & {
  today: string;
  milestones: SnapshotMilestone[];
  /** Final releases (no pre-releases), newest first. */
  tags: SnapshotTag[];
  /** The latest change to the project's release data. */
  lastModified: Date;
};

export async function loadEolSnapshot(prisma: PrismaClient, slug: string, today: string): Promise<EolSnapshot> {
  const releases = await getProjectReleases(prisma, slug, today);
  const projectId = releases.project.id;
  const [milestones, tags, policies] = await Promise.all([
    prisma.milestone.findMany({
      where: { cycle: { projectId } },
      include: { cycle: { select: { name: true, updatedAt: true } }, _count: { select: { changes: true } } },
    }),
    prisma.release.findMany({
      where: { cycle: { projectId }, preKind: null },
      include: { cycle: { select: { name: true } } },
      orderBy: { taggedAt: 'desc' },
    }),
    // Computed support dates change with the policy.
    releases.project.supportDates === 'COMPUTED' ? prisma.releasePolicy.findMany({ where: { projectId }, select: { updatedAt: true } }) : [],
  ]);
  let lastModified = releases.project.updatedAt;
  const later = (date: Date) => {
    if (date > lastModified) lastModified = date;
  };
  for (const milestone of milestones) {
    later(milestone.updatedAt);
    later(milestone.cycle.updatedAt);
  }
  for (const tag of tags) later(tag.taggedAt);
  for (const policy of policies) later(policy.updatedAt);
  return {
    ...releases,
    today,
    milestones: milestones.map((row) => ({
      cycle: row.cycle.name,
      kind: row.kind,
      planned: row.plannedOn ? dateView(dayOf(row.plannedOn), row.plannedPrecision, row.tentative) : null,
      actualOn: row.actualOn ? dayOf(row.actualOn) : null,
      revisions: row._count.changes,
      updatedAt: row.updatedAt,
    })),
    tags: tags.map((row) => ({ cycle: row.cycle.name, tag: row.tag, taggedAt: row.taggedAt, taggedOn: dayOf(row.taggedOn) })),
    lastModified,
  };
}
