'use client';

import { useState } from 'react';
import { bindField, checkedAfter, FieldProblem, useFormContext } from './form';

export interface PlannedDateValue {
  date: string;
  precision: 'DAY' | 'MONTH';
  tentative: boolean;
}

/**
 * A planned date as projects publish them: a day (a date picker) or a month ("September 2026", a
 * month picker), and whether it is tentative. The picker follows the precision chosen; what was
 * typed stays after a refused save.
 */
export function PlannedDateField({
  label,
  names,
  value,
  hint,
  dateLabel,
  children,
}: {
  label: string;
  names: { date: string; precision: string; tentative: string };
  value: PlannedDateValue | null;
  hint?: string;
  /** The date input's accessible name (default "<label> date" or "<label> month"). */
  dateLabel?: string;
  /** More fields in the same group (the planner's "happened on"). */
  children?: React.ReactNode;
}) {
  const { state, formId } = useFormContext();
  const date = bindField(state, formId, names.date, value ? (value.precision === 'MONTH' ? value.date.slice(0, 7) : value.date) : '');
  const typedPrecision = bindField(state, formId, names.precision, value?.precision === 'MONTH' ? 'month' : 'day').defaultValue;
  const [precision, setPrecision] = useState(typedPrecision === 'month' ? 'month' : 'day');
  const [text, setText] = useState(date.defaultValue);
  const choosePrecision = (next: string) => {
    setPrecision(next);
    // A day becomes its month; a month has no day to invent, so the picker starts empty.
    setText((current) => (next === 'month' ? current.slice(0, 7) : /^\d{4}-\d{2}-\d{2}$/.test(current) ? current : ''));
  };
  const precisionId = `${date.id}-precision`;
  const dateName = precision === 'month' ? 'Month' : 'Day';
  const hintId = hint ? `${date.id}-hint` : undefined;
  return (
    <fieldset className="planned-date">
      <legend>{label}</legend>
      <div className="fields">
        <div className="field">
          <label htmlFor={date.id}>{dateLabel ? `Planned (${dateName.toLowerCase()})` : dateName}</label>
          <input
            id={date.id}
            name={names.date}
            type={precision === 'month' ? 'month' : 'date'}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={precision === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'}
            pattern={precision === 'month' ? '\\d{4}-\\d{2}' : '\\d{4}-\\d{2}-\\d{2}'}
            aria-label={dateLabel ?? `${label} ${precision === 'month' ? 'month' : 'date'}`}
            aria-invalid={date['aria-invalid']}
            aria-describedby={[date['aria-describedby'], hintId].filter(Boolean).join(' ') || undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={precisionId}>Precision</label>
          <select id={precisionId} name={names.precision} value={precision} onChange={(event) => choosePrecision(event.target.value)} aria-label={`${label} precision`}>
            <option value="day">a day</option>
            <option value="month">a month</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" name={names.tentative} defaultChecked={checkedAfter(state, names.tentative, value?.tentative ?? false)} aria-label={`${label} tentative`} /> tentative
        </label>
        {children}
      </div>
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      <FieldProblem binding={date} />
    </fieldset>
  );
}
