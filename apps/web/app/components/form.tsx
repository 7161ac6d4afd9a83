'use client';

import { createContext, useActionState, useContext, useId } from 'react';
import type { ActionResult, FormValues } from '@/lib/authorize';

// Forms that answer as people expect: a refused form keeps everything that was typed, says what is
// wrong in plain words next to each field (and once in a summary on top, linking to the fields),
// and marks those fields for screen readers (aria-invalid, aria-describedby); a saved form says
// what changed. Server actions answer through actionResult (lib/authorize.ts).

export type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

interface FormContextValue {
  state: ActionResult | null;
  formId: string;
}

const FormContext = createContext<FormContextValue>({ state: null, formId: 'form' });

/** Element ids of a field and of its message, unique per form. */
export const fieldId = (formId: string, name: string) => `${formId}-${name.replace(/[^\w-]/g, '_')}`;
const messageId = (formId: string, name: string) => `${fieldId(formId, name)}-problem`;

/** The props that tie an input to the form's answer: id, the value as typed after a refusal, the marks. */
export function useField(name: string, initial?: string | null): FieldBinding {
  const { state, formId } = useContext(FormContext);
  return bindField(state, formId, name, initial);
}

export interface FieldBinding {
  id: string;
  name: string;
  defaultValue: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  problem: string | undefined;
  messageId: string;
}

export function bindField(state: ActionResult | null, formId: string, name: string, initial?: string | null): FieldBinding {
  const problem = state?.fieldErrors?.[name];
  const typed = !state?.ok ? state?.values : undefined;
  const value = typed ? typed[name] : undefined;
  return {
    id: fieldId(formId, name),
    name,
    defaultValue: typed ? (Array.isArray(value) ? value[0] : (value ?? '')) : (initial ?? ''),
    ...(problem ? { 'aria-invalid': true as const, 'aria-describedby': messageId(formId, name) } : {}),
    problem,
    messageId: messageId(formId, name),
  };
}

/** Whether a checkbox was ticked: as submitted after a refusal, else as stored. */
export function checkedAfter(state: ActionResult | null, name: string, initial: boolean, value = 'on'): boolean {
  const typed: FormValues | undefined = !state?.ok ? state?.values : undefined;
  if (!typed) return initial;
  const sent = typed[name];
  return Array.isArray(sent) ? sent.includes(value) : sent === value;
}

/** The plain message under a refused field. */
export function FieldProblem({ binding }: { binding: Pick<FieldBinding, 'problem' | 'messageId'> }) {
  if (!binding.problem) return null;
  return (
    <span className="field-problem" id={binding.messageId}>
      {binding.problem}
    </span>
  );
}

/**
 * On top of the form: what was saved, or why nothing was, with each refused field named by its label
 * and linked. `labels` maps field names to the labels people see.
 */
export function FormAnswer({
  state,
  formId,
  labels = {},
  testId,
  refused = 'Not saved',
}: {
  state: ActionResult | null;
  formId: string;
  labels?: Record<string, string>;
  testId?: string;
  /** The heading of a refusal. */
  refused?: string;
}) {
  if (!state) return null;
  if (state.ok) {
    return (
      <p className="form-saved" role="status" data-testid={testId}>
        {state.message}
        {state.secret && (
          <>
            {' '}
            <code data-testid="secret">{state.secret}</code> <em>(shown once: copy it now)</em>
          </>
        )}
      </p>
    );
  }
  const problems = Object.entries(state.fieldErrors ?? {});
  // The message repeats the field problems; what is left is about the form as a whole.
  const comparable = (text: string) => text.toLowerCase().replace(/\.$/, '');
  const named = new Set(problems.map(([, text]) => comparable(text)));
  // A problem may itself hold "; " (a list of tags): take each one out whole before splitting the rest.
  const rest = problems.reduce((message, [, text]) => message.split(text).join(''), state.message);
  const general = rest
    .split(/;\s*/)
    .map((text) => text.trim())
    .filter((text) => text && !named.has(comparable(text)))
    .join('; ');
  return (
    <div className="form-problems" role="alert" data-testid={testId}>
      <strong>{refused}.</strong>
      {general && <p>{general}</p>}
      {problems.length > 0 && (
        <ul>
          {problems.map(([name, text]) => (
            <li key={name}>
              <a href={`#${fieldId(formId, name)}`}>{labels[name] ?? name}</a>: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A form posting to a server action: the answer on top, fields (`<Field>` and friends, or inputs
 * bound with useField) inside, the submit button at the end.
 */
export function ActionForm({
  action,
  children,
  submit,
  testId,
  resultTestId,
  inline,
  labels,
  className,
  heading,
  refused,
}: {
  action: Action;
  children?: React.ReactNode;
  submit: string;
  testId?: string;
  /** The answer's test id (success or refusal). */
  resultTestId?: string;
  inline?: boolean;
  labels?: Record<string, string>;
  className?: string;
  /** A heading above the form's answer. */
  heading?: string;
  /** The heading of a refusal ("Not saved" unless told). */
  refused?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const formId = useId().replace(/:/g, '');
  return (
    <FormContext.Provider value={{ state, formId }}>
      <form action={formAction} className={inline ? 'inline-form' : (className ?? 'card form')} data-testid={testId}>
        {heading && <h3>{heading}</h3>}
        {!inline && <FormAnswer state={state} formId={formId} labels={labels} testId={resultTestId} refused={refused} />}
        {children}
        <button type="submit" disabled={pending}>
          {submit}
        </button>
        {inline && state && (
          <span className={state.ok ? 'form-saved' : 'form-problems-inline'} role={state.ok ? 'status' : 'alert'} data-testid={resultTestId}>
            {' '}
            {state.message}
            {state.secret && (
              <>
                {' '}
                <code data-testid="secret">{state.secret}</code> <em>(shown once: copy it now)</em>
              </>
            )}
          </span>
        )}
      </form>
    </FormContext.Provider>
  );
}

type InputProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue' | 'id'>;

/** A labelled input: the label above it, a hint and the field's problem below. */
export function Field({ name, label, hint, initial, ...input }: { name: string; label: string; hint?: React.ReactNode; initial?: string | null } & InputProps) {
  const binding = useField(name, initial);
  const { problem: _problem, messageId: _messageId, ...props } = binding;
  const hintId = hint ? `${binding.id}-hint` : undefined;
  const describedBy = [binding['aria-describedby'], hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={binding.id}>{label}</label>
      <input {...input} {...props} aria-describedby={describedBy} />
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      <FieldProblem binding={binding} />
    </div>
  );
}

/** A labelled select, the same way. */
export function SelectField({ name, label, initial, children, hint }: { name: string; label: string; initial?: string | null; children: React.ReactNode; hint?: React.ReactNode }) {
  const binding = useField(name, initial);
  const { problem: _problem, messageId: _messageId, ...props } = binding;
  return (
    <div className="field">
      <label htmlFor={binding.id}>{label}</label>
      <select {...props}>{children}</select>
      {hint && <span className="field-hint">{hint}</span>}
      <FieldProblem binding={binding} />
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextAreaField({ name, label, initial, hint, ...area }: { name: string; label: string; initial?: string | null; hint?: React.ReactNode } & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'defaultValue' | 'id'>) {
  const binding = useField(name, initial);
  const { problem: _problem, messageId: _messageId, ...props } = binding;
  return (
    <div className="field">
      <label htmlFor={binding.id}>{label}</label>
      {hint && <span className="field-hint">{hint}</span>}
      <textarea {...area} {...props} />
      <FieldProblem binding={binding} />
    </div>
  );
}

/** A checkbox with its label to the right (and a hint after it); keeps its tick after a refusal. */
export function CheckboxField({ name, label, initial = false, value = 'on', hint }: { name: string; label: React.ReactNode; initial?: boolean; value?: string; hint?: string }) {
  const { state, formId } = useContext(FormContext);
  const id = fieldId(formId, `${name}-${value}`);
  return (
    <span className="check">
      <input type="checkbox" id={id} name={name} value={value} defaultChecked={checkedAfter(state, name, initial, value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="field-hint" id={`${id}-hint`}>
          ({hint})
        </span>
      )}
    </span>
  );
}

/** The state and id of the form around a component (for custom field layouts such as tables). */
export const useFormContext = () => useContext(FormContext);
export { FormContext };
