import Link from 'next/link';
import { currentActor } from '@/lib/session';
import { signOut } from './actions';

/** The header's account corner: "Sign in", or the signed-in login with a sign-out button. */
export async function AccountNav() {
  const actor = await currentActor();
  if (actor.kind !== 'user') return <Link href="/signin">Sign in</Link>;
  return (
    <>
      <Link href={actor.passwordChangeRequired ? '/admin/password' : '/admin'} data-testid="nav-login">
        {actor.login}
      </Link>{' '}
      <form action={signOut} style={{ display: 'inline' }}>
        <button type="submit">
          Sign out
        </button>
      </form>
    </>
  );
}
