import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DEFAULT_PER_PAGE, getLiaisonBoard, GovernanceError, parsePageQuery, RELEASE_TEAM_STATE_LABEL, type Deadline } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { LiaisonsForm } from '../kep-forms';
import { day, Handles, HandlesWithBackups, KepLink, otherSigs, Pager, PrrCell, ReleaseTeamBadge, StateBadge } from '../kep-parts';
import { idleDays, readQuery, text } from '../options';
import styles from '../keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Liaison board' };

function When({ deadline }: { deadline: Deadline }) {
  const { daysLeft } = deadline;
  const left = daysLeft > 1 ? `in ${daysLeft} days` : daysLeft === 1 ? 'tomorrow' : daysLeft === 0 ? 'today' : daysLeft === -1 ? 'yesterday' : `${-daysLeft} days ago`;
  const time = deadline.at.toISOString().slice(11, 16);
  return (
    <span className={daysLeft < 0 ? 'muted' : undefined} data-deadline={deadline.name}>
      {deadline.name === 'code freeze' ? <strong>{deadline.name}</strong> : deadline.name} {day(deadline.at)}
      {time !== '00:00' ? ` ${time} UTC` : ''} <span className={daysLeft >= 0 && daysLeft <= 14 ? 'overdue' : undefined}>({left})</span>
    </span>
  );
}

export default async function LiaisonBoardPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const query = await searchParams;
  const release = text(query.release)?.replace(/^v/, '') ?? null;
  const sig = text(query.sig);
  const { asked: paging, problem } = readQuery(parsePageQuery, query);
  let board;
  try {
    board = await getLiaisonBoard(await prisma(), slug, release, { today: new Date(`${today()}T00:00:00Z`), idleDays: idleDays(query.idleDays), sig, ...paging });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const signedIn = (await currentActor()).kind === 'user';
  const codeFreeze = board.deadlines.find((d) => d.name === 'code freeze');
  const exportUrl = (format: 'csv' | 'json') =>
    board.version ? `/api/projects/${slug}/keps/liaisons/${board.version}?${new URLSearchParams({ ...(sig ? { sig } : {}), ...(format === 'csv' ? { format } : {}) })}` : null;
  const { report } = board;
  const pageHref = (page: number) =>
    `?${new URLSearchParams({
      ...(board.version ? { release: board.version } : {}),
      ...(sig ? { sig } : {}),
      ...(text(query.idleDays) ? { idleDays: text(query.idleDays)! } : {}),
      ...(board.perPage !== DEFAULT_PER_PAGE ? { perPage: String(board.perPage) } : {}),
      page: String(page),
    })}`;
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/keps`}>KEPs</Link> · <Link href={`/projects/${slug}/keps/queue`}>Shepherd queue</Link>
      </p>
      <h1>Liaison board{board.version ? `: Kubernetes ${board.version}` : ''}</h1>
      {problem && (
        <p className={styles.notice} role="alert" data-testid="query-problem">
          {problem}
        </p>
      )}
      <nav className={styles.releases} aria-label="Kubernetes releases">
        {board.versions.map((v) =>
          v === board.version ? (
            <strong key={v} aria-current="page">
              {v}
            </strong>
          ) : (
            <Link key={v} href={`?release=${v}`}>
              {v}
            </Link>
          ),
        )}
      </nav>
      {board.released && board.release && (
        <p className={styles.notice} data-testid="schedule-past">
          Kubernetes {board.version} was released on {day(board.release.releaseOn)}: its schedule is past, and this board is what happened.
        </p>
      )}
      {board.version && !board.release && (
        <p className={styles.notice} data-testid="no-schedule">
          sig-release has published no schedule for Kubernetes {board.version} yet: no deadlines to count down to.
        </p>
      )}
      {board.release && (
        <div className={styles.dates} data-testid="k8s-schedule">
          <span>cycle start {day(board.release.cycleStart)}</span>
          {board.deadlines.map((deadline) => (
            <When key={deadline.name} deadline={deadline} />
          ))}
          {board.release.proposed && <span className="tentative">proposed schedule</span>}
        </div>
      )}
      {!board.mirroredSince && (
        <p className={styles.notice} data-testid="not-mirrored">
          The release team&apos;s states are unknown: SIG Node&apos;s kubernetes/enhancements issues are not mirrored yet. The <code>keps</code> job mirrors them once
          GitHub is configured (or run <code>npm run sync -- --enhancements</code>).
        </p>
      )}
      <p>
        SIG-Node liaison of this release: <Handles logins={board.liaisons} />{' '}
        <span className="muted">(a tracking issue&apos;s own liaison is shown with its KEP)</span>
      </p>
      {signedIn && board.version && <LiaisonsForm key={board.version} project={slug} release={board.version} logins={board.liaisons} />}

      <form className={styles.filters} method="get" data-testid="board-filters">
        {board.version && <input type="hidden" name="release" value={board.version} />}
        <label>
          SIG (owning or participating)
          <select name="sig" defaultValue={sig ?? ''}>
            <option value="">any</option>
            {board.sigs.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        {exportUrl('csv') && (
          <span className="muted">
            Export: <a href={exportUrl('csv')!}>CSV</a> · <a href={exportUrl('json')!}>JSON</a>
          </span>
        )}
      </form>

      {board.total > 0 && (
        <>
          <h2>This week: {report.total} KEPs by stage and release-team state</h2>
          <div className={styles.scroll}>
            <table data-testid="wrangler-report" className={styles.report}>
              <thead>
                <tr>
                  <th>stage</th>
                  {report.states.map((state) => (
                    <th key={state}>{RELEASE_TEAM_STATE_LABEL[state]}</th>
                  ))}
                  <th>total</th>
                </tr>
              </thead>
              <tbody>
                {report.byStage.map((row) => (
                  <tr key={row.stage} data-stage={row.stage}>
                    <th scope="row">{row.stage}</th>
                    {row.counts.map((count, index) => (
                      <td key={report.states[index]}>{count || ''}</td>
                    ))}
                    <td>{row.total}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">total</th>
                  {report.totals.map((count, index) => (
                    <td key={report.states[index]}>{count}</td>
                  ))}
                  <td>{report.total}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <p className="muted" data-testid="project-states">
            In {board.project.name}: {report.byProjectState.map((s) => `${s.count} ${s.label}`).join(' · ')}
          </p>
        </>
      )}

      <h2>
        KEPs{codeFreeze ? ` and what ${board.project.name} must do before code freeze (${day(codeFreeze.at)}${codeFreeze.daysLeft >= 0 ? `, ${codeFreeze.daysLeft} days left` : ', passed'})` : ''}
      </h2>
      {board.total === 0 && <p className="muted">No KEP of SIG Node targets this Kubernetes release{sig ? ` with ${sig} involved` : ''}.</p>}
      {board.pages > 1 && (
        <p className="muted" data-testid="board-count">
          {board.total} KEPs · page {board.page} of {board.pages}, {board.perPage} a page
        </p>
      )}
      {board.rows.length > 0 && (
        <table data-testid="liaison-board" className={styles.stack}>
          <thead>
            <tr>
              <th>KEP</th>
              <th>Stage</th>
              <th>Release team</th>
              <th>PRR</th>
              <th>{board.project.name}</th>
              <th>Shepherds</th>
              <th>Runtime target</th>
              <th>Before code freeze</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((row) => (
              <tr key={row.key ?? row.kepNumber} data-kep={row.kepNumber} data-release-team={row.releaseTeam.state} data-state={row.tracking?.state ?? 'untracked'}>
                <td data-label="KEP">
                  <KepLink project={slug} kep={{ kepNumber: row.kepNumber, kepKey: row.key, title: row.title }} />
                  <div className="muted">
                    {row.owningSig ?? 'SIG ?'}
                    {otherSigs(row).length > 0 && ` with ${otherSigs(row).join(', ')}`}
                  </div>
                </td>
                <td data-label="Stage">{row.stage ?? <span className="muted">?</span>}</td>
                <td data-label="Release team">
                  <ReleaseTeamBadge view={row.releaseTeam} />
                  <ul className={styles.reasons}>
                    {row.releaseTeam.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                    {['OPTED_IN', 'AT_RISK', 'NOT_OPTED_IN'].includes(row.releaseTeam.state) &&
                      row.releaseTeam.missing.map((missing) => (
                        <li key={missing} data-missing>
                          missing: {missing}
                        </li>
                      ))}
                  </ul>
                </td>
                <td data-label="PRR">
                  <PrrCell prr={row.prr} />
                </td>
                <td data-label={board.project.name}>
                  {row.tracking ? <StateBadge state={row.tracking.state} /> : <span className="muted">no tracking issue</span>}
                  {row.tracking && row.tracking.liaisons.length > 0 && (
                    <div className="muted">
                      liaison <HandlesWithBackups logins={row.tracking.liaisons} backups={row.tracking.backupLiaisons} />
                    </div>
                  )}
                </td>
                <td data-label="Shepherds">{row.tracking ? <Handles logins={row.tracking.shepherds} /> : <span className="muted">—</span>}</td>
                <td data-label="Runtime target">
                  {row.tracking?.targetCycle ? <Link href={`/projects/${slug}/releases/${row.tracking.targetCycle}`}>{row.tracking.targetCycle}</Link> : <span className="muted">not planned</span>}
                </td>
                <td data-label="Before code freeze">
                  {row.todo.length === 0 ? (
                    <span className={styles.ok}>nothing</span>
                  ) : (
                    <ul className={styles.warnings} data-testid="todo">
                      {row.todo.map((item) => (
                        <li key={item.rule} data-rule={item.rule}>
                          {item.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={board.page} pages={board.pages} href={pageHref} />
    </>
  );
}
