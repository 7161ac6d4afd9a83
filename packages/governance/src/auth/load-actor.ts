import type { PrismaClient, Tx } from '../db';
import type { User } from '../db/generated/client';
import type { Scope, UserActor } from './actor';

/** The actor for a signed-in user (or one of their tokens), with their current role grants. */
export async function loadUserActor(
  prisma: PrismaClient | Tx,
  user: Pick<User, 'id' | 'login' | 'isInstanceAdmin'>,
  via: 'session' | 'token',
  token?: { id: number; scopes: Scope[] },
): Promise<UserActor> {
  const grants = await prisma.roleGrant.findMany({
    where: { login: user.login },
    select: { projectId: true, role: true, cycleId: true, kepNumber: true },
  });
  return { kind: 'user', userId: user.id, login: user.login, isInstanceAdmin: user.isInstanceAdmin, grants, via, ...(token ? { token } : {}) };
}
