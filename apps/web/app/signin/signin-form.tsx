'use client';

import { useActionState } from 'react';
import { signIn } from './actions';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signIn, null);
  return (
    <form action={action} className="card form">
      <input type="hidden" name="next" value={next} />
      <label>
        Login
        <input name="login" autoComplete="username" required aria-invalid={state?.fields?.includes('login') || undefined} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required aria-invalid={state?.fields?.includes('password') || undefined} />
      </label>
      <p>
        <button type="submit" disabled={pending}>
          Sign in
        </button>
      </p>
      {state && !state.ok && (
        <p className="note" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
