import { whatIfPolicies } from '@shepherd/governance/planning/planning-queries';
import { errorResponse } from '@/lib/errors';
import { assertCleanParameters, readJson } from '@/lib/authorize';
import { prisma } from '@/lib/database';
import { clientAddress } from '@/lib/http';
import { whatIfLimiter } from '@/lib/public-limits';
import { today } from '@/lib/today';

type Params = { params: Promise<{ project: string }> };

/**
 * Previews the schedule candidate policies would give; nothing is saved, so anyone may ask —
 * within a body of 128 KiB and 30 previews a minute per client address.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    const { project } = await params;
    await whatIfLimiter().take(clientAddress(request.headers));
    assertCleanParameters(request, { project });
    const body = await readJson(request, { expected: 'JSON: { "policies": [ … ], "count"?: n }' });
    return Response.json(await whatIfPolicies(await prisma(), project, today(), body));
  } catch (error) {
    return errorResponse(error);
  }
}
