import { parseId } from '@shepherd/governance';
import { getQualificationLog } from '@shepherd/governance/qualification/index';
import { errorResponse } from '@/lib/errors';
import { prisma } from '@/lib/database';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** A qualification's steps and log, read live (never cached) by the qualification page. */
export async function GET(_request: Request, { params }: Params) {
  const { id } = await params;
  try {
    return Response.json(await getQualificationLog(await prisma(), parseId(id, 'id')), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}
