'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/authorize';

type Action = (previous: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** A form posting to a server action, showing its answer (and a secret to copy once). */
export function ActionForm({ action, children, submit, testId, inline }: { action: Action; children?: React.ReactNode; submit: string; testId?: string; inline?: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={inline ? undefined : 'card form'} style={inline ? { display: 'inline' } : undefined} data-testid={testId}>
      {children}
      <button type="submit" disabled={pending}>
        {submit}
      </button>
      {state && (
        <span className={state.ok ? 'muted' : 'note'} role={state.ok ? 'status' : 'alert'}>
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
  );
}
