import type { Metadata } from 'next';
import { authorize, listUsers } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { ActionForm, CheckboxField, Field } from '../../components/form';
import { createUserAction, resetPasswordAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requireUser('/admin/users');
  if (!authorize(actor, 'user.create', {}).allowed) {
    return (
      <>
        <h1>Users</h1>
        <p className="note" role="alert">
          Only instance admins manage users. GitHub users need no account: they sign in with GitHub.
        </p>
      </>
    );
  }
  const users = await listUsers(await prisma());
  return (
    <>
      <h1>Users</h1>
      <p className="muted">
        GitHub users are created when they first sign in. Local users (for the embedded default, or a break-glass account) sign in with a one-time password, then
        choose their own. A reset gives a new one-time password, signs the user out everywhere and revokes their API tokens.
      </p>
      <ActionForm action={createUserAction} submit="Create local user" testId="create-user" labels={{ login: 'Login', name: 'Name' }}>
        <div className="fields">
          <Field name="login" label="Login" required autoComplete="off" />
          <Field name="name" label="Name" />
        </div>
        <p>
          <CheckboxField name="instanceAdmin" label="instance admin" />
        </p>
      </ActionForm>
      <table data-testid="users">
        <thead>
          <tr>
            <th>Login</th>
            <th>Name</th>
            <th>Kind</th>
            <th>Last sign-in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                {user.login} {user.isInstanceAdmin && <span className="badge phase-LTS">instance admin</span>}
              </td>
              <td>{user.name ?? ''}</td>
              <td>{user.githubId !== null ? 'GitHub' : user.passwordChangeRequired ? 'local (one-time password)' : 'local'}</td>
              <td>{user.lastSignInAt?.toISOString().slice(0, 16).replace('T', ' ') ?? 'never'}</td>
              <td>
                {user.githubId === null && (
                  <ActionForm action={resetPasswordAction} submit="Reset password" inline testId={`reset-${user.login}`}>
                    <input type="hidden" name="login" value={user.login} />
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
