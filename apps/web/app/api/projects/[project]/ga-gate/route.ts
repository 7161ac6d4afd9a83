import { z } from 'zod';
import { getGaGateScope, setGaGateScope } from '@shepherd/governance/qualification/index';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const ScopeBody = z.object({ firstCycle: z.string().max(20).nullable(), reason: z.string().max(2000) }).strict();

/** The first cycle the project's GA gate applies to (null: every cycle not GA yet). */
export const GET = withActor<{ project: string }>(async ({ prisma, params }) => getGaGateScope(prisma, params.project));

/** Names the first gated cycle (older ones go GA without a qualification): maintainers, with a written reason; audited as ga.scope. */
export const PUT = withActor<{ project: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, ScopeBody);
  return setGaGateScope(prisma, actor, { project: params.project, firstCycle: body.firstCycle, reason: body.reason });
});
