import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { loadPlanningData } from '@shepherd/governance/planning/load-planning-data';
import { renderReleasesMd } from '@shepherd/governance/planning/render-releases-md';
import { prisma } from '@/lib/database';
import { today } from '@/lib/today';

// The RELEASES.md block on a page of its own: it lists every release the project ever had, so at
// hundreds of releases it would outweigh the plan it came from.

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).project} RELEASES.md block` };
}

export default async function ReleasesMdPage({ params }: Props) {
  const { project: slug } = await params;
  let data;
  try {
    data = await loadPlanningData(await prisma(), slug, today());
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/plan`}>{data.project.name} release plan</Link>
      </p>
      <h1>{data.project.name} RELEASES.md block</h1>
      <p className="muted">
        The release table, its footnotes and the Kubernetes table, generated from this database in the project&apos;s RELEASES.md format, for{' '}
        {data.cycles.length} release{data.cycles.length === 1 ? '' : 's'} (<a href={`/api/projects/${slug}/releases-md`}>raw Markdown</a>).
      </p>
      <pre className="code" data-testid="releases-md">{renderReleasesMd(data)}</pre>
    </>
  );
}
