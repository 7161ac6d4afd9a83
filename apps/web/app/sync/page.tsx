import type { Metadata } from 'next';
import Link from 'next/link';
import { getSyncStatus, listJobRuns, type SyncWait } from '@shepherd/governance';
import { githubUnconfigured, readGithubConfig } from '@shepherd/governance/github/github-config';
import { syncJob } from '../../../../jobs/sync';
import { prisma } from '@/lib/database';
import { syncScheduleText } from '@/lib/sync-schedule';
import { formatTime, JobRunsTable } from './job-runs-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'GitHub sync' };

/** A run's waits in one line: how many, how long in all, and the last one's reason (until when, while it lasts). */
function describeWaits(waits: SyncWait[], running: boolean): string {
  if (!waits.length) return 'none';
  const last = waits[waits.length - 1];
  const until = new Date(Date.parse(last.at) + last.seconds * 1000);
  const total = waits.reduce((sum, wait) => sum + wait.seconds, 0);
  const lastText = running && until.getTime() > Date.now() ? `waiting until ${formatTime(until)}: ${last.reason}` : `last: ${last.seconds} s, ${last.reason}`;
  return `${waits.length} (${Math.round(total * 10) / 10} s in all); ${lastText}`;
}

export default async function SyncPage() {
  const client = await prisma();
  const [status, runs] = await Promise.all([getSyncStatus(client), listJobRuns(client, { limit: 10 })]);
  const schedule = syncScheduleText(syncJob.schedule);
  const unconfigured = githubUnconfigured(readGithubConfig()) !== null;
  const schedulerOff = process.env.SHEPHERD_SCHEDULER === 'off';
  return (
    <>
      <h1>GitHub sync</h1>
      <p className="muted">
        GitHub is the system of record for issues, pull requests, labels, milestones, releases and tags; Shepherd keeps a mirror fresh with
        conditional requests (a 304 costs no rate limit) and webhooks.
      </p>
      <div className="cards">
        {status.projects.map((project) => {
          const run = project.lastRun;
          return (
            <section className="card" key={project.slug} id={`sync-${project.slug}`} aria-label={`sync of ${project.slug}`}>
              <h3>
                {project.name} · {project.repository}
              </h3>
              {!run ? (
                <div className="muted" data-testid="never-synced">
                  <p>
                    Not synced yet. The sync job mirrors {project.repository}&apos;s issues, pull requests, milestones and tags {schedule}; this panel fills in after its first run.
                  </p>
                  {unconfigured && <p>GitHub is not configured on this server: set GITHUB_TOKEN (or a GitHub App, see docs/github.md) for the job to run.</p>}
                  {schedulerOff && <p>The portal&apos;s own scheduler is off (SHEPHERD_SCHEDULER=off): a separate jobs worker runs it.</p>}
                </div>
              ) : (
                <dl className="facts">
                  <dt>last run</dt>
                  <dd>
                    <span className={`badge ${run.outcome === 'SUCCEEDED' ? 'phase-ACTIVE' : run.outcome === 'FAILED' ? 'phase-ERROR' : 'phase-RC'}`}>{run.outcome.toLowerCase()}</span>{' '}
                    {run.mode} ({run.trigger}), {formatTime(run.startedAt)}
                  </dd>
                  <dt>requests used</dt>
                  <dd>
                    {run.requests} ({run.notModified} × 304, free)
                  </dd>
                  <dt>items changed</dt>
                  <dd>
                    {run.itemsChanged} of {run.items} received{run.itemsGone ? `; ${run.itemsGone} issues found deleted or transferred` : ''}
                  </dd>
                  <dt>waits</dt>
                  <dd>{describeWaits(run.waits, run.outcome === 'RUNNING')}</dd>
                  <dt>rate limit left</dt>
                  <dd>{run.rateLimitRemaining ?? '—'}</dd>
                  <dt>errors</dt>
                  <dd className={project.recentErrors.length ? 'overdue' : ''}>
                    {project.recentErrors.length ? project.recentErrors.map((failure) => `${formatTime(failure.startedAt)}: ${failure.error}`).join(' · ') : 'none'}
                  </dd>
                  {project.mirrored && (
                    <>
                      <dt>mirror</dt>
                      <dd>
                        {project.mirrored.issues} issues, {project.mirrored.pullRequests} pull requests, {project.mirrored.milestones} milestones, {project.mirrored.labels} labels,{' '}
                        {project.mirrored.releases} releases, {project.mirrored.tags} tags, {project.mirrored.maintainers} maintainers
                        {project.mirrored.gone ? `; ${project.mirrored.gone} issues no longer in the repository (deleted or transferred)` : ''}
                      </dd>
                    </>
                  )}
                </dl>
              )}
            </section>
          );
        })}
      </div>
      <h2>Webhooks</h2>
      <p>
        Deliveries: {status.webhooks.applied} applied, {status.webhooks.queued} queued, {status.webhooks.failed} failed; last received{' '}
        {formatTime(status.webhooks.lastReceivedAt)}.
      </p>
      <h2>Job runs</h2>
      <JobRunsTable runs={runs} />
      <p>
        <Link href="/sync/jobs">All recent job runs</Link>
      </p>
    </>
  );
}
