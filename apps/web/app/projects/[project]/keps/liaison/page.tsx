import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLiaisonBoard, GovernanceError, STATE_LABEL } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { LiaisonsForm } from '../kep-forms';
import { day, Handles, HandlesWithBackups, KepLink, Warnings } from '../kep-parts';
import { idleDays, text } from '../options';
import styles from '../keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Liaison board' };

export default async function LiaisonBoardPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const query = await searchParams;
  const release = text(query.release)?.replace(/^v/, '') ?? null;
  let board;
  try {
    board = await getLiaisonBoard(await prisma(), slug, release, { today: new Date(`${today()}T00:00:00Z`), idleDays: idleDays(query.idleDays) });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const signedIn = (await currentActor()).kind === 'user';
  const exceptionsOf = (kep: string) => board.exceptions.filter((e) => e.kepNumber === kep);
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/keps`}>KEPs</Link> · <Link href={`/projects/${slug}/keps/queue`}>Shepherd queue</Link>
      </p>
      <h1>Liaison board{board.version ? `: Kubernetes ${board.version}` : ''}</h1>
      <p>
        {board.versions.map((v) => (
          <span key={v}>
            {v === board.version ? <strong>{v}</strong> : <Link href={`?release=${v}`}>{v}</Link>}{' '}
          </span>
        ))}
      </p>
      {board.release && (
        <div className={styles.dates} data-testid="k8s-schedule">
          <span>cycle start {day(board.release.cycleStart)}</span>
          <span>enhancements freeze {day(board.release.enhancementsFreeze)}</span>
          <span>
            <strong>code freeze {board.release.codeFreeze.toISOString().slice(0, 16).replace('T', ' ')} UTC</strong>
          </span>
          <span>release {day(board.release.releaseOn)}</span>
          {board.release.proposed && <span className="tentative">proposed schedule</span>}
        </div>
      )}
      <p>
        SIG-Node liaison of this release: <Handles logins={board.liaisons} />{' '}
        <span className="muted">(a tracking issue&apos;s own liaison is shown on its KEP)</span>
      </p>
      {signedIn && board.version && <LiaisonsForm key={board.version} project={slug} release={board.version} logins={board.liaisons} />}
      {board.columns.length === 0 && <p className="muted">No KEP targets this Kubernetes release.</p>}
      <div className={styles.board} data-testid="liaison-board">
        {board.columns.map((column) => (
          <section key={column.state} className={styles.column} data-state={column.state}>
            <h3>
              {STATE_LABEL[column.state]} ({column.keps.length})
            </h3>
            {column.keps.map((kep) => (
              <div key={kep.kepNumber} className={styles.item} data-kep={kep.kepNumber}>
                <KepLink project={slug} kep={kep} />
                <div className="muted">
                  {kep.kubernetesStage ?? 'stage ?'} · runtime {kep.targetCycle ? <Link href={`/projects/${slug}/releases/${kep.targetCycle}`}>{kep.targetCycle}</Link> : 'not planned'} · shepherds <Handles logins={kep.shepherds} />
                  {kep.liaisons.length > 0 && (
                    <>
                      {' '}
                      · liaison <HandlesWithBackups logins={kep.liaisons} backups={kep.backupLiaisons} />
                    </>
                  )}
                </div>
                {exceptionsOf(kep.kepNumber).map((e) => (
                  <div key={e.freeze} className="muted">
                    {e.freeze} exception: {e.status}
                  </div>
                ))}
                <Warnings warnings={kep.warnings} />
              </div>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}
