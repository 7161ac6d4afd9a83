import { z } from 'zod';
import { overrideGaGate } from '@shepherd/governance/qualification/index';
import { parseBody, withActor } from '@/lib/authorize';

export const dynamic = 'force-dynamic';

const OverrideBody = z.object({ reason: z.string().max(2000) }).strict();

/** A maintainer's written decision to let GA go ahead while the latest RC is not green; audited. */
export const POST = withActor<{ project: string; cycle: string }>(
  async ({ request, actor, prisma, params }) => {
    const { reason } = await parseBody(request, OverrideBody);
    return overrideGaGate(prisma, actor, { project: params.project, cycle: decodeURIComponent(params.cycle), reason });
  },
  { status: 201 },
);
