import { z } from 'zod';
import { setGaGateScope } from '@shepherd/governance/qualification/index';
import { findProject } from '@shepherd/governance/releases/get-releases';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const ScopeBody = z.object({ firstCycle: z.string().max(20).nullable(), reason: z.string().max(2000) }).strict();

/** The first cycle the project's GA gate applies to (null: every cycle not GA yet). */
export const GET = withActor<{ project: string }>(async ({ prisma, params }) => {
  const project = await findProject(prisma, params.project);
  const scope = await prisma.gaGateScope.findUnique({ where: { projectId: project.id } });
  return { project: project.slug, firstCycle: scope?.firstCycle ?? null, by: scope?.by ?? null, reason: scope?.reason ?? null };
});

/** Names the first gated cycle (older ones go GA without a qualification): maintainers, with a written reason; audited as ga.scope. */
export const PUT = withActor<{ project: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, ScopeBody);
  return setGaGateScope(prisma, actor, { project: params.project, firstCycle: body.firstCycle, reason: body.reason });
});
