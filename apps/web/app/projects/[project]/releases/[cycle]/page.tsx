import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError, formatPublishedDate } from '@shepherd/governance';
import { cycleView } from '@/lib/views';
import { EditSupportForm } from '../../../../components/edit-support-form';
import { GateBadge } from '../../../../components/gate-badge';
import { ComputedMark, DateText, Owners, PhaseBadge } from '../../../../components/phase-badge';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string; cycle: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, cycle } = await params;
  return { title: `${project} ${cycle}` };
}

const MILESTONE_NAMES: Record<string, string> = {
  ALPHA: 'Alpha',
  BETA: 'Beta',
  FEATURE_FREEZE: 'Feature freeze',
  RC: 'Release candidate',
  GA: 'General availability',
  END_OF_ACTIVE_SUPPORT: 'End of active support',
  EOL: 'End of life',
};

const day = (iso: string) => formatPublishedDate(iso.slice(0, 10), 'DAY');

export default async function CyclePage({ params }: Params) {
  const { project: slug, cycle: name } = await params;
  let view;
  try {
    view = await cycleView(slug, decodeURIComponent(name));
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { detail, qualification } = view;
  const { project, cycle, milestones, releases, kubernetes, policy } = detail;
  const life = cycle.lifecycle;
  const patches = releases.filter((release) => release.preKind === null);
  const preReleases = releases.filter((release) => release.preKind !== null);
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${project.slug}/releases`}>{project.name} releases</Link> / {cycle.name}
      </p>
      <h1>
        {project.name} {cycle.name} <PhaseBadge lifecycle={life} />
      </h1>
      <div className="cards">
        <div className="card" data-testid="support-window">
          <h3>Support window</h3>
          <dl className="facts">
            <dt>Released</dt>
            <dd>
              <DateText date={life.ga} />
            </dd>
            <dt>{life.isLts ? 'LTS' : 'Active support'} until</dt>
            <dd>
              <DateText date={life.endOfActiveSupport} />
              <ComputedMark lifecycle={life} />
            </dd>
            <dt>End of life</dt>
            <dd>
              <DateText date={life.endOfLife} />
              <ComputedMark lifecycle={life} />
              {life.endOfLife?.precision === 'MONTH' && <span className="muted"> (through the end of the month)</span>}
            </dd>
            <dt>Status</dt>
            <dd>
              {life.isMaintained
                ? `Supported${life.daysUntilEndOfLife !== null ? `, ${life.daysUntilEndOfLife} days left` : ''}`
                : life.phase === 'END_OF_LIFE'
                  ? 'No longer supported'
                  : 'Not released yet'}
            </dd>
            {policy && (
              <>
                <dt>Policy</dt>
                <dd>
                  v{policy.version}: {policy.name}
                </dd>
              </>
            )}
          </dl>
        </div>
        <div className="card" data-testid="owners">
          <h3>Owners</h3>
          <Owners owners={cycle.owners} />
          {cycle.owners[0] && <p className="muted">{cycle.owners[0].role === 'LTS_OWNER' ? 'LTS owners' : 'Release owners'}</p>}
        </div>
        <div className="card" data-testid="kubernetes">
          <h3>Kubernetes versions</h3>
          {kubernetes.length === 0 ? (
            <p className="muted">Not in the Kubernetes support matrix.</p>
          ) : (
            <ul className="plain">
              {kubernetes.map((row) => (
                <li key={row.kubernetesVersion}>
                  Kubernetes <strong>{row.kubernetesVersion}</strong> with {row.minimumVersion}+ (CRI {row.criVersion})
                </li>
              ))}
            </ul>
          )}
          {cycle.extendedSupportKubernetes.length > 0 && (
            <p className="muted">Extended support is scoped to Kubernetes {cycle.extendedSupportKubernetes.join(', ')}.</p>
          )}
        </div>
      </div>
      {life.supportComputedFrom && (
        <p className="note" data-testid="computed-note">
          {project.name} publishes no support table: the dates marked “computed” are Shepherd’s, from release policy v{life.supportComputedFrom.version} ({life.supportComputedFrom.name})
          applied to its GA date. A maintainer who sets a date on this page replaces the computed one.
        </p>
      )}
      {cycle.extendedSupportNote && <p className="note">{cycle.extendedSupportNote}</p>}
      {(qualification.runs.length > 0 || !cycle.lifecycle.ga?.happened) && (
        <p data-testid="ga-gate">
          <GateBadge state={qualification.gate.state} /> {qualification.gate.message} ·{' '}
          <Link href={`/projects/${project.slug}/releases/${cycle.name}/qualification`}>qualification history</Link>
        </p>
      )}

      <EditSupportForm project={project.slug} cycle={cycle.name} />

      <h2>Milestones</h2>
      <table data-testid="milestones">
        <thead>
          <tr>
            <th>Milestone</th>
            <th>Planned</th>
            <th>Happened</th>
            <th>History</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((milestone) => (
            <tr key={milestone.kind}>
              <td>{MILESTONE_NAMES[milestone.kind]}</td>
              <td>
                {milestone.plannedOn ? (
                  <DateText date={{ text: formatPublishedDate(milestone.plannedOn, milestone.plannedPrecision), tentative: milestone.tentative }} />
                ) : (
                  <span className="muted">—</span>
                )}
                {milestone.plannedPrecision === 'MONTH' && <span className="muted"> (month)</span>}
                {milestone.computed && <span className="computed"> (computed from policy v{life.supportComputedFrom?.version})</span>}
              </td>
              <td>{milestone.actualOn ? formatPublishedDate(milestone.actualOn, 'DAY') : <span className="muted">—</span>}</td>
              <td>
                <ul className="plain">
                  {milestone.changes
                    .filter((change) => change.field === 'published')
                    .map((change, index) => (
                      <li key={index} className="muted">
                        {day(change.changedAt)}: {change.before ?? 'none'} → {change.after ?? 'none'} ({change.source})
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Releases</h2>
      {releases.length === 0 ? (
        <p className="muted">No tags yet.</p>
      ) : (
        <table data-testid="releases">
          <thead>
            <tr>
              <th>Tag</th>
              <th>Date</th>
              <th>Kind</th>
            </tr>
          </thead>
          <tbody>
            {[...patches, ...preReleases].map((release) => (
              <tr key={release.tag}>
                <td>{release.tag}</td>
                <td>{day(release.taggedOn)}</td>
                <td>{release.preKind ? `pre-release (${release.preKind})` : 'release'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
