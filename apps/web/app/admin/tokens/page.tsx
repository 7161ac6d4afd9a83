import type { Metadata } from 'next';
import { listApiTokens, SCOPES } from '@shepherd/governance';
import { prisma } from '@/lib/database';
import { requireUser } from '@/lib/session';
import { ActionForm } from '../action-form';
import { createTokenAction, revokeTokenAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens' };

const SCOPE_HELP: Record<(typeof SCOPES)[number], string> = {
  read: 'read',
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
      <ActionForm action={createTokenAction} submit="Create token" testId="create-token">
        <label>
          Name <input name="name" required placeholder="release automation" />
        </label>{' '}
        {SCOPES.map((scope) => (
          <label key={scope} title={SCOPE_HELP[scope]}>
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'read'} /> {scope}{' '}
          </label>
        ))}
        <label>
          Expires after (days, empty = never) <input name="expiresInDays" type="number" min={1} max={3650} size={5} />
        </label>{' '}
        {actor.isInstanceAdmin && (
          <label>
            For user (default: you) <input name="login" size={12} />
          </label>
        )}{' '}
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
