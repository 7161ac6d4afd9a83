import type { PrismaClient } from '../db';
import type { User } from '../db/generated/client';
import { GovernanceError, invalidArgument, notFound } from '../errors';
import { runMutation, writeAuditEvent } from '../audit/run-mutation';
import type { Actor } from './actor';
import { assertStrongPassword } from './password-strength';
import { generatePassword, hashPassword, verifyPassword } from './secrets';

// Accounts. GitHub users arrive by signing in; local users (the embedded default, or a break-glass
// account) are created by an instance admin or `npm run admin -- create`, with a one-time password
// that works for one sign-in, whose session must then choose the real password.

/** GitHub's login rules (letters, digits, single hyphens, ≤ 39), lower-cased: logins compare case-insensitively. */
const LOGIN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/;

export function normalizeLogin(login: string, field = 'login'): string {
  const lower = login.trim().toLowerCase();
  if (!LOGIN.test(lower)) throw invalidArgument(`${field}: "${login}" is not a valid login (letters, digits and single hyphens, at most 39)`, { field });
  return lower;
}

export interface CreatedLocalUser {
  user: User;
  /** Shown once; only its hash is stored. */
  password: string;
}

export async function createLocalUser(
  prisma: PrismaClient,
  actor: Actor,
  input: { login: string; name?: string | null; instanceAdmin?: boolean; note?: string | null },
): Promise<CreatedLocalUser> {
  const login = normalizeLogin(input.login);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await runMutation(prisma, actor, { action: 'user.create', resource: {}, target: login, note: input.note }, async (tx) => {
    if (await tx.user.findUnique({ where: { login } })) throw new GovernanceError('already_exists', `login: a user "${login}" already exists`, { field: 'login' });
    const created = await tx.user.create({ data: { login, name: input.name ?? null, isInstanceAdmin: input.instanceAdmin ?? false, passwordHash, passwordChangeRequired: true } });
    return { before: null, after: { login, name: created.name, isInstanceAdmin: created.isInstanceAdmin, local: true }, result: created };
  });
  return { user, password };
}

export interface PasswordReset {
  /** Shown once; only its hash is stored. */
  password: string;
  sessionsEnded: number;
  tokensRevoked: number;
}

/**
 * Sets a new one-time password, ends every session and revokes every API token of the user: a
 * reset is for a lost or compromised account, so whatever the old password opened must stop.
 */
export async function resetLocalPassword(prisma: PrismaClient, actor: Actor, loginInput: string, note?: string | null, now = new Date()): Promise<PasswordReset> {
  const login = normalizeLogin(loginInput);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const ended = await runMutation(prisma, actor, { action: 'user.reset-password', resource: {}, target: login, note }, async (tx) => {
    const user = await tx.user.findUnique({ where: { login } });
    if (!user) throw notFound(`login: no user "${login}"`, { field: 'login' });
    if (user.githubId !== null) throw new GovernanceError('failed_precondition', `login: ${login} signs in with GitHub and has no password`, { field: 'login' });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangeRequired: true, disabledAt: null } });
    const sessions = await tx.session.deleteMany({ where: { userId: user.id } });
    const tokens = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    // The audit row records that the password changed, never the password or its hash.
    const result = { sessionsEnded: sessions.count, tokensRevoked: tokens.count };
    return { before: { password: 'previous' }, after: { password: 'reset', ...result }, result };
  });
  return { password, ...ended };
}

/**
 * Sets the signed-in user's own password and ends their other sessions (the one asking stays signed
 * in). After a one-time password the current one is not asked again: signing in with it used it up,
 * and this session is the proof.
 */
export async function changeOwnPassword(prisma: PrismaClient, actor: Actor, input: { current?: string | null; next: string }): Promise<{ otherSessionsEnded: number }> {
  if (actor.kind !== 'user') throw new GovernanceError('unauthenticated', 'sign in first');
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (user.githubId !== null) throw new GovernanceError('failed_precondition', `${user.login} signs in with GitHub and has no password`);
  // Only a session can stand in for the one-time password: a token proves nothing about it.
  const provenBySession = user.passwordChangeRequired && actor.via === 'session';
  if (!provenBySession && !(await verifyPassword(user.passwordHash, input.current ?? ''))) {
    throw invalidArgument('currentPassword: that is not your current password', { field: 'currentPassword' });
  }
  await assertStrongPassword('newPassword', input.next, [user.login, user.name]);
  const passwordHash = await hashPassword(input.next);
  return runMutation(prisma, actor, { action: 'user.change-password', resource: { userId: user.id }, target: user.login }, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangeRequired: false } });
    const others = await tx.session.deleteMany({ where: { userId: user.id, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) } });
    const result = { otherSessionsEnded: others.count };
    return { before: { password: user.passwordChangeRequired ? 'one-time' : 'previous' }, after: { password: 'changed', ...result }, result };
  });
}

/** "Sign out everywhere": ends every session of the signed-in user, this one included. API tokens stay (they are revoked one by one). */
export async function endAllSessions(prisma: PrismaClient, actor: Actor): Promise<{ sessionsEnded: number }> {
  if (actor.kind !== 'user') throw new GovernanceError('unauthenticated', 'sign in first');
  return runMutation(prisma, actor, { action: 'user.sign-out-everywhere', resource: { userId: actor.userId }, target: actor.login }, async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId: actor.userId } });
    return { before: null, after: { sessionsEnded: ended.count }, result: { sessionsEnded: ended.count } };
  });
}

export interface LocalSignIn {
  user: User;
  /** Signed in with a one-time password, now used up: the session may only choose a new password. */
  mustChoosePassword: boolean;
}

/**
 * The local user for a login and password, or null (unknown login, wrong password, disabled, GitHub
 * user, or a one-time password someone already used). A one-time password works once: the first
 * sign-in clears it, in a conditional write that a concurrent second sign-in loses.
 */
export async function verifyLocalSignIn(prisma: PrismaClient, loginInput: string, password: string, now = new Date()): Promise<LocalSignIn | null> {
  const login = loginInput.trim().toLowerCase();
  const user = LOGIN.test(login) ? await prisma.user.findUnique({ where: { login } }) : null;
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user || user.disabledAt) return null;
  if (user.passwordChangeRequired) {
    const used = await prisma.user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash: null, lastSignInAt: now } });
    if (used.count !== 1) return null;
    return { user: await prisma.user.findUniqueOrThrow({ where: { id: user.id } }), mustChoosePassword: true };
  }
  return { user: await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: now } }), mustChoosePassword: false };
}

/**
 * The user for a GitHub identity, created on first sign-in. The GitHub account id is the key (a
 * renamed login follows its account); a login already held by a local user is refused rather than
 * taken over.
 */
export async function signInGithubUser(prisma: PrismaClient, profile: { id: number; login: string; name?: string | null }): Promise<User> {
  const login = normalizeLogin(profile.login);
  return prisma.$transaction(async (tx) => {
    const byId = await tx.user.findUnique({ where: { githubId: profile.id } });
    const byLogin = await tx.user.findUnique({ where: { login } });
    if (byLogin && byLogin.githubId !== profile.id) {
      throw new GovernanceError('conflict', `The login "${login}" belongs to a local account; ask an instance admin to rename it before signing in with GitHub.`);
    }
    if (byId?.disabledAt) throw new GovernanceError('permission_denied', `The account ${byId.login} is disabled.`);
    const data = { login, name: profile.name ?? null, lastSignInAt: new Date() };
    if (byId) return tx.user.update({ where: { id: byId.id }, data });
    const created = await tx.user.create({ data: { ...data, githubId: profile.id } });
    const self: Actor = { kind: 'user', userId: created.id, login, isInstanceAdmin: false, grants: [], via: 'session' };
    await writeAuditEvent(tx, self, { action: 'user.sign-up', target: login, after: { login, githubId: profile.id } });
    return created;
  });
}

export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: { login: 'asc' },
    select: { id: true, login: true, name: true, isInstanceAdmin: true, githubId: true, passwordChangeRequired: true, disabledAt: true, lastSignInAt: true, createdAt: true },
  });
}

/** How a signed-in user signs in: with GitHub (Shepherd keeps no password) or with a local password. */
export async function getSignInMethod(prisma: PrismaClient, userId: number): Promise<'github' | 'password'> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { githubId: true } });
  return user.githubId !== null ? 'github' : 'password';
}

/** Whether any account signs in with a local password (the sign-in page then offers the form). */
export async function hasLocalAccounts(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count({ where: { passwordHash: { not: null } } })) > 0;
}
