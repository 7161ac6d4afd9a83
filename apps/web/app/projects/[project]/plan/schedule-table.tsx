'use client';

import { useActionState, useState } from 'react';
import type { ScheduledCyclePreview } from '@shepherd/governance/planning/edit-plan';
import { FormAnswer } from '../../../components/form';
import { addCycleToPlan } from './plan.actions';

export interface ScheduleRow {
  cycle: string;
  isLts: boolean;
  policyVersion: number;
  betaWindow: string;
  rcWindow: string;
  policyGa: string;
  plannedGa: string | null;
  endOfActiveSupport: string;
  eol: string;
  eolWithoutLtsOwners: string | null;
  recorded: boolean;
  /** What "add to the plan" would record, for a release not in the plan yet. */
  proposal: ScheduledCyclePreview | null;
}

/**
 * The schedule the policies give, and for each release not in the plan yet an "add" that first
 * shows exactly what it will record (warning about dates already past), then asks to confirm, then
 * says what it did. The answer stays on screen after the page refreshes with the new release.
 */
export function ScheduleTable({ project, rows, canAdd }: { project: string; rows: ScheduleRow[]; canAdd: boolean }) {
  const [state, action, pending] = useActionState(addCycleToPlan, null);
  const [open, setOpen] = useState<string | null>(null);
  const proposal = rows.find((row) => row.cycle === open && row.proposal)?.proposal ?? null;
  const past = proposal?.milestones.filter((milestone) => milestone.past) ?? [];
  return (
    <>
      <div className="table-wrap">
        <table data-testid="schedule" className="stack-on-phone">
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
            {rows.map((row) => (
              <tr key={row.cycle} data-cycle={row.cycle}>
                <td>
                  <strong>{row.cycle}</strong> {row.isLts && <span className="badge phase-LTS">LTS</span>}
                  <div className="muted">policy v{row.policyVersion}</div>
                </td>
                <td data-label="Beta starts">{row.betaWindow}</td>
                <td data-label="RC / feature freeze">{row.rcWindow}</td>
                <td data-label="GA (policy)">{row.policyGa}</td>
                <td data-label="GA (planned)">{row.plannedGa ?? <span className="muted">not planned yet</span>}</td>
                <td data-label="End of active support">{row.endOfActiveSupport}</td>
                <td data-label="End of life">
                  {row.eol}
                  {row.eolWithoutLtsOwners && <div className="muted">without LTS owners: {row.eolWithoutLtsOwners}</div>}
                </td>
                <td data-label="Plan">
                  {row.recorded ? (
                    <span className="muted">in the plan</span>
                  ) : canAdd ? (
                    <button type="button" className="secondary" aria-expanded={open === row.cycle} aria-controls="add-to-plan" onClick={() => setOpen(open === row.cycle ? null : row.cycle)}>
                      Add {row.cycle} to the plan…
                    </button>
                  ) : (
                    <span className="muted">proposed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormAnswer state={state} formId="add-to-plan" testId="add-result" refused="Not added" />
      {proposal && (
        <form
          action={(form) => {
            setOpen(null);
            return action(form);
          }}
          className="card form"
          id="add-to-plan"
          data-testid="add-to-plan"
        >
          <h3>
            Add {proposal.cycle} to the plan{proposal.isLts ? ' (an LTS release)' : ''}?
          </h3>
          <p>These dates from policy v{proposal.policyVersion} will be recorded, each marked tentative until people confirm it:</p>
          <ul className="plain">
            {proposal.milestones.map((milestone) => (
              <li key={milestone.kind}>
                <strong>{milestone.label}</strong>: {milestone.text}
                {milestone.past && <span className="overdue"> · already past</span>}
              </li>
            ))}
          </ul>
          {past.length > 0 && (
            <p className="note" role="note" data-testid="past-dates">
              {past.length === 1 ? `The ${past[0].label.toLowerCase()} date is` : `${past.length} of these dates are`} already past: {past.length === 1 ? 'it' : 'they'} will show as overdue
              until you move {past.length === 1 ? 'it' : 'them'} in the {proposal.cycle} plan.
            </p>
          )}
          <input type="hidden" name="project" value={project} />
          <input type="hidden" name="cycle" value={proposal.cycle} />
          <div className="field">
            <label htmlFor="add-note">Why</label>
            <input id="add-note" name="note" maxLength={500} size={50} aria-describedby="add-note-hint" />
            <span className="field-hint" id="add-note-hint">
              optional; recorded in the audit log
            </span>
          </div>
          <p>
            <button type="submit" disabled={pending}>
              Add {proposal.cycle} to the plan
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Cancel
            </button>
          </p>
        </form>
      )}
    </>
  );
}
