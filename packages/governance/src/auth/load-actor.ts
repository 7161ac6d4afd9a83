import type { PrismaClient, Tx } from '../db';
import type { User } from '../db/generated/client';
import type { Scope, UserActor } from './actor';

/**
 * The actor for a signed-in user (or one of their tokens), with their current role grants. A user
 * who must still choose a password holds no grant and no instance-admin power until they do.
 */
export async function loadUserActor(
  prisma: PrismaClient | Tx,
  user: Pick<User, 'id' | 'login' | 'isInstanceAdmin'> & Partial<Pick<User, 'passwordChangeRequired'>>,
  via: 'session' | 'token',
  credential: { token?: { id: number; scopes: Scope[] }; sessionId?: number } = {},
): Promise<UserActor> {
  const base = { kind: 'user' as const, userId: user.id, login: user.login, via, ...(credential.token ? { token: credential.token } : {}), ...(credential.sessionId ? { sessionId: credential.sessionId } : {}) };
  if (user.passwordChangeRequired) return { ...base, isInstanceAdmin: false, grants: [], passwordChangeRequired: true };
  const grants = await prisma.roleGrant.findMany({
    where: { login: user.login },
    select: { projectId: true, role: true, cycleId: true, kepNumber: true },
  });
  return { ...base, isInstanceAdmin: user.isInstanceAdmin, grants };
}
