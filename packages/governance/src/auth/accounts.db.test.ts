import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, PrismaClient } from '../db';
import { openTestDatabase } from '../testing/test-database';
import { runMutation } from '../audit/run-mutation';
import { SYSTEM, CLI, type UserActor } from './actor';
import { createApiToken, resolveApiToken, revokeApiToken } from './api-tokens';
import { bootstrapFirstAdmin } from './bootstrap-first-admin';
import { loadUserActor } from './load-actor';
import { createLoginLimiter } from './rate-limit';
import { grantRole } from './role-grants';
import { createSession, deleteSession, resolveSession } from './sessions';
import { changeOwnPassword, createLocalUser, endAllSessions, resetLocalPassword, signInGithubUser, verifyLocalSignIn } from './users';

describe('accounts, sessions and API tokens (database)', () => {
  let database: Database;
  let prisma: PrismaClient;
  beforeAll(async () => {
    database = await openTestDatabase('migrated');
    prisma = database.prisma;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates the first admin once, only without GitHub sign-in, and stores only a hash', async () => {
    expect(await bootstrapFirstAdmin(prisma, { oauthConfigured: true })).toBeNull();
    const first = await bootstrapFirstAdmin(prisma, { oauthConfigured: false });
    expect(first).toMatchObject({ login: 'admin' });
    expect(first!.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await bootstrapFirstAdmin(prisma, { oauthConfigured: false })).toBeNull();
    const stored = await prisma.user.findUniqueOrThrow({ where: { login: 'admin' } });
    expect(stored).toMatchObject({ isInstanceAdmin: true, passwordChangeRequired: true });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await prisma.auditEvent.findMany())).not.toContain(first!.password);
    expect(await verifyLocalSignIn(prisma, 'admin', 'wrong')).toBeNull();
    expect(await verifyLocalSignIn(prisma, 'nobody', first!.password)).toBeNull();
    expect(await verifyLocalSignIn(prisma, 'ADMIN', first!.password)).toMatchObject({ user: { login: 'admin' }, mustChoosePassword: true });
    // One-time: the password in the server log no longer opens anything.
    expect(await verifyLocalSignIn(prisma, 'admin', first!.password)).toBeNull();
  });

  it('a one-time password signs in once, even when two sign-ins race', async () => {
    const { password } = await createLocalUser(prisma, CLI, { login: 'racer' });
    const results = await Promise.all([verifyLocalSignIn(prisma, 'racer', password), verifyLocalSignIn(prisma, 'racer', password)]);
    expect(results.filter((result) => result !== null)).toHaveLength(1);
  });

  it('after a one-time password, nothing but choosing a new password is allowed', async () => {
    const { user, password } = await createLocalUser(prisma, CLI, { login: 'newbie', instanceAdmin: true });
    const signedIn = await verifyLocalSignIn(prisma, 'newbie', password);
    const session = await createSession(prisma, user.id);
    const resolved = await resolveSession(prisma, session.token);
    const pending = await loadUserActor(prisma, signedIn!.user, 'session', { sessionId: resolved!.id });
    expect(pending).toMatchObject({ passwordChangeRequired: true, isInstanceAdmin: false, grants: [] });
    await expect(createApiToken(prisma, pending, { name: 'early', scopes: ['read'] })).rejects.toThrow('choose a new password first');
    await expect(createLocalUser(prisma, pending, { login: 'friend' })).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(changeOwnPassword(prisma, pending, { next: 'aaaaaaaaaaaa' })).rejects.toThrow('newPassword: this password is too easy to guess. Repeated characters');
    await expect(changeOwnPassword(prisma, pending, { next: 'newbie123456' })).rejects.toThrow('newPassword: this password is too easy to guess. There should not be any personal');
    await expect(changeOwnPassword(prisma, pending, { next: 'password1234' })).rejects.toThrow('similar to a commonly used password');
    await expect(changeOwnPassword(prisma, pending, { next: 'short' })).rejects.toThrow('newPassword: use at least 12 characters');
    await changeOwnPassword(prisma, pending, { next: 'quiet-ribbon-canyon-41' });
    const chosen = await verifyLocalSignIn(prisma, 'newbie', 'quiet-ribbon-canyon-41');
    expect(chosen).toMatchObject({ mustChoosePassword: false });
    expect(await loadUserActor(prisma, chosen!.user, 'session')).toMatchObject({ isInstanceAdmin: true });
    expect(await resolveSession(prisma, session.token)).not.toBeNull();
  });

  it('a token cannot stand in for the one-time password', async () => {
    const { user } = await createLocalUser(prisma, CLI, { login: 'botowner' });
    const viaToken = await loadUserActor(prisma, user, 'token', { token: { id: 1, scopes: ['admin'] } });
    await expect(changeOwnPassword(prisma, viaToken, { next: 'quiet-ribbon-canyon-41' })).rejects.toThrow('currentPassword: that is not your current password');
  });

  it('sessions resolve until signed out or expired; a password reset ends them and revokes the tokens', async () => {
    const { user, password } = await createLocalUser(prisma, CLI, { login: 'sam' });
    const session = await createSession(prisma, user.id);
    expect((await prisma.session.findFirstOrThrow({ where: { userId: user.id } })).tokenHash).not.toBe(session.token);
    expect((await resolveSession(prisma, session.token))?.user.login).toBe('sam');
    expect(await resolveSession(prisma, session.token, new Date(Date.now() + 31 * 86_400_000))).toBeNull();
    const second = await createSession(prisma, user.id);
    await deleteSession(prisma, second.token);
    expect(await resolveSession(prisma, second.token)).toBeNull();
    const third = await createSession(prisma, user.id);
    const token = await createApiToken(prisma, CLI, { login: 'sam', name: 'ci', scopes: ['read'] });
    const reset = await resetLocalPassword(prisma, CLI, 'sam');
    expect(reset).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
    expect(await resolveSession(prisma, third.token)).toBeNull();
    expect(await resolveApiToken(prisma, token.token)).toBeNull();
    expect(await verifyLocalSignIn(prisma, 'sam', password)).toBeNull();
    expect(await verifyLocalSignIn(prisma, 'sam', reset.password)).toMatchObject({ user: { login: 'sam' }, mustChoosePassword: true });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.reset-password' }, orderBy: { id: 'desc' } });
    expect(audit.after).toEqual({ password: 'reset', sessionsEnded: 1, tokensRevoked: 1 });

    const here = await createSession(prisma, user.id);
    const actor = await loadUserActor(prisma, (await prisma.user.findUniqueOrThrow({ where: { id: user.id } })), 'session', { sessionId: (await resolveSession(prisma, here.token))!.id });
    await changeOwnPassword(prisma, actor, { next: 'a long enough password' });
    expect(await verifyLocalSignIn(prisma, 'sam', 'a long enough password')).toMatchObject({ user: { login: 'sam' } });
  });

  it('changing a password ends the other sessions and keeps this one; sign out everywhere ends all', async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { login: 'sam' } });
    await prisma.session.deleteMany({ where: { userId: user.id } });
    const [here, laptop, phone] = [await createSession(prisma, user.id), await createSession(prisma, user.id), await createSession(prisma, user.id)];
    const actor = await loadUserActor(prisma, user, 'session', { sessionId: (await resolveSession(prisma, here.token))!.id });
    await expect(changeOwnPassword(prisma, actor, { current: 'not it', next: 'another long passphrase' })).rejects.toThrow('currentPassword:');
    expect(await changeOwnPassword(prisma, actor, { current: 'a long enough password', next: 'another long passphrase' })).toEqual({ otherSessionsEnded: 2 });
    expect(await resolveSession(prisma, here.token)).not.toBeNull();
    expect(await resolveSession(prisma, laptop.token)).toBeNull();
    expect(await resolveSession(prisma, phone.token)).toBeNull();

    await createSession(prisma, user.id);
    expect(await endAllSessions(prisma, actor)).toEqual({ sessionsEnded: 2 });
    expect(await resolveSession(prisma, here.token)).toBeNull();
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.sign-out-everywhere' }, orderBy: { id: 'desc' } })).toMatchObject({ actor: 'sam', target: 'sam' });
  });

  it('API tokens are shown once, stored hashed, and stop working when revoked or expired', async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { login: 'sam' } });
    const actor = await loadUserActor(prisma, user, 'session');
    const created = await createApiToken(prisma, actor, { name: 'ci', scopes: ['write:releases', 'read'] });
    expect(created.token).toMatch(/^shp_[A-Za-z0-9_-]{43}$/);
    expect(created.view).toMatchObject({ owner: 'sam', scopes: ['read', 'write:releases'], prefix: created.token.slice(0, 10) });
    expect(JSON.stringify(await prisma.apiToken.findMany())).not.toContain(created.token);
    expect(await resolveApiToken(prisma, created.token)).toMatchObject({ user: { login: 'sam' }, token: { scopes: ['read', 'write:releases'] } });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: created.view.id } })).lastUsedAt).not.toBeNull();
    expect(await resolveApiToken(prisma, `${created.token}x`)).toBeNull();
    await revokeApiToken(prisma, actor, created.view.id);
    expect(await resolveApiToken(prisma, created.token)).toBeNull();

    const expiring = await createApiToken(prisma, actor, { name: 'short', scopes: ['read'], expiresInDays: 1 });
    expect(await resolveApiToken(prisma, expiring.token, new Date(Date.now() + 2 * 86_400_000))).toBeNull();
    await expect(createApiToken(prisma, actor, { name: 'x', scopes: ['write:everything'] })).rejects.toThrow('scopes: unknown scope write:everything');
  });

  it('GitHub users are created on first sign-in, follow their account id, and never take a local login', async () => {
    const first = await signInGithubUser(prisma, { id: 101, login: 'Octo-Cat', name: 'Octo' });
    expect(first).toMatchObject({ login: 'octo-cat', githubId: 101, passwordHash: null });
    const renamed = await signInGithubUser(prisma, { id: 101, login: 'octo-dog' });
    expect(renamed.id).toBe(first.id);
    await expect(signInGithubUser(prisma, { id: 202, login: 'sam' })).rejects.toThrow('The login "sam" belongs to a local account');
    await expect(resetLocalPassword(prisma, CLI, 'octo-dog')).rejects.toThrow('signs in with GitHub');
  });

  it('role grants check their scope: per-cycle roles need a cycle, others refuse one', async () => {
    const project = await prisma.project.create({ data: { slug: 'demo', name: 'demo', repository: 'x/demo' } });
    await prisma.releaseCycle.create({ data: { projectId: project.id, name: '1.0', major: 1, minor: 0, extendedSupportKubernetes: [] } });
    await expect(grantRole(prisma, SYSTEM, { project: 'demo', login: 'sam', role: 'release owner' })).rejects.toThrow('cycle: a release owner holds the role for one release cycle');
    await expect(grantRole(prisma, SYSTEM, { project: 'demo', login: 'sam', role: 'maintainer', cycle: '1.0' })).rejects.toThrow('cycle: only release owners');
    await expect(grantRole(prisma, SYSTEM, { project: 'demo', login: 'sam', role: 'owner' })).rejects.toThrow('role: "owner" is not a role');
    await expect(grantRole(prisma, SYSTEM, { project: 'demo', login: 'sam', role: 'lts-owner', cycle: '9.9' })).rejects.toThrow('cycle: demo has no release cycle "9.9"');
    const grant = await grantRole(prisma, SYSTEM, { project: 'demo', login: 'Sam', role: 'lts-owner', cycle: '1.0', note: 'volunteered' });
    expect(grant).toMatchObject({ login: 'sam', role: 'LTS_OWNER', cycle: '1.0', source: 'manual', grantedBy: 'system' });
    await expect(grantRole(prisma, SYSTEM, { project: 'demo', login: 'sam', role: 'LTS_OWNER', cycle: '1.0' })).rejects.toMatchObject({ code: 'already_exists' });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'role.grant' }, orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ target: 'sam: LTS owner of demo 1.0', note: 'volunteered', projectId: project.id });
  });

  it('runMutation writes the change and its audit row together, or neither', async () => {
    const actor: UserActor = { kind: 'user', userId: 1, login: 'admin', isInstanceAdmin: true, grants: [], via: 'session' };
    const auditBefore = await prisma.auditEvent.count();
    await expect(
      runMutation(prisma, actor, { action: 'user.create', resource: {}, target: 'ghost' }, async (tx) => {
        await tx.user.create({ data: { login: 'ghost' } });
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await prisma.user.count({ where: { login: 'ghost' } })).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
    // An unchanged state is not an event.
    await runMutation(prisma, actor, { action: 'user.create', resource: {}, target: 'noop' }, async () => ({ before: { a: 1 }, after: { a: 1 }, result: null }));
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
  });
});

describe('sign-in rate limiting, shared through the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('migrated');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('locks a login from an address after the allowed failures, and a success resets it', async () => {
    const limiter = createLoginLimiter(database.prisma, { perLogin: 3, perAddress: 5 });
    for (let i = 0; i < 3; i++) {
      expect(await limiter.check('10.0.0.1', 'admin')).toBeNull();
      await limiter.failed('10.0.0.1', 'admin');
    }
    expect(await limiter.check('10.0.0.1', 'admin')).toBeGreaterThan(800);
    expect(await limiter.check('10.0.0.2', 'admin')).toBeNull();
    await limiter.failed('10.0.0.2', 'bob');
    await limiter.succeeded('10.0.0.2', 'bob');
    await limiter.failed('10.0.0.2', 'bob');
    await limiter.failed('10.0.0.2', 'bob');
    expect(await limiter.check('10.0.0.2', 'bob')).toBeNull();
    // The per-address budget spans logins.
    await limiter.failed('10.0.0.2', 'carol');
    await limiter.failed('10.0.0.2', 'dave');
    expect(await limiter.check('10.0.0.2', 'erin')).toBeGreaterThan(0);
  });

  it('counts per account across addresses, and two portal processes share the counts', async () => {
    // Two limiters on one database stand for two portal replicas on one PostgreSQL.
    const [replicaA, replicaB] = [createLoginLimiter(database.prisma, { perLogin: 2 }), createLoginLimiter(database.prisma, { perLogin: 2 })];
    for (let i = 0; i < 10; i++) {
      const replica = i % 2 ? replicaA : replicaB;
      expect(await replica.check(`192.0.2.${i}`, 'target'), `guess ${i}`).toBeNull();
      await replica.failed(`192.0.2.${i}`, 'Target');
    }
    // 5 × 2 failures from ten addresses: the account is locked for an hour, from any address, on both.
    expect(await replicaA.check('198.51.100.7', 'target')).toBeGreaterThan(3000);
    expect(await replicaB.check('198.51.100.8', 'TARGET')).toBeGreaterThan(3000);
    expect(await replicaB.check('198.51.100.8', 'someone-else')).toBeNull();
    expect(await database.prisma.rateLimit.count({ where: { key: 'account:target' } })).toBe(1);
  });
});
