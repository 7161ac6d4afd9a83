import { z } from 'zod';
import { undoGa } from '@shepherd/governance/planning/record-ga';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const UndoGaBody = z.object({ reason: z.string().max(2000) }).strict();

/** "Undo GA": the cycle is not released after all; maintainers, with a written reason (audited as ga.undo). */
export const POST = withActor<{ project: string; cycle: string }>(async ({ request, actor, prisma, params }) => {
  const { reason } = await parseBody(request, UndoGaBody);
  return undoGa(prisma, actor, { project: params.project, cycle: decodeURIComponent(params.cycle), reason });
});
