import type { Metadata } from 'next';
import Link from 'next/link';
import { getSignInMethod, listRoleGrants } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { signOut } from '../signin/actions';
import { signOutEverywhereAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireUser('/admin');
  const client = await prisma();
  const signInMethod = await getSignInMethod(client, actor.userId);
  const grants = await listRoleGrants(client, { login: actor.login });
  return (
    <>
      <h1>
        <span data-testid="account-login">{actor.login}</span>
        {actor.isInstanceAdmin && <span className="badge phase-LTS">instance admin</span>}
      </h1>
      <h2>Your roles</h2>
      {grants.length === 0 ? (
        <p className="muted">{actor.isInstanceAdmin ? 'As instance admin you hold every role on every project.' : 'No roles yet: you can read everything public. Ask a project admin for a role.'}</p>
      ) : (
        <ul className="plain" data-testid="my-roles">
          {grants.map((grant) => (
            <li key={grant.id}>
              {grant.roleLabel} of <Link href={`/projects/${grant.project}/releases`}>{grant.project}</Link>
              {grant.cycle && (
                <>
                  {' '}
                  <Link href={`/admin/cycles/${grant.project}/${grant.cycle}`}>{grant.cycle}</Link>
                </>
              )}
              {grant.kepNumber && ` KEP-${grant.kepNumber}`} <span className="muted">({grant.source})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Sign-in</h2>
      {signInMethod === 'password' && (
        <p>
          <Link href="/admin/password">Change your password</Link> <span className="muted">(your other sessions are signed out)</span>
        </p>
      )}
      <form action={signOut}>
        <p>
          <button type="submit">Sign out</button>
        </p>
      </form>
      <form action={signOutEverywhereAction}>
        <p>
          <button type="submit">Sign out everywhere</button>{' '}
          <span className="muted">ends every session of {actor.login}, on every device; API tokens stay (revoke them under API tokens)</span>
        </p>
      </form>
    </>
  );
}
