import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getSignInMethod, MIN_PASSWORD_LENGTH } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor, safeNext } from '@/lib/session';
import { ActionForm, Field } from '../../components/form';
import { changePasswordAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your password' };

const PASSWORD_LABELS = { currentPassword: 'Current password', newPassword: 'New password', newPasswordAgain: 'New password again' };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/**
 * Choose a password after signing in with a one-time one (the only page such a session can use),
 * or change it; either way the account's other sessions end.
 */
export default async function PasswordPage({ searchParams }: Props) {
  const actor = await currentActor();
  if (actor.kind !== 'user') redirect(`/signin?next=${encodeURIComponent('/admin/password')}`);
  const next = safeNext((await searchParams).next);
  const signInMethod = await getSignInMethod(await prisma(), actor.userId);
  const newPassword = (
    <>
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        hint={`At least ${MIN_PASSWORD_LENGTH} characters and not easy to guess: a few unrelated words work well; your login, repeats, keyboard rows and common passwords do not.`}
      />
      <Field name="newPasswordAgain" label="New password again" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required />
    </>
  );
  if (actor.passwordChangeRequired) {
    return (
      <>
        <h1>Choose your password</h1>
        <p>
          You signed in as <strong>{actor.login}</strong> with a one-time password, which is now used up. Choose your own password to continue; until then
          nothing else works.
        </p>
        <ActionForm action={changePasswordAction} submit="Choose password" testId="choose-password" labels={PASSWORD_LABELS}>
          <input type="hidden" name="next" value={next} />
          {newPassword}
        </ActionForm>
      </>
    );
  }
  if (signInMethod === 'github') {
    return (
      <>
        <h1>Your password</h1>
        <p className="muted">You sign in with GitHub: Shepherd keeps no password for {actor.login}.</p>
      </>
    );
  }
  return (
    <>
      <h1>Change your password</h1>
      <p className="muted">Your other sessions (other browsers and devices) are signed out; this one stays signed in.</p>
      <ActionForm action={changePasswordAction} submit="Change password" testId="change-password" labels={PASSWORD_LABELS}>
        <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required />
        {newPassword}
      </ActionForm>
    </>
  );
}
