import { timelineResource } from '@shepherd/governance';
import { jsonError, preflight, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// The release timeline with its "today" line, as an SVG to embed in a README.
export async function GET(request: Request, { params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  if (!Slug.safeParse(project).success) return jsonError(request, 404, `No project "${project}"`);
  return servePublic(request, (context) => timelineResource(context, project));
}
export const HEAD = GET;
export const OPTIONS = preflight;
