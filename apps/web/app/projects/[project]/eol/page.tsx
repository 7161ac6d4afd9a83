import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { adviseUpgrades, EOL_SOON_DAYS, formatPublishedDate, GovernanceError, loadEolSnapshot, type CycleSummary, type UpgradeAdvice } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { originFromHeaders } from '@/lib/http';
import { today } from '@/lib/today';
import { ComputedMark, ComputedNote, DateText, PhaseBadge } from '../../../components/phase-badge';
import styles from './eol.module.css';

// The public end-of-life page: the answer first (what to run, until when), then every supported
// release with its upgrade route, what comes next, the timeline, what has ended (the old ones
// folded), and the machine-readable links. The advice itself is governance's (adviseUpgrades).

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ project: string }>; searchParams: Promise<{ older?: string }> };

/** Releases that ended more than this long ago are shown only on asking (`?older=all`): at hundreds of releases they would be most of the page. */
const RECENTLY_ENDED_DAYS = 2 * 365;

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

/** The newest release of a cycle, its day, and its release notes on GitHub. */
function Latest({ cycle, repository }: { cycle: CycleSummary; repository: string }) {
  const latest = cycle.latestRelease;
  if (!latest) return <span className="muted">—</span>;
  return (
    <>
      <a href={`https://github.com/${repository}/releases/tag/${encodeURIComponent(latest.tag)}`} title={`release notes of ${latest.tag}`}>
        {latest.tag}
      </a>{' '}
      <span className="muted">({formatPublishedDate(latest.taggedOn, 'DAY')})</span>
    </>
  );
}

function Advice({ advice }: { advice: UpgradeAdvice | undefined }) {
  if (!advice) return <span className="muted">—</span>;
  return <span className={advice.kind === 'recommended' ? styles.recommended : undefined}>{advice.text}</span>;
}

function EndedRows({ cycles, repository, advice }: { cycles: CycleSummary[]; repository: string; advice: Map<string, UpgradeAdvice> }) {
  return cycles.map((cycle) => (
    <tr key={cycle.name} data-cycle={cycle.name} className={styles.ended}>
      <td className={styles.cycle}>{cycle.name}</td>
      <td data-label="Ended">
        {cycle.lifecycle.endOfLife?.text ?? <span>date not published</span>}
        <ComputedMark lifecycle={cycle.lifecycle} />
      </td>
      <td data-label="Released">
        <DateText date={cycle.lifecycle.ga} />
      </td>
      <td data-label="Latest">
        <Latest cycle={cycle} repository={repository} />
      </td>
      <td data-label="What to do">
        <Advice advice={advice.get(cycle.name)} />
      </td>
    </tr>
  ));
}

function EndedHead() {
  return (
    <thead>
      <tr>
        <th>Release</th>
        <th>Ended</th>
        <th>Released</th>
        <th>Latest</th>
        <th>What to do</th>
      </tr>
    </thead>
  );
}

export default async function EolPage({ params, searchParams }: Params) {
  const { project: slug } = await params;
  const showOlder = (await searchParams).older === 'all';
  const day = today();
  const snapshot = await load(slug, day);
  const { project, cycles } = snapshot;
  const origin = originFromHeaders(await headers());
  const host = origin.replace(/^https?:\/\//, '');
  const { recommended, newest, advice, upcoming } = adviseUpgrades(project, cycles, day);
  const supported = cycles.filter((cycle) => cycle.lifecycle.isMaintained && cycle.lifecycle.ga?.happened);
  const ended = cycles.filter((cycle) => cycle.lifecycle.phase === 'END_OF_LIFE');
  const isRecent = (cycle: CycleSummary) => {
    const end = cycle.lifecycle.endOfLife;
    return end !== null && Date.parse(`${day}T00:00:00Z`) - Date.parse(`${end.endsBefore}T00:00:00Z`) <= RECENTLY_ENDED_DAYS * 86_400_000;
  };
  const recent = ended.filter(isRecent);
  const older = ended.filter((cycle) => !isRecent(cycle));
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
      {supported.length === 0 ? (
        <p className="muted">None: every released {project.name} release has reached its end of life.</p>
      ) : (
        <table data-testid="supported" className="stack-on-phone">
          <thead>
            <tr>
              <th>Release</th>
              <th>Status</th>
              <th>Released</th>
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
                <td data-label="Released">
                  <DateText date={cycle.lifecycle.ga} />
                </td>
                <td data-label="Supported until">
                  <Until cycle={cycle} />
                </td>
                <td data-label="Latest">
                  <Latest cycle={cycle} repository={project.repository} />
                </td>
                <td data-label="What to do">
                  <Advice advice={advice.get(cycle.name)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
            {upcoming.map(({ cycle, overdueDays }) => (
              <li key={cycle.name}>
                <strong>{cycle.name}</strong> {cycle.lifecycle.label.toLowerCase()} — GA {cycle.lifecycle.ga ? <DateText date={cycle.lifecycle.ga} /> : 'not scheduled'}
                {overdueDays > 0 && (
                  <span className="overdue">
                    {' '}
                    · {overdueDays} day{overdueDays === 1 ? '' : 's'} overdue
                  </span>
                )}
                {cycle.lifecycle.isLts && ' · planned LTS'}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Timeline</h2>
      <figure className={styles.timeline} data-testid="timeline">
        <a href={`/projects/${enc}/timeline.svg`}>
          <picture>
            <source media="(max-width: 700px)" srcSet={`/projects/${enc}/timeline.svg?width=420`} />
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={`/projects/${enc}/timeline.svg`} alt={`${project.name} release timeline: support windows of the newest releases, with a line for today`} />
          </picture>
        </a>
      </figure>

      {ended.length > 0 && <h2>End of life</h2>}
      {recent.length > 0 && (
        <table data-testid="ended" className="stack-on-phone">
          <EndedHead />
          <tbody>
            <EndedRows cycles={recent} repository={project.repository} advice={advice} />
          </tbody>
        </table>
      )}
      {older.length > 0 && !showOlder && (
        <p className={styles.older} data-testid="older">
          <Link href="?older=all#older">
            Show {older.length} older release{older.length === 1 ? '' : 's'} (ended more than two years ago)
          </Link>
        </p>
      )}
      {older.length > 0 && showOlder && (
        <section className={styles.older} id="older" aria-label="Older releases">
          <p>
            {older.length} older release{older.length === 1 ? '' : 's'}, ended more than two years ago (<Link href={`/projects/${enc}/eol`}>hide them</Link>):
          </p>
          <table data-testid="ended-older" className="stack-on-phone">
            <EndedHead />
            <tbody>
              <EndedRows cycles={older} repository={project.repository} advice={advice} />
            </tbody>
          </table>
        </section>
      )}

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
