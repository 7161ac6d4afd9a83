import type { PrismaClient } from '../db';
import { SYSTEM } from './actor';
import { createLocalUser } from './users';

/**
 * The embedded default's first account: on a start with no users and no GitHub sign-in configured,
 * a local instance admin `admin` with a one-time password, which the caller prints once.
 */
export async function bootstrapFirstAdmin(prisma: PrismaClient, options: { oauthConfigured: boolean }): Promise<{ login: string; password: string } | null> {
  if (options.oauthConfigured || (await prisma.user.count()) > 0) return null;
  const { user, password } = await createLocalUser(prisma, SYSTEM, { login: 'admin', name: 'First administrator', instanceAdmin: true, note: 'first start' });
  return { login: user.login, password };
}
