import { notFound, shepherdCycleResource } from '@shepherd/governance';
import { CycleName, preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ project: string; cycle: string }> }) {
  const { project, cycle } = await params;
  if (!Slug.safeParse(project).success) return publicError(request, notFound(`No project "${project}"`));
  if (!CycleName.safeParse(cycle).success) return publicError(request, notFound(`No release cycle "${cycle}" in ${project} (cycles look like "2.3")`));
  return servePublic(request, (context) => shepherdCycleResource(context, project, cycle));
}
export const HEAD = GET;
export const OPTIONS = preflight;
