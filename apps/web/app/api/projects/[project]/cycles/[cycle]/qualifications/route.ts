import { z } from 'zod';
import { qualifyNow } from '@shepherd/governance/qualification/index';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const QualifyBody = z.object({ tag: z.string().max(40).nullable().optional(), rerun: z.boolean().optional(), ref: z.string().max(200).nullable().optional() }).strict();

/**
 * "Qualify now": queues a known RC of the cycle (default: its newest known RC) for the qualification
 * worker; an unknown tag is refused (400) naming the cycle's known RCs, a cycle without any RC is
 * refused (412). `ref` builds that git tag, branch or commit instead of the working tree. Each RC
 * qualifies once; `rerun: true` asks for another attempt. Maintainers and the cycle's release owner.
 */
export const POST = withActor<{ project: string; cycle: string }>(async ({ request, actor, prisma, params }) => {
  const body = await parseBody(request, QualifyBody);
  const { qualification, created } = await qualifyNow(prisma, actor, { project: params.project, cycle: decodeURIComponent(params.cycle), tag: body.tag, rerun: body.rerun, ref: body.ref });
  return Response.json({ created, qualification }, { status: created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } });
});
