import { getDeprecations } from '@shepherd/governance/planning/planning-queries';
import { publicJson } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  return publicJson(request, `deprecations ${project}`, ({ prisma, today }) => getDeprecations(prisma, project, today));
}
