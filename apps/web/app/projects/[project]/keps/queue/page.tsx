import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { currentActor } from '@/lib/session';
import { shepherdQueueView } from '@/lib/views';
import { day, KepLink, StateBadge, Warnings } from '../kep-parts';
import { idleDays, text } from '../options';
import styles from '../keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Shepherd queue' };

// "My KEPs": the signed-in user's (their login is their GitHub login), or ?shepherd=<login>'s.
export default async function ShepherdQueuePage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const query = await searchParams;
  const actor = await currentActor();
  const asked = text(query.shepherd)?.replace(/^@/, '');
  const login = asked ?? (actor.kind === 'user' ? actor.login : undefined);
  let data = null;
  try {
    if (login) data = await shepherdQueueView(slug, login, idleDays(query.idleDays));
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/keps`}>KEPs</Link> · <Link href={`/projects/${slug}/keps/liaison`}>Liaison board</Link>
      </p>
      <h1>Shepherd queue{login ? `: @${login}` : ''}</h1>
      {!asked && login && <p className="muted" data-testid="my-keps">Your KEPs: you are signed in as @{login}.</p>}
      <form className={styles.filters} method="get">
        <label>
          Shepherd (GitHub login)
          <input name="shepherd" defaultValue={login ?? ''} placeholder="samuelkarp" />
        </label>
        <button type="submit">Show</button>
      </form>
      {data && (
        <>
          <p className="muted">
            {data.keps.length} active KEP{data.keps.length === 1 ? '' : 's'}, oldest idle first. PRs count as idle after {data.idleDays} days.
            {data.finished.length > 0 && ` Finished: ${data.finished.map((kep) => `KEP-${kep.kepNumber}`).join(', ')}.`}
          </p>
          <table data-testid="shepherd-queue">
            <thead>
              <tr>
                <th>KEP</th>
                <th>State</th>
                <th>Kubernetes</th>
                <th>Runtime target</th>
                <th>Idle since</th>
                <th>What is blocking</th>
              </tr>
            </thead>
            <tbody>
              {data.keps.map((kep) => (
                <tr key={kep.kepNumber} data-kep={kep.kepNumber}>
                  <td>
                    <KepLink project={slug} kep={kep} />
                  </td>
                  <td>
                    <StateBadge state={kep.state} />
                  </td>
                  <td>
                    {kep.kubernetesRelease ?? '—'} {kep.kubernetesStage ?? ''}
                  </td>
                  <td>{kep.targetCycle ?? '—'}</td>
                  <td>{day(kep.idleSince)}</td>
                  <td>
                    <Warnings warnings={kep.warnings} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
