import { queryKubernetesMatrix } from '@shepherd/governance/planning/planning-queries';
import { publicJson } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  const query = new URL(request.url).searchParams;
  const [kubernetes, runtime] = [query.get('kubernetes') ?? undefined, query.get('runtime') ?? undefined];
  return publicJson(request, `kubernetes ${project} ${kubernetes} ${runtime}`, ({ prisma, today }) => queryKubernetesMatrix(prisma, project, today, { kubernetes, runtime }));
}
