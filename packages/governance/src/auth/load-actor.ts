import type { PrismaClient, Tx } from '../db';
import type { User } from '../db/generated/client';
import type { Scope, UserActor } from './actor';

/**
 * The actor for a signed-in user (or one of their tokens), with their current role grants. A session
 * opened with a one-time password holds no grant and no instance-admin power until a password is
 * chosen. API tokens are separate credentials (an instance admin may make one for a service account
 * that never signs in), so they act as usual; a reset revokes them.
 */
export async function loadUserActor(
  prisma: PrismaClient | Tx,
  user: Pick<User, 'id' | 'login' | 'isInstanceAdmin'> & Partial<Pick<User, 'passwordChangeRequired'>>,
  via: 'session' | 'token',
  credential: { token?: { id: number; scopes: Scope[] }; sessionId?: number } = {},
): Promise<UserActor> {
  const base = { kind: 'user' as const, userId: user.id, login: user.login, via, ...(credential.token ? { token: credential.token } : {}), ...(credential.sessionId ? { sessionId: credential.sessionId } : {}) };
  if (via === 'session' && user.passwordChangeRequired) return { ...base, isInstanceAdmin: false, grants: [], passwordChangeRequired: true };
  const grants = await prisma.roleGrant.findMany({
    where: { login: user.login },
    select: { projectId: true, role: true, cycleId: true, kepNumber: true },
  });
  return { ...base, isInstanceAdmin: user.isInstanceAdmin, grants };
}
