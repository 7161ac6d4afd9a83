import { z } from 'zod';
import { assertSignedIn, grantRole, listRoleGrants } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** Role grants, optionally ?project= and ?login= (signed-in users). */
export const GET = withActor(async ({ request, actor, prisma }) => {
  assertSignedIn(actor);
  const params = new URL(request.url).searchParams;
  return { grants: await listRoleGrants(prisma, { project: params.get('project') ?? undefined, login: params.get('login') ?? undefined }) };
});

const GrantRole = z
  .object({
    project: z.string().min(1).max(63),
    login: z.string().min(1).max(39),
    role: z.string().min(1).max(20),
    cycle: z.string().max(20).nullable().optional(),
    kepNumber: z.number().int().positive().nullable().optional(),
    note: z.string().max(500).nullable().optional(),
  })
  .strict();

/** Grants a role (admins of the project). */
export const POST = withActor(async ({ request, actor, prisma }) => grantRole(prisma, actor, await parseBody(request, GrantRole)), { status: 201 });
