import type { PrismaClient } from '../db';
import type { User } from '../db/generated/client';
import { invalidArgument, notFound } from '../errors';
import { runMutation } from '../audit/run-mutation';
import { SCOPES, type Actor, type Scope } from './actor';
import { assertSignedIn } from './authorize';
import { generateToken, sha256 } from './secrets';

// API tokens for automation: `shp_` + 256 random bits, shown once, stored as sha256. A token acts
// as its user, narrowed to its scopes; revoked or expired tokens stop working at once.

export const TOKEN_PREFIX = 'shp_';

const view = (token: { id: number; name: string; prefix: string; scopes: string[]; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null; user: { login: string } }) => ({
  id: token.id,
  name: token.name,
  owner: token.user.login,
  prefix: token.prefix,
  scopes: token.scopes,
  createdAt: token.createdAt.toISOString(),
  expiresAt: token.expiresAt?.toISOString() ?? null,
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});
export type ApiTokenView = ReturnType<typeof view>;

export async function createApiToken(
  prisma: PrismaClient,
  actor: Actor,
  input: { login?: string; name: string; scopes: string[]; expiresInDays?: number | null; note?: string | null },
  now = new Date(),
): Promise<{ token: string; view: ApiTokenView }> {
  const name = input.name.trim();
  if (!name || name.length > 100) throw invalidArgument('name: give the token a name of 1–100 characters', { field: 'name' });
  const unknown = input.scopes.filter((scope) => !SCOPES.includes(scope as Scope));
  if (unknown.length || input.scopes.length === 0) {
    throw invalidArgument(`scopes: ${unknown.length ? `unknown scope ${unknown.join(', ')}` : 'choose at least one'}; valid scopes are ${SCOPES.join(', ')}`, { field: 'scopes' });
  }
  const owner = await findOwner(prisma, actor, input.login);
  const token = generateToken(TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const created = await runMutation(
    prisma,
    actor,
    { action: 'token.create', resource: { userId: owner.id }, target: `API token "${name}" of ${owner.login}`, note: input.note },
    async (tx) => {
      const row = await tx.apiToken.create({
        data: { userId: owner.id, name, prefix: token.slice(0, TOKEN_PREFIX.length + 6), tokenHash: sha256(token), scopes: [...new Set(input.scopes)].sort(), expiresAt },
        include: { user: { select: { login: true } } },
      });
      const shown = view(row);
      return { before: null, after: { id: shown.id, name, owner: owner.login, scopes: shown.scopes, expiresAt: shown.expiresAt }, result: shown };
    },
  );
  return { token, view: created };
}

export async function revokeApiToken(prisma: PrismaClient, actor: Actor, tokenId: number, note?: string | null, now = new Date()): Promise<ApiTokenView> {
  assertSignedIn(actor);
  const existing = await prisma.apiToken.findUnique({ where: { id: tokenId }, include: { user: { select: { login: true } } } });
  if (!existing) throw notFound(`id: no API token ${tokenId}`, { field: 'id' });
  return runMutation(
    prisma,
    actor,
    { action: 'token.revoke', resource: { userId: existing.userId }, target: `API token "${existing.name}" of ${existing.user.login}`, note },
    async (tx) => {
      const row = existing.revokedAt ? existing : await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, include: { user: { select: { login: true } } } });
      return { before: { revoked: existing.revokedAt !== null }, after: { revoked: true }, result: view(row) };
    },
  );
}

/** Tokens of one user (default: the actor), or of everyone for an instance admin asking for all. */
export async function listApiTokens(prisma: PrismaClient, actor: Actor, options: { all?: boolean } = {}): Promise<ApiTokenView[]> {
  if (actor.kind !== 'user') return [];
  const everyone = options.all && actor.isInstanceAdmin;
  const rows = await prisma.apiToken.findMany({
    where: everyone ? {} : { userId: actor.userId },
    include: { user: { select: { login: true } } },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
  });
  return rows.map(view);
}

/** The user and scopes behind a Bearer token, or null for unknown, revoked or expired tokens. Records last use. */
export async function resolveApiToken(prisma: PrismaClient, bearer: string, now = new Date()): Promise<{ user: User; token: { id: number; scopes: Scope[] } } | null> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return null;
  const row = await prisma.apiToken.findUnique({ where: { tokenHash: sha256(bearer) }, include: { user: true } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) return null;
  // One write a minute at most, so a busy automation does not write on every request.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { user: row.user, token: { id: row.id, scopes: row.scopes as Scope[] } };
}

async function findOwner(prisma: PrismaClient, actor: Actor, login: string | undefined) {
  assertSignedIn(actor);
  if (login === undefined) {
    if (actor.kind !== 'user') throw invalidArgument('login: name the user the token is for', { field: 'login' });
    return { id: actor.userId, login: actor.login };
  }
  const user = await prisma.user.findUnique({ where: { login: login.trim().toLowerCase() } });
  if (!user) throw notFound(`login: no user "${login}"`, { field: 'login' });
  return user;
}
