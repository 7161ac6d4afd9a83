import { shepherdCycleResource } from '@shepherd/governance';
import { CycleName, jsonError, preflight, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ project: string; cycle: string }> }) {
  const { project, cycle } = await params;
  if (!Slug.safeParse(project).success) return jsonError(request, 404, `No project "${project}"`);
  if (!CycleName.safeParse(cycle).success) return jsonError(request, 404, `No release cycle "${cycle}" in ${project} (cycles look like "2.3")`);
  return servePublic(request, (context) => shepherdCycleResource(context, project, cycle));
}
export const HEAD = GET;
export const OPTIONS = preflight;
