import type { Metadata } from 'next';
import Link from 'next/link';
import { listJobRuns } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { JobRunsTable } from '../job-runs-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Job runs' };

export default async function JobRunsPage() {
  const runs = await listJobRuns(await prisma(), { limit: 200 });
  return (
    <>
      <p>
        <Link href="/sync">← GitHub sync</Link>
      </p>
      <h1>Job runs</h1>
      <p className="muted">Every scheduled run, whichever worker ran it (each tick of a job runs once across workers). The 200 most recent.</p>
      <JobRunsTable runs={runs} />
    </>
  );
}
