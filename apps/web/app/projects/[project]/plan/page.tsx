import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GovernanceError } from '@shepherd/governance';
import { formatProjectDate } from '@shepherd/governance/cadence/dates';
import { getReleasePlan } from '@shepherd/governance/planning/get-release-plan';
import { checkUpgrade } from '@shepherd/governance/planning/planning-queries';
import { renderPlanTimelineSvg } from '@shepherd/governance/planning/render-plan-timeline';
import { renderReleasesMd } from '@shepherd/governance/planning/render-releases-md';
import { listCyclesInPlanning, PLAN_MILESTONES, type CyclePlanState } from '@shepherd/governance/planning/edit-plan';
import { formatPublishedDate } from '@shepherd/governance/releases/published-dates';
import { MILESTONE_LABELS } from '@shepherd/governance/releases/record-milestone';
import { prisma } from '@/lib/database';
import { currentActor } from '@/lib/session';
import { today } from '@/lib/today';
import { ActionForm } from '../../../admin/action-form';
import { GateBadge } from '../../../components/gate-badge';
import { CyclePlanForm } from './cycle-plan-form';
import { addCycleToPlan } from './plan.actions';
import { WhatIfForm } from './what-if-form';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ project: string }>; searchParams: Promise<{ from?: string; to?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).project} release plan` };
}

function milestoneText({ planned, actual }: CyclePlanState['milestones'][keyof CyclePlanState['milestones']]): string | null {
  if (actual) return `${formatProjectDate(actual)} ✓`;
  if (!planned) return null;
  return `${formatPublishedDate(planned.date, planned.precision)}${planned.tentative ? ' (tentative)' : ''}`;
}

const window = (w: { start: string; end: string }) => `${formatProjectDate(w.start)} – ${formatProjectDate(w.end)}`;

export default async function PlanPage({ params, searchParams }: Props) {
  const { project: slug } = await params;
  const { from, to } = await searchParams;
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
          <p className="muted">
            <Link href={`/projects/${slug}/releases`}>{slug} releases</Link> / plan
          </p>
          <h1>{slug} release plan</h1>
          <p className="note" data-testid="nothing-to-plan">
            {error.message}.
          </p>
        </>
      );
    }
    throw error;
  }
  const { data, schedule, warnings, deprecations, adherence } = plan;
  const stored = new Map(data.cycles.map((cycle) => [cycle.name, cycle]));
  const upgrade = from && to ? await checkUpgrade(db, slug, day, from, to).catch((error: Error) => ({ error: error.message })) : null;
  const inPlanning = await listCyclesInPlanning(db, slug);
  const signedIn = (await currentActor()).kind === 'user';
  const currentPolicy = [...data.policies].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  return (
    <>
      <p className="muted">
        <Link href={`/projects/${slug}/releases`}>{data.project.name} releases</Link> / plan
      </p>
      <h1>{data.project.name} release plan</h1>
      <p className="muted">
        Computed from the policy in force for each release (policy v{currentPolicy.version}: {currentPolicy.name}, effective {formatProjectDate(currentPolicy.effectiveFrom)}) after the last GA, {schedule.anchor.cycle} on{' '}
        {formatProjectDate(schedule.anchor.ga.date)}.
      </p>

      <h2>Warnings</h2>
      {warnings.length === 0 ? (
        <p className="muted">The plan follows the policy.</p>
      ) : (
        <ul className="plain" data-testid="warnings">
          {warnings.map((warning, index) => (
            <li key={index}>
              <span className={`badge ${warning.severity === 'error' ? 'phase-ERROR' : 'phase-EXTENDED'}`}>{warning.severity}</span> {warning.message}
            </li>
          ))}
        </ul>
      )}

      <h2>Releases in progress</h2>
      {!signedIn && (
        <p className="muted">
          <Link href={`/signin?next=${encodeURIComponent(`/projects/${slug}/plan`)}`}>Sign in</Link> as a maintainer to edit milestones, owners and policies.
        </p>
      )}
      {inPlanning.length === 0 && <p className="muted">Every recorded release has reached GA; add the next one from the schedule below.</p>}
      {inPlanning.map((plan) => {
        const cycleWarnings = warnings.filter((warning) => warning.cycle === plan.cycle);
        return (
          <section key={plan.cycle} className="card" data-testid={`in-progress-${plan.cycle}`}>
            <h3>
              {data.project.name} {plan.cycle} {plan.isLts && <span className="badge phase-LTS">LTS</span>} <GateBadge state={plan.gate.state} />{' '}
              <Link href={`/projects/${slug}/releases/${plan.cycle}/qualification`} className="muted">
                qualification
              </Link>
            </h3>
            <p>
              {PLAN_MILESTONES.map((kind) => ({ kind, text: milestoneText(plan.milestones[kind]) }))
                .filter((milestone) => milestone.text)
                .map((milestone) => `${MILESTONE_LABELS[milestone.kind]} ${milestone.text}`)
                .join(' · ') || <span className="muted">no milestones planned</span>}
            </p>
            <p className="muted">
              Release owners: {plan.releaseOwners.length ? plan.releaseOwners.map((login) => `@${login}`).join(', ') : 'none yet'}
              {plan.isLts && <> · LTS owners: {plan.ltsOwners.length ? plan.ltsOwners.map((login) => `@${login}`).join(', ') : 'none yet'}</>}
            </p>
            {cycleWarnings.length > 0 && (
              <ul className="plain" data-testid={`warnings-${plan.cycle}`}>
                {cycleWarnings.map((warning, index) => (
                  <li key={index}>
                    <span className={`badge ${warning.severity === 'error' ? 'phase-ERROR' : 'phase-EXTENDED'}`}>{warning.severity}</span> {warning.message}
                  </li>
                ))}
              </ul>
            )}
            {!plan.gate.open && <p className="note">{plan.gate.message}: GA cannot be recorded until the gate is green or overridden.</p>}
            {signedIn && (
              <details>
                <summary>Edit the {plan.cycle} plan</summary>
                <CyclePlanForm project={slug} plan={plan} />
              </details>
            )}
          </section>
        );
      })}

      <h2>Upcoming releases</h2>
      <div className="timeline" dangerouslySetInnerHTML={{ __html: renderPlanTimelineSvg(schedule, day) }} />
      <table data-testid="schedule">
        <thead>
          <tr>
            <th>Release</th>
            <th>Beta starts</th>
            <th>RC / feature freeze</th>
            <th>GA (policy)</th>
            <th>GA (planned)</th>
            <th>End of active support</th>
            <th>End of life</th>
            <th>Plan</th>
          </tr>
        </thead>
        <tbody>
          {schedule.releases.map((release) => {
            const recorded = stored.get(release.cycle);
            return (
              <tr key={release.cycle} data-cycle={release.cycle}>
                <td>
                  <strong>{release.cycle}</strong> {release.isLts && <span className="badge phase-LTS">LTS</span>}
                  <div className="muted">policy v{release.policyVersion}</div>
                </td>
                <td>{window(release.betaWindow)}</td>
                <td>{window(release.rcWindow)}</td>
                <td>{formatProjectDate(release.ga)}</td>
                <td>{recorded?.lifecycle.ga ? `${recorded.lifecycle.ga.text}${recorded.lifecycle.ga.tentative ? ' (tentative)' : ''}` : <span className="muted">not planned yet</span>}</td>
                <td>{formatProjectDate(release.endOfActiveSupport)}</td>
                <td>
                  {formatProjectDate(release.eol)}
                  {release.eolWithoutLtsOwners && <div className="muted">without LTS owners: {formatProjectDate(release.eolWithoutLtsOwners)}</div>}
                </td>
                <td>
                  {recorded ? (
                    <span className="muted">recorded</span>
                  ) : signedIn ? (
                    <ActionForm action={addCycleToPlan} submit={`Add ${release.cycle} to the plan`} inline>
                      <input type="hidden" name="project" value={slug} />
                      <input type="hidden" name="cycle" value={release.cycle} />
                    </ActionForm>
                  ) : (
                    <span className="muted">proposed</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>What if the policy changed?</h2>
      <WhatIfForm project={slug} policies={data.policies} canSave={signedIn} />

      <h2>Removals allowed per release</h2>
      <p className="muted">A deprecated feature may be removed only in the release right after an LTS.</p>
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
                <td>{w.targeted.length ? w.targeted.join('; ') : <span className="muted">—</span>}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {deprecations.findings.length > 0 && (
        <ul className="plain" data-testid="deprecation-findings">
          {deprecations.findings.map((finding, index) => (
            <li key={index}>
              <span className={`badge ${finding.severity === 'error' ? 'phase-ERROR' : finding.severity === 'warning' ? 'phase-EXTENDED' : 'phase-END_OF_LIFE'}`}>{finding.severity}</span> {finding.message}
            </li>
          ))}
        </ul>
      )}

      <h2>Adherence to the beta and RC windows</h2>
      <table data-testid="adherence">
        <thead>
          <tr>
            <th>Release</th>
            <th>First beta</th>
            <th>First RC</th>
            <th>GA</th>
          </tr>
        </thead>
        <tbody>
          {adherence.rows.map((row) => (
            <tr key={row.cycle}>
              <td>{row.cycle}</td>
              {[row.beta, row.rc].map((lead, index) => (
                <td key={index}>
                  {lead ? (
                    <>
                      {lead.tag}, {lead.weeksBeforeGa} weeks before GA{' '}
                      {lead.inWindow === null ? null : lead.inWindow ? <span className="badge phase-ACTIVE">in window</span> : <span className="badge phase-EXTENDED">outside {lead.window!.min}–{lead.window!.max} weeks</span>}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              ))}
              <td>{formatProjectDate(row.ga)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Can I upgrade?</h2>
      <form method="get" className="inline-form">
        <label>
          from <input name="from" defaultValue={from ?? '1.7'} size={5} />
        </label>{' '}
        <label>
          to <input name="to" defaultValue={to ?? '2.3'} size={5} />
        </label>{' '}
        <button type="submit">Check</button>
      </form>
      {upgrade && (
        <p data-testid="upgrade-answer" className="note">
          {'error' in upgrade ? upgrade.error : upgrade.message}
        </p>
      )}

      <h2>RELEASES.md block</h2>
      <p className="muted">
        Generated from this database in the project&apos;s format (<a href={`/api/projects/${slug}/releases-md`}>raw</a>).
      </p>
      <pre className="code" data-testid="releases-md">{renderReleasesMd(data)}</pre>
    </>
  );
}
