import { invalidArgument, notFound, projectFeedResource, upcomingEolFeedResource } from '@shepherd/governance';
import { parseProjectList, preflight, publicError, publicOrigin, servePublic, Slug } from '@/lib/http';

export const dynamic = 'force-dynamic';

// /feeds/containerd.atom: releases and end-of-life events so far; /feeds/upcoming-eol.atom
// (?projects=a,b, all when omitted): end-of-life dates still ahead.
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const name = file.endsWith('.atom') ? file.slice(0, -5) : null;
  if (name === 'upcoming-eol') {
    const list = new URL(request.url).searchParams.get('projects');
    const projects = parseProjectList(list);
    if (!projects) return publicError(request, invalidArgument('projects must be a comma-separated list of project slugs'));
    const query = projects.length ? `?projects=${projects.join(',')}` : '';
    return servePublic(request, (context) =>
      upcomingEolFeedResource(context, projects, `${publicOrigin(request)}/feeds/upcoming-eol.atom${query}`),
    );
  }
  if (!name || !Slug.safeParse(name).success) return publicError(request, notFound(`No feed "${file}" (expected /feeds/<project>.atom or /feeds/upcoming-eol.atom)`));
  return servePublic(request, (context) => projectFeedResource(context, name));
}
export const HEAD = GET;
export const OPTIONS = preflight;
