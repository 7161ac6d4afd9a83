import { BADGE_STYLES, badgeResource, type BadgeStyle } from '@shepherd/governance';
import { CycleName, jsonError, preflight, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// /badges/containerd/2.2.svg (or .json, a shields.io endpoint) and /badges/containerd/supported.svg;
// ?style=flat|flat-square|plastic|for-the-badge for the SVG.
export async function GET(request: Request, { params }: { params: Promise<{ project: string; file: string }> }) {
  const { project, file } = await params;
  const match = /^(.+)\.(svg|json)$/.exec(file);
  if (!Slug.safeParse(project).success || !match || (match[1] !== 'supported' && !CycleName.safeParse(match[1]).success)) {
    return jsonError(request, 404, `No badge "${project}/${file}" (expected /badges/<project>/<cycle|supported>.svg or .json)`);
  }
  const [, subject, format] = match as unknown as [string, string, 'svg' | 'json'];
  const requested = new URL(request.url).searchParams.get('style') ?? 'flat';
  if (!(BADGE_STYLES as readonly string[]).includes(requested)) {
    return jsonError(request, 400, `style must be one of ${BADGE_STYLES.join(', ')}`, 'invalid_argument');
  }
  const style = requested as BadgeStyle;
  return servePublic(request, (context) => badgeResource(context, project, subject, format, style));
}
export const HEAD = GET;
export const OPTIONS = preflight;
