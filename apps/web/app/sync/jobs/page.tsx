import type { Metadata } from 'next';
import Link from 'next/link';
import { listJobRuns } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { JobRunsTable } from '../job-runs-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Job runs' };

const PAGE = 100;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function JobRunsPage({ searchParams }: Props) {
  const raw = (await searchParams).before;
  const before = Number(Array.isArray(raw) ? raw[0] : raw);
  const cursor = Number.isSafeInteger(before) && before > 0 && before <= 2 ** 31 ? before : undefined;
  const rows = await listJobRuns(await prisma(), { limit: PAGE + 1, before: cursor });
  const runs = rows.slice(0, PAGE);
  const older = rows.length > PAGE ? runs[runs.length - 1].id : null;
  return (
    <>
      <p>
        <Link href="/sync">← GitHub sync</Link>
      </p>
      <h1>Job runs</h1>
      <p className="muted">
        Every scheduled run, whichever worker ran it (each tick of a job runs once across workers), newest first, {PAGE} a page.
      </p>
      <JobRunsTable runs={runs} />
      <nav className="pager" aria-label="pages" data-testid="pager">
        {cursor && <Link href="/sync/jobs">← newest</Link>}
        {older && <Link href={`/sync/jobs?before=${older}`}>older runs →</Link>}
      </nav>
    </>
  );
}
