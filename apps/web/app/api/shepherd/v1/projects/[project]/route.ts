import { shepherdProjectResource } from '@shepherd/governance';
import { jsonError, preflight, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  if (!Slug.safeParse(project).success) return jsonError(request, 404, `No project "${project}"`);
  return servePublic(request, (context) => shepherdProjectResource(context, project));
}
export const HEAD = GET;
export const OPTIONS = preflight;
