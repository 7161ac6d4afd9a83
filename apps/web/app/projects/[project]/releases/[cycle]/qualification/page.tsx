import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { getQualifications, renderTrendSvg } from '@shepherd/governance/qualification/index';
import { MIN_OVERRIDE_REASON } from '@shepherd/governance/qualification/index';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { ActionForm } from '../../../../../admin/action-form';
import { GateBadge } from '../../../../../components/gate-badge';
import { LiveLog } from './live-log';
import { overrideGateAction, qualifyNowAction } from './qualification.actions';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; cycle: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, cycle } = await params;
  return { title: `${project} ${cycle} qualification` };
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

export default async function QualificationPage({ params }: Params) {
  const { project: slug, cycle: name } = await params;
  let history;
  try {
    history = await getQualifications(await prisma(), slug, decodeURIComponent(name));
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, cycle, gate, runs } = history;
  const running = runs.find((run) => run.status === 'RUNNING' || run.status === 'QUEUED');
  const trend = renderTrendSvg(runs);
  const signedIn = (await currentActor()).kind === 'user';
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${project.slug}/releases`}>{project.name} releases</Link> /{' '}
        <Link href={`/projects/${project.slug}/releases/${cycle.name}`}>{cycle.name}</Link> / qualification
      </p>
      <h1>
        {project.name} {cycle.name} release-candidate qualification
      </h1>
      <p data-testid="gate">
        <GateBadge state={gate.state} /> {gate.message}
      </p>
      <p className="muted">
        Every release candidate builds the bundled runtime-core, packs it, installs the tarball as a user would, and runs its smoke suite and benchmark.
      </p>
      {signedIn ? (
        <>
          <ActionForm action={qualifyNowAction} submit="Qualify now" testId="qualify-now">
            <input type="hidden" name="project" value={project.slug} />
            <input type="hidden" name="cycle" value={cycle.name} />
            <label>
              RC tag <input name="tag" placeholder={`newest, e.g. v${cycle.name}.0-rc.1`} size={22} aria-label="RC tag" />
            </label>{' '}
            <label>
              <input type="checkbox" name="rerun" /> run again if already qualified
            </label>{' '}
          </ActionForm>
          {!gate.open && (
            <ActionForm action={overrideGateAction} submit="Override the GA gate" testId="override-gate">
              <input type="hidden" name="project" value={project.slug} />
              <input type="hidden" name="cycle" value={cycle.name} />
              <label>
                Why GA may go ahead despite {gate.latest?.tag} (at least {MIN_OVERRIDE_REASON} characters, audited)
                <br />
                <textarea name="reason" rows={2} cols={70} aria-label="Override reason" />
              </label>
              <br />
            </ActionForm>
          )}
        </>
      ) : (
        <p className="muted">
          <Link href={`/signin?next=${encodeURIComponent(`/projects/${project.slug}/releases/${cycle.name}/qualification`)}`}>Sign in</Link> to qualify a release candidate now
          or override the GA gate (or run <code>npm run qualify -- {project.slug} v{cycle.name}.0-rc.N</code> on the server).
        </p>
      )}
      {running && (
        <>
          <h2>
            Running: {running.tag} #{running.attempt}
          </h2>
          <LiveLog id={running.id} />
        </>
      )}
      {trend && (
        <>
          <h2>Tasks per second</h2>
          <div className="timeline" dangerouslySetInnerHTML={{ __html: trend }} />
        </>
      )}
      <h2>History</h2>
      {runs.length === 0 ? (
        <p className="muted">No release candidate has been qualified yet.</p>
      ) : (
        <table data-testid="qualifications">
          <thead>
            <tr>
              <th>RC</th>
              <th>Outcome</th>
              <th>Steps</th>
              <th>Duration</th>
              <th>Tasks/s</th>
              <th>Tarball</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-tag={run.tag}>
                <td>
                  <strong>{run.tag}</strong> #{run.attempt}
                  <div className="muted">
                    {run.trigger}
                    {run.requestedBy ? ` by @${run.requestedBy}` : ''}
                    {run.commit ? ` at ${run.commit.slice(0, 9)}` : ''}
                  </div>
                </td>
                <td>
                  <span className={`badge ${run.status === 'PASSED' ? 'phase-ACTIVE' : run.status === 'FAILED' ? 'phase-ERROR' : 'phase-BETA'}`}>{run.status.toLowerCase()}</span>
                  {run.regressed && <span className="badge phase-EXTENDED">regressed</span>}
                  {run.reason && <div>{run.reason}</div>}
                </td>
                <td className="muted">{run.steps.map((step) => `${step.name} ${seconds(step.durationMs)}`).join(' · ')}</td>
                <td>{seconds(run.durationMs)}</td>
                <td>
                  {run.tasksPerSecond !== null ? Math.round(run.tasksPerSecond) : '—'}
                  {run.regressionNote && <div className="muted">{run.regressionNote}</div>}
                </td>
                <td className="muted">{run.tarballSha256 ? `${run.tarballSize} B, sha256 ${run.tarballSha256.slice(0, 12)}…` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
