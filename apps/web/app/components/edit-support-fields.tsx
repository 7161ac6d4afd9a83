'use client';

import type { CycleSupport } from '@shepherd/governance/releases/update-cycle-support';
import { ActionForm, Field, TextAreaField } from './form';
import { saveCycleSupport } from './edit-support.action';
import { PlannedDateField } from './planned-date-field';

const LABELS = {
  endOfActiveSupportDate: 'End of active support',
  endOfLifeDate: 'End of life',
  extendedSupportNote: 'Extended-support note',
  note: 'Why',
};

/** The form itself; EditSupportForm (server) decides whether to show it. An empty date clears it. */
export function EditSupportFields({ project, cycle, support }: { project: string; cycle: string; support: CycleSupport }) {
  return (
    <ActionForm action={saveCycleSupport} submit="Save support dates" testId="edit-support" resultTestId="edit-support-result" labels={LABELS} heading="Edit support dates">
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="cycle" value={cycle} />
      <PlannedDateField label="End of active support" names={{ date: 'endOfActiveSupportDate', precision: 'endOfActiveSupportPrecision', tentative: 'endOfActiveSupportTentative' }} value={support.endOfActiveSupport} hint="Empty: no date." />
      <PlannedDateField label="End of life" names={{ date: 'endOfLifeDate', precision: 'endOfLifePrecision', tentative: 'endOfLifeTentative' }} value={support.endOfLife} hint="A month means supported through its last day. Empty: no date." />
      <TextAreaField name="extendedSupportNote" label="Extended-support note" initial={support.extendedSupportNote ?? ''} rows={3} maxLength={2000} />
      <Field name="note" label="Why" hint="recorded in the audit log" maxLength={500} size={50} />
    </ActionForm>
  );
}
