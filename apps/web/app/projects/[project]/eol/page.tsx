import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EOL_SOON_DAYS, GovernanceError, loadEolSnapshot, type CycleSummary } from '@shepherd/governance';
import { checkUpgradePath } from '@shepherd/governance/cadence/check-upgrade-path';
import { upgradeCycles } from '@shepherd/governance/planning/upgrade-cycles';
import { prisma } from '@/lib/database';
import { originFromHeaders } from '@/lib/http';
import { today } from '@/lib/today';
import { ComputedMark, ComputedNote, DateText, PhaseBadge } from '../../../components/phase-badge';
import styles from './eol.module.css';

// The public end-of-life page: the answer first (what to run, until when), then every supported
// release with its upgrade route, what comes next, what has ended, and the machine-readable links.

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await params).project} end of life` };
}

async function load(slug: string, day: string) {
  try {
    return await loadEolSnapshot(await prisma(), slug, day);
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
}

/** The newest LTS still in active support, else the newest release in active support. */
function recommendation(cycles: CycleSummary[]): CycleSummary | null {
  const active = cycles.filter((cycle) => cycle.lifecycle.phase === 'ACTIVE');
  return active.find((cycle) => cycle.lifecycle.isLts) ?? active[0] ?? null;
}

function upgradeAdvice(ltsUpgradeLine: string[], cycles: CycleSummary[], from: CycleSummary, to: CycleSummary | null): string {
  if (!to) return '—';
  if (from.name === to.name) return 'Recommended';
  const released = upgradeCycles(ltsUpgradeLine, cycles.filter((cycle) => cycle.lifecycle.ga?.happened));
  const answer = checkUpgradePath(released, from.name, to.name);
  if (answer.allowed) return `Upgrade to ${to.name}${answer.rule === 'lts-to-next-lts' ? ' (LTS to next LTS)' : ''}`;
  // A release newer than the recommended LTS (a later minor still in active support) is fine to keep.
  if (answer.rule === 'downgrade') return `Keep it (newer than ${to.name}${to.lifecycle.isLts ? ' LTS' : ''})`;
  return answer.path.length > 1 ? `Upgrade to ${to.name} via ${answer.path.slice(1, -1).join(' → ')}` : answer.message;
}

function Until({ cycle }: { cycle: CycleSummary }) {
  const life = cycle.lifecycle;
  if (!life.endOfLife) return <span className="muted">end not announced</span>;
  const days = life.daysUntilEndOfLife;
  return (
    <>
      <span className={styles.until}>
        <DateText date={life.endOfLife} />
      </span>
      <ComputedMark lifecycle={life} />{' '}
      {days !== null && <span className={days <= EOL_SOON_DAYS ? styles.soon : 'muted'}>({days} days left)</span>}
    </>
  );
}

export default async function EolPage({ params }: Params) {
  const { project: slug } = await params;
  const day = today();
  const snapshot = await load(slug, day);
  const { project, cycles } = snapshot;
  const origin = originFromHeaders(await headers());
  const host = origin.replace(/^https?:\/\//, '');
  const supported = cycles.filter((cycle) => cycle.lifecycle.isMaintained);
  const ended = cycles.filter((cycle) => cycle.lifecycle.phase === 'END_OF_LIFE');
  const upcoming = cycles.filter((cycle) => !cycle.lifecycle.ga?.happened).reverse();
  const recommended = recommendation(cycles);
  const newest = cycles.find((cycle) => cycle.lifecycle.ga?.happened && cycle.lifecycle.isMaintained);
  const enc = encodeURIComponent(project.slug);
  return (
    <>
      <h1>{project.name}: which releases are supported?</h1>
      <p className={styles.answer} data-testid="answer">
        {recommended ? (
          <>
            Run <strong>{project.name} {recommended.name}</strong>
            {recommended.lifecycle.isLts ? ' (LTS)' : ''}, supported until <strong>{recommended.lifecycle.endOfLife?.text ?? 'a date not yet announced'}</strong>
            {recommended.lifecycle.supportComputedFrom && ' (computed from its release policy)'}.
            {newest && newest.name !== recommended.name && <> The newest release is {newest.name}.</>}
          </>
        ) : (
          <>No {project.name} release is in active support today ({day}).</>
        )}{' '}
        <span className="muted">As of {day}.</span>
      </p>

      <h2>Supported releases</h2>
      <table data-testid="supported" className={styles.stack}>
        <thead>
          <tr>
            <th>Release</th>
            <th>Status</th>
            <th>Supported until</th>
            <th>Latest</th>
            <th>What to do</th>
          </tr>
        </thead>
        <tbody>
          {supported.map((cycle) => (
            <tr key={cycle.name} data-cycle={cycle.name}>
              <td className={styles.cycle}>
                <Link href={`/projects/${enc}/releases/${cycle.name}`}>{cycle.name}</Link>
              </td>
              <td>
                <PhaseBadge lifecycle={cycle.lifecycle} />
              </td>
              <td data-label="Supported until">
                <Until cycle={cycle} />
              </td>
              <td data-label="Latest">{cycle.latestRelease?.tag ?? '—'}</td>
              <td data-label="What to do">{upgradeAdvice(snapshot.project.ltsUpgradeLine, cycles, cycle, recommended)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ComputedNote projectName={project.name} lifecycles={cycles.map((cycle) => cycle.lifecycle)} />
      {supported.filter((cycle) => cycle.extendedSupportNote).map((cycle) => (
        <p key={cycle.name} className="note">
          {cycle.name}: {cycle.extendedSupportNote}
        </p>
      ))}

      {upcoming.length > 0 && (
        <>
          <h2>Coming next</h2>
          <ul className="plain" data-testid="upcoming">
            {upcoming.map((cycle) => (
              <li key={cycle.name}>
                <strong>{cycle.name}</strong> {cycle.lifecycle.label.toLowerCase()} — GA {cycle.lifecycle.ga ? <DateText date={cycle.lifecycle.ga} /> : 'not scheduled'}
                {cycle.lifecycle.isLts && ' · planned LTS'}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>End of life</h2>
      <table data-testid="ended" className={styles.stack}>
        <tbody>
          {ended.map((cycle) => (
            <tr key={cycle.name} data-cycle={cycle.name} className={styles.ended}>
              <td>{cycle.name}</td>
              <td>
                ended {cycle.lifecycle.endOfLife?.text ?? '(date not published)'}
                <ComputedMark lifecycle={cycle.lifecycle} />
              </td>
              <td data-label="Latest">{cycle.latestRelease?.tag ?? '—'}</td>
              <td>{recommended ? upgradeAdvice(snapshot.project.ltsUpgradeLine, cycles, cycle, recommended) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Follow these dates</h2>
      <div className={styles.links} data-testid="subscribe">
        <span>Calendar</span>
        <span>
          <a href={`webcal://${host}/calendar/${enc}.ics`}>Subscribe (webcal)</a> · <a href={`/calendar/${enc}.ics`}>.ics file</a>
        </span>
        <span>Atom feeds</span>
        <span>
          <a href={`/feeds/${enc}.atom`}>releases and end of life</a> · <a href={`/feeds/upcoming-eol.atom?projects=${enc}`}>upcoming end-of-life dates</a>
        </span>
        <span>Badges</span>
        <span className={styles.badges}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={`/badges/${enc}/supported.svg`} alt={`${project.name} supported releases`} />
          {supported.map((cycle) => (
            // eslint-disable-next-line @next/next/no-img-element
            <img key={cycle.name} src={`/badges/${enc}/${cycle.name}.svg`} alt={`${project.name} ${cycle.name} status`} />
          ))}
          <br />
          <code>![{project.name}]({origin}/badges/{enc}/supported.svg)</code> · shields endpoint: <code>/badges/{enc}/&lt;cycle&gt;.json</code>
        </span>
        <span>JSON API</span>
        <span>
          <a href={`/api/v1/products/${enc}`}>endoflife.date v1</a> · <a href={`/api/shepherd/v1/projects/${enc}`}>Shepherd API</a>
        </span>
        <span>Timeline</span>
        <span>
          <a href={`/projects/${enc}/timeline.svg`}>timeline.svg</a> <span className="muted">(embeddable, with a “today” line)</span>
        </span>
      </div>
    </>
  );
}
