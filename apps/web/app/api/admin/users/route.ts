import { z } from 'zod';
import { assertAuthorized, createLocalUser, listUsers } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** All users (instance admins). */
export const GET = withActor(async ({ actor, prisma }) => {
  assertAuthorized(actor, 'user.list', {}, 'the users');
  return { users: await listUsers(prisma) };
});

const CreateUser = z
  .object({ login: z.string().min(1).max(39), name: z.string().max(100).nullable().optional(), instanceAdmin: z.boolean().optional(), note: z.string().max(500).nullable().optional() })
  .strict();

/** Creates a local user (instance admins); the one-time password is in the answer, once. */
export const POST = withActor(
  async ({ request, actor, prisma }) => {
    const { user, password } = await createLocalUser(prisma, actor, await parseBody(request, CreateUser));
    return { login: user.login, instanceAdmin: user.isInstanceAdmin, password };
  },
  { status: 201 },
);
