import type { Metadata } from 'next';
import Link from 'next/link';
import { listProjects } from '@shepherd/governance';
import { prisma } from '@/lib/database';

// Any address with no page, an unknown project included (its layout answers 404 before its menu).
export const metadata: Metadata = { title: { absolute: 'Page not found · Shepherd' } };

export default async function NotFound() {
  const projects = await listProjects(await prisma()).catch(() => []);
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address: it may be mistyped, or name a project that Shepherd does not track.</p>
      {projects.length > 0 && (
        <>
          <p>Projects Shepherd tracks:</p>
          <ul>
            {projects.map((project) => (
              <li key={project.slug}>
                <Link href={`/projects/${project.slug}/releases`}>{project.name}</Link> · <Link href={`/projects/${project.slug}/eol`}>end of life</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link href="/">Back to the dashboard</Link>
      </p>
    </>
  );
}
