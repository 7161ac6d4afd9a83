import { getSchedule } from '@shepherd/governance/planning/planning-queries';
import { publicJson } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  const count = new URL(request.url).searchParams.get('count') ?? undefined;
  return publicJson(request, `schedule ${project} ${count}`, ({ prisma, today }) => getSchedule(prisma, project, today, count));
}
