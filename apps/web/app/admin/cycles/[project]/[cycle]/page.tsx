import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError, getCycleDetail } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { today } from '@/lib/today';
import { EditSupportForm } from '../../../../components/edit-support-form';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; cycle: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, cycle } = await params;
  return { title: `Edit ${project} ${decodeURIComponent(cycle)}` };
}

/** The support-dates editor of one cycle, on its own page (the cycle page may also mount the form). */
export default async function EditCyclePage({ params }: Params) {
  const { project, cycle: encoded } = await params;
  const cycle = decodeURIComponent(encoded);
  await requireUser(`/admin/cycles/${project}/${encoded}`);
  try {
    await getCycleDetail(await prisma(), project, cycle, today());
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${project}/releases/${cycle}`}>
          {project} {cycle}
        </Link>{' '}
        / support dates
      </p>
      <h1>
        {project} {cycle}: support dates
      </h1>
      <EditSupportForm project={project} cycle={cycle} />
    </>
  );
}
