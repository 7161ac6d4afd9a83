import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError, getProjectReleases, renderTimelineSvg } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { syncScheduleText } from '@/lib/sync-schedule';
import { today } from '@/lib/today';
import { ComputedMark, ComputedNote, DateText, Owners, PhaseBadge } from '../../../components/phase-badge';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await params).project} releases` };
}

async function load(slug: string, day: string) {
  try {
    return await getProjectReleases(await prisma(), slug, day);
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
}

export default async function ReleasesPage({ params }: Params) {
  const { project: slug } = await params;
  const day = today();
  const { project, cycles, kubernetes, legacyKubernetes } = await load(slug, day);
  const footnoted = cycles.filter((cycle) => cycle.extendedSupportNote);
  return (
    <>
      <h1>{project.name} releases</h1>
      <p className="muted">
        <Link href={`/projects/${project.slug}/eol`}>Is my version supported?</Link> · <Link href={`/projects/${project.slug}/plan`}>Release plan</Link> ·{' '}
        <a href={`/calendar/${project.slug}.ics`}>Calendar</a> · <a href={`/feeds/${project.slug}.atom`}>Atom feed</a> · <a href={`/projects/${project.slug}/timeline.svg`}>timeline.svg</a> ·{' '}
        <a href={`/api/v1/products/${project.slug}`}>JSON</a>
      </p>
      <h2>Timeline</h2>
      <div className="timeline" dangerouslySetInnerHTML={{ __html: renderTimelineSvg(cycles, { today: day, title: `${project.name} release timeline` }) }} />
      <h2>Current state of {project.name} releases</h2>
      <table data-testid="release-table">
        <thead>
          <tr>
            <th>Release</th>
            <th>Status</th>
            <th>Start</th>
            <th>End of Life</th>
            <th>Owners</th>
            <th>Latest</th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((cycle) => (
            <tr key={cycle.name} data-cycle={cycle.name}>
              <td>
                <Link href={`/projects/${project.slug}/releases/${cycle.name}`}>
                  <strong>{cycle.name}</strong>
                </Link>
              </td>
              <td>
                <PhaseBadge lifecycle={cycle.lifecycle} />
                {cycle.publishedStatus && cycle.publishedStatus !== cycle.lifecycle.label && (
                  <div className="muted" title="As written in the project's RELEASES.md">
                    published: {cycle.publishedStatus}
                  </div>
                )}
              </td>
              <td>
                <DateText date={cycle.lifecycle.ga} />
              </td>
              <td>
                <DateText date={cycle.lifecycle.endOfLife} />
                <ComputedMark lifecycle={cycle.lifecycle} />
                {cycle.extendedSupportNote && <sup>{'*'.repeat(footnoted.indexOf(cycle) + 1)}</sup>}
              </td>
              <td>
                <Owners owners={cycle.owners} />
              </td>
              <td>{cycle.latestRelease?.tag ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cycles.length === 0 && (
        <p className="muted" data-testid="no-releases">
          No releases yet. The GitHub sync brings {project.name}’s tags from {project.repository} (it runs {syncScheduleText()}; <Link href="/sync">sync status</Link>), and
          each tag fills this table; an admin can also import a tags file or a RELEASES.md table.
        </p>
      )}
      <ComputedNote projectName={project.name} lifecycles={cycles.map((cycle) => cycle.lifecycle)} />
      {footnoted.map((cycle, index) => (
        <p key={cycle.name} className="note">
          {'*'.repeat(index + 1)} {cycle.extendedSupportNote}
        </p>
      ))}
      {kubernetes.length > 0 && (
        <>
          <h2>Kubernetes support</h2>
          <table data-testid="kubernetes-table">
            <thead>
              <tr>
                <th>Kubernetes Version</th>
                <th>{project.name} Version</th>
                <th>CRI Version</th>
              </tr>
            </thead>
            <tbody>
              {kubernetes.map((row) => (
                <tr key={row.kubernetesVersion}>
                  <td>{row.kubernetesVersion}</td>
                  <td>{row.entries.map((entry) => `${entry.minimumVersion}+`).join(', ')}</td>
                  <td>{row.criVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {legacyKubernetes.length > 0 && (
        <>
          <h2>Deprecated {project.name} and Kubernetes versions</h2>
          <table>
            <thead>
              <tr>
                <th>{project.name} Version</th>
                <th>Kubernetes Version</th>
                <th>CRI Version</th>
              </tr>
            </thead>
            <tbody>
              {legacyKubernetes.map((row) => (
                <tr key={row.position}>
                  <td>{row.runtimeVersions}</td>
                  <td>{row.kubernetesVersions}</td>
                  <td>{row.criVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
