import { checkUpgrade } from '@shepherd/governance/planning/planning-queries';
import { publicJson } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  const query = new URL(request.url).searchParams;
  const [from, to] = [query.get('from') ?? undefined, query.get('to') ?? undefined];
  return publicJson(request, `upgrade ${project} ${from} ${to}`, ({ prisma, today }) => checkUpgrade(prisma, project, today, from, to));
}
