import { z } from 'zod';
import { parseId, revokeRole, storableText } from '@shepherd/governance';
import { withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const RevokeQuery = z.object({ note: storableText(500).nullable() });

/** Revokes a role grant (admins of its project); ?note= is recorded in the audit log. */
export const DELETE = withActor<{ id: string }>(async ({ request, actor, prisma, params }) => {
  const { note } = RevokeQuery.parse({ note: new URL(request.url).searchParams.get('note') });
  return revokeRole(prisma, actor, parseId(params.id, 'id'), note);
});
