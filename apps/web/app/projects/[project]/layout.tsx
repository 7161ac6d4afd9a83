import { notFound } from 'next/navigation';
import { findProject, GovernanceError } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { ProjectNav } from './project-nav';

// Every project page sits under the project's own menu; an unknown project is a 404 here, once.
export default async function ProjectLayout({ children, params }: { children: React.ReactNode; params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  let project;
  try {
    project = await findProject(await prisma(), decodeURIComponent(slug));
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  return (
    <>
      <ProjectNav slug={project.slug} name={project.name} />
      {children}
    </>
  );
}
