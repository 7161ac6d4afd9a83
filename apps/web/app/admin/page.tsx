import type { Metadata } from 'next';
import Link from 'next/link';
import { listRoleGrants } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { signOut } from '../signin/actions';
import { ActionForm } from './action-form';
import { changePasswordAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const actor = await requireUser('/admin');
  const client = await prisma();
  const user = await client.user.findUniqueOrThrow({ where: { id: actor.userId } });
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
      {user.passwordHash && (
        <>
          <h2>Change your password</h2>
          <ActionForm action={changePasswordAction} submit="Change password">
            <label>
              Current password <input name="currentPassword" type="password" autoComplete="current-password" required />
            </label>
            <label>
              New password (12 characters or more) <input name="newPassword" type="password" autoComplete="new-password" minLength={12} required />
            </label>
          </ActionForm>
        </>
      )}
      <form action={signOut}>
        <button type="submit">Sign out</button>
      </form>
    </>
  );
}
