'use client';

import Link from 'next/link';
import type { CyclePlanState, PlanMilestone } from '@shepherd/governance/planning/edit-plan';
import { ActionForm, CheckboxField, Field, FieldProblem, useField } from '../../../components/form';
import { PlannedDateField } from '../../../components/planned-date-field';
import { saveCyclePlan } from './plan.actions';

const LABELS: Record<PlanMilestone, string> = { ALPHA: 'Alpha', BETA: 'Beta', FEATURE_FREEZE: 'Feature freeze', RC: 'RC', GA: 'GA' };

const FIELD_LABELS = {
  ...Object.fromEntries(Object.entries(LABELS).flatMap(([kind, label]) => [[`${kind}.planned`, `${label} planned`], [`${kind}.actual`, `${label} happened on`]])),
  releaseOwners: 'Release owners',
  ltsOwners: 'LTS owners',
  note: 'Why',
};

/** The day a milestone happened, in the same group as its planned date. */
function HappenedOn({ kind, actual }: { kind: PlanMilestone; actual: string | null }) {
  const binding = useField(`${kind}.actual`, actual);
  const { problem: _problem, messageId: _messageId, ...input } = binding;
  return (
    <div className="field">
      <label htmlFor={binding.id}>Happened on</label>
      <input {...input} type="date" aria-label={`${LABELS[kind]} happened on`} />
      <FieldProblem binding={binding} />
    </div>
  );
}

/** Edits one cycle's milestones (planned date, precision, tentative, the day it happened), owners and LTS flag. */
export function CyclePlanForm({ project, plan }: { project: string; plan: CyclePlanState }) {
  return (
    <ActionForm action={saveCyclePlan} submit="Save plan" testId={`plan-form-${plan.cycle}`} resultTestId="plan-result" labels={FIELD_LABELS}>
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="cycle" value={plan.cycle} />
      {(Object.keys(LABELS) as PlanMilestone[]).map((kind) => {
        const { planned, actual } = plan.milestones[kind];
        return (
          <PlannedDateField
            key={kind}
            label={LABELS[kind]}
            dateLabel={`${LABELS[kind]} planned`}
            names={{ date: `${kind}.planned`, precision: `${kind}.precision`, tentative: `${kind}.tentative` }}
            value={planned}
          >
            {kind === 'GA' ? (
              // GA changes every public surface: it is recorded deliberately, with a preview, behind the RC gate.
              <p className="field">
                <Link href={`/projects/${project}/releases/${plan.cycle}/qualification#record-ga`} data-testid="record-ga-link">
                  Record GA…
                </Link>
              </p>
            ) : (
              <HappenedOn kind={kind} actual={actual} />
            )}
          </PlannedDateField>
        );
      })}
      <div className="fields">
        <Field name="releaseOwners" label="Release owners" initial={plan.releaseOwners.join(', ')} size={36} placeholder="login, org/team" hint="GitHub logins; a team (org/team) does not count as an owner" />
        <Field name="ltsOwners" label="LTS owners" initial={plan.ltsOwners.join(', ')} size={28} />
      </div>
      <p>
        <CheckboxField name="isLts" label="LTS release" initial={plan.isLts} />
      </p>
      <Field name="note" label="Why" hint="recorded in the audit log" maxLength={500} size={50} />
    </ActionForm>
  );
}
