import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listProjects } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { AccountNav } from './signin/account-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Shepherd', template: '%s · Shepherd' },
  description: 'Release governance and KEP tracking for container-runtime projects',
};

// A handful of projects fit in the header; beyond that the dashboard lists them.
const HEADER_PROJECTS = 4;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The header lists the projects of this database: rendered per request, never at build time
  // (the build has no database; the prerendered 404 would otherwise fail or list none).
  await connection();
  const projects = await listProjects(await prisma());
  return (
    <html lang="en">
      <body>
        <header className="site">
          <Link href="/" className="brand">
            Shepherd
          </Link>
          <nav aria-label="Shepherd">
            <ul>
              <li>
                <Link href="/">Dashboard</Link>
              </li>
              {projects.length <= HEADER_PROJECTS &&
                projects.map((project) => (
                  <li key={project.slug}>
                    <Link href={`/projects/${project.slug}/releases`}>{project.name}</Link>
                  </li>
                ))}
              <li>
                <Link href="/sync">Sync</Link>
              </li>
            </ul>
          </nav>
          <div className="account">
            <AccountNav />
          </div>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
