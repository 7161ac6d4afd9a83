import { getAdherence } from '@shepherd/governance/planning/planning-queries';
import { publicJson } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  return publicJson(request, `adherence ${project}`, ({ prisma, today }) => getAdherence(prisma, project, today));
}
