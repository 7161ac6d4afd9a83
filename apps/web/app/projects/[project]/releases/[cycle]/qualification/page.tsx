import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { getQualifications, MIN_OVERRIDE_REASON, renderTrendSvg, type QualificationView } from '@shepherd/governance/qualification/index';
import { getGaHistory } from '@shepherd/governance/planning/record-ga';
import { formatPublishedDate } from '@shepherd/governance/releases/published-dates';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { ActionForm, CheckboxField, Field, TextAreaField } from '../../../../../components/form';
import { GateBadge } from '../../../../../components/gate-badge';
import { GaControls } from './ga-controls';
import { LiveLog, RunLog } from './live-log';
import { overrideGateAction, qualifyNowAction } from './qualification.actions';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; cycle: string }>; searchParams: Promise<{ log?: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, cycle } = await params;
  return { title: `${project} ${cycle} qualification` };
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
const day = (iso: string) => formatPublishedDate(iso.slice(0, 10), 'DAY');

/** What a run built: the ref or the working tree, its commit, and its source digest. */
function SourceCell({ run }: { run: QualificationView }) {
  if (!run.sourceDigest) return <span className="muted">{run.ref ? `${run.ref} ` : ''}{run.commit ? run.commit.slice(0, 12) : '—'}</span>;
  return (
    <>
      <div>
        {run.ref ? <code>{run.ref}</code> : 'working tree'}
        {run.commit && (
          <>
            {' '}
            at <code title={run.commit}>{run.commit.slice(0, 12)}</code>
          </>
        )}
        {run.dirty && <span className="badge phase-EXTENDED">uncommitted changes</span>}
        {run.dirty === null && <span className="muted"> (not a git checkout)</span>}
      </div>
      <div className="muted" title={run.sourceDigest}>
        {run.sourceFiles} files, {run.sourceDigest.slice(0, 19)}…
      </div>
      {run.sourceNote && <div data-testid="source-note">{run.sourceNote}</div>}
    </>
  );
}

export default async function QualificationPage({ params, searchParams }: Params) {
  const { project: slug, cycle: name } = await params;
  const openLog = Number((await searchParams).log);
  const db = await prisma();
  let history;
  try {
    history = await getQualifications(db, slug, decodeURIComponent(name));
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, cycle, gate, runs, knownRcs } = history;
  const ga = await getGaHistory(db, cycle.id);
  const running = runs.find((run) => run.status === 'RUNNING' || run.status === 'QUEUED');
  const trend = renderTrendSvg(runs);
  const signedIn = (await currentActor()).kind === 'user';
  const page = `/projects/${project.slug}/releases/${cycle.name}/qualification`;
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
        Every release candidate builds the bundled runtime-core from source it names (a git ref, or the working tree with its commit), packs it, installs the tarball as a
        user would, and runs its smoke suite and benchmark. GA stays closed until the newest RC is green
        {gate.firstCycle ? `; the gate applies to ${project.name} from ${gate.firstCycle} on` : ''}.
      </p>
      <p data-testid="known-rcs">
        {knownRcs.length ? (
          <>Known RCs: {knownRcs.join(', ')}</>
        ) : (
          <span className="muted">No RC tag of {cycle.name} is known yet: import its tags (npm run import -- tags) or sync GitHub to qualify one.</span>
        )}
      </p>
      {signedIn ? (
        <>
          <ActionForm action={qualifyNowAction} submit="Qualify now" testId="qualify-now" refused="Not queued" labels={{ tag: 'RC tag', ref: 'Git ref' }}>
            <input type="hidden" name="project" value={project.slug} />
            <input type="hidden" name="cycle" value={cycle.name} />
            <div className="fields">
              <Field name="tag" label="RC tag" placeholder={knownRcs[0] ? `newest: ${knownRcs[0]}` : 'no RC tag yet'} size={22} list="known-rcs" />
              <Field name="ref" label="Git ref" placeholder="working tree" size={16} hint="a tag or commit to build; empty: the RC tag" />
            </div>
            <datalist id="known-rcs">
              {knownRcs.map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
            <p>
              <CheckboxField name="rerun" label="run again if already qualified" />
            </p>
          </ActionForm>
          {!gate.open && (
            <ActionForm action={overrideGateAction} submit="Override the GA gate" testId="override-gate" refused="Not overridden" labels={{ reason: 'Override reason' }}>
              <input type="hidden" name="project" value={project.slug} />
              <input type="hidden" name="cycle" value={cycle.name} />
              <TextAreaField
                name="reason"
                label="Override reason"
                hint={`why GA may go ahead ${gate.tag ? `despite ${gate.tag}` : 'without a qualified RC'}: at least ${MIN_OVERRIDE_REASON} characters, audited`}
                rows={2}
                cols={70}
                style={{ maxWidth: '100%' }}
              />
            </ActionForm>
          )}
        </>
      ) : (
        <p className="muted">
          <Link href={`/signin?next=${encodeURIComponent(page)}`}>Sign in</Link> to qualify a release candidate now, override the GA gate or record GA (or run{' '}
          <code>
            npm run qualify -- {project.slug} {knownRcs[0] ?? `v${cycle.name}.0-rc.N`} [--ref &lt;tag|commit&gt;]
          </code>{' '}
          on the server).
        </p>
      )}
      <h2 id="record-ga">GA</h2>
      <p data-testid="ga-state">
        {ga.day ? (
          <>
            <span className="badge phase-ACTIVE">GA</span> {project.name} {cycle.name} went GA on {formatPublishedDate(ga.day, 'DAY')}.
          </>
        ) : (
          <>
            {project.name} {cycle.name} is not GA yet
            {ga.ga.planned ? ` (planned ${formatPublishedDate(ga.ga.planned.date, ga.ga.planned.precision)}${ga.ga.planned.tentative ? ', tentative' : ''})` : ''}.
          </>
        )}
      </p>
      {ga.records.length > 0 && (
        <ul className="plain muted" data-testid="ga-records">
          {ga.records.map((record) => (
            <li key={record.createdAt}>
              GA on {formatPublishedDate(record.day, 'DAY')} recorded by @{record.by} on {day(record.createdAt)}
              {record.note ? ` (${record.note})` : ''}
              {record.undone && ` — undone by @${record.undone.by} on ${day(record.undone.at)}: ${record.undone.reason}`}
            </li>
          ))}
        </ul>
      )}
      {signedIn && (
        <GaControls
          project={project.slug}
          cycle={cycle.name}
          today={today()}
          gaDay={ga.day}
          gaDayText={ga.day ? formatPublishedDate(ga.day, 'DAY') : null}
          undoRestores={ga.undoRestores}
          gaTag={ga.tag}
          gateOpen={gate.open}
        />
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
        <div style={{ overflowX: 'auto' }}>
          <table data-testid="qualifications">
            <thead>
              <tr>
                <th>RC</th>
                <th>Source</th>
                <th>Outcome</th>
                <th>Steps</th>
                <th>Tasks/s</th>
                <th>Tarball</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => [
                <tr key={run.id} id={`run-${run.id}`} data-tag={run.tag} data-attempt={run.attempt}>
                  <td>
                    <strong>{run.tag}</strong> #{run.attempt}
                    <div className="muted">
                      {run.trigger}
                      {run.requestedBy ? ` by @${run.requestedBy}` : ''}
                    </div>
                  </td>
                  <td>
                    <SourceCell run={run} />
                  </td>
                  <td>
                    <span className={`badge ${run.status === 'PASSED' ? 'phase-ACTIVE' : run.status === 'FAILED' ? 'phase-ERROR' : 'phase-BETA'}`}>{run.status.toLowerCase()}</span>
                    {run.regressed && <span className="badge phase-EXTENDED">regressed</span>}
                    {run.reason && <div>{run.reason}</div>}
                  </td>
                  <td className="muted">
                    {run.steps.map((step) => `${step.name} ${seconds(step.durationMs)}`).join(' · ')}
                    <div>total {seconds(run.durationMs)}</div>
                  </td>
                  <td>
                    {run.tasksPerSecond !== null ? Math.round(run.tasksPerSecond) : '—'}
                    {run.benchRuns.length > 1 && (
                      <div className="muted">
                        of {run.benchRuns.map(Math.round).join(', ')} (spread {Math.round(run.benchSpread ?? 0)})
                      </div>
                    )}
                    {run.regressionNote && <div className="muted">{run.regressionNote}</div>}
                  </td>
                  <td className="muted">{run.tarballSha256 ? `${run.tarballSize} B, sha256 ${run.tarballSha256.slice(0, 12)}…` : '—'}</td>
                </tr>,
                // The log spans the table, so a finished run's output stays readable at any width.
                run.status !== 'QUEUED' && (
                  <tr key={`${run.id}-log`} className="run-log" data-log-of={run.id}>
                    <td colSpan={6}>
                      <RunLog id={run.id} open={run.id === openLog} />
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
