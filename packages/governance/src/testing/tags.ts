import { dateOf, type PrismaClient } from '../db';
import { parseTagVersion } from '../releases/parse-tags';

/** Makes tags known to a project, as the tags import would record them, without the import's side effects (qualification requests, milestones). */
export async function recordTags(prisma: PrismaClient, slug: string, tags: string[], day = '2026-11-20'): Promise<void> {
  for (const tag of tags) {
    const version = parseTagVersion(tag);
    if (!version) throw new Error(`not a tag: ${tag}`);
    const cycle = await prisma.releaseCycle.findFirstOrThrow({ where: { project: { slug }, major: version.major, minor: version.minor } });
    await prisma.release.create({
      data: { cycleId: cycle.id, tag, patch: version.patch, preKind: version.preKind, preNumber: version.preNumber, taggedAt: new Date(`${day}T18:00:00Z`), taggedOn: dateOf(day) },
    });
  }
}
