import type { PrismaClient } from '../db';
import { daysBetween, dateView, type DateView } from '../lifecycle/compute-lifecycle';
import { getProjectReleases, listProjects, type CycleSummary } from './get-releases';

const MILESTONE_ORDER = ['ALPHA', 'BETA', 'FEATURE_FREEZE', 'RC', 'GA'] as const;
export const EOL_SOON_DAYS = 120;

export interface NextMilestone {
  cycle: string;
  kind: (typeof MILESTONE_ORDER)[number];
  date: DateView;
  /** Positive: days to go; negative: the planned date has passed without the milestone happening. */
  daysFromToday: number;
}

export async function getDashboard(prisma: PrismaClient, today: string) {
  const projects = await listProjects(prisma);
  return Promise.all(
    projects.map(async (project) => {
      const { cycles } = await getProjectReleases(prisma, project.slug, today);
      const detailed = await prisma.milestone.findMany({
        where: { cycle: { projectId: project.id }, actualOn: null, plannedOn: { not: null }, kind: { in: [...MILESTONE_ORDER] } },
        include: { cycle: true },
      });
      const upcoming = cycles
        .filter((cycle) => !cycle.lifecycle.ga?.happened)
        .sort((a, b) => a.major - b.major || a.minor - b.minor);
      let nextMilestone: NextMilestone | null = null;
      for (const cycle of upcoming) {
        const candidates = detailed
          .filter((milestone) => milestone.cycle.name === cycle.name)
          .sort((a, b) => MILESTONE_ORDER.indexOf(a.kind as never) - MILESTONE_ORDER.indexOf(b.kind as never));
        const first = candidates[0];
        if (first?.plannedOn) {
          const date = dateView(first.plannedOn.toISOString().slice(0, 10), first.plannedPrecision, first.tentative);
          nextMilestone = { cycle: cycle.name, kind: first.kind as NextMilestone['kind'], date, daysFromToday: daysBetween(today, date.date) };
          break;
        }
      }
      const supported = cycles.filter((cycle) => cycle.lifecycle.isMaintained);
      const endingSoon = supported
        .filter((cycle: CycleSummary) => cycle.lifecycle.daysUntilEndOfLife !== null && cycle.lifecycle.daysUntilEndOfLife <= EOL_SOON_DAYS)
        .sort((a, b) => a.lifecycle.daysUntilEndOfLife! - b.lifecycle.daysUntilEndOfLife!);
      return { project, supported, nextMilestone, endingSoon, latestGa: cycles.find((cycle) => cycle.lifecycle.ga?.happened) ?? null };
    }),
  );
}
