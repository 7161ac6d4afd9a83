import { invalidArgument, notFound, timelineResource, TIMELINE_WIDTHS } from '@shepherd/governance';
import { preflight, publicError, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// The release timeline with its "today" line, as an SVG to embed in a README; ?width= (320–1600
// pixels, default 900) draws it for a narrower or wider place, such as a phone.
export async function GET(request: Request, { params }: { params: Promise<{ project: string }> }) {
  const { project } = await params;
  if (!Slug.safeParse(project).success) return publicError(request, notFound(`No project "${project}"`));
  const requested = new URL(request.url).searchParams.get('width');
  const width = requested === null ? undefined : Number(requested);
  if (width !== undefined && !(Number.isInteger(width) && width >= TIMELINE_WIDTHS.min && width <= TIMELINE_WIDTHS.max)) {
    return publicError(request, invalidArgument(`width: expected a whole number of pixels from ${TIMELINE_WIDTHS.min} to ${TIMELINE_WIDTHS.max}`, { field: 'width' }));
  }
  return servePublic(request, (context) => timelineResource(context, project, width));
}
export const HEAD = GET;
export const OPTIONS = preflight;
