import { calendarResource, invalidArgument, notFound } from '@shepherd/governance';
import { parseProjectList, preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// /calendar/containerd.ics: one project; /calendar/combined.ics?projects=a,b: several (all when
// the list is omitted). Subscribe with webcal://<host>/calendar/containerd.ics.
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const name = file.endsWith('.ics') ? file.slice(0, -4) : null;
  if (name === 'combined') {
    const projects = parseProjectList(new URL(request.url).searchParams.get('projects'));
    if (!projects) return publicError(request, invalidArgument('projects must be a comma-separated list of project slugs'));
    return servePublic(request, (context) => calendarResource(context, projects));
  }
  if (!name || !Slug.safeParse(name).success) return publicError(request, notFound(`No calendar "${file}" (expected /calendar/<project>.ics)`));
  return servePublic(request, (context) => calendarResource(context, [name]));
}
export const HEAD = GET;
export const OPTIONS = preflight;
