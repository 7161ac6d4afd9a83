import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getKep, GovernanceError, listWriteBacks, planWriteBack, readGithubConfig, RUNTIME_STAGES, STATE_LABEL, TRACKING_STATES, WRITE_BACK_LABEL, type WriteBackKind } from '@shepherd/governance';
import { days } from '@shepherd/governance/keps/tracking-rules';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { KepDecisions, WriteBackPanel, type WriteBackOffer } from '../kep-forms';
import { day, Handles, StateBadge, Warnings } from '../kep-parts';
import { idleDays } from '../options';
import styles from '../keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string; number: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `KEP-${(await params).number}` };
}

export default async function KepPage({ params, searchParams }: Props) {
  const { project: slug, number } = await params;
  if (!/^\d{1,6}$/.test(number)) notFound();
  const client = await prisma();
  const todayDate = new Date(`${today()}T00:00:00Z`);
  const idle = idleDays((await searchParams).idleDays);
  let data;
  try {
    data = await getKep(client, slug, number, { today: todayDate, idleDays: idle });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, kep, tracking, issue, liaisons, history, exceptions } = data;
  const problems = (kep?.problems ?? []) as { field: string; message: string }[];
  const issueProblems = (issue?.problems ?? []) as { field: string; message: string }[];
  const actor = await currentActor();
  const signedIn = actor.kind === 'user';
  const { apiUrl } = readGithubConfig();
  // Anonymous visitors see what opening the tracking issue would send; signed-in people get the buttons.
  const preview =
    !signedIn && !tracking?.issueNumber && kep
      ? await planWriteBack(client, actor, { projectSlug: slug, kepNumber: number, kind: 'open-issue' }, { apiUrl }).catch((error) => {
          // Nothing to preview (no repository, no KEP title): the page says so elsewhere.
          if (error instanceof GovernanceError) return null;
          throw error;
        })
      : null;
  const offer = (kind: WriteBackKind, pullRequest?: number): WriteBackOffer => ({ kind, label: pullRequest ? `${WRITE_BACK_LABEL[kind]} #${pullRequest}` : WRITE_BACK_LABEL[kind], pullRequest });
  const idlePullRequests = (tracking?.pullRequests ?? []).filter((pr) => pr.state === 'open' && days(pr.lastActivityAt, todayDate) >= idle);
  const offers: WriteBackOffer[] = !tracking?.issueNumber
    ? kep
      ? [offer('open-issue')]
      : []
    : [offer('add-labels'), offer('set-milestone'), offer('assign-shepherds'), ...idlePullRequests.map((pr) => offer('nudge', pr.number))];
  const cycles = signedIn && tracking ? (await client.releaseCycle.findMany({ where: { projectId: project.id }, orderBy: [{ major: 'desc' }, { minor: 'desc' }] })).map((c) => c.name) : [];
  const writeBacks = await listWriteBacks(client, slug, number);
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/keps`}>{project.name} KEPs</Link>
      </p>
      <h1>
        KEP-{number} {kep?.title ?? tracking?.title}
      </h1>
      <h2>In {project.name}</h2>
      {tracking ? (
        <dl className={styles.facts} data-testid="tracking">
          <dt>State</dt>
          <dd>
            <StateBadge state={tracking.state} />
          </dd>
          <dt>Blocking</dt>
          <dd>
            <Warnings warnings={tracking.warnings} />
          </dd>
          <dt>Tracking issue</dt>
          <dd>{tracking.issueNumber ? <a href={`https://github.com/${project.repository}/issues/${tracking.issueNumber}`}>#{tracking.issueNumber}</a> : '—'}</dd>
          <dt>Kubernetes target</dt>
          <dd>
            {tracking.kubernetesRelease ? <Link href={`/projects/${slug}/keps/liaison?release=${tracking.kubernetesRelease}`}>{tracking.kubernetesRelease}</Link> : '—'} {tracking.kubernetesStage ?? ''}
          </dd>
          <dt>Runtime target</dt>
          <dd>{tracking.targetCycle ? <Link href={`/projects/${slug}/releases/${tracking.targetCycle}`}>{tracking.targetCycle}</Link> : '—'}</dd>
          <dt>Shepherds</dt>
          <dd>
            <Handles logins={tracking.shepherds} />
          </dd>
          <dt>Liaison ({tracking.kubernetesRelease ?? 'no release'})</dt>
          <dd>
            <Handles logins={liaisons} />
          </dd>
          <dt>Shipped</dt>
          <dd>{tracking.shipments.length ? tracking.shipments.map((s) => `${s.stage} in ${s.cycleName}`).join(', ') : '—'}</dd>
          <dt>Pull requests</dt>
          <dd>
            {tracking.pullRequests.length === 0
              ? '—'
              : tracking.pullRequests.map((pr) => (
                  <div key={pr.number}>
                    <a href={`https://github.com/${project.repository}/pull/${pr.number}`}>#{pr.number}</a> {pr.title} <span className="muted">({pr.state}, last activity {day(pr.lastActivityAt)})</span>
                  </div>
                ))}
          </dd>
        </dl>
      ) : (
        <p className="muted">{project.name} does not track this KEP yet.</p>
      )}
      {signedIn && tracking && (
        <KepDecisions
          project={slug}
          kep={number}
          state={tracking.state}
          shepherds={tracking.shepherds}
          states={TRACKING_STATES.map((value) => ({ value, label: STATE_LABEL[value] }))}
          stages={RUNTIME_STAGES}
          cycles={cycles}
          targetCycle={tracking.targetCycle}
        />
      )}
      {preview && (
        <>
          <h3>Open a tracking issue (dry run: the exact request, not sent)</h3>
          <pre className={styles.raw} data-testid="dry-run">{`${preview.request.method} ${preview.request.url}\n${JSON.stringify(preview.request.body, null, 2)}`}</pre>
          <p className="muted">
            <Link href={`/signin?next=${encodeURIComponent(`/projects/${slug}/keps/${number}`)}`}>Sign in</Link> to send it.
          </p>
        </>
      )}
      {signedIn && offers.length > 0 && (
        <>
          <h2>On GitHub</h2>
          <p className="muted">Each action shows the exact request first; nothing is sent until you confirm. Sent requests are recorded below and in the audit log.</p>
          <WriteBackPanel project={slug} kep={number} offers={offers} />
        </>
      )}
      {writeBacks.length > 0 && (
        <table data-testid="write-backs">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Request</th>
              <th>GitHub answered</th>
            </tr>
          </thead>
          <tbody>
            {writeBacks.map((w) => (
              <tr key={w.id} data-kind={w.kind}>
                <td>{w.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                <td>@{w.actor}</td>
                <td>
                  <code>
                    {w.method} {new URL(w.url).pathname}
                  </code>
                </td>
                <td>
                  {w.status ?? 'no answer'} {w.responseUrl && <a href={w.responseUrl}>{w.responseUrl.replace('https://github.com/', '')}</a>} {w.error && <span className="note">{w.error}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {issue && (
        <>
          <h2>Tracking issue as parsed</h2>
          <p className="muted">
            #{issue.number} “{issue.title}” — revision {issue.revision}, parsed {day(issue.parsedAt)}, labels {issue.labels.join(', ') || '—'}, milestone {issue.milestone ?? '—'}
          </p>
          {issueProblems.length > 0 && (
            <ul className={styles.problems}>
              {issueProblems.map((p) => (
                <li key={`${p.field}${p.message}`}>
                  <code>{p.field}</code>: {p.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {kep && (
        <>
          <h2>Kubernetes metadata (kep.yaml)</h2>
          <dl className={styles.facts} data-testid="kep-metadata">
            <dt>SIG</dt>
            <dd>{kep.owningSig ?? '—'}</dd>
            <dt>Status / stage</dt>
            <dd>
              {kep.status ?? '—'} / {kep.stage ?? '—'}
            </dd>
            <dt>Milestones</dt>
            <dd>
              latest {kep.latestMilestone ?? '—'} · alpha {kep.alphaMilestone ?? '—'} · beta {kep.betaMilestone ?? '—'} · stable {kep.stableMilestone ?? '—'}
            </dd>
            <dt>Feature gates</dt>
            <dd>{kep.featureGates.join(', ') || '—'}</dd>
            <dt>Authors</dt>
            <dd>{kep.authors.join(', ') || '—'}</dd>
            <dt>Enhancement issue</dt>
            <dd>
              <a href={`https://github.com/kubernetes/enhancements/issues/${kep.number}`}>kubernetes/enhancements#{kep.number}</a>
            </dd>
            <dt>Source</dt>
            <dd>
              <code>{kep.source}</code>
            </dd>
          </dl>
          {problems.length > 0 && (
            <>
              <h3>Problems reading it ({problems.length})</h3>
              <ul className={styles.problems} data-testid="kep-problems">
                {problems.map((p) => (
                  <li key={`${p.field}${p.message}`}>
                    <code>{p.field}</code>: {p.message}
                  </li>
                ))}
              </ul>
            </>
          )}
          <details>
            <summary>Values as written</summary>
            <pre className={styles.raw}>{JSON.stringify(kep.raw, null, 2)}</pre>
          </details>
        </>
      )}
      {exceptions.length > 0 && (
        <>
          <h2>Freeze exceptions requested</h2>
          <ul>
            {exceptions.map((e) => (
              <li key={`${e.version}${e.freeze}`}>
                Kubernetes {e.version} {e.freeze}: {e.status} {e.dateRequested && <span className="muted">(requested {e.dateRequested})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>History</h2>
      <table data-testid="kep-history">
        <thead>
          <tr>
            <th>When</th>
            <th>What</th>
            <th>Change</th>
            <th>Source</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.id}>
              <td>{day(h.at)}</td>
              <td>
                {h.kind}: {h.field}
              </td>
              <td>
                {h.before ?? '—'} → {h.after ?? '—'}
              </td>
              <td className="muted">{h.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
