'use client';

import { useActionState } from 'react';
import type { CycleSupport } from '@shepherd/governance/releases/update-cycle-support';
import { saveCycleSupport } from './edit-support.action';

function DateFields({ prefix, label, value }: { prefix: string; label: string; value: CycleSupport['endOfLife'] }) {
  const month = value?.precision === 'MONTH';
  return (
    <fieldset>
      <legend>{label}</legend>
      <label>
        Date <input name={`${prefix}Date`} defaultValue={value ? (month ? value.date.slice(0, 7) : value.date) : ''} placeholder="YYYY-MM-DD or YYYY-MM" aria-label={`${label} date`} />
      </label>{' '}
      <label>
        Precision{' '}
        <select name={`${prefix}Precision`} defaultValue={month ? 'month' : 'day'} aria-label={`${label} precision`}>
          <option value="day">day</option>
          <option value="month">month</option>
        </select>
      </label>{' '}
      <label>
        <input type="checkbox" name={`${prefix}Tentative`} defaultChecked={value?.tentative ?? false} /> tentative
      </label>
    </fieldset>
  );
}

/** The form itself; EditSupportForm (server) decides whether to show it. An empty date clears it. */
export function EditSupportFields({ project, cycle, support }: { project: string; cycle: string; support: CycleSupport }) {
  const [state, action, pending] = useActionState(saveCycleSupport, null);
  return (
    <form action={action} className="card form" data-testid="edit-support">
      <h3>Edit support dates</h3>
      <input type="hidden" name="project" value={project} />
      <input type="hidden" name="cycle" value={cycle} />
      <DateFields prefix="endOfActiveSupport" label="End of active support" value={support.endOfActiveSupport} />
      <DateFields prefix="endOfLife" label="End of life" value={support.endOfLife} />
      <p>
        <label>
          Extended-support note
          <br />
          <textarea name="extendedSupportNote" defaultValue={support.extendedSupportNote ?? ''} rows={2} cols={70} />
        </label>
      </p>
      <p>
        <label>
          Why (recorded in the audit log) <input name="note" maxLength={500} size={50} />
        </label>
      </p>
      <p>
        <button type="submit" disabled={pending}>
          Save
        </button>
      </p>
      {state && (
        <p className={state.ok ? 'muted' : 'note'} role={state.ok ? 'status' : 'alert'} data-testid="edit-support-result">
          {state.message}
        </p>
      )}
    </form>
  );
}
