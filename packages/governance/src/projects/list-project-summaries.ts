import type { PrismaClient } from '../db';

/** Every project with where its support dates come from, its cycle count and policy versions (admin views). */
export async function listProjectSummaries(prisma: PrismaClient) {
  const projects = await prisma.project.findMany({
    orderBy: { slug: 'asc' },
    include: { _count: { select: { cycles: true } }, policies: { select: { version: true }, orderBy: { version: 'asc' } } },
  });
  return projects.map((project) => ({
    slug: project.slug,
    name: project.name,
    repository: project.repository,
    homepage: project.homepage,
    supportDates: project.supportDates,
    ltsUpgradeLine: project.ltsUpgradeLine,
    addedBy: project.addedBy,
    createdAt: project.createdAt,
    cycles: project._count.cycles,
    policies: project.policies.map((policy) => policy.version),
  }));
}
