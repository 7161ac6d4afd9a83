'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { CyclePlanState, PlanMilestone } from '@shepherd/governance/planning/edit-plan';
import { saveCyclePlan } from './plan.actions';

const LABELS: Record<PlanMilestone, string> = { ALPHA: 'Alpha', BETA: 'Beta', FEATURE_FREEZE: 'Feature freeze', RC: 'RC', GA: 'GA' };

/** Edits one cycle's milestones (planned date, precision, tentative, actual), owners and LTS flag. */
export function CyclePlanForm({ project, plan }: { project: string; plan: CyclePlanState }) {
  const [state, action, pending] = useActionState(saveCyclePlan, null);
  return (
    <form action={action} className="card form" data-testid={`plan-form-${plan.cycle}`}>
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="cycle" value={plan.cycle} />
      <div style={{ overflowX: 'auto' }}>
        <table>
          <thead>
            <tr>
              <th>Milestone</th>
              <th>Planned</th>
              <th>Precision</th>
              <th>Tentative</th>
              <th>Happened on</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(LABELS) as PlanMilestone[]).map((kind) => {
              const { planned, actual } = plan.milestones[kind];
              const month = planned?.precision === 'MONTH';
              return (
                <tr key={kind}>
                  <td>{LABELS[kind]}</td>
                  <td>
                    <input name={`${kind}.planned`} defaultValue={planned ? (month ? planned.date.slice(0, 7) : planned.date) : ''} placeholder="YYYY-MM-DD" size={11} aria-label={`${LABELS[kind]} planned`} />
                  </td>
                  <td>
                    <select name={`${kind}.precision`} defaultValue={month ? 'month' : 'day'} aria-label={`${LABELS[kind]} precision`}>
                      <option value="day">day</option>
                      <option value="month">month</option>
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" name={`${kind}.tentative`} defaultChecked={planned?.tentative ?? false} aria-label={`${LABELS[kind]} tentative`} />
                  </td>
                  <td>
                    {kind === 'GA' ? (
                      // GA changes every public surface: it is recorded deliberately, with a preview, behind the RC gate.
                      <Link href={`/projects/${project}/releases/${plan.cycle}/qualification#record-ga`} data-testid="record-ga-link">
                        Record GA…
                      </Link>
                    ) : (
                      <input name={`${kind}.actual`} defaultValue={actual ?? ''} placeholder="YYYY-MM-DD" size={11} aria-label={`${LABELS[kind]} happened on`} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p>
        <label>
          Release owners <input name="releaseOwners" defaultValue={plan.releaseOwners.join(', ')} size={40} placeholder="login, org/team" aria-label="Release owners" />
        </label>{' '}
        <label>
          <input type="checkbox" name="isLts" defaultChecked={plan.isLts} /> LTS
        </label>{' '}
        <label>
          LTS owners <input name="ltsOwners" defaultValue={plan.ltsOwners.join(', ')} size={30} aria-label="LTS owners" />
        </label>
      </p>
      <p>
        <label>
          Why (recorded in the audit log) <input name="note" maxLength={500} size={50} aria-label="Why" />
        </label>{' '}
        <button type="submit" disabled={pending}>
          Save plan
        </button>
      </p>
      {state && (
        <p className={state.ok ? 'muted' : 'note'} role={state.ok ? 'status' : 'alert'} data-testid="plan-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
