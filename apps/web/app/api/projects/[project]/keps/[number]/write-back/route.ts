import { planWriteBack, sendWriteBack } from '@shepherd/governance';
import { parseBody, withActor } from '@/lib/authorize';
import { today } from '@/lib/today';
import { toWriteBack, WriteBackBody } from '@/lib/validation/kep';

export const dynamic = 'force-dynamic';

/**
 * GitHub write-back for a KEP. `dryRun` (the default) answers 200 with the exact request and sends
 * nothing; `dryRun: false` sends it and answers 201 with GitHub's status and page, or 502 when GitHub
 * refused (422, 403, a rate limit) — recorded either way. Maintainers, admins, the KEP's shepherd.
 */
export const POST = withActor<{ project: string; number: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, WriteBackBody);
  const { input, config, options } = toWriteBack(params.project, params.number, body, today());
  if (body.dryRun) return { dryRun: true, ...(await planWriteBack(prisma, actor, input, options)) };
  const result = await sendWriteBack(prisma, actor, input, { ...options, config, note: body.note });
  return Response.json({ dryRun: false, ...result }, { status: result.ok ? 201 : 502, headers: { 'Cache-Control': 'no-store' } });
});
