import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { formatProjectDate } from '@shepherd/governance/cadence/dates';
import { getReleasePlan, type PlanWarning } from '@shepherd/governance/planning/get-release-plan';
import { groupPlanWarnings } from '@shepherd/governance/planning/group-plan-warnings';
import { checkUpgrade } from '@shepherd/governance/planning/planning-queries';
import { planChartRows, renderPlanTimelineSvg } from '@shepherd/governance/planning/render-plan-timeline';
import { listCyclesInPlanning, PLAN_MILESTONES, previewScheduledCycle, type CyclePlanState } from '@shepherd/governance/planning/edit-plan';
import { formatPublishedDate } from '@shepherd/governance/releases/published-dates';
import { MILESTONE_LABELS } from '@shepherd/governance/releases/record-milestone';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { syncScheduleText } from '@/lib/sync-schedule';
import { today } from '@/lib/today';
import { GateBadge } from '../../../components/gate-badge';
import { CyclePlanForm } from './cycle-plan-form';
import { ScheduleTable, type ScheduleRow } from './schedule-table';
import { UpgradeCheck } from './upgrade-check';
import { WhatIfForm } from './what-if-form';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<{ from?: string; to?: string; adherence?: string }> };

/** The adherence table shows this many newest releases unless asked for all (`?adherence=all`). */
const ADHERENCE_NEWEST = 12;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).project} release plan` };
}

function milestoneText({ planned, actual }: CyclePlanState['milestones'][keyof CyclePlanState['milestones']]): string | null {
  if (actual) return `${formatProjectDate(actual)} ✓`;
  if (!planned) return null;
  return `${formatPublishedDate(planned.date, planned.precision)}${planned.tentative ? ' (tentative)' : ''}`;
}

const span = (w: { start: string; end: string }) => `${formatProjectDate(w.start)} – ${formatProjectDate(w.end)}`;

function Warning({ warning }: { warning: PlanWarning }) {
  return (
    <li>
      <span className={`badge ${warning.severity === 'error' ? 'phase-ERROR' : 'phase-EXTENDED'}`}>{warning.severity === 'error' ? 'breaks the policy' : 'heads-up'}</span>{' '}
      {warning.message.replace(new RegExp(`^${warning.cycle.replace('.', '\\.')}:? ?`), '')}
    </li>
  );
}

const STAGE_LABEL = { 'in progress': 'being released', proposed: 'proposed by the schedule', released: 'released, supported' } as const;

export default async function PlanPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const { from, to, adherence: adherenceShown } = await searchParams;
  const day = today();
  const db = await prisma();
  let plan;
  try {
    plan = await getReleasePlan(db, slug, day, 4);
  } catch (error) {
    if (error instanceof GovernanceError && error.code === 'not_found') notFound();
    // A project added with no release yet (or none its policies cover) has nothing to plan from.
    if (error instanceof GovernanceError && error.code === 'failed_precondition') {
      return (
        <>
          <h1>{slug} release plan</h1>
          <p className="note" data-testid="nothing-to-plan">
            {error.message}. The plan appears once a release has reached GA: the GitHub sync brings its tags (it runs {syncScheduleText()};{' '}
            <Link href="/sync">sync status</Link>), or an admin imports them.
          </p>
        </>
      );
    }
    throw error;
  }
  const { data, schedule, deprecations, adherence, policyToday, laterPolicies } = plan;
  const { groups, history } = groupPlanWarnings(plan);
  const stored = new Map(data.cycles.map((cycle) => [cycle.name, cycle]));
  const upgrade = from && to ? await checkUpgrade(db, slug, day, from, to).catch((error: Error) => ({ error: error.message })) : null;
  const inPlanning = await listCyclesInPlanning(db, slug);
  const signedIn = (await currentActor()).kind === 'user';
  const released = data.cycles.filter((cycle) => cycle.lifecycle.ga?.happened).map((cycle) => cycle.name);
  const rows: ScheduleRow[] = schedule.releases.map((release) => {
    const recorded = stored.get(release.cycle);
    return {
      cycle: release.cycle,
      isLts: release.isLts,
      policyVersion: release.policyVersion,
      betaWindow: span(release.betaWindow),
      rcWindow: span(release.rcWindow),
      policyGa: formatProjectDate(release.ga),
      plannedGa: recorded?.lifecycle.ga ? `${recorded.lifecycle.ga.text}${recorded.lifecycle.ga.tentative ? ' (tentative)' : ''}` : null,
      endOfActiveSupport: formatProjectDate(release.endOfActiveSupport),
      eol: formatProjectDate(release.eol),
      eolWithoutLtsOwners: release.eolWithoutLtsOwners ? formatProjectDate(release.eolWithoutLtsOwners) : null,
      recorded: Boolean(recorded),
      proposal: recorded ? null : previewScheduledCycle(release, day),
    };
  });
  const adherenceRows = adherenceShown === 'all' ? adherence.rows : adherence.rows.slice(-ADHERENCE_NEWEST);
  const warningCount = (cycle: string) => groups.find((group) => group.cycle === cycle)?.warnings.length ?? 0;
  return (
    <>
      <h1>{data.project.name} release plan</h1>
      <p className="muted" data-testid="policy-in-force">
        {policyToday ? (
          <>
            Policy in force today: <strong>v{policyToday.version}</strong> “{policyToday.name}”, effective {formatProjectDate(policyToday.effectiveFrom)}.
          </>
        ) : (
          <>No policy is in force today.</>
        )}
        {laterPolicies.map((policy) => (
          <span key={policy.version}>
            {' '}
            v{policy.version} “{policy.name}” takes effect {formatProjectDate(policy.effectiveFrom)}.
          </span>
        ))}{' '}
        Each release follows the policy in force at its GA; the schedule counts from the last GA, {schedule.anchor.cycle} on {formatProjectDate(schedule.anchor.ga.date)}.
      </p>
      <nav className="on-this-page" aria-label="On this page">
        <a href="#attention">Needs attention</a> · <a href="#in-progress">In progress</a> · <a href="#upcoming">Upcoming</a> · <a href="#upgrade">Can I upgrade?</a> ·{' '}
        <a href="#what-if">What if</a> · <a href="#removals">Removals</a> · <a href="#adherence">Adherence</a> · <a href="#releases-md">RELEASES.md</a>
      </nav>

      <h2 id="attention">Needs attention</h2>
      {groups.length === 0 ? (
        <p className="muted" data-testid="warnings">
          Nothing: the plan follows the policy.
        </p>
      ) : (
        <div data-testid="warnings" className="warning-groups">
          {groups.map((group) => (
            <section key={group.cycle} className={`card warning-group${group.urgent ? ' urgent' : ''}`} data-testid={`warnings-${group.cycle}`} aria-label={`${group.cycle}: what needs attention`}>
              <h3>
                {group.stage === 'proposed' ? (
                  group.cycle
                ) : (
                  <Link href={group.stage === 'in progress' ? `#plan-${group.cycle}` : `/projects/${slug}/releases/${group.cycle}`}>{group.cycle}</Link>
                )}{' '}
                <span className="muted">{STAGE_LABEL[group.stage]}</span> {group.urgent ? <span className="badge phase-ERROR">now</span> : <span className="badge phase-EXTENDED">soon</span>}
              </h3>
              <ul className="plain">
                {group.warnings.map((warning, index) => (
                  <Warning key={index} warning={warning} />
                ))}
              </ul>
            </section>
          ))}
          <p className="muted" data-testid="owner-counting">
            How owners are counted: each named maintainer counts once; a team such as @containerd/committers does not count, because the policy asks for people who
            answer for the release by name. Rules broken by dates that already happened are in the adherence report below.
          </p>
        </div>
      )}

      <h2 id="in-progress">Releases in progress</h2>
      {!signedIn && (
        <p className="muted">
          <Link href={`/signin?next=${encodeURIComponent(`/projects/${slug}/plan`)}`}>Sign in</Link> as a maintainer to edit milestones, owners and policies.
        </p>
      )}
      {inPlanning.length === 0 && <p className="muted">Every recorded release has reached GA; add the next one from the schedule below.</p>}
      {inPlanning.map((cyclePlan) => (
        <section key={cyclePlan.cycle} id={`plan-${cyclePlan.cycle}`} className="card" data-testid={`in-progress-${cyclePlan.cycle}`}>
          <h3>
            {data.project.name} {cyclePlan.cycle} {cyclePlan.isLts && <span className="badge phase-LTS">LTS</span>} <GateBadge state={cyclePlan.gate.state} />{' '}
            <Link href={`/projects/${slug}/releases/${cyclePlan.cycle}/qualification`} className="muted">
              qualification
            </Link>
          </h3>
          <p>
            {PLAN_MILESTONES.map((kind) => ({ kind, text: milestoneText(cyclePlan.milestones[kind]) }))
              .filter((milestone) => milestone.text)
              .map((milestone) => `${MILESTONE_LABELS[milestone.kind]} ${milestone.text}`)
              .join(' · ') || <span className="muted">no milestones planned</span>}
          </p>
          <p className="muted">
            Release owners: {cyclePlan.releaseOwners.length ? cyclePlan.releaseOwners.map((login) => `@${login}`).join(', ') : 'none yet'}
            {cyclePlan.isLts && <> · LTS owners: {cyclePlan.ltsOwners.length ? cyclePlan.ltsOwners.map((login) => `@${login}`).join(', ') : 'none yet'}</>}
          </p>
          {warningCount(cyclePlan.cycle) > 0 && (
            <p>
              <a href="#attention" className="overdue">
                {warningCount(cyclePlan.cycle)} item{warningCount(cyclePlan.cycle) === 1 ? '' : 's'} under “Needs attention”
              </a>
            </p>
          )}
          {!cyclePlan.gate.open && <p className="note">{cyclePlan.gate.message}: GA cannot be recorded until the gate is green or overridden.</p>}
          {signedIn && (
            <details>
              <summary>Edit the {cyclePlan.cycle} plan</summary>
              <CyclePlanForm project={slug} plan={cyclePlan} />
            </details>
          )}
        </section>
      ))}

      <h2 id="upcoming">Upcoming releases</h2>
      <p className="muted">Each release as planned (or, until it is in the plan, as the schedule proposes it), over the windows its policy allows.</p>
      <div className="timeline" data-testid="plan-chart" dangerouslySetInnerHTML={{ __html: renderPlanTimelineSvg(planChartRows(schedule, inPlanning, day), day) }} />
      <ScheduleTable project={slug} rows={rows} canAdd={signedIn} />

      <h2 id="upgrade">Can I upgrade?</h2>
      <p className="muted">Supported: the next minor release, or from an LTS straight to the next LTS ({data.project.ltsUpgradeLine.join(' → ') || 'no LTS line recorded'}).</p>
      <UpgradeCheck
        project={slug}
        cycles={released}
        initial={{ from: from ?? '1.7', to: to ?? '2.3', answer: upgrade ? ('error' in upgrade ? upgrade : { allowed: upgrade.allowed, message: upgrade.message, path: upgrade.path }) : null }}
      />

      <h2 id="what-if">What if the policy changed?</h2>
      <WhatIfForm project={slug} policies={data.policies} canSave={signedIn} today={day} />

      <h2 id="removals">Removals allowed per release</h2>
      <p className="muted">A deprecated feature may be removed only in the release right after an LTS.</p>
      <div className="table-wrap">
        <table data-testid="removal-windows">
          <thead>
            <tr>
              <th>Release</th>
              <th>May remove</th>
              <th>Targeted for removal</th>
            </tr>
          </thead>
          <tbody>
            {deprecations.windows
              .filter((w) => !stored.get(w.cycle)?.lifecycle.ga?.happened)
              .map((w) => (
                <tr key={w.cycle}>
                  <td>{w.cycle}</td>
                  <td>{w.mayRemove ? `yes (right after ${w.afterLts} LTS)` : 'no'}</td>
                  <td className="wrap">{w.targeted.length ? w.targeted.join('; ') : <span className="muted">—</span>}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {deprecations.findings.length > 0 && (
        <ul className="plain" data-testid="deprecation-findings">
          {deprecations.findings.map((finding, index) => (
            <li key={index}>
              <span className={`badge ${finding.severity === 'error' ? 'phase-ERROR' : finding.severity === 'warning' ? 'phase-EXTENDED' : 'phase-END_OF_LIFE'}`}>{finding.severity}</span> {finding.message}
            </li>
          ))}
        </ul>
      )}

      <h2 id="adherence">Adherence to the beta and RC windows</h2>
      {history.length > 0 && (
        <>
          <p>Supported releases whose dates went outside their policy&apos;s windows (history: nothing left to change):</p>
          <ul className="plain" data-testid="adherence-history">
            {history.map((warning, index) => (
              <li key={index}>{warning.message}</li>
            ))}
          </ul>
        </>
      )}
      <p className="muted" data-testid="adherence-summary">
        {adherence.summary.releases} releases reached GA: first beta in its window {adherence.summary.betaInWindow}, outside {adherence.summary.betaOutside}; first RC in its
        window {adherence.summary.rcInWindow}, outside {adherence.summary.rcOutside}.{' '}
        {adherenceRows.length < adherence.rows.length ? (
          <>
            The {adherenceRows.length} newest below (<Link href={`?adherence=all#adherence`}>all {adherence.rows.length}</Link>).
          </>
        ) : null}
      </p>
      <div className="table-wrap">
        <table data-testid="adherence" className="stack-on-phone">
          <thead>
            <tr>
              <th>Release</th>
              <th>First beta</th>
              <th>First RC</th>
              <th>GA</th>
            </tr>
          </thead>
          <tbody>
            {adherenceRows.map((row) => (
              <tr key={row.cycle}>
                <td>
                  <strong>{row.cycle}</strong>
                </td>
                {[row.beta, row.rc].map((lead, index) => (
                  <td key={index} data-label={index === 0 ? 'First beta' : 'First RC'}>
                    {lead ? (
                      <>
                        {lead.tag}, {lead.weeksBeforeGa} week{lead.weeksBeforeGa === 1 ? '' : 's'} before GA{' '}
                        {lead.inWindow === null ? null : lead.inWindow ? <span className="badge phase-ACTIVE">in window</span> : <span className="badge phase-EXTENDED">outside {lead.window!.min}–{lead.window!.max} weeks</span>}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                ))}
                <td data-label="GA">{formatProjectDate(row.ga)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="releases-md">RELEASES.md block</h2>
      <p>
        The release table, its footnotes and the Kubernetes table in the project&apos;s RELEASES.md format, generated from this database:{' '}
        <Link href={`/projects/${slug}/plan/releases-md`}>the block</Link> · <a href={`/api/projects/${slug}/releases-md`}>raw Markdown</a>.
      </p>
    </>
  );
}
