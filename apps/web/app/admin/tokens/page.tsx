import type { Metadata } from 'next';
import { listApiTokens, SCOPES } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { ActionForm, CheckboxField, Field } from '../../components/form';
import { createTokenAction, revokeTokenAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

const SCOPE_HELP: Record<(typeof SCOPES)[number], string> = {
  read: 'read-only API calls',
  'write:releases': 'edit release data (support dates, policies, plans)',
  'write:keps': 'update KEPs',
  admin: 'roles, users, tokens, audit log',
};

export default async function TokensPage() {
  const actor = await requireUser('/admin/tokens');
  const tokens = await listApiTokens(await prisma(), actor, { all: true });
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Send a token as <code>Authorization: Bearer shp_…</code>. It acts as its owner, limited to its scopes: a scope never adds a role. Tokens are stored hashed and shown
        once.
      </p>
      <ActionForm action={createTokenAction} submit="Create token" testId="create-token" labels={{ name: 'Name', scopes: 'Scopes', expiresInDays: 'Expires after', login: 'For user' }}>
        <div className="fields">
          <Field name="name" label="Name" required placeholder="release automation" />
          <Field name="expiresInDays" label="Expires after (days)" hint="empty: never" type="number" min={1} max={3650} />
          {actor.isInstanceAdmin && <Field name="login" label="For user" hint="default: you" size={14} />}
        </div>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <CheckboxField key={scope} name="scopes" value={scope} initial={scope === 'read'} label={scope} hint={SCOPE_HELP[scope]} />
          ))}
        </fieldset>
      </ActionForm>
      <table data-testid="tokens">
        <thead>
          <tr>
            <th>Name</th>
            <th>Owner</th>
            <th>Token</th>
            <th>Scopes</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={token.revokedAt ? 'muted' : undefined}>
              <td>{token.name}</td>
              <td>{token.owner}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>{token.scopes.join(', ')}</td>
              <td>{token.createdAt.slice(0, 10)}</td>
              <td>{token.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
              <td>{token.expiresAt?.slice(0, 10) ?? 'never'}</td>
              <td>
                {token.revokedAt ? (
                  `revoked ${token.revokedAt.slice(0, 10)}`
                ) : (
                  <ActionForm action={revokeTokenAction} submit="Revoke" inline>
                    <input type="hidden" name="id" value={token.id} />
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
