import { notFound, shepherdProjectResource } from '@shepherd/governance';
import { preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  if (!Slug.safeParse(project).success) return publicError(request, notFound(`No project "${project}"`));
  return servePublic(request, (context) => shepherdProjectResource(context, project));
}
export const HEAD = GET;
export const OPTIONS = preflight;
