import type { Metadata } from 'next';
import Link from 'next/link';
import { githubOAuthConfig, hasLocalAccounts } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { currentActor, safeNext, startAuth } from '@/lib/session';
import { signOut } from './actions';
import { SignInForm } from './signin-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ next?: string | string[]; error?: string | string[]; signedOut?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  await startAuth();
  const { next, error: errors, signedOut } = await searchParams;
  const error = typeof errors === 'string' ? errors : undefined;
  const actor = await currentActor();
  const github = githubOAuthConfig() !== null;
  const localAccounts = await hasLocalAccounts(await prisma());
  const target = safeNext(next);
  const problem = error && (
    <p className="note" role="alert">
      {error}
    </p>
  );
  if (actor.kind === 'user') {
    return (
      <>
        <h1>Signed in</h1>
        {problem}
        <p>
          You are signed in as <strong data-testid="signed-in-login">{actor.login}</strong>. <Link href="/admin">Your account</Link>
        </p>
        <form action={signOut}>
          <button type="submit">Sign out</button>
        </form>
      </>
    );
  }
  return (
    <>
      <h1>Sign in</h1>
      <p className="muted">Anyone can read the public pages and API. Sign in to change release data, roles and tokens.</p>
      {signedOut === 'everywhere' && (
        <p className="muted" role="status">
          Signed out on every device.
        </p>
      )}
      {problem}
      {github && (
        <p>
          <a className="button" href={`/api/auth/github?next=${encodeURIComponent(target)}`} data-testid="github-signin">
            Sign in with GitHub
          </a>
        </p>
      )}
      {(localAccounts || !github) && (
        <>
          {github && <h2>Local account</h2>}
          <SignInForm next={target} />
        </>
      )}
    </>
  );
}
