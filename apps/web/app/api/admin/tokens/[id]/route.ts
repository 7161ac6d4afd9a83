import { parseId, revokeApiToken } from '@shepherd/governance';
import { withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

/** Revokes a token (your own; an instance admin any). */
export const DELETE = withActor<{ id: string }>(async ({ actor, prisma, params }) => revokeApiToken(prisma, actor, parseId(params.id, 'id')));
