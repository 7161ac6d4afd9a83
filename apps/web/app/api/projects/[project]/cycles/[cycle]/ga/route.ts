import { z } from 'zod';
import { recordGa } from '@shepherd/governance/planning/record-ga';
import { parseBody, withActor } from '@/lib/authorize';
import { publicOrigin } from '@/lib/http';
import { today } from '@/lib/today';

export const dynamic = 'force-dynamic';

const RecordGaBody = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
    note: z.string().max(500).nullable().optional(),
    dryRun: z.boolean().optional(),
  })
  .strict();

/**
 * "Record GA": the cycle went GA on `date`. Refused while the RC gate is closed. With `dryRun: true`
 * it only answers what would change publicly (200); otherwise it records GA (201), audited as
 * ga.record. Maintainers, admins and the cycle's release owner.
 */
export const POST = withActor<{ project: string; cycle: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, RecordGaBody);
  const outcome = await recordGa(prisma, actor, { project: params.project, cycle: decodeURIComponent(params.cycle), day: body.date, note: body.note, dryRun: body.dryRun }, today(), {
    origin: publicOrigin(request),
  });
  return Response.json(outcome, { status: outcome.recorded ? 201 : 200, headers: { 'Cache-Control': 'no-store' } });
});
