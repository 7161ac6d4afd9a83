import { z } from 'zod';
import { revokeRole } from '@shepherd/governance';
import { withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** Revokes a role grant (admins of its project); ?note= is recorded in the audit log. */
export const DELETE = withActor<{ id: string }>(async ({ request, actor, prisma, params }) =>
  revokeRole(prisma, actor, z.coerce.number().int().positive().parse(params.id), z.string().max(500).nullable().parse(new URL(request.url).searchParams.get('note'))),
);
