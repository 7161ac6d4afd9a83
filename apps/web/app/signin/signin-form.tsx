'use client';

import { useActionState } from 'react';
import { bindField, FieldProblem, FormAnswer } from '../components/form';
import { signIn } from './actions';

const FORM_ID = 'signin';

export function SignInForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(signIn, null);
  const { problem: _loginProblem, messageId: _l, ...login } = bindField(state, FORM_ID, 'login');
  const passwordBinding = bindField(state, FORM_ID, 'password');
  const { problem: _passwordProblem, messageId: _p, defaultValue: _never, ...password } = passwordBinding;
  return (
    <form action={action} className="card form signin">
      <FormAnswer state={state} formId={FORM_ID} labels={{ login: 'Login', password: 'Password' }} refused="Not signed in" />
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor={login.id}>Login</label>
        <input {...login} autoComplete="username" required />
        <FieldProblem binding={bindField(state, FORM_ID, 'login')} />
      </div>
      <div className="field">
        <label htmlFor={password.id}>Password</label>
        <input {...password} type="password" autoComplete="current-password" required />
        <FieldProblem binding={passwordBinding} />
      </div>
      <button type="submit" disabled={pending}>
        Sign in
      </button>
    </form>
  );
}
