import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getKep, getKepPageActions, GovernanceError, listWriteBacks, planWriteBack, readGithubConfig, RUNTIME_STAGES, STATE_LABEL, TRACKING_STATES, WRITE_BACK_LABEL, type ParsedTrackingIssue } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { KepDecisions, WriteBackPanel, type WriteBackOffer } from '../kep-forms';
import { day, Handles, HandlesWithBackups, kepSourceUrl, ReleaseTeamBadge, StateBadge, Warnings } from '../kep-parts';
import { idleDays } from '../options';
import styles from '../keps.module.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string; kep: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A KEP by its directory (/keps/sig-node/4960-container-stop-signals, as in kubernetes/enhancements)
 * or by number (/keps/4960): a number several KEPs share shows sig-node's and lists the others.
 */
function kepRef(segments: string[]): string | null {
  const decoded = segments.map((segment) => decodeURIComponent(segment));
  if (decoded.length === 1) return /^\d{1,6}$/.test(decoded[0]) ? decoded[0] : null;
  return decoded.every((segment) => /^[\w.-]+$/.test(segment) && segment !== '..' && segment !== '.') ? decoded.join('/') : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ref = kepRef((await params).kep);
  return { title: ref && !ref.includes('/') ? `KEP-${ref}` : (ref ?? 'KEP') };
}

/** What a tracking issue's parse stored; parses stored before parser 2 had other shapes. */
function parsedFields(fields: unknown): Partial<ParsedTrackingIssue> & { kepPullRequests: { url: string; qualifier: string | null }[] } {
  const parsed = (fields ?? {}) as Partial<ParsedTrackingIssue> & { kepPullRequests?: (string | { url: string; qualifier: string | null })[] };
  return { ...parsed, kepPullRequests: (parsed.kepPullRequests ?? []).map((pr) => (typeof pr === 'string' ? { url: pr, qualifier: null } : pr)) };
}

const link = (url: string) => (
  <a href={url} key={url}>
    {url.replace(/^https:\/\/github\.com\//, '')}
  </a>
);

export default async function KepPage({ params, searchParams }: Props) {
  const { project: slug, kep: segments } = await params;
  const ref = kepRef(segments);
  if (!ref) notFound();
  const client = await prisma();
  const todayDate = new Date(`${today()}T00:00:00Z`);
  const idle = idleDays((await searchParams).idleDays);
  let data;
  try {
    data = await getKep(client, slug, ref, { today: todayDate, idleDays: idle });
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    throw error;
  }
  const { project, kep, others, tracking, trackedAs, issue, liaisons, history, exceptions, prr, releaseTeam, enhancementsMirrored } = data;
  const stageRows = kep
    ? (['alpha', 'beta', 'stable', 'deprecated', 'disabled', 'removed'] as const)
        .map((stage) => ({ stage, milestone: kep[`${stage}Milestone`], approver: prr?.approvals.find((a) => a.stage === stage)?.approver ?? null }))
        .filter((row) => row.milestone || row.approver || ['alpha', 'beta', 'stable'].includes(row.stage))
    : [];
  const fields = issue ? parsedFields(issue.fields) : null;
  const sourceUrl = kep ? kepSourceUrl(kep) : null;
  const problems = (kep?.problems ?? []) as { field: string; message: string }[];
  const issueProblems = (issue?.problems ?? []) as { field: string; message: string }[];
  const actor = await currentActor();
  const signedIn = actor.kind === 'user';
  const { number, numberMeansThis, writeBacks: possible, cycles } = await getKepPageActions(client, data, { today: todayDate, idleDays: idle, signedIn });
  const { apiUrl } = readGithubConfig();
  // Anonymous visitors see what opening the tracking issue would send; signed-in people get the buttons.
  const preview =
    !signedIn && !tracking?.issueNumber && numberMeansThis
      ? await planWriteBack(client, actor, { projectSlug: slug, kepNumber: number!, kind: 'open-issue' }, { apiUrl }).catch((error) => {
          // Nothing to preview (no repository, no KEP title): the page says so elsewhere.
          if (error instanceof GovernanceError) return null;
          throw error;
        })
      : null;
  const offers: WriteBackOffer[] = possible.map(({ kind, pullRequest }) => ({ kind, label: pullRequest ? `${WRITE_BACK_LABEL[kind]} #${pullRequest}` : WRITE_BACK_LABEL[kind], pullRequest }));
  const writeBacks = number && (tracking || numberMeansThis) ? await listWriteBacks(client, slug, number) : [];
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/keps`}>{project.name} KEPs</Link>
      </p>
      <h1>
        KEP-{kep?.number ?? number} {kep?.title ?? tracking?.title}
      </h1>
      {kep && (
        <p className={`muted ${styles.directory}`} data-testid="kep-directory">
          <code>{kep.key}</code>
          {sourceUrl && (
            <>
              {' '}
              · <a href={sourceUrl}>{kep.path} on GitHub</a>
            </>
          )}
        </p>
      )}
      {!kep && (
        <p className={styles.notice} data-testid="not-merged">
          Tracked by {project.name}, but no kep.yaml for KEP-{number} is in kubernetes/enhancements yet (or it was not imported): the metadata below appears once it is merged.
        </p>
      )}
      {kep?.missingSince && (
        <p className={styles.notice} data-testid="missing">
          No longer in {kep.repository ?? 'its source'} since {day(kep.missingSince)}: {kep.path ?? kep.source} was not found by the last import that read its folder. Kept as it was last read.
        </p>
      )}
      {others.length > 0 && (
        <p className={styles.notice} data-testid="same-number">
          {kep?.enhancementIssue ? `KEP-${kep.enhancementIssue}` : `KEP number ${kep?.number}`} is also the number of{' '}
          {others.map((other, index) => (
            <span key={other.key}>
              {index > 0 && ', '}
              <Link href={`/projects/${slug}/keps/${other.key}`}>{other.key}</Link> ({other.title}
              {other.missingSince ? ', gone from its source' : ''})
            </span>
          ))}
          .{' '}
          {numberMeansThis ? `A tracking issue that cites the number means this one (owned by, else involving, sig-node).` : ''}
        </p>
      )}
      {trackedAs && (
        <p className={styles.notice} data-testid="tracked-as">
          {project.name}&apos;s tracking issue{trackedAs.issueNumber ? ` #${trackedAs.issueNumber}` : ''} for KEP-{number} means <Link href={`/projects/${slug}/keps/${trackedAs.key}`}>{trackedAs.key}</Link>.
        </p>
      )}
      {(releaseTeam.length > 0 || kep?.enhancementIssue) && (
        <>
          <h2>Kubernetes release team</h2>
          {!enhancementsMirrored && <p className="muted">SIG Node&apos;s kubernetes/enhancements issues are not mirrored yet: the release team&apos;s states are unknown.</p>}
          {releaseTeam.length === 0 ? (
            <p className="muted">No Kubernetes release names this KEP (kep.yaml, its enhancement issue&apos;s milestones, exceptions).</p>
          ) : (
            <table data-testid="release-team" className={styles.stack}>
              <thead>
                <tr>
                  <th>Release</th>
                  <th>Stage</th>
                  <th>State</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {releaseTeam.map((view) => (
                  <tr key={view.release} data-release={view.release} data-release-team={view.state}>
                    <td data-label="Release">
                      <Link href={`/projects/${slug}/keps/liaison?release=${view.release}`}>{view.release}</Link>
                      {view.schedule && view.schedule.releaseOn.getTime() <= todayDate.getTime() && <span className="muted"> (released)</span>}
                    </td>
                    <td data-label="Stage">{view.stage ?? '—'}</td>
                    <td data-label="State">
                      <ReleaseTeamBadge view={view} />
                    </td>
                    <td data-label="Why">
                      <ul className={styles.reasons}>
                        {view.reasons.map((reason) => (
                          <li key={reason}>
                            {reason}
                            {view.announcedUrl && reason.startsWith('the release team announced') && (
                              <>
                                {' '}
                                <a href={view.announcedUrl}>comment</a>
                              </>
                            )}
                          </li>
                        ))}
                        {['OPTED_IN', 'AT_RISK', 'NOT_OPTED_IN'].includes(view.state) && view.missing.map((missing) => <li key={missing}>missing: {missing}</li>)}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
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
          <dt>SIG-Node liaison</dt>
          <dd data-testid="kep-liaison">
            <HandlesWithBackups logins={tracking.liaisons} backups={tracking.backupLiaisons} />
          </dd>
          <dt>Liaisons of Kubernetes {tracking.kubernetesRelease ?? '(no release)'}</dt>
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
          kep={tracking.kepNumber}
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
            <Link href={`/signin?next=${encodeURIComponent(`/projects/${slug}/keps/${ref}`)}`}>Sign in</Link> to send it.
          </p>
        </>
      )}
      {signedIn && offers.length > 0 && (
        <>
          <h2>On GitHub</h2>
          <p className="muted">Each action shows the exact request first; nothing is sent until you confirm. Sent requests are recorded below and in the audit log.</p>
          <WriteBackPanel project={slug} kep={number!} offers={offers} />
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
          {fields && (
            <dl className={styles.facts} data-testid="issue-fields">
              <dt>KEP(s)</dt>
              <dd>
                {(fields.kepNumbers ?? []).map((n) => `KEP-${n}`).join(', ') || '—'}
                {fields.kepKey && (
                  <>
                    {' '}
                    (<code>{fields.kepKey}</code>)
                  </>
                )}
              </dd>
              <dt>Stage</dt>
              <dd>
                {fields.stage ?? '—'}
                {(fields.stagePlan ?? []).length > 0 && (
                  <span className="muted">
                    {' '}
                    — planned:{' '}
                    {fields.stagePlan!.map((entry) => `${entry.stage} in ${entry.kubernetesRelease ?? '?'}${entry.tentative ? ' (tentative)' : ''}`).join(', ')}
                  </span>
                )}
              </dd>
              <dt>KEP issue</dt>
              <dd>{fields.kepIssue ? link(fields.kepIssue) : '—'}</dd>
              <dt>KEP PRs</dt>
              <dd>
                {fields.kepPullRequests.length
                  ? fields.kepPullRequests.map((pr, index) => (
                      <span key={pr.url}>
                        {index > 0 && ', '}
                        {pr.qualifier && <span className="muted">{pr.qualifier}: </span>}
                        {/^https?:/.test(pr.url) ? link(pr.url) : pr.url}
                      </span>
                    ))
                  : '—'}
              </dd>
              <dt>Kubernetes release</dt>
              <dd>
                {fields.kubernetesRelease ?? '—'}
                {(fields.kubernetesTargets ?? []).length > 0 && <span className="muted"> (target labels {fields.kubernetesTargets!.join(', ')})</span>}
              </dd>
              <dt>KEP owners</dt>
              <dd>
                <Handles logins={fields.kepOwners ?? []} />
              </dd>
              <dt>SIG-Node member liaison</dt>
              <dd>
                <HandlesWithBackups logins={fields.liaisons ?? []} backups={fields.backupLiaisons ?? []} />
              </dd>
              <dt>KEP shepherds</dt>
              <dd>
                <Handles logins={fields.shepherds ?? []} />
              </dd>
              {(fields.sigs ?? []).length > 0 && (
                <>
                  <dt>SIGs named</dt>
                  <dd>{fields.sigs!.join(', ')}</dd>
                </>
              )}
              <dt>Runtime milestone</dt>
              <dd>
                {fields.runtimeMilestone ?? '—'}
                {fields.targetCycle && fields.targetCycle !== fields.runtimeMilestone && <span className="muted"> (release {fields.targetCycle})</span>}
              </dd>
              {Object.entries(fields.extra ?? {}).map(([key, value]) => (
                <span key={key} style={{ display: 'contents' }}>
                  <dt>{key}</dt>
                  <dd>{value || '—'}</dd>
                </span>
              ))}
            </dl>
          )}
          {issueProblems.length > 0 && (
            <ul className={styles.problems} data-testid="issue-problems">
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
              {[
                ['deprecated', kep.deprecatedMilestone],
                ['disabled', kep.disabledMilestone],
                ['removed', kep.removedMilestone],
              ]
                .filter(([, value]) => value)
                .map(([name, value]) => ` · ${name} ${value}`)
                .join('')}
            </dd>
            <dt>Feature gates</dt>
            <dd>{kep.featureGates.join(', ') || '—'}</dd>
            <dt>Authors</dt>
            <dd>{kep.authors.join(', ') || '—'}</dd>
            <dt>Reviewers</dt>
            <dd>{kep.reviewers.join(', ') || '—'}</dd>
            <dt>Approvers</dt>
            <dd>{kep.approvers.join(', ') || '—'}</dd>
            <dt>PRR approvers</dt>
            <dd>{kep.prrApprovers.join(', ') || '—'}</dd>
            <dt>Stages and PRR</dt>
            <dd data-testid="prr">
              {stageRows.map((row) => (
                <div key={row.stage} data-stage={row.stage} data-prr={row.approver ? 'approved' : 'missing'}>
                  {row.stage}: {row.milestone ? `Kubernetes ${row.milestone}` : <span className="muted">no milestone</span>} ·{' '}
                  {row.approver ? (
                    <>
                      PRR approved by <a href={`https://github.com/${row.approver}`}>@{row.approver}</a>
                    </>
                  ) : (
                    <span className={row.milestone ? styles.bad : 'muted'}>PRR not approved</span>
                  )}
                </div>
              ))}
              <div className="muted">
                {prr?.file ? (
                  <>
                    from <a href={`https://github.com/kubernetes/enhancements/blob/HEAD/${prr.file}`}>{prr.file}</a>
                    {prr.missingSince && ` (gone from its source since ${day(prr.missingSince)})`}
                  </>
                ) : (
                  `no keps/prod-readiness/${kep.owningSig ?? '<sig>'}/${kep.enhancementIssue ?? kep.number}.yaml imported`
                )}
              </div>
            </dd>
            <dt>Participating SIGs</dt>
            <dd>{kep.participatingSigs.join(', ') || '—'}</dd>
            <dt>Enhancement issue</dt>
            <dd>
              {kep.enhancementIssue ? (
                <a href={`https://github.com/kubernetes/enhancements/issues/${kep.enhancementIssue}`}>kubernetes/enhancements#{kep.enhancementIssue}</a>
              ) : (
                <span className="muted">none (KEP number {kep.number})</span>
              )}
            </dd>
            <dt>Source</dt>
            <dd>
              {sourceUrl ? <a href={sourceUrl}>{`${kep.repository}/${kep.path}`}</a> : <code>{kep.source}</code>}
              {sourceUrl && kep.source !== `${kep.repository}/${kep.path}` && <span className="muted"> (read from {kep.source})</span>}
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
      <table data-testid="kep-history" className={styles.stack}>
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
              <td data-label="When">{day(h.at)}</td>
              <td data-label="What">
                {h.kind}: {h.field}
              </td>
              <td data-label="Change">
                {h.before ?? '—'} → {h.after ?? '—'}
              </td>
              <td data-label="Source" className="muted">
                {h.source}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
