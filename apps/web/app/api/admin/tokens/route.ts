import { z } from 'zod';
import { assertSignedIn, createApiToken, listApiTokens, SCOPES } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** Your API tokens (all tokens for an instance admin with ?all=1). */
export const GET = withActor(async ({ request, actor, prisma }) => {
  assertSignedIn(actor);
  return { tokens: await listApiTokens(prisma, actor, { all: new URL(request.url).searchParams.get('all') === '1' }) };
});

const CreateToken = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1),
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
    login: z.string().max(39).optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();

/** Creates a token (for yourself; an instance admin may name another `login`). The token is in the answer, once. */
export const POST = withActor(async ({ request, actor, prisma }) => createApiToken(prisma, actor, await parseBody(request, CreateToken)), { status: 201 });
