import { invalidArgument } from '@shepherd/governance';
import { whatIfPolicies } from '@shepherd/governance/planning/planning-queries';
import { errorResponse } from '@/lib/api';
import { prisma } from '@/lib/database';
import { today } from '@/lib/today';

type Params = { params: Promise<{ project: string }> };

/** Previews the schedule candidate policies would give; nothing is saved, so anyone may ask. */
export async function POST(request: Request, { params }: Params) {
  const { project } = await params;
  try {
    const body = await request.json().catch(() => {
      throw invalidArgument('the request body must be JSON: { "policies": [ … ], "count"?: n }');
    });
    return Response.json(await whatIfPolicies(await prisma(), project, today(), body));
  } catch (error) {
    return errorResponse(error);
  }
}
