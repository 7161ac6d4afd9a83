import { generateReleasesMd } from '@shepherd/governance/planning/planning-queries';
import { publicText } from '@/lib/api';

type Params = { params: Promise<{ project: string }> };

/** The generated RELEASES.md block (release table, footnotes, Kubernetes table). */
export async function GET(request: Request, { params }: Params) {
  const { project } = await params;
  return publicText(request, `releases-md ${project}`, 'text/markdown; charset=utf-8', ({ prisma, today }) => generateReleasesMd(prisma, project, today));
}
