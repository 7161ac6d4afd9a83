import type { PrismaClient } from '../db';
import { notFound } from '../errors';
import type { Maintainer } from './parse-maintainers';

/**
 * The project's maintainers as its repository's MAINTAINERS file lists them (login, name, role:
 * maintainer | reviewer | committer), from the last sync; empty when the project keeps no such
 * file or was never synced. Role grants are derived from this list elsewhere.
 */
export async function getProjectMaintainers(prisma: PrismaClient, projectSlug: string): Promise<Maintainer[]> {
  const project = await prisma.project.findUnique({ where: { slug: projectSlug } });
  if (!project) throw notFound(`No project "${projectSlug}"`);
  const repository = await prisma.githubRepository.findUnique({ where: { projectId: project.id } });
  return (repository?.maintainers as Maintainer[] | undefined) ?? [];
}
