import { BADGE_STYLES, badgeResource, type BadgeStyle, invalidArgument, notFound, unknownBadgeResource } from '@shepherd/governance';
import { CycleName, preflight, publicError, respond, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// /badges/containerd/2.2.svg (or .json, a shields.io endpoint) and /badges/containerd/supported.svg;
// ?style=flat|flat-square|plastic|for-the-badge for the SVG.
export async function GET(request: Request, { params }: { params: Promise<{ project: string; file: string }> }) {
  const { project, file } = await params;
  const match = /^(.+)\.(svg|json)$/.exec(file);
  const requested = new URL(request.url).searchParams.get('style') ?? 'flat';
  if (!(BADGE_STYLES as readonly string[]).includes(requested)) {
    return publicError(request, invalidArgument(`style must be one of ${BADGE_STYLES.join(', ')}`));
  }
  const style = requested as BadgeStyle;
  if (!Slug.safeParse(project).success || !match || (match[1] !== 'supported' && !CycleName.safeParse(match[1]).success)) {
    // An image tag gets an image: the "unknown" badge, still with the 404 status.
    if (match?.[2] === 'svg') return respond(request, unknownBadgeResource(`${project} ${match[1]}`.slice(0, 80), style));
    return publicError(request, notFound(`No badge "${project}/${file}" (expected /badges/<project>/<cycle|supported>.svg or .json)`));
  }
  const [, subject, format] = match as unknown as [string, string, 'svg' | 'json'];
  return servePublic(request, (context) => badgeResource(context, project, subject, format, style));
}
export const HEAD = GET;
export const OPTIONS = preflight;
