import { getCycleDetail, getDashboard, getShepherdQueue } from '@shepherd/governance';
import type { PrismaClient } from '@shepherd/governance/db/index';
import { getQualifications } from '@shepherd/governance/qualification/index';
import { prisma } from './database';
import { publicCache } from './public-cache';
import { today } from './today';

// The public data of each page, computed once per data version and UTC day in the public cache
// (lib/public-cache.ts), for signed-in views: they add their own parts (forms, "my KEPs", write-back
// buttons) on top, but never recompute what every visitor sees. Anonymous visitors get the whole page
// from the server's page cache instead (apps/web/server/public-answers.ts).
// The values are shared between requests: a page must not change them. A failure (an unknown project)
// is not kept, so it is asked again next time.

async function view<T>(name: string, args: readonly unknown[], compute: (db: PrismaClient, day: string) => Promise<T>): Promise<T> {
  const day = today();
  return publicCache().get(`view ${name} ${JSON.stringify(args)}`, day, async () => compute(await prisma(), day));
}

const ruleOptions = (day: string, idleDays: number) => ({ today: new Date(`${day}T00:00:00Z`), idleDays });

export const dashboardView = () =>
  view('dashboard', [], async (db, day) =>
    Promise.all(
      (await getDashboard(db, day)).map(async (entry) => ({
        ...entry,
        gate: entry.nextMilestone ? (await getQualifications(db, entry.project.slug, entry.nextMilestone.cycle)).gate : null,
      })),
    ),
  );

export const cycleView = (slug: string, cycle: string) =>
  view('cycle', [slug, cycle], async (db, day) => {
    const detail = await getCycleDetail(db, slug, cycle, day);
    return { detail, qualification: await getQualifications(db, slug, detail.cycle.name) };
  });

export const shepherdQueueView = (slug: string, login: string, idleDays: number) =>
  view('queue', [slug, login, idleDays], (db, day) => getShepherdQueue(db, slug, login, ruleOptions(day, idleDays)));
